/**
 * Year over year of published results (issue 11 §1): this year's published rows next to the same
 * units' published results in earlier years, followed through the units' lineage. Pure: the
 * caller reads the snapshots; this chooses the year compared against, derives the earlier figure
 * (a merged unit's is the average of its predecessors'), and computes every change exactly
 * (Rational on BigInt). Averages are rounded half-up to the current index decimals; a change is
 * the exact difference of the two figures as shown.
 *
 * Figures are plain decimal strings with a dot ("73.79", "-7.21"), as in the API contract.
 */
import { parseDecimal } from '../decimal/parse.ts';
import { formatDecimalVi } from '../decimal/vi-text.ts';
import {
  compareRational, divRational, type Rational, rationalFromDecimal, rationalFromInt, rationalToFixedString, reduceRational, subRational, sumRational,
} from '../decimal/rational.ts';

export type ComparisonBasis = 'same' | 'merged' | 'split';
export type ClassChange = 'up' | 'down' | 'same';

/** A field (lĩnh vực) of a published result, by the framework's stable key. */
export interface YoyFieldResult {
  readonly fieldKey: string;
  readonly code: string;
  readonly name: string;
  readonly achieved: string;
  readonly applicableMax: string;
  readonly componentIndex: string | null;
  /** The field's maximum in its framework (compared across years); absent: the applicable maximum is used. */
  readonly maxPoints?: string | null;
}

/** This year's published row of a unit. */
export interface YoyCurrentRow {
  readonly unitId: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly achieved: string;
  readonly applicableMax: string;
  readonly index: string;
  readonly rank: number;
  readonly classLabel: string | null;
  readonly fields: readonly YoyFieldResult[];
}

/** A unit's published result in an earlier year. */
export interface YoyEarlierResult {
  readonly unitId: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly cycleId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly achieved: string;
  readonly applicableMax: string;
  readonly index: string;
  readonly rank: number;
  readonly rankedUnits: number;
  readonly classLabel: string | null;
  readonly fields: readonly YoyFieldResult[];
}

/** One earlier year of a unit: the result(s) it compares against and how they relate to it. */
export interface YoyEarlierYear {
  readonly year: number;
  readonly basis: ComparisonBasis;
  readonly results: readonly YoyEarlierResult[];
}

export interface YoyUnitYear {
  year: number;
  basis: ComparisonBasis;
  results: YoyEarlierResult[];
  index: string;
  achieved: string | null;
  applicableMax: string | null;
  rank: number | null;
  rankedUnits: number | null;
  classLabel: string | null;
}

export interface YoyFieldChange {
  fieldKey: string;
  code: string;
  name: string;
  index: string | null;
  previousIndex: string | null;
  change: string | null;
  comparable: boolean;
  note: string | null;
}

export interface YoyUnit {
  unitId: string;
  unitCode: string;
  unitName: string;
  achieved: string;
  applicableMax: string;
  index: string;
  rank: number;
  classLabel: string | null;
  previous: YoyUnitYear | null;
  change: { index: string; points: string | null; rank: number | null; classChange: ClassChange | null } | null;
  fields: YoyFieldChange[];
  history: YoyUnitYear[];
}

export interface YoyClassCount {
  label: string;
  count: number;
  previousCount: number | null;
  change: number | null;
}

export interface YearOverYearInput {
  readonly year: number;
  /** Decimals of this year's index: averages are rounded (half-up) to them. */
  readonly indexDecimals: number;
  readonly rows: readonly YoyCurrentRow[];
  /** Per unit id, its earlier years (any order). */
  readonly earlier: ReadonlyMap<string, readonly YoyEarlierYear[]>;
  /** Class labels, best first (the framework's bands); labels not in it are listed after, and their changes are unknown. */
  readonly classOrder: readonly string[];
  /**
   * This year's ranking cohort: the group's name and how many units it ranks. A rank change is
   * given only when last year's result was ranked in a cohort of the same name (the years' groups
   * have no shared identity); otherwise both ranks are kept, the change is null.
   */
  readonly groupName: string;
  readonly rankedUnits: number;
}

export interface YearOverYearFigures {
  previousYear: number | null;
  units: YoyUnit[];
  classes: YoyClassCount[];
  averageIndex: string;
  previousAverageIndex: string | null;
  averageIndexChange: string | null;
  fields: YoyFieldChange[];
}

// ---------------------------------------------------------------- exact decimal strings

interface Num {
  readonly value: Rational;
  readonly scale: number;
}

function num(text: string): Num {
  const d = parseDecimal(text);
  if (d === null) throw new RangeError(`year over year: not a decimal: ${text}`);
  return { value: rationalFromDecimal(d), scale: d.scale };
}

/** a − b, exactly, written with the larger of the two numbers of decimals. */
export function decimalDifference(a: string, b: string): string {
  const x = num(a);
  const y = num(b);
  return rationalToFixedString(subRational(x.value, y.value), Math.max(x.scale, y.scale));
}

