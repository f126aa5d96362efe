/**
 * Exact rationals for the scoring engine's hot path: a value's parts are plain numbers while
 * they are safe integers (|n| < 2^53, where doubles are exact, and +, −, × of two safe integers
 * is exact whenever the result is safe) and BigInts otherwise. Every operation checks that its
 * number results are safe and, when one is not, redoes the operation on BigInt, so a value is
 * always the exact one.
 *
 * The operations give the same num/den as the BigInt-only `Rational` code the scorer used
 * before: equal denominators add without reducing, other sums are in lowest terms — computed
 * with the gcds of the denominators rather than of the whole sum (Knuth, TAOCP 4.5.1), which
 * gives the same lowest terms. `lowest` records that a value is known to be in lowest terms.
 */
import { type Rational, roundHalfUp } from '../decimal/rational.ts';

/** Number parts (both safe integers, den > 0). */
export interface SmallQ {
  readonly num: number;
  readonly den: number;
  readonly lowest: boolean;
}
export interface BigQ {
  readonly num: bigint;
  readonly den: bigint;
  readonly lowest: boolean;
}
/** An exact rational: number parts when they fit, else BigInt parts. */
export type Q = SmallQ | BigQ;

const safe = Number.isSafeInteger;
const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);

export function isSmall(q: Q): q is SmallQ {
  return typeof q.num === 'number';
}

/** 10^n as a number, for n ≤ 15 (exact); callers check the products they make. */
const POW10_NUM: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
export function pow10Num(n: number): number | undefined {
  return POW10_NUM[n];
}

/** The BigInt `Rational` (what results carry): always a new plain object. */
export function toRational(q: Q): Rational {
  return isSmall(q) ? { num: BigInt(q.num), den: BigInt(q.den) } : { num: q.num, den: q.den };
}

function fromBig(num: bigint, den: bigint, lowest: boolean): Q {
  return den <= MAX_BIG && num <= MAX_BIG && num >= -MAX_BIG ? { num: Number(num), den: Number(den), lowest } : { num, den, lowest };
}

/** The same value with the same num/den, as number parts when they fit. */
export function fromRational(r: Rational): Q {
  return fromBig(r.num, r.den, false);
}

export const ZERO_Q: SmallQ = { num: 0, den: 1, lowest: true };

/** Shared values of points: a leaf's points are a handful of values written in the framework. */
const POINTS_Q: SmallQ[] = [];
const POINTS_Q_LIMIT = 1_000_000;

/** Points in thousandths as a rational (as `pointsToRational`: den 1000, not reduced). */
export function pointsQ(p: number): SmallQ {
  if (p >= 0 && p <= POINTS_Q_LIMIT && Number.isInteger(p)) return (POINTS_Q[p] ??= { num: p, den: 1000, lowest: false });
  return { num: p, den: 1000, lowest: false };
}

/**
 * gcd(x, d) for d dividing 1000 (= 2³·5³), the denominator of points: the common powers of 2
 * and 5, without Euclid's divisions. Most sums in scoring meet a thousandths value.
 */
function gcdThousandths(x: number, d: number): number {
  let g = 1;
  if (d % 2 === 0 && x % 2 === 0) g = d % 4 === 0 && x % 4 === 0 ? (d % 8 === 0 && x % 8 === 0 ? 8 : 4) : 2;
  if (d % 5 === 0 && x % 5 === 0) g *= d % 25 === 0 && x % 25 === 0 ? (d % 125 === 0 && x % 125 === 0 ? 125 : 25) : 5;
  return g;
}

function gcdNum(a: number, b: number): number {
  if (b > 0 && b <= 1000 && 1000 % b === 0) return gcdThousandths(a, b);
  let x = a < 0 ? -a : a;
  let y = b;
  // Doubles while a value is beyond 32 bits, then 32-bit integer steps (much cheaper).
  while (x > 0x7fffffff || y > 0x7fffffff) {
    if (y === 0) return x;
    const t = x % y;
    x = y;
    y = t;
  }
  let xi = x | 0;
  let yi = y | 0;
  while (yi !== 0) {
    const t = xi % yi | 0;
    xi = yi;
    yi = t;
  }
  return xi;
}

