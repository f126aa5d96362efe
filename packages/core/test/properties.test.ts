import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Framework, type NodeInput, type UnitInputs, compareRational, formatPoints, leaves, parsePoints, points,
  pointsFromThousandths, pointsToString, rankUnits, rankingComparator,
  scoreLeaf, scoreUnit, sumPoints,
} from '../src/index.ts';
import { framework, group, leaf, primerTiers } from './helpers.ts';

/**
 * A framework using every normal rule type, two fields, each leaf allowed to be declared
 * not applicable. Inputs are generated per rule.
 */
const fw: Framework = framework([
  group('f1', '1', '10', [
    leaf('choice', '1.1', '1', { type: 'choice', options: [
      { key: 'a', label: 'A', points: '1' }, { key: 'b', label: 'B', points: '0.5' }, { key: 'c', label: 'C', points: '0' }] }),
    leaf('tiers', '1.2', '2', primerTiers),
    leaf('prop', '1.3', '3', { type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'full_points' }),
    leaf('manual', '1.4', '2', { type: 'manual', min: '0', max: '2', step: '0.25' }),
    leaf('ded', '1.5', '2', { type: 'deduction', start: '2', perOccurrence: '0.5', floor: '0', occurrenceLabel: 'lần' }),
  ].map((n) => ({ ...n, applicability: { mayDeclareNotApplicable: true } }))),
  group('f2', '2', '5', [
    leaf('yn', '2.1', '2', { type: 'yes_no', yesPoints: '2', noPoints: '0' }),
    leaf('survey', '2.2', '3', { type: 'survey' }),
  ].map((n) => ({ ...n, applicability: { mayDeclareNotApplicable: true } }))),
]);

const arbRate = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }))
  .map(([n, d]): NodeInput => ({ kind: 'rate', numerator: n, denominator: d }));

const arbByKey: Record<string, fc.Arbitrary<NodeInput>> = {
  choice: fc.constantFrom('a', 'b', 'c').map((option): NodeInput => ({ kind: 'choice', option })),
  tiers: arbRate,
  prop: arbRate,
  manual: fc.integer({ min: 0, max: 8 }).map((q): NodeInput => ({ kind: 'manual', points: (q / 4).toString() })),
  ded: fc.integer({ min: 0, max: 10 }).map((occurrences): NodeInput => ({ kind: 'count', occurrences })),
  yn: fc.boolean().map((value): NodeInput => ({ kind: 'yes_no', value })),
  survey: fc.integer({ min: 0, max: 3000 }).map((t): NodeInput => ({ kind: 'survey', points: (t / 1000).toString() })),
};

const arbInputs: fc.Arbitrary<UnitInputs> = fc.record(
  Object.fromEntries(Object.entries(arbByKey).map(([k, a]) => [k, fc.option(
    fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant<NodeInput>({ kind: 'not_applicable', reason: 'lý do' }) }),
    { nil: undefined })])),
);

