import { describe, expect, it } from 'vitest';
import { type SelfEntries, blocksSubmission, checkSubmission } from '../../src/index.ts';
import { fw } from './fixtures.ts';

const complete: SelfEntries = {
  c11: { input: { kind: 'choice', option: 'on_time' }, evidence: [{ id: 'qd-12' }] },
  c12: { input: { kind: 'rate', numerator: 95, denominator: 100 }, evidence: [{ id: 'bc-1' }] },
  c13: { input: { kind: 'manual', points: '5,5' }, evidence: [{ id: 'bc-2' }] },
  c21: { input: { kind: 'rate', numerator: 45, denominator: 50 }, evidence: [{ id: 'tk-1' }] },
  c22: { input: { kind: 'not_applicable', reason: 'Không có TTHC' } },
  c23: { input: { kind: 'count', occurrences: 1 }, evidence: [{ id: 'qd-kl' }] },
};

describe('checks before submission', () => {
  it('finds nothing in a complete self-assessment', () => {
    expect(checkSubmission(fw, {}, complete)).toEqual([]);
  });

  it('lists every problem by node code, in document order', () => {
    const issues = checkSubmission(fw, {}, {
      ...complete,
      c11: { input: { kind: 'choice', option: 'on_time' } },
      c12: { input: { kind: 'rate', numerator: 'abc', denominator: 100 } },
      c13: undefined,
      c21: { input: { kind: 'rate', numerator: 45, denominator: 50 }, explanation: 'Hệ thống chưa xuất báo cáo' },
      c22: { input: { kind: 'not_applicable', reason: '' } },
      c23: { input: { kind: 'count', occurrences: 6 } },
      zz: { input: { kind: 'yes_no', value: true } },
    });
    expect(issues.map((i) => [i.code, i.nodeCode, i.message])).toEqual([
      ['evidence_missing', '1.1', 'Tiêu chí 1.1: có điểm nhưng chưa có tài liệu kiểm chứng'],
      ['input_not_number', '1.2', 'Tiêu chí 1.2: tử số và mẫu số phải là số'],
      ['missing_input', '1.3', 'Tiêu chí 1.3: chưa chấm điểm'],
      ['evidence_missing', '2.1', 'Tiêu chí 2.1: có điểm nhưng chưa có tài liệu kiểm chứng (Báo cáo thống kê từ Hệ thống thông tin giải quyết TTHC)'],
      ['na_reason_missing', '2.2', 'Tiêu chí 2.2: cần nêu lý do không áp dụng'],
      ['unknown_node', undefined, 'Mục "zz" không thuộc bộ tiêu chí'],
    ]);
    // 2.3 scores 0 after 6 deductions: nothing to prove.
    expect(blocksSubmission(issues)).toBe(true);
  });

  it('asks for an explanation where evidence is missing, when evidence is not compulsory', () => {
    const policy = { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: true };
    const entries = { ...complete, c11: { input: complete.c11!.input! }, c13: { input: complete.c13!.input!, explanation: 'Chưa số hoá' } };
    expect(checkSubmission(fw, {}, entries, policy).map((i) => [i.code, i.nodeCode])).toEqual([['explanation_missing', '1.1']]);
    expect(checkSubmission(fw, {}, entries, { ...policy, explanationRequiredWithoutEvidence: false })).toEqual([]);
  });

  it('requires evidence only where the framework expects some, if so configured', () => {
    const entries = { ...complete, c11: { input: complete.c11!.input! }, c21: { input: complete.c21!.input! } };
    const issues = checkSubmission(fw, {}, entries, { evidenceRequiredForPoints: true, explanationRequiredWithoutEvidence: true, evidenceScope: 'where_expected' });
    expect(issues.map((i) => [i.code, i.nodeCode])).toEqual([['explanation_missing', '1.1'], ['evidence_missing', '2.1']]);
  });

  it('refuses a not-applicable claim where the framework allows none', () => {
    const issues = checkSubmission(fw, {}, { ...complete, c11: { input: { kind: 'not_applicable', reason: 'x' } } });
    expect(issues.map((i) => [i.code, i.nodeCode])).toEqual([['na_not_allowed', '1.1']]);
  });
});
