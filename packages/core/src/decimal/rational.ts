/**
 * Exact rationals on BigInt, for rates (numerator ÷ denominator) and indexes
 * (achieved ÷ maximum × 100). Comparisons are by cross-multiplication, so a rate of
 * 90/100 is exactly equal to a 90 % bound.
 */
import { type ExactDecimal, parseDecimal } from './parse.ts';

/** `num / den`, with `den > 0`. Not necessarily reduced. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const POW10: readonly bigint[] = Array.from({ length: 32 }, (_, i) => 10n ** BigInt(i));

/** 10^n as a BigInt; a table lookup for the small exponents used everywhere. */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

export function rational(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new RangeError('rational: denominator is zero');
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

export function rationalFromDecimal(d: ExactDecimal): Rational {
  return { num: d.units, den: pow10(d.scale) };
}

export function rationalFromInt(n: number | bigint): Rational {
  return { num: BigInt(n), den: 1n };
}

export function compareRational(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function mulRational(a: Rational, b: Rational): Rational {
  return { num: a.num * b.num, den: a.den * b.den };
}

export function divRational(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('divRational: division by zero');
  return rational(a.num * b.den, a.den * b.num);
}

export function addRational(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return { num: a.num + b.num, den: a.den };
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

export function subRational(a: Rational, b: Rational): Rational {
  return addRational(a, { num: -b.num, den: b.den });
}

export function minRational(a: Rational, b: Rational): Rational {
  return compareRational(a, b) <= 0 ? a : b;
}

export function maxRational(a: Rational, b: Rational): Rational {
  return compareRational(a, b) >= 0 ? a : b;
}

export const ZERO_RATIONAL: Rational = { num: 0n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Lowest terms, so sums of many leaves keep small numbers and "num/den" texts are canonical. */
export function reduceRational(r: Rational): Rational {
  const g = gcd(r.num, r.den);
  return g <= 1n ? r : { num: r.num / g, den: r.den / g };
}

/** Sum in lowest terms. */
export function sumRational(values: Iterable<Rational>): Rational {
  let s = ZERO_RATIONAL;
  for (const v of values) s = reduceRational(addRational(s, v));
  return s;
}

/** Rounded half-up to `decimals`, as a rational (the value a rounding rule declares). */
export function roundRational(r: Rational, decimals: number): Rational {
  return reduceRational({ num: roundHalfUp(r, decimals), den: pow10(decimals) });
}

/**
 * Number of decimals of the exact decimal expansion, or null when it does not terminate
 * within `limit` decimals (2/3, 1/7…).
 */
export function terminatingDecimals(r: Rational, limit: number): number | null {
  for (let d = 0; d <= limit; d++) {
    if ((r.num * pow10(d)) % r.den === 0n) return d;
  }
  return null;
}

/** "num/den" in lowest terms ("2/3", "27/40"; "5" for an integer): the exact value as stored. */
export function rationalToText(r: Rational): string {
  const x = reduceRational(r);
  return x.den === 1n ? String(x.num) : `${x.num}/${x.den}`;
}

/** Reads "num/den" or a plain decimal ("0.675") back; null when neither. */
export function parseRationalText(text: string): Rational | null {
  const m = /^(-?\d+)\/(\d+)$/.exec(text.trim());
  if (m) return m[2] === '0' ? null : reduceRational({ num: BigInt(m[1]!), den: BigInt(m[2]!) });
  const d = parseDecimal(text);
  return d ? reduceRational(rationalFromDecimal(d)) : null;
}

/**
 * Round to `decimals` places, half-up (half away from zero, as regulations and
 * spreadsheets round), returning integer units of 10^-decimals.
 */
export function roundHalfUp(r: Rational, decimals: number): bigint {
  const scaled = r.num * pow10(decimals);
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const q = (2n * abs + r.den) / (2n * r.den);
  return neg ? -q : q;
}

/** Exact decimal text ("81.33") of the value rounded half-up to `decimals`. */
export function rationalToFixedString(r: Rational, decimals: number): string {
  return unitsToPlain(roundHalfUp(r, decimals), decimals);
}

/** Plain decimal text of integer units at a scale: (8133n, 2) → "81.33". */
export function unitsToPlain(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
  return (neg ? '-' : '') + int + frac;
}
