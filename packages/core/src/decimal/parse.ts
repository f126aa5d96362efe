/**
 * Parsing of decimal text as officials and files write it.
 *
 * Vietnamese writes a decimal comma ("73,79") and may group thousands with dots
 * ("1.234,5"); JSON/CSV use a decimal point ("73.79"). We accept both and never go
 * through binary floats: the result is an exact integer of units at a given scale.
 */

/** An exact decimal: `units / 10^scale`. */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DIGITS = /^\d+$/;

/**
 * Parse "73,79", "73.79", "1.234,5", "-0,25" or a JS number (converted through its
 * shortest string form, so 0.1 reads as exactly 0.1). Returns null when not a decimal.
 */
export function parseDecimal(input: string | number): ExactDecimal | null {
  let text: string;
  if (typeof input === 'number') {
    // Fast path: counts and whole numbers are the common case in inputs.
    if (Number.isSafeInteger(input)) return { units: BigInt(input), scale: 0 };
    if (!Number.isFinite(input)) return null;
    text = numberToPlain(input);
  } else {
    text = input.trim().replace(/\s+/g, '');
  }
  if (text === '') return null;
  let negative = false;
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = text.startsWith('-');
    text = text.slice(1);
  }
  const hasComma = text.includes(',');
  const hasDot = text.includes('.');
  let intPart: string;
  let fracPart = '';
  if (hasComma && hasDot) {
    // "1.234,5": dots group thousands, the comma is the decimal mark.
    const [grouped, frac, extra] = text.split(',');
    if (extra !== undefined || grouped === undefined) return null;
    if (!/^\d{1,3}(\.\d{3})+$/.test(grouped)) return null;
    intPart = grouped.replace(/\./g, '');
    fracPart = frac ?? '';
  } else {
    const sep = hasComma ? ',' : '.';
    const parts = text.split(sep);
    if (parts.length > 2) return null;
    intPart = parts[0] ?? '';
    fracPart = parts[1] ?? '';
    if (parts.length === 2 && fracPart === '') return null;
  }
  if (intPart === '') intPart = '0';
  if (!DIGITS.test(intPart) || (fracPart !== '' && !DIGITS.test(fracPart))) return null;
  const units = BigInt(intPart + fracPart);
  return { units: negative ? -units : units, scale: fracPart.length };
}

/** A number's exact decimal text without exponent notation (1e-7 → "0.0000001"). */
function numberToPlain(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Rare in our data; toFixed(20) is exact enough for the digits String() produced.
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** Reduce trailing zeros so that 0.250 and 0.25 compare by scale. */
export function normalizeDecimal(d: ExactDecimal): ExactDecimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}
