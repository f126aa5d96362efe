import { describe, expect, it } from 'vitest';
import { type Issue, validateFramework } from '../src/index.ts';
import { bound, framework, group, leaf, manual, primerTiers, yesNo } from './helpers.ts';

const codes = (issues: Issue[]) => issues.map((i) => i.code);
const errors = (issues: Issue[]) => issues.filter((i) => i.severity === 'error');

const tiersRule = (tiers: unknown[]) => ({ ...primerTiers, tiers });

describe('validateFramework', () => {
  it('accepts a sound framework', () => {
    const f = framework([group('g', '1', '3', [leaf('a', '1.1', '2', primerTiers), leaf('b', '1.2', '1', yesNo('1'))])],
      {}, { agencies: [{ code: 'SNV', name: 'Sở Nội vụ' }] });
    expect(errors(validateFramework(f))).toEqual([]);
  });

  it("requires children's maxima to add up to the parent's, naming the node", () => {
    const f = framework([group('g', '3.2', '5', [leaf('a', '3.2.1', '2', yesNo('2')), leaf('b', '3.2.2', '2', yesNo('2'))])]);
    const [i] = errors(validateFramework(f));
    expect(i!.code).toBe('children_sum');
    expect(i!.nodeCode).toBe('3.2');
    expect(i!.message).toBe('Tiêu chí 3.2: tổng điểm tối đa các tiêu chí con (4) khác điểm tối đa (5)');
  });

  it('finds duplicate keys and codes', () => {
    const f = framework([leaf('a', '1', '1', yesNo('1')), leaf('a', '1', '1', yesNo('1'))]);
    expect(codes(validateFramework(f))).toEqual(expect.arrayContaining(['duplicate_key', 'duplicate_code']));
  });

  it('finds a gap between tiers', () => {
    const f = framework([leaf('t', '1', '2', tiersRule([
      { lower: bound('90', true), upper: null, points: '2' },
      { lower: bound('70', true), upper: bound('90', false), points: '1' },
      { lower: null, upper: bound('70', false), points: '0' },
    ]))]);
    expect(errors(validateFramework(f))).toEqual([]);
    const gap = framework([leaf('t', '1', '2', tiersRule([
      { lower: bound('90', false), upper: null, points: '2' },
      { lower: bound('70', true), upper: bound('90', false), points: '1' }, // 90 itself is uncovered
      { lower: null, upper: bound('70', false), points: '0' },
    ]))]);
    const [i] = errors(validateFramework(gap));
    expect(i!.code).toBe('tiers_gap');
    expect(i!.message).toContain('90%');
  });

  it('finds overlapping tiers, also on a shared inclusive edge', () => {
    const f = framework([leaf('t', '1', '2', tiersRule([
      { lower: bound('90', true), upper: null, points: '2' },
      { lower: bound('70', true), upper: bound('90', true), points: '1' },
      { lower: null, upper: bound('70', false), points: '0' },
    ]))]);
    const [i] = errors(validateFramework(f));
    expect(i!.code).toBe('tiers_overlap');
    expect(i!.message).toContain('90%');
  });

  it('finds tiers that leave the low end uncovered', () => {
    const f = framework([leaf('t', '1', '2', tiersRule([{ lower: bound('50', true), upper: null, points: '2' }]))]);
    expect(codes(validateFramework(f))).toContain('tiers_gap');
  });

  it('checks choice points, manual step, deduction floor, bonus cap', () => {
    const f = framework([
      leaf('c', '1', '1', { type: 'choice', options: [{ key: 'a', label: 'A', points: '1.5' }, { key: 'b', label: 'B', points: '0' }] }),
      leaf('m', '2', '1', manual('1', '0.3')),
      leaf('d', '3', '2', { type: 'deduction', start: '2', perOccurrence: '0.5', floor: '3', occurrenceLabel: 'x' }),
      leaf('b', '4', '2', { type: 'bonus', mode: 'fixed', points: '1', cap: '1' }),
    ]);
    expect(codes(errors(validateFramework(f)))).toEqual(['rule_exceeds_max', 'manual_step_divides', 'deduction_floor', 'bonus_cap']);
  });

  it('checks that the source matches the rule', () => {
    const f = framework([leaf('s', '1', '1', { type: 'survey' }, { source: 'self_assessment' })]);
    expect(codes(validateFramework(f))).toContain('source_rule_mismatch');
  });

  it('checks bands are ordered and agencies known', () => {
    const f = framework([leaf('a', '1', '1', yesNo('1'), { appraisingAgency: 'XYZ' })], {
      classification: { bands: [{ key: 'a', label: 'Tốt', minPercent: '80' }, { key: 'b', label: 'Xuất sắc', minPercent: '90' }] },
    }, { agencies: [{ code: 'SNV', name: 'Sở Nội vụ' }] });
    expect(codes(validateFramework(f))).toEqual(expect.arrayContaining(['unknown_agency', 'bands_order', 'bands_lowest_not_zero']));
  });

  it('does not count bonus leaves in the parent sum', () => {
    const f = framework([group('g', '1', '1', [
      leaf('a', '1.1', '1', yesNo('1')),
      leaf('b', '1.2', '2', { type: 'bonus', mode: 'fixed', points: '2', cap: '2' }),
    ])]);
    expect(errors(validateFramework(f))).toEqual([]);
  });
});
