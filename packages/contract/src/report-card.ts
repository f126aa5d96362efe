/**
 * A unit's report card (phiếu kết quả) on a published result, its lost points ledger and what-if,
 * and for the province the weak criteria and the sensitivity of ranks (issue 11 §4–5). Read from
 * the published snapshot only; the what-if scores the unit again with the same engine on the
 * frozen framework. Points are exact decimal strings with a dot ("2.5"; "0.667" where the exact
 * value, given beside it as "num/den", does not terminate); indexes at the framework's decimals.
 */
import { z } from 'zod';
import { unitYearOverYearSchema } from './year-over-year';

const decimal = z.string();
/** An exact value, "num/den" in lowest terms ("2/3"; "5" for an integer). */
const exact = z.string();

export const lostPointsKindSchema = z.enum(['below_tier', 'appraisal_change', 'missing_evidence', 'deduction', 'not_achieved', 'survey']);

const tierBound = z.object({ percent: decimal, inclusive: z.boolean() });

export const lostPointsLineSchema = z.object({
  /** The leaf's key: the trace of the same snapshot has it (its inputs, evidence and decisions). */
  nodeKey: z.string(), code: z.string(), name: z.string(),
  fieldKey: z.string(), fieldCode: z.string(),
  ruleType: z.string(),
  maxPoints: decimal,
  achieved: decimal, achievedExact: exact,
  self: decimal.nullable(),
  lost: decimal, lostExact: exact,
  /** The larger cause. */
  kind: lostPointsKindSchema,
  causes: z.array(z.object({ kind: lostPointsKindSchema, points: decimal, pointsExact: exact })),
  /** The appraiser's or the council's reason (the last decision with one before the publication). */
  reason: z.string().nullable(),
  /** Tiered rules: the next tier up, its interval ("[70%; 90%]") and the points it gives more. */
  nextTier: z.object({ points: decimal, lower: tierBound.nullable(), upper: tierBound.nullable(), interval: z.string(), gain: decimal }).nullable(),
  /** Deduction rules: the occurrences deducted. */
  occurrences: z.number().int().nullable(),
  /** Where the points came from (council, appraised, self, supplied, none). */
  level: z.string(),
  evidenceCount: z.number().int(),
});

export const standingSchema = z.object({ index: decimal.nullable(), rank: z.number().int().nullable(), classLabel: z.string().nullable() });

export const whatIfOptionSchema = z.object({
  nodeKey: z.string(), code: z.string(), name: z.string(),
  /** `full`: the criterion at its maximum; `next_tier`: a tiered criterion one tier up. */
  target: z.enum(['full', 'next_tier']),
  from: decimal, to: decimal, gain: decimal,
  before: standingSchema, after: standingSchema,
  /** Published index after − before, at the index decimals; the exact difference beside it. */
  indexGain: decimal, indexGainExact: exact,
  /** Places gained (7 → 5 is 2). */
  placesGained: z.number().int(),
  classChanged: z.boolean(),
});

export const reportCardFieldSchema = z.object({
  fieldKey: z.string(), code: z.string(), name: z.string(),
  achieved: decimal, applicableMax: decimal, componentIndex: decimal.nullable(),
  /** The group's average component index (units where the field applies), at the index decimals. */
  groupAverageIndex: decimal.nullable(),
  /** Points lost in the field (sum of its ledger lines; without criterion detail, applicable maximum − achieved). */
  lost: decimal,
});

const groupHead = {
  cycleId: z.string(), groupId: z.string(), groupName: z.string(),
  program: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  snapshotNumber: z.number().int(), decisionNumber: z.string().nullable(),
  rankedUnits: z.number().int(),
};

