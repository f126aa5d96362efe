/**
 * The scorer's fast pass (figures only, plain-number exact arithmetic) against its traced pass
 * (per-node trace and issues, every leaf through `scoreLeaf`), and the number/BigInt rationals
 * of the fast pass against the BigInt-only operations they replace: same values, same num/den.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Framework, type NodeInput, type Rational, type UnitInputs, addRational, leaves, reduceRational, roundRational,
  scoreLeaf, scoreUnit, scoreWithApplicableLeaves, subRational, traceUnit,
} from '../src/index.ts';
import {
  type Q, addQ, fromRational, nearestPointsQ, percentQ, reduceQ, roundHalfUpQ, roundQ, subReducedQ, toRational,
} from '../src/scoring/exact.ts';
import { leafPoints } from '../src/scoring/leaf-points.ts';
import { pointsFromRational, roundHalfUp } from '../src/decimal/index.ts';
import { framework, group, leaf, primerTiers } from './helpers.ts';

const rate = { numeratorLabel: 'n', denominatorLabel: 'd' };
const mayNa = { applicability: { mayDeclareNotApplicable: true } };

function fw(settings: Record<string, unknown>): Framework {
  return framework([
    group('f1', '1', '12', [
      group('c11', '1.1', '6', [
        leaf('choice', '1.1.1', '1', { type: 'choice', options: [
          { key: 'a', label: 'A', points: '1' }, { key: 'b', label: 'B', points: '0.5' }, { key: 'c', label: 'C', points: '0' }] }, mayNa),
        leaf('tiers', '1.1.2', '2', primerTiers, mayNa),
        leaf('prop', '1.1.3', '3', { type: 'proportional', ...rate, zeroDenominator: 'not_applicable' }),
        leaf('prop2', '1.1.4', '0.75', { type: 'proportional', ...rate, zeroDenominator: 'full_points', rounding: { decimals: 2 } }),
      ]),
      leaf('manual', '1.2', '2', { type: 'manual', min: '0', max: '2', step: '0.25' }, { applicability: { unitTypes: ['xa'] } }),
      leaf('ded', '1.3', '2', { type: 'deduction', start: '2', perOccurrence: '0.5', floor: '0', occurrenceLabel: 'lần' }),
      leaf('feed', '1.4', '1.5', { type: 'data_feed', feed: 'x', ...rate, zeroDenominator: 'zero_points', scoring: { kind: 'proportional' } }),
      leaf('bonus', '1.5', '1', { type: 'bonus', mode: 'per_occurrence', points: '0.25', cap: '1' }),
    ]),
    group('f2', '2', '5', [
      leaf('yn', '2.1', '2', { type: 'yes_no', yesPoints: '2', noPoints: '0' }, { applicability: { unitGroups: ['g1'] } }),
      leaf('survey', '2.2', '3', { type: 'survey' }),
      leaf('bonus2', '2.3', '0.5', { type: 'bonus', mode: 'fixed', points: '0.5', cap: '0.5' }),
    ]),
  ], settings);
}

const frameworks = [
  fw({}),
  fw({ rounding: { pointsDecimals: 1, indexDecimals: 3 }, bonus: { countsInIndex: true, totalCap: '1.25' }, survey: { optional: true } }),
  fw({ rounding: { indexDecimals: 0 }, bonus: { countsInIndex: true }, survey: { optional: true } }),
];

/** Decimal inputs as officials type them, and some that do not parse or do not fit. */
const decimal = fc.oneof(
  fc.integer({ min: 0, max: 600 }),
  fc.integer({ min: 0, max: 3000 }).map((t) => (t / 1000).toString()),
  fc.integer({ min: 0, max: 3000 }).map((t) => (t / 1000).toString().replace('.', ',')),
  fc.constantFrom('-1', ' 1 ', '0.1250', '2.0000001', 'x', '', '1.', '.5', '1.234,5', '123456789012345678901234', 1e21, 0.1, -3),
);
const input: fc.Arbitrary<NodeInput> = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'z').map((option): NodeInput => ({ kind: 'choice', option })),
  fc.boolean().map((value): NodeInput => ({ kind: 'yes_no', value })),
  fc.tuple(decimal, decimal).map(([numerator, denominator]): NodeInput => ({ kind: 'rate', numerator, denominator })),
  fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 600 })).map(([n, d]): NodeInput => ({ kind: 'rate', numerator: n, denominator: d })),
  decimal.map((points): NodeInput => ({ kind: 'manual', points })),
  fc.integer({ min: -1, max: 12 }).map((occurrences): NodeInput => ({ kind: 'count', occurrences })),
  fc.boolean().map((value): NodeInput => ({ kind: 'awarded', value })),
  decimal.map((points): NodeInput => ({ kind: 'survey', points })),
  fc.tuple(fc.bigInt({ min: -5n, max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 20n }))
    .map(([num, den]): NodeInput => ({ kind: 'survey', points: { num, den } })),
  decimal.map((points): NodeInput => ({ kind: 'points', points })),
  fc.constantFrom('lý do', ' ').map((reason): NodeInput => ({ kind: 'not_applicable', reason })),
);
const keys = ['f1', 'c11', 'choice', 'tiers', 'prop', 'prop2', 'manual', 'ded', 'feed', 'bonus', 'f2', 'yn', 'survey', 'bonus2', 'other'];
const inputs: fc.Arbitrary<UnitInputs> = fc.dictionary(fc.constantFrom(...keys), input, { maxKeys: keys.length });
const unit = fc.record({ group: fc.constantFrom('g1', 'g2'), type: fc.constantFrom('xa', 'phuong') }, { requiredKeys: [] });