describe('properties', () => {
  it('index stays within [0, 100] without bonus', () => {
    fc.assert(fc.property(arbInputs, (inputs) => {
      const s = scoreUnit(fw, {}, inputs);
      if (s.baseIndex === null) return s.applicableMax === 0;
      return compareRational(s.baseIndex, { num: 0n, den: 1n }) >= 0 && compareRational(s.baseIndex, { num: 100n, den: 1n }) <= 0;
    }));
  });

  it("declaring a criterion not applicable never changes other criteria's points", () => {
    const keys = Object.keys(arbByKey);
    fc.assert(fc.property(arbInputs, fc.constantFrom(...keys), (inputs, naKey) => {
      const before = scoreUnit(fw, {}, inputs);
      const after = scoreUnit(fw, {}, { ...inputs, [naKey]: { kind: 'not_applicable', reason: 'r' } });
      expect(after.nodes.get(naKey)!.applicable).toBe(false);
      for (const k of keys) {
        if (k === naKey) continue;
        expect(after.nodes.get(k)!.achieved).toBe(before.nodes.get(k)!.achieved);
        expect(after.nodes.get(k)!.applicableMax).toBe(before.nodes.get(k)!.applicableMax);
      }
    }));
  });

  it('more achievement never lowers points', () => {
    const node = (k: string) => leaves(fw).find((n) => n.key === k)!;
    const r = fw.settings.rounding;
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 50 }), (d, n, extra) => {
      for (const k of ['tiers', 'prop']) {
        const lo = scoreLeaf(node(k), { kind: 'rate', numerator: n, denominator: d }, r).points;
        const hi = scoreLeaf(node(k), { kind: 'rate', numerator: n + extra, denominator: d }, r).points;
        expect(hi).toBeGreaterThanOrEqual(lo);
      }
      // Fewer occurrences of a deducted event never lower points.
      const fewer = scoreLeaf(node('ded'), { kind: 'count', occurrences: Math.max(0, n % 10 - (extra % 3)) }, r).points;
      const more = scoreLeaf(node('ded'), { kind: 'count', occurrences: n % 10 }, r).points;
      expect(fewer).toBeGreaterThanOrEqual(more);
    }));
  });

  it('more achievement on one leaf never lowers the unit index', () => {
    fc.assert(fc.property(arbInputs, fc.integer({ min: 0, max: 2 }), (inputs, bump) => {
      if (inputs.manual?.kind !== 'manual') return true;
      const now = Number(inputs.manual.points);
      const higher = Math.min(2, now + bump * 0.25).toString();
      const a = scoreUnit(fw, {}, inputs);
      const b = scoreUnit(fw, {}, { ...inputs, manual: { kind: 'manual', points: higher } });
      return a.index === null || compareRational(b.index!, a.index) >= 0;
    }));
  });

  it('ranks agree with sorting by index', () => {
    fc.assert(fc.property(fc.array(arbInputs, { minLength: 1, maxLength: 12 }), (list) => {
      const entries = list.map((inputs, i) => ({ unitId: `u${String(i).padStart(2, '0')}`, score: scoreUnit(fw, {}, inputs) }));
      const ranked = rankUnits(entries, fw.settings.ranking);
      const cmp = rankingComparator(fw.settings.ranking);
      for (let i = 0; i < ranked.length; i++) {
        const ri = ranked[i]!;
        if (ri.rank === null) continue;
        // rank = 1 + number of units strictly better
        const better = ranked.filter((o) => cmp(o.score, ri.score) < 0).length;
        expect(ri.rank).toBe(better + 1);
        if (i > 0) expect(cmp(ranked[i - 1]!.score, ri.score)).toBeLessThanOrEqual(0);
      }
    }));
  });

  it('points text round-trips exactly (canonical and Vietnamese forms)', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
      const p = pointsFromThousandths(n);
      expect(parsePoints(pointsToString(p))).toBe(n);
      expect(parsePoints(formatPoints(p))).toBe(n);
    }));
  });

  it('sums are exact: n criteria of 0,1 sum to exactly n/10', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2000 }), (n) => {
      expect(sumPoints(Array.from({ length: n }, () => points('0.1')))).toBe(n * 100);
    }));
  });
});

describe('exactness through the whole engine', () => {
  it('1 000 criteria of 0,1 points sum to exactly 100 and an index of exactly 100', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => leaf(`c${i}`, `1.${i + 1}`, '0.1', { type: 'yes_no', yesPoints: '0.1', noPoints: '0' }));
    const big = framework([group('f', '1', '100', nodes)]);
    const inputs = Object.fromEntries(nodes.map((n) => [n.key as string, { kind: 'yes_no', value: true } as NodeInput]));
    const s = scoreUnit(big, {}, inputs);
    expect(s.achieved).toBe(points('100'));
    expect(s.index).toEqual({ num: 100n, den: 1n });
  });
});
