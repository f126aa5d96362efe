import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResponse, MAX_TEXT_ANSWER } from '../src/index.ts';
import { scoredQuestionnaire as q, templateQuestionnaire } from './survey-fixtures.ts';

describe('checking a response', () => {
  it('trims, normalises and keeps answers to visible questions in questionnaire order', () => {
    expect(checkResponse(q, {
      y_kien: '  rất   tốt ', phi: ' 12,50 ', kenh: 'truc_tuyen,truc_tiep truc_tuyen', gate: ' co ', a: 'A', d: 'KB', f: '',
    })).toEqual({ answers: { gate: 'co', a: 'A', d: 'KB', kenh: 'truc_tiep truc_tuyen', phi: '12.5', y_kien: 'rất tốt' } });
  });

  it('keeps a text answer of up to 2 000 characters, in every channel; a longer one is named with the limit', () => {
    const base = { y_kien: '', phi: '12', kenh: 'truc_tiep', gate: 'co', a: 'A', d: 'KB' };
    expect(MAX_TEXT_ANSWER).toBe(2000);
    expect(checkResponse(q, { ...base, y_kien: 'ý'.repeat(2000) })).toMatchObject({ answers: { y_kien: 'ý'.repeat(2000) } });
    expect(checkResponse(q, { ...base, y_kien: 'ý'.repeat(2001) })).toEqual({ errors: [{ question: 'y_kien', message: expect.stringMatching(/dài quá 2000 ký tự$/) }] });
  });

  it('reads choice names regardless of case, written as the list spells them, before the skip logic sees them', () => {
    // "CO" opens the questions that follow "co"; "kb" is "KB"; a multiple choice in list order.
    expect(checkResponse(q, { gate: 'CO', a: 'a', d: 'kb', kenh: 'TRUC_TUYEN truc_Tiep', phi: '1' })).toEqual({
      answers: { gate: 'co', a: 'A', d: 'KB', kenh: 'truc_tiep truc_tuyen', phi: '1' },
    });
    expect(checkResponse(q, { gate: 'Khong' })).toEqual({ answers: { gate: 'khong' } });
    expect(checkResponse(q, { gate: 'co', a: 'e', kenh: 'truc_tiep', phi: '1' })).toMatchObject({ errors: [{ question: 'a', message: expect.stringContaining('“e” không phải là lựa chọn') }] });
  });

  it('drops answers to hidden questions and notes', () => {
    expect(checkResponse(q, { gate: 'khong', d: 'A', kenh: 'truc_tiep' })).toEqual({ answers: { gate: 'khong' } });
    expect(checkResponse(templateQuestionnaire, { gioi_thieu: 'x', da_giao_dich: 'khong' })).toEqual({ answers: { da_giao_dich: 'khong' } });
  });

  it('names each problem by question, in Vietnamese', () => {
    expect(checkResponse(q, { lạ: '1', a: 'E', e: 'A B', kenh: 'thu', phi: '1000,6', b: 'B' })).toEqual({
      errors: [
        { question: 'lạ', message: 'Phiếu không có câu hỏi “lạ”' },
        { question: 'gate', message: 'Câu “Có giao dịch?” bắt buộc trả lời' },
        { question: 'a', message: 'Câu “Câu a”: “E” không phải là lựa chọn của câu này (có: A, B, C, D, KB)' },
        { question: 'phi', message: 'Câu “Phí (nghìn đồng)”: phải từ 0 đến 1000,5' },
      ],
    });
    expect(checkResponse(q, { gate: 'co', e: 'A B', kenh: 'thu', phi: 'mười' })).toEqual({
      errors: [
        { question: 'e', message: 'Câu “Câu e”: “A B” không phải là lựa chọn của câu này (có: A, B, C, D, KB)' },
        { question: 'kenh', message: 'Câu “Kênh”: “thu” không phải là lựa chọn của câu này (có: truc_tiep, buu_chinh, truc_tuyen)' },
        { question: 'phi', message: 'Câu “Phí (nghìn đồng)”: “mười” không phải là số (ví dụ 0,75).' },
      ],
    });
    expect(checkResponse(templateQuestionnaire, { da_giao_dich: 'co', hai_long_thai_do: 'A', so_lan: '2,5' })).toEqual({
      errors: [{ question: 'so_lan', message: 'Câu “Số lần phải đi lại để hoàn thành hồ sơ”: “2,5” không phải là số nguyên' }],
    });
  });

  it('reads a typed count the Vietnamese way (1.000 is one thousand) and checks its bounds', () => {
    expect(checkResponse(templateQuestionnaire, { da_giao_dich: 'co', hai_long_thai_do: 'A', so_lan: '1.000' })).toEqual({
      errors: [{ question: 'so_lan', message: 'Câu “Số lần phải đi lại để hoàn thành hồ sơ”: phải từ 1 đến 20' }],
    });
  });

  it('is idempotent: checking its own output gives the same answers', () => {
    const pool: Record<string, readonly string[]> = {
      gate: ['co', 'khong', ' co ', ''], a: ['A', 'B', ' KB', '', 'Z'], b: ['C', 'D'], c: ['A', ''], d: ['A', 'KB'], e: ['B', ''],
      f: ['D'], kenh: ['truc_tiep', 'truc_tuyen truc_tiep', 'buu_chinh,buu_chinh', ''], phi: ['0', '12,5', '1.000', '7.50', '-1', ''],
      y_kien: ['  a  b ', 'x', ''],
    };
    const answers = fc.record(Object.fromEntries(Object.entries(pool).map(([k, v]) => [k, fc.constantFrom(...v)])), { requiredKeys: [] });
    fc.assert(fc.property(answers, (raw) => {
      const first = checkResponse(q, raw as Record<string, string>);
      if ('answers' in first) expect(checkResponse(q, first.answers)).toEqual(first);
    }), { numRuns: 500 });
  });
});
