import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type FrameworkNode, type NodeInput, points, scoreLeaf } from '../src/index.ts';
import { bound, framework, leaf, manual, primerTiers, yesNo } from './helpers.ts';

const rounding = DEFAULT_SETTINGS.rounding;

function node(max: string, rule: Record<string, unknown>): FrameworkNode {
  return framework([leaf('k', '1', max, rule)]).nodes[0]!;
}

const rate = (numerator: string | number, denominator: string | number): NodeInput => ({ kind: 'rate', numerator, denominator });

describe('choice of levels', () => {
  const n = node('1', {
    type: 'choice',
    options: [
      { key: 'on-time', label: 'Kịp thời', points: '1' },
      { key: 'late', label: 'Không kịp thời', points: '0.5' },
      { key: 'none', label: 'Không ban hành', points: '0' },
    ],
  });
  it('gives the chosen level its points', () => {
    expect(scoreLeaf(n, { kind: 'choice', option: 'late' }, rounding).points).toBe(points('0,5'));
    expect(scoreLeaf(n, { kind: 'choice', option: 'on-time' }, rounding).explanation).toContain('Kịp thời');
  });
  it('reports an unknown option as invalid with 0 points', () => {
    const r = scoreLeaf(n, { kind: 'choice', option: 'x' }, rounding);
    expect(r.status).toBe('invalid');
    expect(r.points).toBe(0);
    expect(r.issues[0]?.code).toBe('unknown_option');
  });
});

describe('yes / no', () => {
  const n = node('1', yesNo('1'));
  it('scores yes and no', () => {
    expect(scoreLeaf(n, { kind: 'yes_no', value: true }, rounding).points).toBe(points(1));
    expect(scoreLeaf(n, { kind: 'yes_no', value: false }, rounding).points).toBe(0);
  });
  it('treats no input as missing and wrong input as invalid', () => {
    expect(scoreLeaf(n, undefined, rounding).status).toBe('missing');
    expect(scoreLeaf(n, { kind: 'count', occurrences: 1 }, rounding).issues[0]?.code).toBe('input_kind');
  });
});

describe('tiers on a rate', () => {
  const n = node('2', primerTiers);
  it('at exactly 90 % gives 1 (upper bound inclusive, next tier exclusive)', () => {
    const r = scoreLeaf(n, rate(90, 100), rounding);
    expect(r.points).toBe(points(1));
    expect(r.tierIndex).toBe(1);
  });
  it('compares exactly: 9/10 is on the edge, 900001/1000000 is above it', () => {
    expect(scoreLeaf(n, rate(9, 10), rounding).points).toBe(points(1));
    expect(scoreLeaf(n, rate('900001', '1000000'), rounding).points).toBe(points(2));
  });
  it('at exactly 70 % gives 1 (lower bound inclusive); just below gives 0', () => {
    expect(scoreLeaf(n, rate(70, 100), rounding).points).toBe(points(1));
    expect(scoreLeaf(n, rate('69.999', 100), rounding).points).toBe(0);
  });
  it('handles a rate that cannot be a terminating decimal (2/3 = 66,67 %)', () => {
    expect(scoreLeaf(n, rate(2, 3), rounding).points).toBe(0);
  });
  it('flips with an inclusive upper bound on the top tier edge', () => {
    const n2 = node('2', { ...primerTiers, tiers: [
      { lower: bound('90', true), upper: null, points: '2' },
      { lower: bound('70', true), upper: bound('90', false), points: '1' },
      { lower: null, upper: bound('70', false), points: '0' },
    ] });
    expect(scoreLeaf(n2, rate(90, 100), rounding).points).toBe(points(2));
  });
  it('applies the declared zero-denominator behaviour', () => {
    expect(scoreLeaf(n, rate(0, 0), rounding).status).toBe('not_applicable');
    const full = node('2', { ...primerTiers, zeroDenominator: 'full_points' });
    expect(scoreLeaf(full, rate(0, 0), rounding).points).toBe(points(2));
    const zero = node('2', { ...primerTiers, zeroDenominator: 'zero_points' });
    expect(scoreLeaf(zero, rate(0, 0), rounding).points).toBe(0);
  });
  it('rejects negative inputs', () => {
    expect(scoreLeaf(n, rate(-1, 10), rounding).status).toBe('invalid');
  });
});

