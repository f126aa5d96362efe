/**
 * Numbers as people type them in a form, by what the number is.
 *
 * Vietnamese writes a decimal comma and groups thousands with dots, so "1.237" is one thousand
 * two hundred thirty-seven, while a file or an English keyboard would mean 1,237. It must never
 * silently become the other:
 * - a count (occurrences, done / required of a rate) reads "1.237" as 1237;
 * - points, where both readings are plausible, refuse "1.237" and say how to write it.
 * A dot followed by anything but groups of three digits ("0.75", "12.5") is a decimal point.
 * The result carries the canonical text (decimal point, no grouping) that the API takes.
 */
import { normalizeDecimal, parseDecimal, type ExactDecimal } from './parse.ts';
import { pointsFromDecimal, type Points } from './points.ts';
import { unitsToPlain } from './rational.ts';

/** What the typed number is: a whole count, a non-negative quantity (a rate's part), or points. */
export type TypedNumberKind = 'count' | 'quantity' | 'points';

export type TypedNumberProblem = 'empty' | 'not_a_number' | 'negative' | 'not_whole' | 'ambiguous' | 'too_precise';

export type TypedNumber =
  | { readonly ok: true; readonly value: ExactDecimal; readonly canonical: string }
  | { readonly ok: false; readonly problem: TypedNumberProblem; readonly message: string };

/** "1.237", "12.345.678": dots grouping thousands (first group without a leading zero). */
const DOT_GROUPED = /^[1-9]\d{0,2}(\.\d{3})+$/;
/** "1.234,5": dot-grouped thousands with a decimal comma. */
const DOT_GROUPED_COMMA = /^[1-9]\d{0,2}(\.\d{3})+,\d+$/;

const fail = (problem: TypedNumberProblem, message: string): TypedNumber => ({ ok: false, problem, message });

function canonicalOf(d: ExactDecimal): string {
  const n = normalizeDecimal(d);
  return unitsToPlain(n.units, n.scale);
}

/** Read a typed number as `kind` (see the module comment); messages are Vietnamese and say what to type. */
export function readTypedNumber(input: string, kind: TypedNumberKind): TypedNumber {
  // Spaces (also non-breaking and thin) may group thousands: "1 237".
  const text = input.replace(/[\s\u00a0\u202f]+/g, '');
  if (text === '') return fail('empty', 'Chưa nhập số.');
  if (text.startsWith('-')) return fail('negative', 'Số không được âm.');
  let value: ExactDecimal | null;
  if (DOT_GROUPED.test(text)) {
    if (kind === 'points') {
      const whole = text.replace(/\./g, '');
      return fail('ambiguous',
        `“${input.trim()}” không rõ là ${whole} hay ${text.replace('.', ',')}: điểm viết phần thập phân bằng dấu phẩy (ví dụ ${text.replace('.', ',')}).`);
    }
    value = { units: BigInt(text.replace(/\./g, '')), scale: 0 };
  } else if (DOT_GROUPED_COMMA.test(text) || /^\+?\d*[.,]?\d+$/.test(text) || /^\+?\d+$/.test(text)) {
    value = parseDecimal(text);
  } else {
    value = null;
  }
  if (value === null) {
    return fail('not_a_number', `“${input.trim()}” không phải là số (ví dụ ${kind === 'count' ? '12' : '0,75'}).`);
  }
  const norm = normalizeDecimal(value);
  if (kind === 'count' && norm.scale > 0) {
    return fail('not_whole', `Số lần phải là số nguyên (“${input.trim()}”); một nghìn hai trăm ba mươi bảy viết 1237 hoặc 1.237.`);
  }
  if (kind === 'points' && pointsFromDecimal(norm) === null) {
    return fail('too_precise', 'Điểm có tối đa 3 chữ số thập phân.');
  }
  return { ok: true, value: norm, canonical: canonicalOf(norm) };
}

/** A typed whole count (occurrences), or null when it is not one. */
export function readCount(input: string): number | null {
  const r = readTypedNumber(input, 'count');
  if (!r.ok) return null;
  const n = Number(r.value.units);
  return Number.isSafeInteger(n) ? n : null;
}

/** Typed points, or the reason they cannot be read. */
export function readTypedPoints(input: string): { ok: true; points: Points } | { ok: false; message: string } {
  const r = readTypedNumber(input, 'points');
  return r.ok ? { ok: true, points: pointsFromDecimal(r.value)! } : { ok: false, message: r.message };
}
