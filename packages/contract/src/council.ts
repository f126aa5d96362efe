/** The council (Hội đồng thẩm định) and publication (công bố) — docs/api.md "Council and publication". */
import { z } from 'zod';
import { unitStateSchema } from './common';
import { actionOptionSchema, unitNotesShape } from './cycles';
import { reasonText, recordVersion, scoreValueSchema } from './appraisal';

const pointsText = z.string().nullable();
const personSchema = z.object({ id: z.string(), name: z.string() });

/** The council's proposal on a criterion: pending or approved, with who proposed and why. */
export const councilProposalSchema = z.object({
  points: pointsText, notApplicable: z.boolean(), reason: z.string(), approved: z.boolean(), proposedAt: z.string(),
  proposedBy: personSchema.nullable(), approvedBy: personSchema.nullable(),
});

/** A criterion before the council: the three scores, the reasons, the proposal and who made it. */
export const disputedCriterionSchema = z.object({
  nodeKey: z.string(), code: z.string(), name: z.string(),
  self: pointsText, appraised: pointsText, council: pointsText, proposed: pointsText,
  reasons: z.array(z.string()),
  /** The appraiser's reason for the appraised score. */
  appraisalReason: z.string().nullable(),
  proposal: councilProposalSchema.nullable(),
  /** The criterion record's version, for propose / approve / reject. */
  version: z.number().int(),
  /** What the reader may do now (the chair never decides on their own proposal). */
  may: z.object({ propose: z.boolean(), approve: z.boolean() }),
});

export const councilRowSchema = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  state: unitStateSchema,
  submissionMode: unitNotesShape.submissionMode,
  selfTotal: z.string(),
  finalTotal: z.string(),
  difference: z.string(),
  applicableMax: z.string(),
  index: z.string().nullable(),
  rank: z.number().int().nullable(),
  classLabel: z.string().nullable(),
  disputed: z.array(disputedCriterionSchema),
  /** The server's unit actions for the reader (the core decides: e.g. only the chair approves). */
  allowedActions: z.array(actionOptionSchema),
});

export const councilTableSchema = z.object({
  group: z.object({ id: z.string(), name: z.string(), frameworkVersionId: z.string() }),
  rows: z.array(councilRowSchema),
});

export const proposeBody = z.object({ version: recordVersion, value: scoreValueSchema, reason: reasonText });
export const approveBody = z.object({ version: recordVersion });
export const rejectProposalBody = z.object({ version: recordVersion, reason: reasonText });
export const publishBody = z.object({ decisionNumber: z.string().trim().max(200).optional() });
export const amendBody = z.object({
  reason: z.string().trim().min(1, 'Cần nêu lý do điều chỉnh').max(2000),
  decisionNumber: z.string().trim().max(200).optional(),
});

export type PersonRef = z.output<typeof personSchema>;
export type CouncilProposal = z.output<typeof councilProposalSchema>;
export type DisputedCriterion = z.output<typeof disputedCriterionSchema>;
export type CouncilRow = z.output<typeof councilRowSchema>;
export type CouncilTable = z.output<typeof councilTableSchema>;
export type AmendBody = z.input<typeof amendBody>;