describe('lazy trace', () => {
  it('scoreUnit (trace built on read) equals traceUnit (built at once), figures, trace and issues', () => {
    fc.assert(fc.property(fc.constantFrom(...frameworks), unit, inputs, (f, u, i) => {
      const lazy = scoreUnit(f, u, i);
      const eager = traceUnit(f, u, i);
      const { nodes: lazyNodes, issues: lazyIssues, ...lazyFigures } = lazy;
      const { nodes: eagerNodes, issues: eagerIssues, ...eagerFigures } = eager;
      expect(lazyFigures).toEqual(eagerFigures);
      expect([...lazyNodes]).toEqual([...eagerNodes]);
      expect(lazyIssues).toEqual(eagerIssues);
      // Read once, kept.
      expect(lazy.nodes).toBe(lazyNodes);
    }), { numRuns: 200 });
  }, 30_000);

  it('scoreWithApplicableLeaves: the figures of traceUnit, and exactly the leaves its trace says apply', () => {
    fc.assert(fc.property(fc.constantFrom(...frameworks), unit, inputs, (f, u, i) => {
      const { score, applicableLeaves } = scoreWithApplicableLeaves(f, u, i);
      const { nodes, issues: _issues, ...figures } = traceUnit(f, u, i);
      const { nodes: _nodes, issues: _lazyIssues, ...fastFigures } = score;
      expect(fastFigures).toEqual(figures);
      expect([...applicableLeaves].sort()).toEqual(leaves(f).filter((l) => nodes.get(l.key)?.applicable === true).map((l) => l.key).sort());
    }), { numRuns: 300 });
  }, 30_000);

  it("the fast leaf points are scoreLeaf's exact points, num/den included, whenever given", () => {
    fc.assert(fc.property(fc.constantFrom(...frameworks), input, (f, i) => {
      for (const node of leaves(f)) {
        const fast = leafPoints(node, i, f.settings.rounding);
        const slow = scoreLeaf(node, i, f.settings.rounding);
        if (fast === undefined) continue;
        expect(slow.status === 'scored' || slow.status === 'missing').toBe(true);
        expect(toRational(fast)).toEqual(slow.exact);
      }
    }), { numRuns: 600 });
  }, 30_000);
});

/** The scorer's former BigInt sum: equal denominators add as they are, others in lowest terms. */
const add = (a: Rational, b: Rational): Rational => {
  if (b.num === 0n) return a;
  if (a.num === 0n) return b;
  return a.den === b.den ? { num: a.num + b.num, den: a.den } : reduceRational(addRational(a, b));
};

const rational = fc.oneof(
  fc.tuple(fc.integer({ min: -3000, max: 300_000 }), fc.constantFrom(1, 2, 4, 5, 8, 40, 125, 1000, 3, 7, 9468250)).map(([n, d]) => ({ num: BigInt(n), den: BigInt(d) })),
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n })).map(([num, den]) => ({ num, den })),
  fc.tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 9 })).map(([n, d]) => ({ num: BigInt(n), den: BigInt(d) })),
);
/** A value as the fast pass holds it: as given, or already known in lowest terms. */
const q = (r: Rational, lowest: boolean): Q => (lowest ? reduceQ(fromRational(r)) : fromRational(r));

describe('number/BigInt rationals', () => {
  it('give the same num/den as the BigInt operations', () => {
    fc.assert(fc.property(rational, rational, fc.boolean(), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 200_000 }), (a, b, low, d, max) => {
      const qa = q(a, false);
      const qb = q(b, low);
      const rb = toRational(qb);
      expect(toRational(addQ(qa, qb))).toEqual(add(a, rb));
      expect(toRational(subReducedQ(qa, qb))).toEqual(reduceRational(subRational(a, rb)));
      expect(toRational(roundQ(qa, d))).toEqual(roundRational(a, d));
      expect(BigInt(roundHalfUpQ(qa, d))).toBe(roundHalfUp(a, d));
      expect(nearestPointsQ(qa)).toBe(1000n % a.den === 0n ? Number(a.num * (1000n / a.den)) : pointsFromRational(a, 3));
      expect(toRational(percentQ(qa, max))).toEqual(reduceRational({ num: a.num * 100_000n, den: a.den * BigInt(max) }));
    }), { numRuns: 2000 });
  }, 30_000);
});
