// Vietnamese display formats, diacritics-insensitive search, and what a typed draft sends.
import { describe, expect, it } from 'vitest';
import { parseFramework } from '@chiso/core';
import { changeSign, formatChange, formatCountChange, formatDate, formatDateTime, formatDecimal, formatInteger, formatNumber, formatRankArrow, todayIso } from '../src/format';
import { foldVietnamese, matchesQuery } from '../src/lib/text';
import { draftInput, type Draft } from '../src/pages/assessment/model';

describe('Vietnamese formats', () => {
  it('writes numbers with a decimal comma and dots between thousands', () => {
    expect(formatNumber(73.789)).toBe('73,79');
    expect(formatNumber(0.5, 2)).toBe('0,50');
    expect(formatInteger(3321)).toBe('3.321');
    expect(formatNumber(null)).toBe('—');
  });

  it('writes dates as dd/MM/yyyy in Asia/Ho_Chi_Minh', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    // 17:30 UTC on 14 November is already 15 November in Hà Nội (UTC+7).
    expect(formatDate('2025-11-14T17:30:00Z')).toBe('15/11/2025');
    expect(formatDateTime('2025-11-14T17:30:00Z')).toBe('15/11/2025 00:30');
    expect(todayIso(new Date('2025-12-31T18:00:00Z'))).toBe('2026-01-01');
  });
});

describe('search', () => {
  it('finds Vietnamese names typed without diacritics', () => {
    expect(foldVietnamese('  Ủy ban nhân dân   tỉnh Lạng Sơn ')).toBe('uy ban nhan dan tinh lang son');
    expect(matchesQuery('Sở Tài nguyên và Môi trường', foldVietnamese('tai nguyen'))).toBe(true);
    expect(matchesQuery('Đồng Đăng', foldVietnamese('dong dang'))).toBe(true);
    expect(matchesQuery('Sở Y tế', foldVietnamese('giao duc'))).toBe(false);
  });
});

describe('what a draft sends', () => {
  const parsed = parseFramework({
    formatVersion: 1, id: 't', name: 'Thử', year: 2025, unitLevel: 'department', agencies: [{ code: 'SNV', name: 'Sở Nội vụ' }],
    nodes: [{
      key: 'f', code: '1', name: 'Lĩnh vực', maxPoints: '3', appraisingAgency: 'SNV',
      children: [
        { key: 'rate', code: '1.1', name: 'Tỷ lệ', maxPoints: '2', source: 'self_assessment', rule: { type: 'proportional', numeratorLabel: 'Đã làm', denominatorLabel: 'Phải làm', zeroDenominator: 'full_points' } },
        { key: 'manual', code: '1.2', name: 'Tự chấm', maxPoints: '1', source: 'self_assessment', rule: { type: 'manual', min: '0', max: '1', step: '0.25' } },
      ],
    }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  const [rate, manual] = parsed.framework.nodes[0]!.children;
  const typed = (form: Draft['form'], extra: Partial<Draft> = {}): Draft => ({ form, notApplicable: false, naReason: '', explanation: '', evidenceIds: [], ...extra });

  it('sends decimals typed with a comma in canonical form', () => {
    expect(draftInput(manual!, typed({ points: '0,75' }))).toEqual({ ok: true, input: { kind: 'manual', points: '0.75' } });
    expect(draftInput(rate!, typed({ numerator: '8', denominator: '10' }))).toEqual({ ok: true, input: { kind: 'rate', numerator: '8', denominator: '10' } });
  });

  it('holds what cannot be an input yet instead of sending an empty one', () => {
    expect(draftInput(rate!, typed({ numerator: '8' }))).toEqual({ ok: false, problem: 'incomplete' });
    expect(draftInput(manual!, typed({ points: 'tám' }))).toEqual({ ok: false, problem: 'number' });
    expect(draftInput(manual!, typed({}, { notApplicable: true, naReason: '  ' }))).toEqual({ ok: false, problem: 'naReason' });
    expect(draftInput(manual!, typed({}, { notApplicable: true, naReason: 'Không có đơn vị trực thuộc' })))
      .toEqual({ ok: true, input: { kind: 'not_applicable', reason: 'Không có đơn vị trực thuộc' } });
  });
});

describe('formatDecimal', () => {
  it('shows exact decimal strings with their published decimals, grouped, and a dash for none', () => {
    expect(formatDecimal('73.79')).toBe('73,79');
    expect(formatDecimal('1234.50')).toBe('1.234,50');
    expect(formatDecimal('1234.50', { group: false })).toBe('1234,50');
    expect(formatDecimal(null)).toBe('—');
  });
});

describe('changes', () => {
  it('signs a rise and a fall, and shows no change as neutral', () => {
    expect(formatChange('2.5')).toBe('+2,50');
    expect(formatChange('-7.21')).toBe('\u22127,21');
    expect(formatChange('0.00')).toBe('0,00');
    expect(formatChange('-0.00')).toBe('0,00');
    expect(formatChange(null)).toBe('—');
    expect([changeSign('0.00'), changeSign('-0.01'), changeSign('3'), changeSign(0), changeSign(-2)]).toEqual([0, -1, 1, 0, -1]);
    expect([formatCountChange(5), formatCountChange(-2), formatCountChange(0)]).toEqual(['+5', '\u22122', '0']);
    expect([formatRankArrow(2), formatRankArrow(-3), formatRankArrow(0)]).toEqual(['↑2', '↓3', '=']);
  });
});
