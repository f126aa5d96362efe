/**
 * chiso's figures against an independent reference: random frameworks using every rule kind,
 * with and without rounding declarations (the rule's own, the framework's `pointsDecimals`),
 * and random inputs. The reference below is written from the rules as documented in
 * docs/framework-format.md with its own BigInt fractions — none of the engine's arithmetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NodeInput, type Rational, scoreUnit } from '../src/index.ts';
import { framework } from './helpers.ts';

// ---- the reference's own fractions ---------------------------------------------------

interface Q { n: bigint; d: bigint }
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const q = (n: bigint, d = 1n): Q => {
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const ZERO = q(0n);
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const cmp = (a: Q, b: Q) => Math.sign(Number(a.n * b.d - b.n * a.d));
const min = (a: Q, b: Q) => (cmp(a, b) <= 0 ? a : b);
const max = (a: Q, b: Q) => (cmp(a, b) >= 0 ? a : b);
const th = (t: number) => q(BigInt(t), 1000n);
/** Half-up on a non-negative value: floor(x · 10^k + 1/2) / 10^k. */
const roundTo = (x: Q, k: number): Q => {
  const s = 10n ** BigInt(k);
  return q((2n * x.n * s + x.d) / (2n * x.d), s);
};
const same = (a: Rational, b: Q) => a.num * b.d === b.n * a.den;

/** Thousandths as the decimal text a framework or a form carries ("1.250"). */
const text = (t: number) => `${Math.floor(t / 1000)}.${String(t % 1000).padStart(3, '0')}`;

// ---- random leaves: a rule, an input, and what the rule says the points are ------------

type Expected = Q | 'na';
interface LeafCase {
  kind: string;
  rule: Record<string, unknown>;
  max: number;
  input?: NodeInput;
  bonus?: boolean;
  /** Points by the documented rule; `decimals` = the framework's pointsDecimals, if declared. */
  expect: (decimals: number | undefined) => Expected;
}

const pts = fc.integer({ min: 0, max: 6000 });
const maxPts = fc.integer({ min: 1, max: 5000 });
const zeroDen = fc.constantFrom('not_applicable', 'full_points', 'zero_points');
const declared = fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined });
/** Rates in thousandths, sometimes over 100 %, sometimes with a zero denominator. */
const rate = fc.record({ n: fc.integer({ min: 0, max: 300_000 }), d: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200_000 })) });
const rateInput = (r: { n: number; d: number }): NodeInput => ({ kind: 'rate', numerator: text(r.n), denominator: text(r.d) });

function onZero(z: string, m: number): Expected {
  return z === 'not_applicable' ? 'na' : z === 'full_points' ? th(m) : ZERO;
}

function proportional(m: number, r: { n: number; d: number }, z: string, decimals: number | undefined): Expected {
  if (r.d === 0) return onZero(z, m);
  // Over 100 % gives the maximum; otherwise the (declared-rounded) share, never above the maximum.
  const share = q(BigInt(r.n), BigInt(r.d));
  if (cmp(share, q(1n)) > 0) return th(m);
  const raw = mul(th(m), share);
  return min(decimals === undefined ? raw : roundTo(raw, decimals), th(m));
}

/** > 90 % → a; [70 %; 90 %] → b; < 70 % → c. */
const tierRule = (a: number, b: number, c: number) => [
  { lower: { percent: '90', inclusive: false }, upper: null, points: text(a) },
  { lower: { percent: '70', inclusive: true }, upper: { percent: '90', inclusive: true }, points: text(b) },
  { lower: null, upper: { percent: '70', inclusive: false }, points: text(c) },
];
function tiers(m: number, r: { n: number; d: number }, z: string, [a, b, c]: number[]): Expected {
  if (r.d === 0) return onZero(z, m);
  const pct = q(BigInt(r.n) * 100n, BigInt(r.d));
  const p = cmp(pct, q(90n)) > 0 ? a! : cmp(pct, q(70n)) >= 0 ? b! : c!;
  return min(th(p), th(m));
}

const missing = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 8 });

