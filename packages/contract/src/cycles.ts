/**
 * Assessment cycles (kỳ đánh giá): set-up, progress and unit actions — docs/api.md "Assessment cycles".
 * The server validates and serializes with these schemas; the web client and the browser tests use the
 * inferred types, so a field renamed here fails their typecheck.
 */
import { z } from 'zod';
import { NON_SUBMITTED_SCORINGS, UNIT_ACTIONS, type NonSubmittedScoring, type OverdueKind, type UnitAction } from '@chiso/core';
import { enumOf, id, instant, unitStateSchema } from './common';
import { catalogMessageShape } from './errors';
import { ownerFilter, ownerSchema } from './frameworks';

export const calendarInput = z.object({
  selfAssessmentOpens: instant.nullable().optional(),
  selfAssessmentDeadline: instant,
  appraisalFrom: instant,
  appraisalTo: instant,
  explanationFrom: instant,
  explanationTo: instant,
  councilDate: instant,
  publicationDate: instant,
});

export const nonSubmittedScoringSchema = enumOf<NonSubmittedScoring>(NON_SUBMITTED_SCORINGS, 'Cách chấm đơn vị không nộp: entries hoặc nothing');

export const policyInput = z.object({
  evidenceRequiredForPoints: z.boolean().optional(),
  explanationRequiredWithoutEvidence: z.boolean().optional(),
  nonSubmittedScoring: nonSubmittedScoringSchema.optional(),
});

export const submissionModeSchema = z.enum(['unit', 'on_behalf', 'not_submitted']);

/** How the unit's current submission came about, and why it was returned (see services/cycles/unit-notes.ts). */
export const unitNotesShape = {
  submissionMode: submissionModeSchema.nullable(),
  returnReason: z.string().nullable(),
  revisionDeadline: z.string().nullable(),
};
export const unitNotesSchema = z.object(unitNotesShape);

export const calendarSchema = z.object({
  selfAssessmentOpens: z.string().nullable(),
  selfAssessmentDeadline: z.string(),
  appraisalFrom: z.string(),
  appraisalTo: z.string(),
  explanationFrom: z.string(),
  explanationTo: z.string(),
  councilDate: z.string(),
  publicationDate: z.string(),
});

export const cycleStatusSchema = z.enum(['setup', 'open', 'closed']);

export const cyclePolicySchema = z.object({
  evidenceRequiredForPoints: z.boolean(),
  explanationRequiredWithoutEvidence: z.boolean(),
  /** How a unit recorded as not submitted is appraised: on its entries, or on nothing (0 points). */
  nonSubmittedScoring: nonSubmittedScoringSchema,
});


/** Participants of a cycle by where they are (the consolidated list of every level's cycles). */
export const cycleCountsSchema = z.object({ units: z.number().int(), submitted: z.number().int(), published: z.number().int() });

export const cycleSummarySchema = z.object({
  id: z.string(),
  /**
   * The organising unit that owns the cycle (a department for its own units; before 2025 a district
   * committee for its communes); null: the province's own (Sở Nội vụ, shown "Cấp tỉnh (Sở Nội vụ)").
   */
  owner: ownerSchema,
  program: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  name: z.string(),
  status: cycleStatusSchema,
  /** chiso: run on chiso; imported: an earlier year's published results imported from a file (closed, no participants). */
  origin: z.enum(['chiso', 'imported']),
  groupSetId: z.string(),
  calendar: calendarSchema,
  policy: cyclePolicySchema,
  /** The council member who chairs the council (approves final scores). */
  councilChairUserId: z.string().nullable(),
  version: z.number().int(),
  /** Participants, those that submitted (on their own or on their behalf), those published; null for whoever may not read the cycle's progress. */
  counts: cycleCountsSchema.nullable(),
  /** administer: the actor is one of the cycle's administrators (its owner's, or the province's), whatever its status. */
  may: z.object({ edit: z.boolean(), open: z.boolean(), administer: z.boolean() }),
});

export const cycleUnitSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  groupId: z.string(),
  state: unitStateSchema,
  extensionUntil: z.string().nullable(),
  extensionReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  ...unitNotesShape,
});

export const cycleSchema = cycleSummarySchema.extend({
  /** Besides the summary's: close the cycle (every participant published), reopen a closed one. */
  may: cycleSummarySchema.shape.may.extend({ close: z.boolean(), reopen: z.boolean() }),
  /** Why the cycle cannot be closed now (the core's refusal), for the administrator; null when it can or is closed. */
  closeRefusal: z.string().nullable(),
  groups: z.array(z.object({ groupId: z.string(), groupName: z.string(), frameworkVersionId: z.string(), frameworkName: z.string() })),
  agencies: z.array(z.object({ agencyCode: z.string(), agencyName: z.string(), unitId: z.string(), unitName: z.string() })),
  reassignments: z.array(
    z.object({ id: z.string(), frameworkVersionId: z.string(), nodeKey: z.string(), nodeCode: z.string(), agencyCode: z.string(), reason: z.string(), createdAt: z.string() }),
  ),
  units: z.array(cycleUnitSchema),
});

export const actionOptionSchema = z.object({
  action: enumOf<UnitAction>(UNIT_ACTIONS),
  label: z.string(),
  allowed: z.boolean(),
  reasonRequired: z.boolean(),
  refusal: z.object({ code: z.string(), message: z.string(), ...catalogMessageShape }).optional(),
});

export const assessmentSummarySchema = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  year: z.number().int(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  state: unitStateSchema,
  progress: z.object({ filled: z.number().int(), applicable: z.number().int() }),
  selfScore: z.object({ achieved: z.string(), applicableMax: z.string(), index: z.string().nullable() }),
  deadline: z.string(),
  ...unitNotesShape,
  allowedActions: z.array(actionOptionSchema),
});

