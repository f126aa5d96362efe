/**
 * Follow-up (issue 12 §2): remediation plans (kế hoạch khắc phục) drafted from a unit's published
 * results — one item per criterion that lost points (per field for results imported without
 * criterion detail) — edited and submitted by the unit, accepted or returned by the administrator,
 * with the items' progress per quarter — docs/api.md "Follow-up: remediation plans". Points are exact
 * decimal strings with a dot ("2.5"), the exact value beside them as "num/den".
 */
import { z } from 'zod';
import { REMEDIATION_PLAN_STATUSES, REMEDIATION_PROGRESS_STATUSES } from '@chiso/core';
import { enumOf, id } from './common';
import { day } from './units';

const text = (max: number, error: string) => z.string().trim().min(1, error).max(max, `Tối đa ${max} ký tự`);
const freeText = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự`);
const version = z.number().int().positive();

export const remediationPlanStatusSchema = enumOf(REMEDIATION_PLAN_STATUSES);
export const remediationProgressStatusSchema = enumOf(REMEDIATION_PROGRESS_STATUSES);
export const remediationQuarterSchema = z.number().int().min(1, 'Quý từ 1 đến 4').max(4, 'Quý từ 1 đến 4');

/** Draft the plan of a unit from one published result (its latest snapshot of the group). */
export const draftRemediationPlanBody = z.object({ cycleId: id, groupId: id, unitId: id });

/**
 * The plan's items as the unit edits them: an item with `id` keeps its criterion and points and takes
 * the new action, responsible and deadline; one without `id` is the unit's own (code and name given);
 * an item left out is removed.
 */
export const remediationItemBody = z.object({
  id: id.optional(),
  code: freeText(50).optional(),
  name: freeText(1000).optional(),
  action: freeText(5000),
  responsible: freeText(500),
  deadline: day.nullable(),
});
export const updateRemediationPlanBody = z.object({
  version,
  title: text(500, 'Nhập tên kế hoạch').optional(),
  items: z.array(remediationItemBody).max(500),
});

export const submitRemediationPlanBody = z.object({ version });
export const decideRemediationPlanBody = z.object({
  version,
  decision: z.enum(['accept', 'return']),
  /** Required when returning. */
  reason: freeText(2000).optional(),
});

/** An item's status at the end of a quarter of the plan's year; `version` of the existing report, if any. */
export const remediationProgressBody = z.object({
  itemId: id,
  quarter: remediationQuarterSchema,
  status: remediationProgressStatusSchema,
  note: freeText(2000).default(''),
  version: version.optional(),
});

export const remediationPlansQuery = z.object({ unitId: id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

const quarterProgressSchema = z.object({
  quarter: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  notStarted: z.number().int(),
  pointsRecovered: z.string(),
});

export const remediationPlanSummarySchema = z.object({
  id: z.string(),
  unit: z.object({ unitId: z.string(), unitCode: z.string(), unitName: z.string() }),
  cycleId: z.string(),
  cycleName: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  /** The results' year; the plan is carried out in `planYear` (the year after). */
  year: z.number().int(),
  planYear: z.number().int(),
  detail: z.enum(['criteria', 'fields']),
  /** The publication (snapshot number) of the results the plan was drawn from, and the group's latest: amended results publish a new one. */
  snapshotNumber: z.number().int(),
  latestSnapshotNumber: z.number().int(),
  status: remediationPlanStatusSchema,
  title: z.string(),
  version: z.number().int(),
  itemCount: z.number().int(),
  pointsAtStake: z.string(),
  pointsAtStakeExact: z.string(),
  quarters: z.array(quarterProgressSchema),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type RemediationPlanSummary = z.output<typeof remediationPlanSummarySchema>;

export const remediationProgressSchema = z.object({
  quarter: z.number().int(),
  status: remediationProgressStatusSchema,
  note: z.string(),
  version: z.number().int(),
  reportedAt: z.string(),
  reportedBy: z.string().nullable(),
});

export const remediationItemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  source: z.enum(['criterion', 'field', 'own']),
  nodeKey: z.string().nullable(),
  fieldKey: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  pointsLost: z.string().nullable(),
  pointsLostExact: z.string().nullable(),
  cause: z.string().nullable(),
  action: z.string(),
  responsible: z.string(),
  deadline: z.string().nullable(),
  progress: z.array(remediationProgressSchema),
});
export type RemediationItem = z.output<typeof remediationItemSchema>;

export const remediationPlanSchema = remediationPlanSummarySchema.extend({
  items: z.array(remediationItemSchema),
  reason: z.string().nullable(),
  createdBy: z.string().nullable(),
  submittedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** What the reader may do now. */
  may: z.object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean(), report: z.boolean() }),
});
export type RemediationPlan = z.output<typeof remediationPlanSchema>;

/** A published result of a unit without a plan yet: what its staff may draft from. */
export const remediationCandidateSchema = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  year: z.number().int(),
  unitId: z.string(),
  imported: z.boolean(),
  /** The publication the plan would be drawn from; the unit's plan of an earlier one of these results (amended since), if any. */
  snapshotNumber: z.number().int(),
  previousPlanId: z.string().nullable(),
});

export const remediationPlansSchema = z.object({
  plans: z.array(remediationPlanSummarySchema),
  /** The reader's unit's published results not yet planned (unit staff only; empty otherwise). */
  candidates: z.array(remediationCandidateSchema),
  /** For the dashboard: units with a plan and those whose plan is submitted or accepted. */
  summary: z.object({ units: z.number().int(), submitted: z.number().int(), accepted: z.number().int() }),
  /** Whether the reader reads every unit's plans (administrator, council, leaders). */
  readsAll: z.boolean(),
});
export type RemediationPlans = z.output<typeof remediationPlansSchema>;

export type DraftRemediationPlan = z.input<typeof draftRemediationPlanBody>;
export type UpdateRemediationPlan = z.input<typeof updateRemediationPlanBody>;
export type DecideRemediationPlan = z.input<typeof decideRemediationPlanBody>;
export type ReportRemediationProgress = z.input<typeof remediationProgressBody>;
export type RemediationProgressStatus = z.output<typeof remediationProgressStatusSchema>;
export type RemediationPlanStatus = z.output<typeof remediationPlanStatusSchema>;
