/** Decimals typed in the framework editor: read, checked and shown the Vietnamese way. Pure (no React). */
import { formatDecimalVi, normalizeDecimal, parseDecimal, readTypedNumber, unitsToPlain } from '@chiso/core';

/** What a typed number is: points, a percentage bound, a whole count, or a rate's part (see core `readTypedNumber`). */
export type DecimalKind = 'points' | 'percent' | 'count' | 'quantity';

/** Canonical text of a decimal typed by a person ("0,25" → "0.25", a count "1.237" → "1237"); null when not valid. */
export function canonicalDecimal(text: string, kind: DecimalKind): string | null {
  if (kind !== 'percent') {
    const r = readTypedNumber(text, kind);
    return r.ok ? r.canonical : null;
  }
  const d = parseDecimal(text);
  if (d === null) return null;
  const n = normalizeDecimal(d);
  return unitsToPlain(n.units, n.scale);
}

/** Why typed text is not a number of this kind (Vietnamese, says what to type); null when it is, or is empty. */
export function decimalProblem(text: string, kind: DecimalKind): string | null {
  if (text.trim() === '' || canonicalDecimal(text, kind) !== null) return null;
  const r = readTypedNumber(text, kind === 'percent' ? 'quantity' : kind);
  return r.ok ? 'Không phải là số.' : r.message;
}

/** A stored decimal shown the Vietnamese way ("0.25" → "0,25"); other text unchanged. */
export function viDecimal(value: unknown): string {
  return value === undefined || value === null ? '' : formatDecimalVi(String(value));
}