const leafCases: fc.Arbitrary<LeafCase>[] = [
  fc.record({ m: maxPts, opts: fc.array(pts, { minLength: 1, maxLength: 3 }), pick: missing(fc.nat()) }).map(({ m, opts, pick }) => ({
    kind: 'choice', max: m,
    rule: { type: 'choice', options: opts.map((p, i) => ({ key: `o${i}`, label: `Mức ${i}`, points: text(p) })) },
    ...(pick !== undefined ? { input: { kind: 'choice', option: `o${pick % opts.length}` } as NodeInput } : {}),
    expect: () => (pick === undefined ? ZERO : min(th(opts[pick % opts.length]!), th(m))),
  })),
  fc.record({ m: maxPts, yes: pts, no: pts, v: missing(fc.boolean()) }).map(({ m, yes, no, v }) => ({
    kind: 'yes_no', max: m, rule: { type: 'yes_no', yesPoints: text(yes), noPoints: text(no) },
    ...(v !== undefined ? { input: { kind: 'yes_no', value: v } as NodeInput } : {}),
    expect: () => (v === undefined ? ZERO : min(th(v ? yes : no), th(m))),
  })),
  fc.record({ m: maxPts, t: fc.tuple(pts, pts, pts), z: zeroDen, r: rate }).map(({ m, t, z, r }) => ({
    kind: 'rate_tiers', max: m, input: rateInput(r),
    rule: { type: 'rate_tiers', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: z, tiers: tierRule(...t) },
    expect: () => tiers(m, r, z, t),
  })),
  fc.record({ m: maxPts, z: zeroDen, r: rate, own: declared }).map(({ m, z, r, own }) => ({
    kind: own === undefined ? 'proportional' : 'proportional+rounding', max: m, input: rateInput(r),
    rule: { type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: z, ...(own !== undefined ? { rounding: { decimals: own } } : {}) },
    expect: (fw) => proportional(m, r, z, own ?? fw),
  })),
  fc.record({ m: maxPts, z: zeroDen, r: rate, own: declared, t: fc.option(fc.tuple(pts, pts, pts), { nil: undefined }) }).map(({ m, z, r, own, t }) => ({
    kind: t ? 'data_feed.tiers' : own === undefined ? 'data_feed' : 'data_feed+rounding', max: m, input: rateInput(r),
    rule: {
      type: 'data_feed', feed: 'feed', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: z,
      scoring: t ? { kind: 'tiers', tiers: tierRule(...t) } : { kind: 'proportional' },
      ...(own !== undefined ? { rounding: { decimals: own } } : {}),
    },
    expect: (fw) => (t ? tiers(m, r, z, t) : proportional(m, r, z, own ?? fw)),
  })),
  fc.record({ m: maxPts, step: fc.integer({ min: 1, max: 1000 }), k: fc.nat() }).map(({ m, step, k }) => {
    const value = (k % (Math.floor(m / step) + 1)) * step;
    return {
      kind: 'manual', max: m, rule: { type: 'manual', min: '0', max: text(m), step: text(step) },
      input: { kind: 'manual', points: text(value) } as NodeInput, expect: () => th(value),
    };
  }),
  fc.record({ m: maxPts, start: pts, per: fc.integer({ min: 0, max: 2000 }), floor: pts, n: fc.integer({ min: 0, max: 12 }) }).map(({ m, start, per, floor, n }) => ({
    kind: 'deduction', max: m, input: { kind: 'count', occurrences: n } as NodeInput,
    rule: { type: 'deduction', start: text(start), perOccurrence: text(per), floor: text(Math.min(floor, start)), occurrenceLabel: 'lần' },
    expect: () => min(max(q(BigInt(start - n * per), 1000n), th(Math.min(floor, start))), th(m)),
  })),
  fc.record({ cap: maxPts, p: pts, fixed: fc.boolean(), n: fc.integer({ min: 0, max: 8 }), awarded: fc.boolean() }).map(({ cap, p, fixed, n, awarded }) => ({
    kind: 'bonus', max: cap, bonus: true,
    rule: { type: 'bonus', mode: fixed ? 'fixed' : 'per_occurrence', points: text(p), cap: text(cap) },
    input: (fixed ? { kind: 'awarded', value: awarded } : { kind: 'count', occurrences: n }) as NodeInput,
    expect: () => min(fixed ? (awarded ? th(p) : ZERO) : th(p * n), th(cap)),
  })),
  fc.record({
    m: maxPts, own: declared,
    // A survey average: a decimal with up to 4 places ("3.1875") or an exact fraction (26/15).
    v: fc.oneof(fc.integer({ min: 0, max: 60_000 }).map((u) => ({ text: `${Math.floor(u / 10_000)}.${String(u % 10_000).padStart(4, '0')}`, value: q(BigInt(u), 10_000n) })),
      fc.record({ n: fc.integer({ min: 0, max: 200 }), d: fc.integer({ min: 1, max: 37 }) }).map(({ n, d }) => ({ text: null, value: q(BigInt(n), BigInt(d)) }))),
  }).map(({ m, own, v }) => ({
    kind: own === undefined ? 'survey' : 'survey+rounding', max: m,
    rule: { type: 'survey', ...(own !== undefined ? { rounding: { decimals: own } } : {}) },
    input: { kind: 'survey', points: v.text ?? { num: v.value.n, den: v.value.d } } as NodeInput,
    expect: (fw) => {
      const d = own ?? fw;
      return min(d === undefined ? v.value : roundTo(v.value, d), th(m));
    },
  })),
];