export const overdueKindSchema = z.enum(['self_assessment', 'explanation', 'appraisal'] satisfies OverdueKind[]);

export const unitProgressSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  groupId: z.string(),
  state: unitStateSchema,
  applicableLeaves: z.number().int(),
  filledLeaves: z.number().int(),
  submitted: z.boolean(),
  appraisedLeaves: z.number().int(),
  openRequests: z.number().int(),
  deadline: z.string(),
  overdue: z.array(overdueKindSchema),
  ...unitNotesShape,
  /** For the administrator: submit on behalf, record as not submitted, return for revision. */
  actions: z.array(actionOptionSchema),
});

export const agencyProgressSchema = z.object({
  agency: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  assigned: z.number().int(),
  appraised: z.number().int(),
  pending: z.number().int(),
  openRequests: z.number().int(),
  overdue: z.number().int(),
  units: z.number().int(),
});

export const progressSchema = z.object({
  units: z.array(unitProgressSchema),
  agencies: z.array(agencyProgressSchema),
  totals: z.object({
    units: z.number().int(),
    submitted: z.number().int(),
    appraised: z.number().int(),
    overdue: z.number().int(),
    filledLeaves: z.number().int(),
    applicableLeaves: z.number().int(),
  }),
});

/** Unit actions the action route takes (edit and publish have their own endpoints). */
export const unitActionParam = enumOf(UNIT_ACTIONS.filter((a) => a !== 'edit' && a !== 'publish'), 'Thao tác không hợp lệ');

// Requests.
const version = z.number().int().min(1);
const requiredReason = z.string().trim().min(1, 'Cần nêu lý do').max(2000);

export const newCycleBody = z.object({
  /**
   * The organising unit (null: the province's). Omitted: a scoped administrator's own scope unit,
   * the province for the province's administrator. A scoped administrator names units of its scope only.
   */
  ownerUnitId: id.nullable().optional(),
  programCode: z.string().min(1),
  year: z.number().int().min(1900).max(2999),
  name: z.string().trim().min(1, 'Cần nhập tên kỳ đánh giá').max(300),
  groupSetId: id,
  calendar: calendarInput,
  policy: policyInput.optional(),
});
/** `GET /api/cycles?owner=`: the province's own cycles (`province`) or one organising unit's. */
export const cycleListQuery = z.object({ owner: ownerFilter.optional() });

export const updateCycleBody = z.object({
  version,
  name: z.string().trim().min(1).max(300).optional(),
  calendar: calendarInput.optional(),
  policy: policyInput.optional(),
  councilChairUserId: id.nullable().optional(),
});
export const cycleGroupsBody = z.object({ version, groups: z.array(z.object({ groupId: id, frameworkVersionId: id })).max(100) });
export const cycleAgenciesBody = z.object({ version, agencies: z.array(z.object({ agencyCode: z.string().trim().min(1).max(50), unitId: id })).max(200) });
export const reassignmentBody = z.object({ frameworkVersionId: id, nodeKey: z.string().min(1), agencyCode: z.string().trim().min(1), reason: requiredReason });
export const cycleUnitsBody = z.object({ version, unitIds: z.array(id).max(5000) });
export const extensionBody = z.object({ until: instant, reason: requiredReason });
export const versionBody = z.object({ version });
export const unitActionBody = z.object({ reason: z.string().max(2000).optional(), revisionDeadline: instant.optional() });

export type CalendarInput = z.input<typeof calendarInput>;
export type PolicyInput = z.input<typeof policyInput>;
export type Calendar = z.output<typeof calendarSchema>;
export type CycleStatus = z.output<typeof cycleStatusSchema>;
export type CyclePolicy = z.output<typeof cyclePolicySchema>;
export type SubmissionMode = z.output<typeof submissionModeSchema>;
export type UnitNotes = z.output<typeof unitNotesSchema>;
export type CycleOwner = NonNullable<z.output<typeof ownerSchema>>;
export type CycleCounts = z.output<typeof cycleCountsSchema>;
export type CycleListQuery = z.input<typeof cycleListQuery>;
export type CycleSummary = z.output<typeof cycleSummarySchema>;
export type CycleUnit = z.output<typeof cycleUnitSchema>;
export type Cycle = z.output<typeof cycleSchema>;
export type ActionOption = z.output<typeof actionOptionSchema>;
export type AssessmentSummary = z.output<typeof assessmentSummarySchema>;
export type UnitProgress = z.output<typeof unitProgressSchema>;
export type AgencyProgress = z.output<typeof agencyProgressSchema>;
export type CycleProgress = z.output<typeof progressSchema>;
export type NewCycle = z.input<typeof newCycleBody>;
export type UpdateCycle = z.input<typeof updateCycleBody>;
export type CycleGroups = z.input<typeof cycleGroupsBody>;
export type CycleAgencies = z.input<typeof cycleAgenciesBody>;
export type Reassignment = z.input<typeof reassignmentBody>;
export type CycleUnits = z.input<typeof cycleUnitsBody>;
export type Extension = z.input<typeof extensionBody>;
export type UnitActionBody = z.input<typeof unitActionBody>;

// Closing and reopening (kết thúc, mở lại kỳ đánh giá) — docs/api.md "Closing a cycle".
export const closeCycleBody = z.object({ version, reason: z.string().trim().max(2000).optional() });
export const reopenCycleBody = z.object({ version, reason: requiredReason });
export type CloseCycle = z.input<typeof closeCycleBody>;
export type ReopenCycle = z.input<typeof reopenCycleBody>;
