/**
 * Targets of a resolution or plan (chỉ tiêu, issue 12 §3): a target's status in a year against its
 * milestone, direction-aware, in exact decimals; and the "met / total" count the steering committee
 * reports ("hoàn thành đạt và vượt 10/18 chỉ tiêu").
 */
import { normalizeDecimal, parseDecimal } from '../decimal/parse.ts';
import { compareRational, rationalFromDecimal } from '../decimal/rational.ts';

export const TARGET_MEASURES = ['rate', 'count', 'rank', 'index'] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];

/** Whether a larger value is better (a rate, a count, an index) or a smaller one (a rank). */
export const TARGET_DIRECTIONS = ['higher', 'lower'] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

/** Where a target's value comes from: entered by hand, imported from a file, or taken from a chiso figure. */
export const TARGET_SOURCES = ['entered', 'imported', 'chiso'] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];

/** đạt (meets the milestone), vượt (beats it strictly), chưa đạt; or nothing to judge. */
export const TARGET_STATUSES = ['met', 'exceeded', 'not_met', 'no_value', 'no_milestone'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** The direction a measure usually has (a rank: lower is better). */
export const defaultDirection = (measure: TargetMeasure): TargetDirection => (measure === 'rank' ? 'lower' : 'higher');

function exact(text: string) {
  const d = parseDecimal(text);
  if (d === null) throw new RangeError(`not a decimal: ${text}`);
  return rationalFromDecimal(d);
}

/**
 * A value's status against its milestone: equal is đạt, strictly better is vượt, worse is chưa đạt.
 * Values are plain decimal text ("73.5", "12"), compared exactly.
 */
export function targetStatus(value: string | null | undefined, milestone: string | null | undefined, direction: TargetDirection): TargetStatus {
  if (value === null || value === undefined || value === '') return 'no_value';
  if (milestone === null || milestone === undefined || milestone === '') return 'no_milestone';
  const c = compareRational(exact(value), exact(milestone));
  const better = direction === 'higher' ? c : -c;
  return better > 0 ? 'exceeded' : better === 0 ? 'met' : 'not_met';
}

export const isMet = (status: TargetStatus): boolean => status === 'met' || status === 'exceeded';

/** What the status of a target in a year rests on. */
export interface TargetFacts {
  direction: TargetDirection;
  /** Milestones by year (plain decimal text). */
  milestones: ReadonlyMap<number, string>;
  /** The value to reach at the plan's end year, when no milestone of that year says otherwise. */
  finalValue: string | null;
  /** The latest value entered per year. */
  values: ReadonlyMap<number, string>;
}

/** A year's milestone: the year's own, or the final value in the plan's end year. */
export const milestoneOf = (target: Pick<TargetFacts, 'milestones' | 'finalValue'>, year: number, endYear: number): string | null =>
  target.milestones.get(year) ?? (year === endYear ? target.finalValue : null);

export const statusInYear = (target: TargetFacts, year: number, endYear: number): TargetStatus =>
  targetStatus(target.values.get(year) ?? null, milestoneOf(target, year, endYear), target.direction);

/** The latest year any target has a value for (null: none yet). */
export function latestValueYear(targets: readonly Pick<TargetFacts, 'values'>[]): number | null {
  let latest: number | null = null;
  for (const t of targets) for (const y of t.values.keys()) if (latest === null || y > latest) latest = y;
  return latest;
}

export interface TargetsSummary {
  /** The year counted (the latest with values, unless asked); null: no value yet. */
  year: number | null;
  /** Met or exceeded: the "10" of "10/18". */
  met: number;
  exceeded: number;
  notMet: number;
  /** Without a value or a milestone that year. */
  unknown: number;
  /** Every target of the plan: the "18". */
  total: number;
}

/** Met (đạt and vượt) out of all targets, for `year` or the latest year with values. */
export function summariseTargets(targets: readonly TargetFacts[], endYear: number, year?: number): TargetsSummary {
  const counted = year ?? latestValueYear(targets);
  const summary: TargetsSummary = { year: counted, met: 0, exceeded: 0, notMet: 0, unknown: 0, total: targets.length };
  for (const t of targets) {
    const s = counted === null ? 'no_value' : statusInYear(t, counted, endYear);
    if (isMet(s)) summary.met += 1;
    if (s === 'exceeded') summary.exceeded += 1;
    else if (s === 'not_met') summary.notMet += 1;
    else if (s === 'no_value' || s === 'no_milestone') summary.unknown += 1;
  }
  return summary;
}

/** Most decimals a target's value keeps (the database stores numeric(18, 4)). */
export const TARGET_VALUE_DECIMALS = 4;

/**
 * A value as officials write it ("85,5", "1.234", 12) as plain decimal text ("85.5", "1234"),
 * without trailing zeros; null when it is not a number, has more than 4 decimals or is too large.
 */
export function targetValueText(input: string | number): string | null {
  const parsed = parseDecimal(input);
  if (parsed === null) return null;
  const d = normalizeDecimal(parsed);
  if (d.scale > TARGET_VALUE_DECIMALS) return null;
  const digits = (d.units < 0n ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  if (digits.length - d.scale > 14) return null;
  const text = d.scale === 0 ? digits : `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  return d.units < 0n ? `-${text}` : text;
}
