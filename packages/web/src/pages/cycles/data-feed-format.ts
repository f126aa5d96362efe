/** Vietnamese display of data-feed figures (exact: decimal text, never binary floats). */
import { divRational, mulRational, parseDecimal, rationalFromDecimal, rationalFromInt, rationalToFixedString } from '@chiso/core';

/** "1237.5" → "1.237,5". */
export function figureText(value: string): string {
  const [int = '', frac] = value.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac ? `${grouped},${frac}` : grouped;
}

/** numerator ÷ denominator as a percentage with 2 decimals ("96,50%"), or "—" when the denominator is 0. */
export function rateText(numerator: string, denominator: string): string {
  const n = parseDecimal(numerator);
  const d = parseDecimal(denominator);
  if (!n || !d || d.units === 0n) return '—';
  const pct = mulRational(divRational(rationalFromDecimal(n), rationalFromDecimal(d)), rationalFromInt(100));
  return `${rationalToFixedString(pct, 2).replace('.', ',')}%`;
}
