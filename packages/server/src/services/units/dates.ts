/** Calendar days as ISO `YYYY-MM-DD` strings (compare as strings; no time zone arithmetic). */

const iso = /^(\d{4})-(\d{2})-(\d{2})$/;
const vietnamese = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function valid(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD` or `dd/MM/yyyy`; null when it is not a real calendar day. */
export function parseDay(text: string): string | null {
  const value = text.trim();
  let m = iso.exec(value);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = vietnamese.exec(value);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

export function isDay(text: string): boolean {
  return iso.test(text) && parseDay(text) === text;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in Asia/Ho_Chi_Minh. */
export function today(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** `dd/MM/yyyy`, as shown to people. */
export function showDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** Does a unit with this validity exist on `day`? */
export function existsOn(unit: { validFrom: string; validTo: string | null }, day: string): boolean {
  return unit.validFrom <= day && (unit.validTo === null || day <= unit.validTo);
}