/** The average of decimal strings, rounded half-up to `decimals`; null for none. */
export function decimalAverage(values: readonly string[], decimals: number): string | null {
  if (values.length === 0) return null;
  const sum = sumRational(values.map((v) => num(v).value));
  return rationalToFixedString(reduceRational(divRational(sum, rationalFromInt(values.length))), decimals);
}

const sameDecimal = (a: string, b: string) => compareRational(num(a).value, num(b).value) === 0;
/** "12,5" — a maximum in a Vietnamese note. */
const viNumber = (text: string) => formatDecimalVi(text, { trimZeros: true });

// ---------------------------------------------------------------- one unit

function unitYear(y: YoyEarlierYear, decimals: number): YoyUnitYear {
  const results = [...y.results];
  const first = results[0]!;
  const same = y.basis === 'same';
  return {
    year: y.year,
    basis: y.basis,
    results,
    index: results.length === 1 ? first.index : decimalAverage(results.map((r) => r.index), decimals)!,
    achieved: same ? first.achieved : null,
    applicableMax: same ? first.applicableMax : null,
    rank: same ? first.rank : null,
    rankedUnits: same ? first.rankedUnits : null,
    classLabel: same ? first.classLabel : null,
  };
}

/** Class moved up, down or stayed, by the order (best first); null when either is unknown. */
export function classChange(order: readonly string[], from: string | null, to: string | null): ClassChange | null {
  if (from === null || to === null) return null;
  const a = order.indexOf(from);
  const b = order.indexOf(to);
  if (a < 0 || b < 0) return null;
  return b < a ? 'up' : b > a ? 'down' : 'same';
}

const fieldMax = (f: YoyFieldResult) => f.maxPoints ?? f.applicableMax;

interface FieldSide {
  readonly code: string;
  readonly name: string;
  /** Component indexes (one per unit or result having the field; null where not applicable). */
  readonly indexes: readonly (string | null)[];
  readonly maxes: readonly string[];
}

/**
 * The change of a field between two sides (a unit and its earlier result(s), or a group and its
 * earlier year): comparable only when the key is in both and the maximum is the same.
 */
function fieldChange(key: string, year: number, previousYear: number | null, current: FieldSide | undefined, previous: FieldSide | undefined, decimals: number, previousComplete: boolean): YoyFieldChange {
  const shown = (current ?? previous)!;
  const average = (side: FieldSide | undefined) => {
    if (!side) return null;
    const values = side.indexes.filter((v): v is string => v !== null);
    if (values.length === 0) return null;
    return values.length === 1 && side.indexes.length === 1 ? values[0]! : decimalAverage(values, decimals);
  };
  const index = average(current);
  const previousIndex = previousComplete ? average(previous) : null;
  const out = { fieldKey: key, code: shown.code, name: shown.name, index, previousIndex, change: null as string | null, comparable: false, note: null as string | null };
  if (previousYear === null) return out;
  if (!current) return { ...out, note: `Lĩnh vực không còn trong bộ tiêu chí năm ${year}` };
  if (!previous) return { ...out, note: `Lĩnh vực mới năm ${year}` };
  if (!previousComplete) return { ...out, note: `Không phải mọi đơn vị trước sắp xếp đều có lĩnh vực này năm ${previousYear}` };
  const curMax = maxOf(current.maxes);
  const prevMax = maxOf(previous.maxes);
  if (!sameDecimal(curMax, prevMax)) {
    return { ...out, note: `Điểm tối đa đổi từ ${viNumber(prevMax)} thành ${viNumber(curMax)}` };
  }
  if (index === null || previousIndex === null) return { ...out, note: index === null ? 'Không áp dụng năm nay' : `Không áp dụng năm ${previousYear}` };
  return { ...out, change: decimalDifference(index, previousIndex), comparable: true };
}

function maxOf(values: readonly string[]): string {
  return values.reduce((m, v) => (compareRational(num(v).value, num(m).value) > 0 ? v : m));
}

/** Fields of several results (or units) gathered by key, in code order of first appearance. */
function gatherFields(list: readonly (readonly YoyFieldResult[])[]): Map<string, FieldSide & { count: number }> {
  const out = new Map<string, { code: string; name: string; indexes: (string | null)[]; maxes: string[]; count: number }>();
  for (const fields of list) {
    for (const f of fields) {
      const side = out.get(f.fieldKey) ?? { code: f.code, name: f.name, indexes: [], maxes: [], count: 0 };
      side.indexes.push(f.componentIndex);
      side.maxes.push(fieldMax(f));
      side.count++;
      out.set(f.fieldKey, side);
    }
  }
  return out;
}

function fieldChanges(year: number, previousYear: number | null, current: readonly (readonly YoyFieldResult[])[], previous: readonly (readonly YoyFieldResult[])[], decimals: number): YoyFieldChange[] {
  const now = gatherFields(current);
  const before = gatherFields(previous);
  const keys = [...now.keys(), ...[...before.keys()].filter((k) => !now.has(k))];
  // A merged unit's earlier field compares only when every predecessor had it.
  return keys.map((k) => fieldChange(k, year, previousYear, now.get(k), before.get(k), decimals, (before.get(k)?.count ?? 0) === previous.length));
}

