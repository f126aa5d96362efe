import { describe, expect, it } from 'vitest';
import { parseFramework, type FrameworkNode } from '@chiso/core';
import { type Draft, draftInput, liveLeaf } from '../src/pages/assessment/model';
import { canonicalDecimal, checkTypedPoints, decimalProblem, type Doc, type DocNode } from '../src/pages/frameworks/model';

// What an official types ("1.237", "8,75") becomes the same thing in the browser's preview as
// on the server: one core reader, and the leaf's rule decides what is a value.
const rate = { type: 'proportional', numeratorLabel: 'Số hồ sơ đúng hạn', denominatorLabel: 'Tổng số hồ sơ', zeroDenominator: 'not_applicable' };
const deduction = { type: 'deduction', start: '2', perOccurrence: '0.5', floor: '0', occurrenceLabel: 'Số lần chậm' };
const manual = { type: 'manual', min: '0', max: '10', step: '0.5' };
const nodes: DocNode[] = [
  { key: 'r', code: '1', name: 'Tỷ lệ hồ sơ đúng hạn', maxPoints: '2', rule: rate as never },
  { key: 'd', code: '2', name: 'Chậm báo cáo', maxPoints: '2', rule: deduction as never },
  { key: 'm', code: '3', name: 'Chấm trực tiếp', maxPoints: '10', rule: manual as never },
];
const doc: Doc = { formatVersion: 1, id: 'num', name: 'Số', nodes };
const parsed = parseFramework({ ...doc, nodes: nodes.map((n) => ({ ...n, source: 'self_assessment' })) });
if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
const fw = parsed.framework;
const node = (key: string): FrameworkNode => fw.nodes.find((n) => n.key === key)!;
const draft = (form: Draft['form']): Draft => ({ form, notApplicable: false, naReason: '', explanation: '', evidenceIds: [] });

describe('typed numbers in the self-assessment', () => {
  it('reads "1.237" as 1237 in a rate and as a count', () => {
    expect(draftInput(node('r'), draft({ numerator: '1.237', denominator: '1.300' })))
      .toEqual({ ok: true, input: { kind: 'rate', numerator: '1237', denominator: '1300' } });
    expect(draftInput(node('d'), draft({ occurrences: '1.237' }))).toEqual({ ok: true, input: { kind: 'count', occurrences: 1237 } });
    expect(canonicalDecimal('1.237', 'count')).toBe('1237');
  });

  it('holds a count that is not whole, and points that are ambiguous', () => {
    expect(draftInput(node('d'), draft({ occurrences: '1,5' }))).toEqual({ ok: false, problem: 'count' });
    expect(draftInput(node('m'), draft({ points: '1.250' }))).toEqual({ ok: false, problem: 'number' });
    expect(decimalProblem('1.250', 'points')).toMatch(/không rõ/);
    expect(decimalProblem('1,5', 'count')).toMatch(/số nguyên/);
    expect(decimalProblem('', 'count')).toBeNull();
  });

  it('holds an off-step value (8,75 where the step is 0,5): never sent, the reason shown', () => {
    expect(draftInput(node('m'), draft({ points: '8,75' }))).toEqual({ ok: false, problem: 'invalid' });
    const ev = liveLeaf(fw, node('m'), draft({ points: '8,75' }));
    expect(ev?.status).toBe('invalid');
    expect(ev?.explanation).toMatch(/bước 0,5/);
    expect(draftInput(node('m'), draft({ points: '8,5' }))).toEqual({ ok: true, input: { kind: 'manual', points: '8.5' } });
  });
});

describe('points typed by an appraiser', () => {
  it('are checked as the server checks them', () => {
    const m = nodes[2]!;
    expect(checkTypedPoints(doc, m, '8,5')).toEqual({ ok: true, points: 8500 });
    const off = checkTypedPoints(doc, m, '8,75');
    expect(off.ok).toBe(false);
    expect(!off.ok && off.message).toMatch(/không phải mức điểm/);
    expect(checkTypedPoints(doc, m, '11').ok).toBe(false);
    expect(checkTypedPoints(doc, m, '1.250').ok).toBe(false);
    // The deduction gives 2, 1,5, 1, 0,5, 0 only.
    expect(checkTypedPoints(doc, nodes[1]!, '1,5').ok).toBe(true);
    expect(checkTypedPoints(doc, nodes[1]!, '1,25').ok).toBe(false);
  });
});
