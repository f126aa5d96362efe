/**
 * External indices the province follows (issue 12 §4: PAR INDEX, SIPAS, PAPI, PCI, DTI, the 766
 * service index): the change between two periods (value exactly, rank in places — a smaller rank
 * is better — and each component, comparable only when the component and its maximum are the same
 * in both editions, worded like year over year's notes), the sentence officials write ("PAPI 2023
 * xếp hạng 21/63, giảm 0,37 điểm, giảm 08 bậc"), and the checks of a value against its edition.
 *
 * Figures are plain decimal strings with a dot ("42.87"), as in the API contract.
 */
import { parseDecimal } from '../decimal/parse.ts';
import { compareRational, rationalFromDecimal, type Rational } from '../decimal/rational.ts';
import { formatDecimalVi } from '../decimal/vi-text.ts';
import { decimalDifference } from '../results/year-over-year.ts';

export const EXTERNAL_PERIODICITIES = ['year', 'month'] as const;
export type ExternalPeriodicity = (typeof EXTERNAL_PERIODICITIES)[number];

/** Whom an index scores: the province only, or the province and its units (766). */
export const EXTERNAL_SUBJECTS = ['province', 'province_and_units'] as const;
export type ExternalSubjects = (typeof EXTERNAL_SUBJECTS)[number];

export interface ExternalComponent {
  key: string;
  name: string;
  /** Decimal string; null: no stated maximum. */
  maxPoints: string | null;
}

/** One year's edition of an index. */
export interface ExternalEdition {
  year: number;
  components: readonly ExternalComponent[];
  maxValue: string | null;
  rankOf: number | null;
}

/** A value of an index for one period and subject. */
export interface ExternalFigure {
  period: string;
  value: string;
  rank: number | null;
  rankOf: number | null;
  groupLabel?: string | null;
  components: Readonly<Record<string, string>>;
}

export interface ExternalComponentChange {
  key: string;
  name: string;
  value: string | null;
  previousValue: string | null;
  maxPoints: string | null;
  change: string | null;
  comparable: boolean;
  /** Why not comparable ("Thành phần mới năm 2024", "Điểm tối đa đổi từ 10 thành 12"). */
  note: string | null;
}

export interface ExternalChange {
  period: string;
  previousPeriod: string | null;
  /** Exact value − previous value; null without a previous period. */
  valueChange: string | null;
  /** Places gained (positive: a better, smaller rank); null when not comparable. */
  rankChange: number | null;
  /** Why the ranks are not compared (a different number of provinces). */
  rankNote: string | null;
  components: ExternalComponentChange[];
}

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

/** Whether the text is a period of that periodicity: '2024' for a yearly index, '2024-05' for a monthly one. */
export function isExternalPeriod(period: string, periodicity: ExternalPeriodicity): boolean {
  const m = PERIOD.exec(period);
  return m !== null && (periodicity === 'month') === (m[2] !== undefined);
}

/**
 * A period as a spreadsheet cell gives it: a monthly index's month may be typed as a date (Excel
 * keeps it as a day: '2024-05-01', or '01/05/2024' in a CSV), or as '05/2024', 'tháng 5/2024',
 * '2024-5' — each is read as that month ('2024-05'). Anything else is left as written (checked later).
 */
export function externalPeriodOfCell(text: string, periodicity: ExternalPeriodicity): string {
  const cell = text.trim();
  if (periodicity !== 'month') return cell;
  const month = (y: string, m: string) => (Number(m) >= 1 && Number(m) <= 12 ? `${y}-${m.padStart(2, '0')}` : cell);
  const iso = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(cell);
  if (iso) return month(iso[1]!, iso[2]!);
  const vi = /^(?:(?:tháng|t)\s*)?(?:(\d{1,2})\/)?(\d{1,2})\/(\d{4})$/i.exec(cell);
  if (vi) return month(vi[3]!, vi[2]!);
  return cell;
}

/** The year of a period ('2024-05' → 2024). */
export const externalPeriodYear = (period: string): number => Number(period.slice(0, 4));

/** '2024' → '2024'; '2024-05' → 'tháng 05/2024'. */
export function externalPeriodText(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) return period;
  return m[2] ? `tháng ${m[2]}/${m[1]}` : m[1]!;
}

