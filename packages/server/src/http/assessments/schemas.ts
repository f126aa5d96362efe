import { z } from 'zod';
import { cycleSummarySchema, unitNotesShape } from '@chiso/contract';

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

const evidenceView = z.object({
  id: z.string(),
  ownerUnitId: z.string(),
  originalName: z.string(),
  size: z.number(),
  mimeType: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  uploadedAt: z.string(),
  version: z.number(),
  may: z.object({ edit: z.boolean() }),
});

export const criterionViewSchema = z.object({
  id: z.string(),
  nodeKey: z.string(),
  status: z.string(),
  self: z.object({ input: z.unknown(), points: z.string().nullable(), explanation: z.string().nullable(), evidence: z.array(evidenceView) }),
  appraisal: z
    .object({ kind: z.string(), value: z.unknown(), points: z.string(), reason: z.string().nullable(), agency: z.string().nullable(), decidedAt: z.string() })
    .optional(),
  council: z.object({
    value: z.unknown(), points: z.string(), reason: z.string(), approved: z.boolean(),
    proposedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  }).optional(),
  requests: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      message: z.string(),
      deadline: z.string(),
      requestedAt: z.string(),
      agency: z.string().nullable(),
      answer: z.object({ text: z.string(), evidence: z.array(evidenceView), answeredAt: z.string() }).optional(),
    }),
  ),
  version: z.number().int(),
  ownAgencyUnit: z.boolean(),
  may: z.object({ edit: z.boolean(), answer: z.boolean(), decide: z.boolean(), request: z.boolean(), propose: z.boolean(), approve: z.boolean() }),
});

export const actionOptionSchema = z.object({
  action: z.string(),
  label: z.string(),
  allowed: z.boolean(),
  reasonRequired: z.boolean(),
  refusal: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const selfScoreSchema = z.object({ achieved: z.string(), applicableMax: z.string(), index: z.string().nullable() });

const scoreTotalsSchema = z.object({ achieved: z.string(), bonus: z.string(), applicableMax: z.string(), index: z.string().nullable() });

/** The unit's row of its group's published snapshot (services/assessments/outcome.ts). */
export const publishedResultSchema = z.object({
  number: z.number().int(),
  publishedAt: z.string(),
  decisionNumber: z.string().nullable(),
  index: z.string(),
  rank: z.number().int(),
  rankOf: z.number().int(),
  classKey: z.string().nullable(),
  classLabel: z.string().nullable(),
  groupName: z.string(),
});

/** The unit's results once its appraisal is complete (services/assessments/outcome.ts). */
export const unitOutcomeSchema = z.object({
  state: z.string(),
  self: scoreTotalsSchema,
  final: scoreTotalsSchema,
  finalClass: z.object({ key: z.string(), label: z.string() }).nullable(),
  published: publishedResultSchema.nullable(),
  leaves: z.record(
    z.string(),
    z.object({
      nodeKey: z.string(),
      code: z.string(),
      self: z.string().nullable(),
      selfNotApplicable: z.boolean(),
      appraised: z.string().nullable(),
      appraisedNotApplicable: z.boolean(),
      council: z.string().nullable(),
      effective: z.string().nullable(),
      level: z.enum(['council', 'appraised', 'self', 'supplied', 'none']),
      difference: z.string(),
      reasons: z.array(z.object({ kind: z.enum(['appraisal', 'not_applicable_refused', 'council']), text: z.string() })),
    }),
  ),
});

export const assessmentSummarySchema = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  year: z.number().int(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  state: z.string(),
  progress: z.object({ filled: z.number().int(), applicable: z.number().int() }),
  selfScore: selfScoreSchema,
  deadline: z.string(),
  ...unitNotesShape,
  allowedActions: z.array(actionOptionSchema),
  toAppraise: z.number().int().optional(),
  published: publishedResultSchema.nullable().optional(),
});

const submissionIssuesSchema = z.array(
  z.object({ code: z.string(), message: z.string(), severity: z.enum(['error', 'warning']), nodeCode: z.string().optional(), nodeKey: z.string().optional(), path: z.string().optional() }),
);

/** What changes with every saved criterion (services/assessments/status.ts): sent with each save and answer. */
export const assessmentStatusSchema = assessmentSummarySchema
  .omit({ cycleId: true, cycleName: true, year: true, unit: true, toAppraise: true, published: true })
  .extend({ version: z.number().int(), revision: z.number().int(), submissionIssues: submissionIssuesSchema });

/** A criterion save or answer: the record and the assessment's status after it. */
export const savedCriterionSchema = criterionViewSchema.extend({ assessment: assessmentStatusSchema });

export const assessmentSchema = z.object({
  cycle: cycleSummarySchema,
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  groupName: z.string(),
  state: z.string(),
  version: z.number().int(),
  framework: z.unknown(),
  records: z.record(z.string(), criterionViewSchema),
  selfScore: selfScoreSchema,
  deadline: z.string(),
  ...unitNotesShape,
  submissionIssues: submissionIssuesSchema,
  allowedActions: z.array(actionOptionSchema),
  revision: z.number().int(),
  progress: z.object({ filled: z.number().int(), applicable: z.number().int() }),
  outcome: unitOutcomeSchema.nullable(),
});