/** gcd of BigInts, finishing in numbers once both fit (the same value as Euclid on BigInt). */
function gcdBig(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    if (x <= MAX_BIG && y <= MAX_BIG) return BigInt(gcdNum(Number(x), Number(y)));
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Lowest terms, as `reduceRational` (0 → 0/1). */
export function reduceSmall(num: number, den: number): SmallQ {
  const g = gcdNum(num, den);
  return g <= 1 ? { num, den, lowest: true } : { num: num / g, den: den / g, lowest: true };
}

function reduceBig(num: bigint, den: bigint): Q {
  const g = gcdBig(num, den);
  return g <= 1n ? fromBig(num, den, true) : fromBig(num / g, den / g, true);
}

export function reduceQ(q: Q): Q {
  if (q.lowest) return q;
  return isSmall(q) ? reduceSmall(q.num, q.den) : reduceBig(q.num, q.den);
}

function isZero(q: Q): boolean {
  return isSmall(q) ? q.num === 0 : q.num === 0n;
}

/** a + b in lowest terms, for a, b in lowest terms with different denominators (Knuth). */
function addLowest(a: Q, b: Q): Q {
  if (isSmall(a) && isSmall(b)) {
    const g = a.den < b.den ? gcdNum(b.den, a.den) : gcdNum(a.den, b.den);
    if (g === 1) {
      const x = a.num * b.den;
      const y = b.num * a.den;
      const d = a.den * b.den;
      const n = x + y;
      if (safe(x) && safe(y) && safe(d) && safe(n)) return { num: n, den: d, lowest: true };
    } else {
      const ad = a.den / g;
      const bd = b.den / g;
      const x = a.num * bd;
      const y = b.num * ad;
      const t = x + y;
      if (safe(x) && safe(y) && safe(t)) {
        if (t === 0) return ZERO_Q;
        const g2 = gcdNum(t, g);
        const d = ad * (b.den / g2);
        if (safe(d)) return { num: t / g2, den: d, lowest: true };
      }
    }
  }
  const ba = toRational(a);
  const bb = toRational(b);
  const g = gcdBig(ba.den, bb.den);
  if (g === 1n) return fromBig(ba.num * bb.den + bb.num * ba.den, ba.den * bb.den, true);
  const t = ba.num * (bb.den / g) + bb.num * (ba.den / g);
  if (t === 0n) return ZERO_Q;
  const g2 = gcdBig(t, g);
  return fromBig(t / g2, (ba.den / g) * (bb.den / g2), true);
}

/** Sum of equal denominators, not reduced. */
function addSameDen(a: Q, b: Q): Q {
  if (isSmall(a) && isSmall(b)) {
    const n = a.num + b.num;
    if (safe(n)) return { num: n, den: a.den, lowest: false };
  }
  const ba = toRational(a);
  const bb = toRational(b);
  return fromBig(ba.num + bb.num, ba.den, false);
}

function sameDen(a: Q, b: Q): boolean {
  return a.den == b.den;
}

/**
 * Exact sum as the scorer adds: equal denominators (thousandths, the common case) add without
 * a gcd, other sums are in lowest terms; a zero operand returns the other one unchanged.
 */
export function addQ(a: Q, b: Q): Q {
  if (isZero(b)) return a;
  if (isZero(a)) return b;
  return sameDen(a, b) ? addSameDen(a, b) : addLowest(reduceQ(a), reduceQ(b));
}

/** a − b in lowest terms (as `reduceRational(subRational(a, b))`). */
export function subReducedQ(a: Q, b: Q): Q {
  const minusB: Q = isSmall(b) ? { num: 0 - b.num, den: b.den, lowest: b.lowest } : { num: -b.num, den: b.den, lowest: b.lowest };
  return sameDen(a, minusB) ? reduceQ(addSameDen(a, minusB)) : addLowest(reduceQ(a), reduceQ(minusB));
}

export function compareQ(a: Q, b: Q): -1 | 0 | 1 {
  if (isSmall(a) && isSmall(b)) {
    const l = a.num * b.den;
    const r = b.num * a.den;
    if (safe(l) && safe(r)) return l < r ? -1 : l > r ? 1 : 0;
  }
  const ba = toRational(a);
  const bb = toRational(b);
  const l = ba.num * bb.den;
  const r = bb.num * ba.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function minQ(a: Q, b: Q): Q {
  return compareQ(a, b) <= 0 ? a : b;
}

/** ⌊a / b⌋ for safe a ≥ 0, b > 0 with a + b safe; exact (the float quotient is corrected). */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  let r = a - q * b;
  while (r < 0) {
    q--;
    r += b;
  }
  while (r >= b) {
    q++;
    r -= b;
  }
  return q;
}

/** `roundHalfUp` (half away from zero) to `decimals`, as integer units of 10^-decimals. */
export function roundHalfUpQ(q: Q, decimals: number): number | bigint {
  if (isSmall(q)) {
    const p = pow10Num(decimals);
    if (p !== undefined) {
      const scaled = q.num * p;
      const abs = scaled < 0 ? -scaled : scaled;
      const twice = 2 * abs + q.den;
      const div = 2 * q.den;
      if (safe(scaled) && safe(twice + div)) {
        const r = floorDiv(twice, div);
        return scaled < 0 ? 0 - r : r;
      }
    }
  }
  return roundHalfUp(toRational(q), decimals);
}

/** As `roundRational`: rounded half-up to `decimals`, in lowest terms. */
export function roundQ(q: Q, decimals: number): Q {
  const units = roundHalfUpQ(q, decimals);
  const p = pow10Num(decimals);
  return typeof units === 'number' && p !== undefined ? reduceSmall(units, p) : reduceBig(BigInt(units), 10n ** BigInt(decimals));
}

/** Points (thousandths) nearest to an exact value, as the scorer's `nearest`. */
export function nearestPointsQ(q: Q): number {
  if (isSmall(q)) return 1000 % q.den === 0 ? q.num * (1000 / q.den) : Number(roundHalfUpQ(q, 3));
  return 1000n % q.den === 0n ? Number(q.num * (1000n / q.den)) : Number(roundHalfUp(toRational(q), 3));
}

/**
 * Exact achieved ÷ max × 100 in lowest terms (max in thousandths, > 0), as `percentOf`:
 * (n/d) × (100 000/max) with both in lowest terms, cancelled across (Knuth).
 */
export function percentQ(achieved: Q, max: number): Q {
  const a = reduceQ(achieved);
  const k = reduceSmall(100_000, max);
  if (isSmall(a)) {
    const g1 = gcdNum(a.num, k.den);
    const g2 = gcdNum(k.num, a.den);
    const n = (a.num / g1) * (k.num / g2);
    const d = (a.den / g2) * (k.den / g1);
    if (safe(n) && safe(d)) return n === 0 ? ZERO_Q : { num: n, den: d, lowest: true };
  }
  const { num, den } = toRational(a);
  const g1 = gcdBig(num, BigInt(k.den));
  const g2 = gcdBig(BigInt(k.num), den);
  return num === 0n ? ZERO_Q : fromBig((num / g1) * (BigInt(k.num) / g2), (den / g2) * (BigInt(k.den) / g1), true);
}