/** Counts as officials write them in reports: at least two digits ("08 bậc", "12 bậc"). */
export const twoDigits = (n: number): string => String(Math.abs(n)).padStart(2, '0');

function exact(text: string): Rational {
  const d = parseDecimal(text);
  if (d === null) throw new RangeError(`external index: not a decimal: ${text}`);
  return rationalFromDecimal(d);
}
const same = (a: string, b: string) => compareRational(exact(a), exact(b)) === 0;
const sameMax = (a: string | null, b: string | null) => (a === null || b === null ? a === b : same(a, b));
const viNumber = (text: string) => formatDecimalVi(text, { trimZeros: true });

/** "tăng 03 bậc", "giảm 08 bậc", "giữ nguyên thứ hạng" — places gained (positive) or lost. */
export function rankChangeText(places: number): string {
  if (places === 0) return 'giữ nguyên thứ hạng';
  return `${places > 0 ? 'tăng' : 'giảm'} ${twoDigits(places)} bậc`;
}

/** "tăng 0,37 điểm", "giảm 1,2 điểm phần trăm", "không đổi" — from an exact difference. */
export function valueChangeText(change: string, valueUnit = 'điểm'): string {
  const d = parseDecimal(change);
  if (d === null) return change;
  if (d.units === 0n) return 'không đổi điểm số';
  const unit = valueUnit === '%' ? 'điểm phần trăm' : valueUnit;
  return `${d.units > 0n ? 'tăng' : 'giảm'} ${formatDecimalVi(change.replace(/^-/, ''))} ${unit}`;
}

/**
 * The change of a figure against the previous one, with the two editions (for component maxima
 * and the number of provinces ranked).
 */
export function externalChange(
  current: ExternalFigure, edition: ExternalEdition | null, previous: ExternalFigure | null, previousEdition: ExternalEdition | null,
): ExternalChange {
  const year = externalPeriodYear(current.period);
  const components: ExternalComponentChange[] = [];
  const previousDefs = new Map((previousEdition?.components ?? []).map((c) => [c.key, c]));
  const currentDefs = edition?.components ?? [];
  for (const def of currentDefs) {
    const value = current.components[def.key] ?? null;
    const previousValue = previous?.components[def.key] ?? null;
    const out: ExternalComponentChange = { key: def.key, name: def.name, value, previousValue, maxPoints: def.maxPoints, change: null, comparable: false, note: null };
    const before = previousDefs.get(def.key);
    if (previous) {
      if (previousEdition && !before) out.note = `Thành phần mới năm ${year}`;
      else if (before && !sameMax(before.maxPoints, def.maxPoints)) {
        out.note = `Điểm tối đa đổi từ ${before.maxPoints ? viNumber(before.maxPoints) : 'không quy định'} thành ${def.maxPoints ? viNumber(def.maxPoints) : 'không quy định'}`;
      } else if (value === null || previousValue === null) out.note = value === null ? 'Chưa có giá trị kỳ này' : 'Chưa có giá trị kỳ trước';
      else {
        out.change = decimalDifference(value, previousValue);
        out.comparable = true;
      }
    }
    components.push(out);
  }
  if (previous && previousEdition) {
    const kept = new Set(currentDefs.map((c) => c.key));
    for (const def of previousEdition.components) {
      if (kept.has(def.key)) continue;
      components.push({
        key: def.key, name: def.name, value: null, previousValue: previous.components[def.key] ?? null, maxPoints: def.maxPoints, change: null, comparable: false,
        note: `Thành phần không còn năm ${year}`,
      });
    }
  }
  let rankChange: number | null = null;
  let rankNote: string | null = null;
  if (previous && current.rank !== null && previous.rank !== null) {
    if (current.rankOf !== null && previous.rankOf !== null && current.rankOf !== previous.rankOf) {
      rankNote = `Số tỉnh, thành phố xếp hạng đổi từ ${previous.rankOf} thành ${current.rankOf}`;
    } else rankChange = previous.rank - current.rank;
  }
  return {
    period: current.period,
    previousPeriod: previous?.period ?? null,
    valueChange: previous ? decimalDifference(current.value, previous.value) : null,
    rankChange,
    rankNote,
    components,
  };
}

