/**
 * Self-assessment (tự đánh giá): one unit's assessment, its criterion records and the actor's work —
 * docs/api.md "Assessment cycles". `CriterionView` is shared by the self-assessment, appraisal and
 * council endpoints; `UnitOutcome` is the unit's results once its appraisal is complete.
 */
import { z } from 'zod';
import { CRITERION_STATUS_LABELS, type AppraisalDecisionKind, type CriterionStatus } from '@chiso/core';
import { cycleSummarySchema, unitNotesShape, actionOptionSchema, assessmentSummarySchema } from './cycles';
import { enumOf, unitStateSchema } from './common';
/** The documents attached to an entry or an answer are listed as the evidence endpoints answer them. */
import { evidenceSchema } from './evidence';
import { catalogMessageShape } from './errors';

const decimalText = z.union([z.string().max(40), z.number()]);

/** The core's `NodeInput` (what a unit records for a leaf); the rule check is the core's. */
export const nodeInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), option: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('yes_no'), value: z.boolean() }),
  z.object({ kind: z.literal('rate'), numerator: decimalText, denominator: decimalText }),
  z.object({ kind: z.literal('manual'), points: decimalText }),
  z.object({ kind: z.literal('count'), occurrences: z.number().int('Số lần phải là số nguyên').min(0, 'Số lần không được âm') }),
  z.object({ kind: z.literal('awarded'), value: z.boolean() }),
  z.object({ kind: z.literal('not_applicable'), reason: z.string().max(2000, 'Tối đa 2000 ký tự') }),
  z.object({ kind: z.literal('points'), points: decimalText, reason: z.string().max(2000).optional() }),
  z.object({ kind: z.literal('survey'), points: decimalText }),
]);

export const evidenceIds = z.array(z.guid({ error: 'Mã tài liệu không hợp lệ' })).max(100, 'Tối đa 100 tài liệu');

export const criterionStatusSchema = enumOf<CriterionStatus>(Object.keys(CRITERION_STATUS_LABELS) as CriterionStatus[]);
export const appraisalKindSchema = z.enum(['accept', 'adjust', 'confirm_not_applicable', 'reject_not_applicable'] satisfies AppraisalDecisionKind[]);
export const requestKindSchema = z.enum(['explanation', 'evidence']);

/** The core's `ResolvedValue`: an appraised or council value checked against the leaf's rule (points in thousandths). */
export const resolvedValueSchema = z.object({
  notApplicable: z.boolean(),
  points: z.number().int(),
  input: nodeInputSchema.optional(),
  notApplicableReason: z.string().optional(),
});

export const criterionViewSchema = z.object({
  id: z.string(),
  nodeKey: z.string(),
  status: criterionStatusSchema,
  self: z.object({ input: nodeInputSchema.nullable(), points: z.string().nullable(), explanation: z.string().nullable(), evidence: z.array(evidenceSchema) }),
  appraisal: z
    .object({ kind: appraisalKindSchema, value: resolvedValueSchema, points: z.string(), reason: z.string().nullable(), agency: z.string().nullable(), decidedAt: z.string() })
    .optional(),
  /** `proposedBy`: the council member who proposed (name), so nobody decides blind. */
  council: z.object({
    value: resolvedValueSchema, points: z.string(), reason: z.string(), approved: z.boolean(),
    proposedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  }).optional(),
  requests: z.array(
    z.object({
      id: z.string(),
      kind: requestKindSchema,
      message: z.string(),
      deadline: z.string(),
      requestedAt: z.string(),
      agency: z.string().nullable(),
      answer: z.object({ text: z.string(), evidence: z.array(evidenceSchema), answeredAt: z.string() }).optional(),
    }),
  ),
  version: z.number().int(),
  /** The leaf's appraising agency is this unit itself: the administrator or the council appraises it instead. */
  ownAgencyUnit: z.boolean(),
  may: z.object({ edit: z.boolean(), answer: z.boolean(), decide: z.boolean(), request: z.boolean(), propose: z.boolean(), approve: z.boolean() }),
});

const scoreTotalsSchema = z.object({ achieved: z.string(), bonus: z.string(), applicableMax: z.string(), index: z.string().nullable() });

/** The unit's row of its group's published snapshot (services/assessments/outcome.ts). */
export const publishedResultSchema = z.object({
  /** Snapshot number: 1, then 2… for amendments. */
  number: z.number().int(),
  publishedAt: z.string(),
  decisionNumber: z.string().nullable(),
  index: z.string(),
  rank: z.number().int(),
  /** How many units the group's ranking has ("2/15"). */
  rankOf: z.number().int(),
  classKey: z.string().nullable(),
  classLabel: z.string().nullable(),
  groupName: z.string(),
});

