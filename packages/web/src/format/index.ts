/** Display formatters: Vietnamese numbers (73,79) and dates (dd/MM/yyyy) in Asia/Ho_Chi_Minh. */
import { formatDecimalVi, type ViDecimalOptions } from '@chiso/core';

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
