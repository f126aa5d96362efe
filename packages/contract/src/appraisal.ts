/** Appraisal (thẩm định): the agency's criteria × units matrix and its decisions — docs/api.md "Appraisal". */
import { z } from 'zod';
import { id, unitStateSchema } from './common';
import { criterionViewSchema, nodeInputSchema } from './assessments';

/** A score as the API takes it: an input for the leaf's rule, or points as a decimal string. */
export const scoreValueSchema = z.union([
  z.object({ input: nodeInputSchema }),
  z.object({ points: z.union([z.string().trim().min(1).max(40), z.number()]) }),
]);

export const reasonText = z.string().max(2000, 'Lý do tối đa 2000 ký tự');
export const recordVersion = z.number().int().positive();
export const nodeKey = z.string().min(1).max(200);

/** The core's `AppraisalDecision`. */
export const decisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept') }),
  z.object({ kind: z.literal('adjust'), value: scoreValueSchema, reason: reasonText.optional() }),
  z.object({ kind: z.literal('confirm_not_applicable') }),
  z.object({ kind: z.literal('reject_not_applicable'), value: scoreValueSchema, reason: reasonText }),
]);

export const appraisalCriterionSchema = z.object({
  nodeKey: z.string(),
  code: z.string(),
  name: z.string(),
  maxPoints: z.string(),
  /** The leaf's scoring rule as the framework holds it. */
  rule: z.record(z.string(), z.unknown()),
  /** When the framework lets a unit declare the criterion not applicable: the condition ('' if none); else null. */
  notApplicableCondition: z.string().nullable(),
});

const appraisalUnitSchema = z.object({ unitId: z.string(), code: z.string(), name: z.string(), state: unitStateSchema });

/**
 * `GET …/appraisal` query: the agency, and optionally one page of units (`unitOffset`, `unitLimit`)
 * among those whose name or code holds `unitSearch` (diacritics and case ignored). Without
 * `unitLimit` every matching unit is in the answer.
 */
export const appraisalMatrixQuery = z.object({
  agency: z.string().trim().min(1).max(50).optional(),
  unitOffset: z.coerce.number<number>().int().min(0).default(0),
  unitLimit: z.coerce.number<number>().int().min(1).max(500).optional(),
  unitSearch: z.string().trim().max(200).optional(),
});

export const appraisalMatrixSchema = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  criteria: z.array(appraisalCriterionSchema),
  /** The units of the page (all matching units without `unitLimit`), in code order. */
  units: z.array(appraisalUnitSchema),
  /** How many units match the search (all pages). */
  unitTotal: z.number().int(),
  /** The position of `units[0]` among them. */
  unitOffset: z.number().int(),
  /** The cells of the page's units only. */
  cells: z.record(z.string(), z.record(z.string(), criterionViewSchema)),
});

/**
 * `GET …/appraisal/pending`: every cell of the agency (all units, no paging) the actor may decide now,
 * as keys with their versions — what "select every pending cell" and bulk confirm need across pages.
 */
export const appraisalPendingSchema = z.object({
  /** Ordinary self-scores bulk accept takes. */
  accept: z.array(z.object({ unitId: z.string(), nodeKey: z.string(), version: z.number().int() })),
  /** Not-applicable claims waiting, with the unit's reason. */
  claims: z.array(z.object({ unitId: z.string(), nodeKey: z.string(), version: z.number().int(), reason: z.string() })),
  /** The units named above. */
  units: z.array(appraisalUnitSchema),
});

/** A request to the unit for an explanation or more evidence, with the deadline of its answer. */
export const explanationRequestBody = z.object({
  version: recordVersion,
  kind: z.enum(['explanation', 'evidence']),
  message: z.string().max(5000, 'Tối đa 5000 ký tự'),
  // Any instant Date.parse reads (the web sends ISO 8601).
  deadline: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'Thời điểm không hợp lệ'),
});
export const decideBody = z.object({ version: recordVersion, decision: decisionSchema });
export const bulkAcceptBody = z.object({ items: z.array(z.object({ unitId: id, nodeKey, version: recordVersion })).min(1).max(2000) });
export const bulkAcceptedSchema = z.object({
  accepted: z.number().int(),
  skipped: z.array(z.object({ unitId: z.string(), nodeKey: z.string(), message: z.string() })),
});
export const bulkConfirmBody = z.object({ items: z.array(z.object({ unitId: id, version: recordVersion })).min(1).max(500) });
export const bulkConfirmedSchema = z.object({ confirmed: z.number().int() });
export const suppliedPointsImportedSchema = z.object({
  imported: z.number().int(),
  /** Rows with a unit and a survey criterion but no points: skipped. */
  blank: z.number().int(),
  dryRun: z.boolean(),
});

export type ExplanationRequest = z.input<typeof explanationRequestBody>;
export type ScoreValue = z.input<typeof scoreValueSchema>;
export type AppraisalDecision = z.input<typeof decisionSchema>;
export type AppraisalCriterion = z.output<typeof appraisalCriterionSchema>;
export type AppraisalMatrix = z.output<typeof appraisalMatrixSchema>;
export type AppraisalMatrixQuery = z.output<typeof appraisalMatrixQuery>;
export type AppraisalPending = z.output<typeof appraisalPendingSchema>;
export type BulkAccepted = z.output<typeof bulkAcceptedSchema>;
export type BulkConfirmed = z.output<typeof bulkConfirmedSchema>;
export type SuppliedPointsImported = z.output<typeof suppliedPointsImportedSchema>;