export const outcomeLeafSchema = z.object({
  nodeKey: z.string(),
  code: z.string(),
  /** Points self-assessed (or supplied by a survey or feed); null when nothing was entered. */
  self: z.string().nullable(),
  selfNotApplicable: z.boolean(),
  appraised: z.string().nullable(),
  appraisedNotApplicable: z.boolean(),
  /** The council's value approved by the chair; null when none. */
  council: z.string().nullable(),
  /** The points that count: council > appraised > self > supplied. */
  effective: z.string().nullable(),
  level: z.enum(['council', 'appraised', 'self', 'supplied', 'none']),
  /** Final minus self points. */
  difference: z.string(),
  reasons: z.array(z.object({ kind: z.enum(['appraisal', 'not_applicable_refused', 'council']), text: z.string() })),
});

/** The unit's results once its appraisal is complete (services/assessments/outcome.ts). */
export const unitOutcomeSchema = z.object({
  state: unitStateSchema,
  self: scoreTotalsSchema,
  /** The effective totals (appraised, with the council's approved values). */
  final: scoreTotalsSchema,
  /** The class the final index falls in (the framework's bands), before publication too. */
  finalClass: z.object({ key: z.string(), label: z.string() }).nullable(),
  published: publishedResultSchema.nullable(),
  leaves: z.record(z.string(), outcomeLeafSchema),
});

/** A row of "my work": the unit's assessment, or (for an appraiser) how many criteria wait for them. */
export const myAssessmentSchema = assessmentSummarySchema.extend({
  toAppraise: z.number().int().optional(),
  published: publishedResultSchema.nullable().optional(),
});

export const submissionIssueSchema = z.object({
  code: z.string(), message: z.string(), ...catalogMessageShape, severity: z.enum(['error', 'warning']),
  nodeCode: z.string().optional(), nodeKey: z.string().optional(), path: z.string().optional(),
});

/** What changes with every saved criterion (services/assessments/status.ts): sent with each save and answer. */
export const assessmentStatusSchema = assessmentSummarySchema
  .omit({ cycleId: true, cycleName: true, year: true, unit: true })
  .extend({ version: z.number().int(), revision: z.number().int(), submissionIssues: z.array(submissionIssueSchema) });

/** A criterion save or answer: the record and the assessment's status after it. */
export const savedCriterionSchema = criterionViewSchema.extend({ assessment: assessmentStatusSchema });

export const assessmentSchema = z.object({
  cycle: cycleSummarySchema,
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  groupName: z.string(),
  state: unitStateSchema,
  version: z.number().int(),
  /** Canonical framework JSON (docs/framework-format.md). */
  framework: z.unknown(),
  records: z.record(z.string(), criterionViewSchema),
  selfScore: assessmentSummarySchema.shape.selfScore,
  deadline: z.string(),
  ...unitNotesShape,
  submissionIssues: z.array(submissionIssueSchema),
  allowedActions: z.array(actionOptionSchema),
  revision: z.number().int(),
  progress: z.object({ filled: z.number().int(), applicable: z.number().int() }),
  outcome: unitOutcomeSchema.nullable(),
});

// Requests.
const version = z.number().int().positive();
export const criterionSaveBody = z.object({
  version,
  input: nodeInputSchema.nullable().optional(),
  explanation: z.string().max(10_000, 'Giải trình tối đa 10 000 ký tự').nullable().optional(),
  evidenceIds: evidenceIds.optional(),
});
export const answerBody = z.object({ version, text: z.string().max(10_000, 'Tối đa 10 000 ký tự'), evidenceIds: evidenceIds.optional() });

export type NodeInputBody = z.input<typeof nodeInputSchema>;
export type NodeInputView = z.output<typeof nodeInputSchema>;
export type ResolvedValueView = z.output<typeof resolvedValueSchema>;
export type CriterionView = z.output<typeof criterionViewSchema>;
export type PublishedResult = z.output<typeof publishedResultSchema>;
export type ScoreTotals = z.output<typeof scoreTotalsSchema>;
export type OutcomeLeaf = z.output<typeof outcomeLeafSchema>;
export type OutcomeReasonKind = OutcomeLeaf['reasons'][number]['kind'];
export type UnitOutcome = z.output<typeof unitOutcomeSchema>;
export type MyAssessment = z.output<typeof myAssessmentSchema>;
export type SubmissionIssue = z.output<typeof submissionIssueSchema>;
export type AssessmentStatus = z.output<typeof assessmentStatusSchema>;
export type SavedCriterionView = z.output<typeof savedCriterionSchema>;
export type Assessment = z.output<typeof assessmentSchema>;
export type CriterionSave = z.input<typeof criterionSaveBody>;
export type AnswerBody = z.input<typeof answerBody>;