function compareUnit(row: YoyCurrentRow, years: readonly YoyEarlierYear[], input: YearOverYearInput, order: readonly string[]): YoyUnit {
  const history = years.filter((y) => y.year < input.year && y.results.length > 0).sort((a, b) => b.year - a.year).map((y) => unitYear(y, input.indexDecimals));
  const previous = history[0] ?? null;
  const base = {
    unitId: row.unitId, unitCode: row.unitCode, unitName: row.unitName, achieved: row.achieved, applicableMax: row.applicableMax,
    index: row.index, rank: row.rank, classLabel: row.classLabel,
  };
  if (!previous) {
    return { ...base, previous: null, change: null, history, fields: fieldChanges(input.year, null, [row.fields], [], input.indexDecimals) };
  }
  const same = previous.basis === 'same';
  const change = {
    index: decimalDifference(row.index, previous.index),
    points: same && sameDecimal(previous.applicableMax!, row.applicableMax) ? decimalDifference(row.achieved, previous.achieved!) : null,
    rank: same && sameRanking(previous.results[0]!, input) ? previous.rank! - row.rank : null,
    classChange: same ? classChange(order, previous.classLabel, row.classLabel) : null,
  };
  const fields = fieldChanges(input.year, previous.year, [row.fields], previous.results.map((r) => r.fields), input.indexDecimals);
  return { ...base, previous, change, history, fields };
}

/**
 * Last year's ranking cohort is this year's: the same group name (case and Unicode form aside). Its
 * size may differ (departments merged in 2025 leave fewer to rank, and reports still say "giảm 2
 * bậc"); a renamed cohort (a district's communes then, the province's now) does not compare.
 */
function sameRanking(previous: YoyEarlierResult, input: YearOverYearInput): boolean {
  const name = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('vi');
  return name(previous.groupName) === name(input.groupName);
}

// ---------------------------------------------------------------- the group

/** Every class label: the order given first, then any other label seen (in order of appearance). */
function classLabels(order: readonly string[], seen: Iterable<string | null>): string[] {
  const labels = [...order];
  for (const l of seen) if (l !== null && !labels.includes(l)) labels.push(l);
  return labels;
}

export function yearOverYear(input: YearOverYearInput): YearOverYearFigures {
  const order = input.classOrder;
  const units = input.rows.map((row) => compareUnit(row, input.earlier.get(row.unitId) ?? [], input, order));
  const previousYear = units.reduce<number | null>((y, u) => (u.previous && (y === null || u.previous.year > y) ? u.previous.year : y), null);
  // The earlier year's results behind the units' comparisons, each once (a unit split in two counts once).
  const earlierResults = new Map<string, YoyEarlierResult>();
  for (const u of units) {
    if (u.previous?.year !== previousYear) continue;
    for (const r of u.previous.results) earlierResults.set(`${r.cycleId}/${r.groupId}/${r.unitId}`, r);
  }
  const before = [...earlierResults.values()];
  const labels = classLabels(order, [...input.rows.map((r) => r.classLabel), ...before.map((r) => r.classLabel)]);
  const classes = labels.map((label) => {
    const count = input.rows.filter((r) => r.classLabel === label).length;
    const previousCount = previousYear === null ? null : before.filter((r) => r.classLabel === label).length;
    return { label, count, previousCount, change: previousCount === null ? null : count - previousCount };
  });
  const averageIndex = decimalAverage(input.rows.map((r) => r.index), input.indexDecimals) ?? rationalToFixedString(rationalFromInt(0), input.indexDecimals);
  const previousAverageIndex = previousYear === null ? null : decimalAverage(before.map((r) => r.index), input.indexDecimals);
  return {
    previousYear,
    units,
    classes,
    averageIndex,
    previousAverageIndex,
    averageIndexChange: previousAverageIndex === null ? null : decimalDifference(averageIndex, previousAverageIndex),
    fields: groupFieldChanges(input, previousYear, before),
  };
}

/** The group's per-field averages: this year's units and the earlier year's results behind them. */
function groupFieldChanges(input: YearOverYearInput, previousYear: number | null, before: readonly YoyEarlierResult[]): YoyFieldChange[] {
  const now = gatherFields(input.rows.map((r) => r.fields));
  const earlier = gatherFields(before.map((r) => r.fields));
  const keys = [...now.keys(), ...[...earlier.keys()].filter((k) => !now.has(k))];
  return keys.map((k) => {
    const cur = now.get(k);
    const prev = earlier.get(k);
    const change = fieldChange(k, input.year, previousYear, cur, prev, input.indexDecimals, prev !== undefined);
    // Averages over many units are always rounded to the current decimals.
    const avg = (side: FieldSide | undefined) => (side ? decimalAverage(side.indexes.filter((v): v is string => v !== null), input.indexDecimals) : null);
    const index = avg(cur);
    const previousIndex = previousYear === null ? null : avg(prev);
    return { ...change, index, previousIndex, change: change.comparable && index !== null && previousIndex !== null ? decimalDifference(index, previousIndex) : null };
  });
}
