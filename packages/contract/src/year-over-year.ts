/**
 * Year over year (issue 11 §1): a published group's results next to the same units' results in
 * earlier years, followed through the units' lineage (merges and splits). Figures are exact
 * decimal strings with a dot ("73.79", "-7.21"); the web formats them the Vietnamese way.
 * Only published snapshots are read (chiso's own and imported earlier years).
 */
import { z } from 'zod';

const decimal = z.string();

/**
 * How an earlier year's figure relates to the unit:
 * - `same`: the unit itself (or its only predecessor, e.g. a renamed or absorbing unit) — points,
 *   index, rank and class compare directly;
 * - `merged`: the unit was formed from several units — their indexes are averaged (exactly,
 *   rounded to the current decimals), rank and class do not compare;
 * - `split`: the unit was carved out of a larger one — its index is shown, rank and class do not compare.
 */
export const comparisonBasisSchema = z.enum(['same', 'merged', 'split']);

/** A unit's published result in an earlier year, as published. */
export const earlierResultSchema = z.object({
  unitId: z.string(), unitCode: z.string(), unitName: z.string(),
  cycleId: z.string(), groupId: z.string(), groupName: z.string(),
  achieved: decimal, applicableMax: decimal, index: decimal,
  rank: z.number().int(), rankedUnits: z.number().int(), classLabel: z.string().nullable(),
  /** Per field, by stable key, as published (empty when the year's results did not give them). */
  fields: z.array(z.object({ fieldKey: z.string(), code: z.string(), name: z.string(), achieved: decimal, applicableMax: decimal, componentIndex: decimal.nullable() })),
});

/** One earlier year of a unit: the result(s) it compares against. */
export const unitYearSchema = z.object({
  year: z.number().int(),
  basis: comparisonBasisSchema,
  /** The published results behind the figure: one for `same` and `split`, several for `merged`. */
  results: z.array(earlierResultSchema),
  /** The index compared against (the average for `merged`). */
  index: decimal,
  /** Only for `same`. */
  achieved: decimal.nullable(), applicableMax: decimal.nullable(), rank: z.number().int().nullable(), rankedUnits: z.number().int().nullable(), classLabel: z.string().nullable(),
});

export const fieldYearChangeSchema = z.object({
  fieldKey: z.string(), code: z.string(), name: z.string(),
  /** Component index this year and the year compared against (null when not published). */
  index: decimal.nullable(), previousIndex: decimal.nullable(), change: decimal.nullable(),
  /** False when the field is not in both years' frameworks (by stable key), or its maximum changed. */
  comparable: z.boolean(),
  /** Why it does not compare, in Vietnamese ("Lĩnh vực mới năm 2025", "Điểm tối đa đổi từ 10 thành 12"). */
  note: z.string().nullable(),
});

export const unitYearOverYearSchema = z.object({
  unitId: z.string(), unitCode: z.string(), unitName: z.string(),
  achieved: decimal, applicableMax: decimal, index: decimal, rank: z.number().int(), classLabel: z.string().nullable(),
  /** The nearest earlier year with a published result of the unit or its predecessors; null: none. */
  previous: unitYearSchema.nullable(),
  change: z.object({
    index: decimal,
    /** Achieved points; null unless `same` and the maximum is unchanged. */
    points: decimal.nullable(),
    /** Places gained (positive: up, e.g. 9 → 7 is +2); null unless `same`. */
    rank: z.number().int().nullable(),
    /** Class moved up, down or stayed; null unless `same` and both years were classified. */
    classChange: z.enum(['up', 'down', 'same']).nullable(),
  }).nullable(),
  fields: z.array(fieldYearChangeSchema),
  /** Every earlier year found, newest first (trend lines). */
  history: z.array(unitYearSchema),
});

export const yearOverYearSchema = z.object({
  cycleId: z.string(), groupId: z.string(), groupName: z.string(),
  program: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  snapshotNumber: z.number().int(),
  /** The nearest earlier year with any published result for these units; null: none. */
  previousYear: z.number().int().nullable(),
  units: z.array(unitYearOverYearSchema),
  /** Units per class this year and in `previousYear` among the units compared (same classes, by label). */
  classes: z.array(z.object({ label: z.string(), count: z.number().int(), previousCount: z.number().int().nullable(), change: z.number().int().nullable() })),
  /** The group's average index and per-field averages, this year and the previous. */
  averageIndex: decimal, previousAverageIndex: decimal.nullable(), averageIndexChange: decimal.nullable(),
  fields: z.array(fieldYearChangeSchema),
});

export type ComparisonBasis = z.output<typeof comparisonBasisSchema>;
export type EarlierResult = z.output<typeof earlierResultSchema>;
export type UnitYear = z.output<typeof unitYearSchema>;
export type FieldYearChange = z.output<typeof fieldYearChangeSchema>;
export type UnitYearOverYear = z.output<typeof unitYearOverYearSchema>;
export type YearOverYear = z.output<typeof yearOverYearSchema>;

/** `chiso results export --format json`: every published group of a program's year, each year over year. */
export const yearOverYearExportSchema = z.object({
  program: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  groups: z.array(yearOverYearSchema),
});
export type YearOverYearExport = z.output<typeof yearOverYearExportSchema>;