export const reportCardSchema = z.object({
  ...groupHead,
  unit: z.object({ unitId: z.string(), unitCode: z.string(), unitName: z.string() }),
  achieved: decimal, bonus: decimal, applicableMax: decimal, index: decimal, rank: z.number().int(), classLabel: z.string().nullable(),
  fields: z.array(reportCardFieldSchema),
  /**
   * `criteria`: the snapshot has each criterion's points (ledger and what-if below); `fields_only`:
   * results imported from a published decision, with field figures only (ledger and what-if empty).
   */
  detail: z.enum(['criteria', 'fields_only']),
  ledger: z.object({
    /** Biggest loss first. */
    lines: z.array(lostPointsLineSchema),
    /** Applicable maximum − achieved (bonus aside). */
    totalLost: decimal,
    /** Points lost on criteria a capped group would not have counted anyway (lines − cappedOut = totalLost). */
    cappedOut: decimal,
  }),
  /** Single-criterion what-ifs, biggest index gain first. */
  whatIf: z.array(whatIfOptionSchema),
  /**
   * Whether scoring the unit again from the published points gives back its published index
   * exactly (it should). When false, `note` says why and the what-if is on points only.
   */
  replayExact: z.boolean(),
  /** The unit's change from its earlier published years (as the group's year over year gives it). */
  yearOverYear: unitYearOverYearSchema.nullable(),
  /** Whether the reader reads every unit of the cycle (and so the group's weak criteria and sensitivity). */
  readsGroup: z.boolean(),
  note: z.string().nullable(),
});

export const weakCriterionSchema = z.object({
  nodeKey: z.string(), code: z.string(), name: z.string(), fieldKey: z.string(), fieldCode: z.string(),
  maxPoints: decimal,
  /** Units where the criterion applies, and those losing points on it. */
  applicableUnits: z.number().int(), unitsLosing: z.number().int(),
  totalLost: decimal, averageLost: decimal,
  /** Lost ÷ (maximum × applicable units) × 100, at 2 decimals. */
  lostPercent: decimal,
  /** Units per main cause. */
  kinds: z.array(z.object({ kind: lostPointsKindSchema, units: z.number().int() })),
});

export const weakFieldSchema = z.object({
  fieldKey: z.string(), code: z.string(), name: z.string(),
  applicableUnits: z.number().int(),
  averageIndex: decimal.nullable(),
  totalLost: decimal,
  lostPercent: decimal,
});

export const weakCriteriaSchema = z.object({
  ...groupHead,
  /** Most points lost first. */
  criteria: z.array(weakCriterionSchema),
  /** Lowest average index first ("weak fields"). */
  fields: z.array(weakFieldSchema),
});

export const sensitivitySchema = z.object({
  ...groupHead,
  units: z.array(z.object({
    unitId: z.string(), unitCode: z.string(), unitName: z.string(),
    index: decimal, rank: z.number().int(), classLabel: z.string().nullable(),
    /** The smallest single-criterion gain (points) that moves the unit up or changes its class. */
    smallest: whatIfOptionSchema.nullable(),
    /** Criteria that, raised alone to their maximum, move it up at least one place. */
    movingCriteria: z.number().int(),
  })),
  /** Criteria moving at least one unit up, most first. */
  criteria: z.array(z.object({ nodeKey: z.string(), code: z.string(), name: z.string(), unitsMovedUp: z.number().int(), unitsReclassified: z.number().int() })),
  replayExact: z.boolean(),
});

/** A unit's published results, one per cycle and group (the latest snapshot): links to its report cards. */
export const unitReportCardsSchema = z.object({
  items: z.array(z.object({
    cycleId: z.string(), cycleName: z.string(), year: z.number().int(),
    program: z.object({ code: z.string(), name: z.string() }),
    groupId: z.string(), groupName: z.string(), snapshotNumber: z.number().int(), publishedAt: z.string(),
    index: decimal, rank: z.number().int(), classLabel: z.string().nullable(),
  })),
});

export type UnitReportCards = z.output<typeof unitReportCardsSchema>;
export type LostPointsKindName = z.output<typeof lostPointsKindSchema>;
export type LostPointsLineView = z.output<typeof lostPointsLineSchema>;
export type WhatIfOptionView = z.output<typeof whatIfOptionSchema>;
export type ReportCardField = z.output<typeof reportCardFieldSchema>;
export type ReportCard = z.output<typeof reportCardSchema>;
export type WeakCriterion = z.output<typeof weakCriterionSchema>;
export type WeakField = z.output<typeof weakFieldSchema>;
export type WeakCriteria = z.output<typeof weakCriteriaSchema>;
export type RankSensitivity = z.output<typeof sensitivitySchema>;