const anyLeaf = fc.oneof(...leafCases);
const fieldsArb = fc.array(fc.record({ normal: fc.array(anyLeaf.filter((l) => !l.bonus), { minLength: 1, maxLength: 5 }), bonus: fc.option(leafCases[7]!, { nil: undefined }) }), { minLength: 1, maxLength: 3 });
const settingsArb = fc.record({
  pointsDecimals: declared, indexDecimals: fc.integer({ min: 0, max: 4 }), countsInIndex: fc.boolean(),
  totalCap: fc.option(maxPts, { nil: undefined }), exactRanking: fc.boolean(),
});

describe('figures equal an independent rational computation', () => {
  it('for random frameworks, inputs and rounding declarations', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(fieldsArb, settingsArb, (fields, st) => {
      const nodes = fields.map((f, i) => {
        const leaves = [...f.normal, ...(f.bonus ? [f.bonus] : [])].map((l, j) => ({ ...l, key: `f${i}l${j}` }));
        return { leaves, json: {
          key: `f${i}`, code: String(i + 1), name: `Lĩnh vực ${i + 1}`,
          maxPoints: text(f.normal.reduce((s, l) => s + l.max, 0)),
          children: leaves.map((l, j) => ({ key: l.key, code: `${i + 1}.${j + 1}`, name: `Tiêu chí ${j + 1}`, maxPoints: text(l.max), rule: l.rule })),
        } };
      });
      const fw = framework(nodes.map((n) => n.json), {
        rounding: { ...(st.pointsDecimals !== undefined ? { pointsDecimals: st.pointsDecimals } : {}), indexDecimals: st.indexDecimals },
        bonus: { countsInIndex: st.countsInIndex, ...(st.totalCap !== undefined ? { totalCap: text(st.totalCap) } : {}) },
        ranking: { basis: st.exactRanking ? 'exact' : 'published' },
      });
      const inputs = Object.fromEntries(nodes.flatMap((n) => n.leaves.flatMap((l) => (l.input ? [[l.key, l.input]] : []))));
      const score = scoreUnit(fw, {}, inputs);

      let achieved = ZERO;
      let applicableMax = 0;
      let bonus = ZERO;
      for (const n of nodes) {
        let fieldSum = ZERO;
        let fieldMax = 0;
        for (const l of n.leaves) {
          seen.add(l.kind);
          if (st.pointsDecimals !== undefined) seen.add(`${l.kind} with pointsDecimals`);
          const want = l.expect(st.pointsDecimals);
          const got = score.nodes.get(l.key)!;
          if (want === 'na') {
            expect(got.applicable).toBe(false);
            continue;
          }
          expect(same(got.leaf!.exact, want), `${l.kind} ${l.key}: ${got.leaf!.exact.num}/${got.leaf!.exact.den} ≠ ${want.n}/${want.d}`).toBe(true);
          if (l.bonus) bonus = add(bonus, want);
          else {
            fieldSum = add(fieldSum, want);
            fieldMax += l.max;
          }
        }
        if (fieldMax === 0) continue;
        expect(same(score.nodes.get(n.json.key)!.exact.achieved, fieldSum)).toBe(true);
        achieved = add(achieved, fieldSum);
        applicableMax += fieldMax;
      }
      if (st.totalCap !== undefined) bonus = min(bonus, th(st.totalCap));
      expect(same(score.exact.achieved, achieved)).toBe(true);
      expect(same(score.exact.bonus, bonus)).toBe(true);
      expect(score.applicableMax).toBe(applicableMax);
      if (applicableMax === 0) {
        expect(score.index).toBeNull();
        return;
      }
      const counted = st.countsInIndex ? add(achieved, bonus) : achieved;
      const index = mul(counted, q(100_000n, BigInt(applicableMax)));
      expect(same(score.index!, index)).toBe(true);
      // Only the index is rounded, half-up, at the end.
      const published = roundTo(index, st.indexDecimals);
      expect(BigInt(score.publishedIndex!.units) * published.d).toBe(published.n * 10n ** BigInt(st.indexDecimals));
    }), { numRuns: 400 });
    // Every rule kind and every rounding declaration was exercised.
    const kinds = ['choice', 'yes_no', 'rate_tiers', 'proportional', 'proportional+rounding', 'data_feed', 'data_feed+rounding',
      'data_feed.tiers', 'manual', 'deduction', 'bonus', 'survey', 'survey+rounding'];
    for (const k of kinds) {
      expect(seen.has(k), k).toBe(true);
      expect(seen.has(`${k} with pointsDecimals`), `${k} with pointsDecimals`).toBe(true);
    }
  }, 30_000); // 400 random frameworks, each scored and traced: slow on a loaded machine
});
