/**
 * Figures of published results as text and as chart positions. Results carry exact decimal
 * strings ("73.79", "-7.21"); text is made from the string itself, numbers only place marks.
 */
import { parseDecimal, rationalFromDecimal, rationalFromInt, divRational, sumRational, rationalToFixedString } from '@chiso/core';
import { formatChange, formatDecimal, formatNumber } from '../../format';

/** "73.79" → "73,79"; null → "—". Keeps the decimals as published (the web's formatDecimal). */
export const viDecimal = (text: string | null | undefined): string => formatDecimal(text);

/** A change with its sign ("+2,50", "−7,21", "0,00"): the web's formatChange. */
export const viChange = formatChange;

/** Chart position of a decimal string (null stays null). */
export function chartValue(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const n = Number(text);
  return Number.isNaN(n) ? null : n;
}

/** Exact average of decimal strings, rounded half-up to `decimals` ("73.79"); null when none. */
export function averageText(values: ReadonlyArray<string | null | undefined>, decimals = 2): string | null {
  const parsed = values.flatMap((v) => {
    const d = v === null || v === undefined ? null : parseDecimal(v);
    return d === null ? [] : [rationalFromDecimal(d)];
  });
  if (parsed.length === 0) return null;
  return rationalToFixedString(divRational(sumRational(parsed), rationalFromInt(parsed.length)), decimals);
}

/** Axis labels: Vietnamese grouping, no needless decimals ("1.234", "72,5"). */
export function axisNumber(value: number): string {
  return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/** Text put into an ECharts HTML tooltip. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