describe('proportional', () => {
  const n = node('3', { type: 'proportional', numeratorLabel: 'đã làm', denominatorLabel: 'phải làm', zeroDenominator: 'not_applicable' });
  it('gives max × done ÷ required exactly when nothing declares a rounding', () => {
    expect(scoreLeaf(n, rate(1, 2), rounding).points).toBe(points('1.5'));
    const third = scoreLeaf(n, rate(7, 9), rounding); // 2,333…
    expect(third.exact).toEqual({ num: 7n, den: 3n });
    expect(third.points).toBe(points('2.333'));
    expect(third.explanation).toContain('7/3 ≈ 2,333');
    // 45 of 50 files × 0,75 points = 0,675 exactly (no rounding to 2 decimals).
    const files = scoreLeaf(node('0.75', { type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points' }), rate(45, 50), rounding);
    expect(files.exact).toEqual({ num: 27n, den: 40n });
    expect(files.explanation).toContain('= 0,675 điểm');
  });
  it("rounds half-up where the framework's pointsDecimals or the rule's own rounding says", () => {
    const old = { ...rounding, pointsDecimals: 2 };
    expect(scoreLeaf(n, rate(7, 9), old).points).toBe(points('2.33'));
    expect(scoreLeaf(n, rate(5, 9), old).exact).toEqual({ num: 167n, den: 100n }); // 1,666… → 1,67
    const own = node('3', { type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'not_applicable', rounding: { decimals: 1 } });
    // The rule's declaration wins over the framework's default.
    expect(scoreLeaf(own, rate(5, 9), old).exact).toEqual({ num: 17n, den: 10n });
    expect(scoreLeaf(own, rate(5, 9), old).explanation).toContain('làm tròn 1 chữ số thập phân');
  });
  it('caps at the maximum when done exceeds required', () => {
    const r = scoreLeaf(n, rate(12, 10), rounding);
    expect(r.points).toBe(points(3));
    expect(r.capped).toBe(true);
  });
  it('accepts Vietnamese decimal inputs', () => {
    expect(scoreLeaf(n, rate('1,5', '3'), rounding).points).toBe(points('1.5'));
  });
});

describe('manual within bounds', () => {
  const n = node('2', manual('2', '0.25'));
  it('accepts values on the step', () => {
    expect(scoreLeaf(n, { kind: 'manual', points: '1,75' }, rounding).points).toBe(points('1.75'));
    expect(scoreLeaf(n, { kind: 'manual', points: '2' }, rounding).points).toBe(points(2));
  });
  it('rejects values off the step or out of bounds', () => {
    expect(scoreLeaf(n, { kind: 'manual', points: '1.3' }, rounding).issues[0]?.code).toBe('manual_step');
    expect(scoreLeaf(n, { kind: 'manual', points: '2.25' }, rounding).issues[0]?.code).toBe('manual_out_of_bounds');
    expect(scoreLeaf(n, { kind: 'manual', points: '-0.25' }, rounding).status).toBe('invalid');
  });
});

describe('deduction', () => {
  const n = node('2', { type: 'deduction', start: '2', perOccurrence: '0.5', floor: '0', occurrenceLabel: 'số CBCCVC bị kỷ luật' });
  it('deducts per occurrence and stops at the floor', () => {
    expect(scoreLeaf(n, { kind: 'count', occurrences: 0 }, rounding).points).toBe(points(2));
    expect(scoreLeaf(n, { kind: 'count', occurrences: 3 }, rounding).points).toBe(points('0.5'));
    expect(scoreLeaf(n, { kind: 'count', occurrences: 4 }, rounding).points).toBe(0);
    expect(scoreLeaf(n, { kind: 'count', occurrences: 9 }, rounding).points).toBe(0);
  });
  it('rejects fractional or negative counts', () => {
    expect(scoreLeaf(n, { kind: 'count', occurrences: 1.5 }, rounding).status).toBe('invalid');
    expect(scoreLeaf(n, { kind: 'count', occurrences: -1 }, rounding).status).toBe('invalid');
  });
});

describe('bonus', () => {
  it('fixed: points when awarded', () => {
    const n = node('1', { type: 'bonus', mode: 'fixed', points: '1', cap: '1' });
    expect(scoreLeaf(n, { kind: 'awarded', value: true }, rounding).points).toBe(points(1));
    expect(scoreLeaf(n, { kind: 'awarded', value: false }, rounding).points).toBe(0);
  });
  it('per occurrence: capped', () => {
    const n = node('2', { type: 'bonus', mode: 'per_occurrence', points: '0.5', cap: '2', occurrenceLabel: 'sáng kiến' });
    expect(scoreLeaf(n, { kind: 'count', occurrences: 3 }, rounding).points).toBe(points('1.5'));
    const capped = scoreLeaf(n, { kind: 'count', occurrences: 7 }, rounding);
    expect(capped.points).toBe(points(2));
    expect(capped.capped).toBe(true);
  });
});

describe('survey and data feed', () => {
  it('survey: takes supplied points exactly, rounds only where declared, caps at max', () => {
    const n = node('4', { type: 'survey' });
    expect(scoreLeaf(n, { kind: 'survey', points: '2,4' }, rounding).points).toBe(points('2.4'));
    expect(scoreLeaf(n, { kind: 'survey', points: '3,1875' }, rounding).exact).toEqual({ num: 51n, den: 16n });
    expect(scoreLeaf(n, { kind: 'survey', points: { num: 8n, den: 3n } }, rounding).exact).toEqual({ num: 8n, den: 3n });
    expect(scoreLeaf(n, { kind: 'survey', points: { num: 8n, den: 3n } }, { ...rounding, pointsDecimals: 2 }).points).toBe(points('2.67'));
    const own = node('4', { type: 'survey', rounding: { decimals: 2 } });
    const rounded = scoreLeaf(own, { kind: 'survey', points: '3,1875' }, rounding);
    expect(rounded.exact).toEqual({ num: 319n, den: 100n });
    expect(rounded.explanation).toContain('3,1875 làm tròn 2 chữ số thập phân');
    expect(scoreLeaf(n, { kind: 'survey', points: '4.5' }, rounding).points).toBe(points(4));
  });
  it('data feed scored by tiers and proportionally', () => {
    const tiers = node('2', { type: 'data_feed', feed: 'one-stop.on-time', numeratorLabel: 'đúng hạn', denominatorLabel: 'tổng',
      zeroDenominator: 'not_applicable', scoring: { kind: 'tiers', tiers: (primerTiers as { tiers: unknown }).tiers } });
    expect(scoreLeaf(tiers, rate(95, 100), rounding).points).toBe(points(2));
    expect(scoreLeaf(tiers, rate(90, 100), rounding).points).toBe(points(1));
    const prop = node('2', { type: 'data_feed', feed: 'digitisation', numeratorLabel: 'số hóa', denominatorLabel: 'tổng',
      zeroDenominator: 'zero_points', scoring: { kind: 'proportional' } });
    expect(scoreLeaf(prop, rate(86, 100), rounding).points).toBe(points('1.72'));
    expect(scoreLeaf(prop, rate(0, 0), rounding).points).toBe(0);
  });
});

describe('points set directly (appraisal, council)', () => {
  const n = node('2', { type: 'deduction', start: '2', perOccurrence: '0.5', floor: '0', occurrenceLabel: 'lần' });
  it('overrides the rule within [0, max] and keeps the reason in the explanation', () => {
    const r = scoreLeaf(n, { kind: 'points', points: '1,25', reason: 'Hội đồng thẩm định' }, rounding);
    expect(r.points).toBe(points('1.25'));
    expect(r.explanation).toBe('Điểm được xác định 1,25 (Hội đồng thẩm định)');
  });
  it('rejects points above the maximum or with more than 3 decimals', () => {
    expect(scoreLeaf(n, { kind: 'points', points: '2.5' }, rounding).issues[0]?.code).toBe('points_out_of_bounds');
    expect(scoreLeaf(n, { kind: 'points', points: '0.0005' }, rounding).status).toBe('invalid');
  });
  it('works for a bonus leaf up to its cap', () => {
    const b = node('2', { type: 'bonus', mode: 'per_occurrence', points: '1', cap: '2', occurrenceLabel: 'x' });
    expect(scoreLeaf(b, { kind: 'points', points: '1.5' }, rounding).points).toBe(points('1.5'));
  });
});
