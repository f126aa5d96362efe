/**
 * Plain decimal text ("73.79", "-1234.500") written for people the Vietnamese way: a decimal
 * comma, and optionally "." between thousands. Works on the text itself, so figures stay exact.
 */

export interface ViDecimalOptions {
  /** Drop the fraction's trailing zeros ("12.500" → "12,5", "12.000" → "12"). Default: keep the decimals written. */
  readonly trimZeros?: boolean;
  /** Pad the fraction with zeros to at least this many decimals ("2.5" → "2,50" for 2). */
  readonly minDecimals?: number;
  /** Separate thousands with "." ("1234.5" → "1.234,5"). Default: no separator. */
  readonly group?: boolean;
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "73.79" → "73,79"; text that is not a plain decimal is returned unchanged. */
export function formatDecimalVi(text: string, options: ViDecimalOptions = {}): string {
  const m = PLAIN.exec(text);
  if (!m) return text;
  const [, sign, whole, written = ''] = m;
  let fraction = options.trimZeros ? written.replace(/0+$/, '') : written;
  if (options.minDecimals !== undefined && fraction.length < options.minDecimals) fraction = fraction.padEnd(options.minDecimals, '0');
  const integer = options.group ? whole!.replace(/\B(?=(\d{3})+$)/g, '.') : whole!;
  return `${sign}${integer}${fraction ? `,${fraction}` : ''}`;
}

/** Whether plain decimal text is zero ("0", "-0.00"). */
export function isZeroDecimal(text: string): boolean {
  const m = PLAIN.exec(text);
  return m !== null && /^0+$/.test(m[2]!) && /^0*$/.test(m[3] ?? '');
}
