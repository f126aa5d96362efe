/**
 * Points (điểm) as an exact integer count of thousandths.
 *
 * Regulations write points with at most 3 decimals (0,25; 0,5; 73,79), so an integer
 * of thousandths represents every one of them exactly, sums exactly (1 000 × 0,1 = 100)
 * and stays a plain JSON number for the server and the browser. Values stay far below
 * 2^53, where doubles hold integers exactly.
 */
import { parseDecimal, type ExactDecimal } from './parse.ts';
import {
  pow10, reduceRational, roundHalfUp, type Rational, terminatingDecimals, unitsToPlain,
} from './rational.ts';

declare const pointsBrand: unique symbol;
/** Integer thousandths of a point. Build with `points()` / `parsePoints()`, never from a float. */
export type Points = number & { readonly [pointsBrand]: true };

export const POINTS_DECIMALS = 3;
const SCALE = 1000;
const SCALE_BIG = 1000n;

export const ZERO_POINTS = 0 as Points;

/** Points from an exact decimal with at most 3 decimals; null otherwise. */
export function pointsFromDecimal(d: ExactDecimal): Points | null {
  if (d.scale > POINTS_DECIMALS) {
    // Accept trailing zeros beyond 3 decimals ("0.2500").
    const excess = pow10(d.scale - POINTS_DECIMALS);
    if (d.units % excess !== 0n) return null;
    return Number(d.units / excess) as Points;
  }
  return Number(d.units * pow10(POINTS_DECIMALS - d.scale)) as Points;
}

/** Parse "0,25", "0.25", "73,79" or 0.25 into Points; null when invalid or > 3 decimals. */
export function parsePoints(input: string | number): Points | null {
  const d = parseDecimal(input);
  return d === null ? null : pointsFromDecimal(d);
}

/** Like parsePoints but throws; for literals in code and tests. */
export function points(input: string | number): Points {
  const p = parsePoints(input);
  if (p === null) throw new RangeError(`not a points value with ≤ 3 decimals: ${String(input)}`);
  return p;
}

/** Points from integer thousandths (e.g. read back from a database column). */
export function pointsFromThousandths(n: number): Points {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer count of thousandths: ${n}`);
  return n as Points;
}

export function addPoints(a: Points, b: Points): Points {
  return (a + b) as Points;
}

export function subPoints(a: Points, b: Points): Points {
  return (a - b) as Points;
}

export function sumPoints(values: Iterable<Points>): Points {
  let s = 0;
  for (const v of values) s += v;
  return s as Points;
}

export function mulPointsInt(a: Points, n: number): Points {
  if (!Number.isInteger(n)) throw new RangeError('mulPointsInt: factor must be an integer');
  return (a * n) as Points;
}

export function minPoints(a: Points, b: Points): Points {
  return (a < b ? a : b) as Points;
}

export function maxPoints(a: Points, b: Points): Points {
  return (a > b ? a : b) as Points;
}

export function clampPoints(v: Points, lo: Points, hi: Points): Points {
  return minPoints(maxPoints(v, lo), hi);
}

export function pointsToRational(p: Points): Rational {
  return { num: BigInt(p), den: SCALE_BIG };
}

/** Round a rational number of points half-up to `decimals` (≤ 3) and return Points. */
export function pointsFromRational(r: Rational, decimals: number): Points {
  if (decimals > POINTS_DECIMALS || decimals < 0) throw new RangeError('points decimals must be 0..3');
  const units = roundHalfUp(r, decimals);
  return Number(units * pow10(POINTS_DECIMALS - decimals)) as Points;
}

/** Round Points half-up to fewer decimals (e.g. a 3-decimal sum published with 2). */
export function roundPoints(p: Points, decimals: number): Points {
  return pointsFromRational(pointsToRational(p), decimals);
}

/** Whether `p` is a whole multiple of `step` (both Points; step > 0). */
export function isMultipleOf(p: Points, step: Points): boolean {
  return step > 0 && p % step === 0;
}

/** Canonical plain text: shortest exact form, decimal point ("0.25", "12", "73.79"). */
export function pointsToString(p: Points): string {
  // Plain integer arithmetic: this runs for every leaf explanation, so avoid BigInt here.
  const abs = Math.abs(p);
  const int = Math.floor(abs / SCALE);
  let frac = abs - int * SCALE;
  let text = String(int);
  if (frac !== 0) {
    let digits = 3;
    while (frac % 10 === 0) {
      frac /= 10;
      digits--;
    }
    text += '.' + String(frac).padStart(digits, '0');
  }
  return p < 0 ? '-' + text : text;
}

export interface FormatOptions {
  /** Fixed number of decimals to show (rounded half-up); default: shortest exact form. */
  decimals?: number;
  /** 'vi' → decimal comma (73,79); 'plain' → decimal point (73.79). Default 'vi'. */
  style?: 'vi' | 'plain';
}

/** Format Points for people ("73,79") or files ("73.79"). */
export function formatPoints(p: Points, opts: FormatOptions = {}): string {
  const text = opts.decimals === undefined
    ? pointsToString(p)
    : unitsToPlain(roundHalfUp(pointsToRational(p), opts.decimals), opts.decimals);
  return (opts.style ?? 'vi') === 'vi' ? text.replace('.', ',') : text;
}

/** Decimals up to which an exact value is written out in full ("3,1875"); beyond, as a fraction. */
const EXACT_TEXT_DECIMALS = 6;

/**
 * An exact number of points as a figure in a table: every decimal when it terminates within 6
 * ("0.675", "3.1875"), else to the nearest thousandth like the stored columns ("0.667" for 2/3);
 * at least `minDecimals` ("17.00").
 */
export function formatPointsFigure(r: Rational, minDecimals = 0, style: 'vi' | 'plain' = 'vi'): string {
  const d = terminatingDecimals(r, EXACT_TEXT_DECIMALS) ?? POINTS_DECIMALS;
  const decimals = Math.max(d, minDecimals);
  const text = unitsToPlain(roundHalfUp(r, decimals), decimals);
  return style === 'vi' ? text.replace('.', ',') : text;
}

/**
 * An exact number of points for people: the full decimal when it terminates ("0,675",
 * "3,1875"), else the fraction with its value at 3 decimals ("2/3 ≈ 0,667").
 */
export function formatExactPoints(r: Rational, style: 'vi' | 'plain' = 'vi'): string {
  const x = reduceRational(r);
  const text = formatPointsFigure(x, 0, style);
  return terminatingDecimals(x, EXACT_TEXT_DECIMALS) === null ? `${x.num}/${x.den} ≈ ${text}` : text;
}

/** Points as a float, ONLY for charts and other display-only uses. */
export function pointsToNumber(p: Points): number {
  return p / SCALE;
}