/**
 * The sentence of a report: "PAPI 2023 xếp hạng 21/63, giảm 0,37 điểm, giảm 08 bậc"; without a
 * rank "PCI 2024 đạt 65,5 điểm, tăng 1,2 điểm"; a monthly period "… tháng 05/2024 …".
 */
export function externalSentence(input: {
  label: string;
  figure: ExternalFigure;
  change: Pick<ExternalChange, 'valueChange' | 'rankChange'> | null;
  valueUnit?: string;
}): string {
  const { label, figure, change } = input;
  const unit = input.valueUnit ?? 'điểm';
  const parts = [
    figure.rank !== null
      ? `${label} ${externalPeriodText(figure.period)} xếp hạng ${figure.rank}${figure.rankOf !== null ? `/${figure.rankOf}` : ''}`
      : `${label} ${externalPeriodText(figure.period)} đạt ${formatDecimalVi(figure.value)} ${unit === '%' ? '%' : unit}`,
  ];
  if (change?.valueChange != null) parts.push(valueChangeText(change.valueChange, unit));
  if (change?.rankChange != null) parts.push(rankChangeText(change.rankChange));
  return parts.join(', ');
}

/** A problem of a value against its edition, on a field ('value', 'rank', 'components.<key>'). */
export interface ExternalValueIssue {
  field: string;
  message: string;
}

/** Checks a value against its index's edition: maxima, ranks, known components. */
export function checkExternalFigure(figure: ExternalFigure, edition: ExternalEdition | null): ExternalValueIssue[] {
  const issues: ExternalValueIssue[] = [];
  const check = (field: string, text: string, max: string | null, what: string) => {
    const d = parseDecimal(text);
    if (d === null) return issues.push({ field, message: `${what} “${text}” không phải là số` });
    if (d.units < 0n) return issues.push({ field, message: `${what} không được âm` });
    if (max !== null && compareRational(rationalFromDecimal(d), exact(max)) > 0) {
      issues.push({ field, message: `${what} ${formatDecimalVi(text)} vượt điểm tối đa ${viNumber(max)}` });
    }
    return issues.length;
  };
  check('value', figure.value, edition?.maxValue ?? null, 'Giá trị');
  if (figure.rank !== null) {
    const of = figure.rankOf ?? edition?.rankOf ?? null;
    if (!Number.isInteger(figure.rank) || figure.rank < 1) issues.push({ field: 'rank', message: 'Thứ hạng phải là số nguyên từ 1' });
    else if (of !== null && figure.rank > of) issues.push({ field: 'rank', message: `Thứ hạng ${figure.rank} lớn hơn số tỉnh, thành phố xếp hạng (${of})` });
  }
  if (figure.rankOf !== null && (!Number.isInteger(figure.rankOf) || figure.rankOf < 1)) issues.push({ field: 'rankOf', message: 'Số tỉnh, thành phố xếp hạng phải là số nguyên từ 1' });
  const defs = new Map((edition?.components ?? []).map((c) => [c.key, c]));
  for (const [key, text] of Object.entries(figure.components)) {
    const def = defs.get(key);
    if (!def) {
      issues.push({ field: `components.${key}`, message: `Thành phần “${key}” không có trong chỉ số năm ${externalPeriodYear(figure.period)}` });
      continue;
    }
    check(`components.${key}`, text, def.maxPoints, def.name);
  }
  return issues;
}

/** Checks an edition: unique non-empty component keys, maxima that are positive decimals. */
export function checkExternalEdition(edition: ExternalEdition): ExternalValueIssue[] {
  const issues: ExternalValueIssue[] = [];
  const seen = new Set<string>();
  edition.components.forEach((c, i) => {
    if (seen.has(c.key)) issues.push({ field: `components.${i}.key`, message: `Mã thành phần “${c.key}” bị trùng` });
    seen.add(c.key);
    if (c.maxPoints !== null) {
      const d = parseDecimal(c.maxPoints);
      if (d === null || d.units <= 0n) issues.push({ field: `components.${i}.maxPoints`, message: `Điểm tối đa của “${c.name}” phải là số dương` });
    }
  });
  if (edition.maxValue !== null) {
    const d = parseDecimal(edition.maxValue);
    if (d === null || d.units <= 0n) issues.push({ field: 'maxValue', message: 'Điểm tối đa của chỉ số phải là số dương' });
  }
  return issues;
}
