/** Display formatters: Vietnamese numbers (73,79) and dates (dd/MM/yyyy) in Asia/Ho_Chi_Minh. */
import { formatDecimalVi, isZeroDecimal, type ViDecimalOptions } from '@chiso/core';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 73.789 → "73,79" (2 decimals by default; thousands separated by "."). */
export function formatNumber(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const key = String(decimals);
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/**
 * An exact decimal string from the server ("1234.50") as people read it ("1.234,50"), with the
 * decimals it was published with; "—" when there is none. Options as core `formatDecimalVi`.
 */
export function formatDecimal(text: string | null | undefined, options: ViDecimalOptions = { group: true }): string {
  return text === null || text === undefined || text === '' ? '—' : formatDecimalVi(text, options);
}

/** The direction of a change, a decimal string ("-7.21") or a count: 1 a rise, −1 a fall, 0 none (zero is neutral). */
export function changeSign(value: string | number): 1 | -1 | 0 {
  if (typeof value === 'number') return value > 0 ? 1 : value < 0 ? -1 : 0;
  if (isZeroDecimal(value)) return 0;
  return value.startsWith('-') ? -1 : 1;
}

/**
 * A change with its sign, at least `decimals` decimals: "2.5" → "+2,50", "-7.21" → "−7,21"
 * (typographic minus), zero without a sign ("0,00"); "—" when there is none.
 */
export function formatChange(text: string | null | undefined, decimals = 2): string {
  if (text === null || text === undefined || text === '') return '—';
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const sign = changeSign(text);
  const body = formatDecimal(text.replace(/^-/, ''), { group: true, minDecimals: decimals });
  return sign > 0 ? `+${body}` : sign < 0 ? `\u2212${body}` : body;
}

/** A count or rank change: "+5" / "−2" / "0"; "—" when there is none. */
export function formatCountChange(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0';
}

/** Places gained in a ranking as an arrow: 2 → "↑2", −3 → "↓3", 0 → "=". */
export const formatRankArrow = (places: number): string => (places > 0 ? `↑${places}` : places < 0 ? `↓${-places}` : '=');

/** A percentage, one decimal and a non-breaking space: 75 or "75.00" → "75,0 %"; "—" when there is none. */
export function formatPercent(value: number | string | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? `${formatNumber(n, decimals)}\u00a0%` : '—';
}

/** Integers with Vietnamese grouping: 3321 → "3.321". */
export function formatInteger(value: number | null | undefined): string {
  return formatNumber(value, 0);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-07-01" → "01/07/2025"; an ISO timestamp is shown as its date in Asia/Ho_Chi_Minh. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const m = ISO_DATE.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const parts = partsInZone(d);
  return `${parts.day}/${parts.month}/${parts.year}`;
}

/** ISO timestamp → "15/11/2025 14:05" in Asia/Ho_Chi_Minh. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = partsInZone(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

const zoneFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsInZone(d: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const p of zoneFormat.formatToParts(d)) {
    if (p.type in out) out[p.type as keyof typeof out] = p.value;
  }
  return out;
}

/** Today's date in Asia/Ho_Chi_Minh as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const p = partsInZone(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Display format for antd DatePicker (dayjs tokens). */
export const DATE_INPUT_FORMAT = 'DD/MM/YYYY';
