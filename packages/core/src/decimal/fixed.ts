/**
 * A published fixed-decimal figure (an index "81,33", a percentage): integer units at a
 * declared number of decimals. Comparing two Fixed values of the same decimals is exact.
 */
import { pow10, roundHalfUp, type Rational, unitsToPlain } from './rational.ts';
import { parseDecimal } from './parse.ts';

export interface Fixed {
  /** Integer count of 10^-decimals. */
  readonly units: number;
  readonly decimals: number;
}

export function fixedFromRational(r: Rational, decimals: number): Fixed {
  return { units: Number(roundHalfUp(r, decimals)), decimals };
}

export function fixedToRational(f: Fixed): Rational {
  return { num: BigInt(f.units), den: pow10(f.decimals) };
}

/** Exact comparison, also across different decimals. */
export function compareFixed(a: Fixed, b: Fixed): -1 | 0 | 1 {
  const l = BigInt(a.units) * pow10(b.decimals);
  const r = BigInt(b.units) * pow10(a.decimals);
  return l < r ? -1 : l > r ? 1 : 0;
}

export function subFixed(a: Fixed, b: Fixed): Fixed {
  const d = Math.max(a.decimals, b.decimals);
  return {
    units: a.units * 10 ** (d - a.decimals) - b.units * 10 ** (d - b.decimals),
    decimals: d,
  };
}

/** "81.33" (plain) or "81,33" (vi, default). Always shows all declared decimals. */
export function formatFixed(f: Fixed, style: 'vi' | 'plain' = 'vi'): string {
  const text = unitsToPlain(BigInt(f.units), f.decimals);
  return style === 'vi' ? text.replace('.', ',') : text;
}

/** Parse "81,33" / "81.33" into Fixed at `decimals`, rounding half-up if longer. */
export function parseFixed(input: string | number, decimals: number): Fixed | null {
  const d = parseDecimal(input);
  if (d === null) return null;
  return fixedFromRational({ num: d.units, den: pow10(d.scale) }, decimals);
}

/** Float value, for display/charts only. */
export function fixedToNumber(f: Fixed): number {
  return f.units / 10 ** f.decimals;
}
