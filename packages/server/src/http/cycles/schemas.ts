import { z } from 'zod';
import { UNIT_ACTIONS } from '@chiso/core';

export const id = z.guid({ error: 'Mã định danh không hợp lệ' });
export const instant = z.iso.datetime({ offset: true, error: 'Thời điểm không hợp lệ (ISO 8601, ví dụ 2025-11-15T23:59:59+07:00)' });

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

const nonSubmittedScoring = z.enum(['entries', 'nothing'], { error: 'Cách chấm đơn vị không nộp: entries hoặc nothing' });

export const policyInput = z.object({
  evidenceRequiredForPoints: z.boolean().optional(),
  explanationRequiredWithoutEvidence: z.boolean().optional(),
  nonSubmittedScoring: nonSubmittedScoring.optional(),
});

/** How the unit's current submission came about, and why it was returned (see services/cycles/unit-notes.ts). */
export const unitNotesShape = {
  submissionMode: z.enum(['unit', 'on_behalf', 'not_submitted']).nullable(),
  returnReason: z.string().nullable(),
  revisionDeadline: z.string().nullable(),
};

const calendarView = z.object({
  selfAssessmentOpens: z.string().nullable(),
  selfAssessmentDeadline: z.string(),
  appraisalFrom: z.string(),
  appraisalTo: z.string(),
  explanationFrom: z.string(),
  explanationTo: z.string(),
  councilDate: z.string(),
  publicationDate: z.string(),
});

export const cycleSummarySchema = z.object({
  id: z.string(),
  program: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  name: z.string(),
  status: z.enum(['setup', 'open', 'closed']),
  groupSetId: z.string(),
  calendar: calendarView,
  policy: z.object({ evidenceRequiredForPoints: z.boolean(), explanationRequiredWithoutEvidence: z.boolean(), nonSubmittedScoring }),
  councilChairUserId: z.string().nullable(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), open: z.boolean() }),
});

export const cycleSchema = cycleSummarySchema.extend({
  groups: z.array(z.object({ groupId: z.string(), groupName: z.string(), frameworkVersionId: z.string(), frameworkName: z.string() })),
  agencies: z.array(z.object({ agencyCode: z.string(), agencyName: z.string(), unitId: z.string(), unitName: z.string() })),
  reassignments: z.array(
    z.object({ id: z.string(), frameworkVersionId: z.string(), nodeKey: z.string(), nodeCode: z.string(), agencyCode: z.string(), reason: z.string(), createdAt: z.string() }),
  ),
  units: z.array(
    z.object({
      unitId: z.string(),
      code: z.string(),
      name: z.string(),
      groupId: z.string(),
      state: z.string(),
      extensionUntil: z.string().nullable(),
      extensionReason: z.string().nullable(),
      submittedAt: z.string().nullable(),
      ...unitNotesShape,
    }),
  ),
});

export const actionOptionSchema = z.object({
  action: z.string(),
  label: z.string(),
  allowed: z.boolean(),
  reasonRequired: z.boolean(),
  refusal: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const assessmentSummarySchema = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  year: z.number().int(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  state: z.string(),
  progress: z.object({ filled: z.number().int(), applicable: z.number().int() }),
  selfScore: z.object({ achieved: z.string(), applicableMax: z.string(), index: z.string().nullable() }),
  deadline: z.string(),
  ...unitNotesShape,
  allowedActions: z.array(actionOptionSchema),
});

export const progressSchema = z.object({
  units: z.array(
    z.object({
      unitId: z.string(),
      code: z.string(),
      name: z.string(),
      groupId: z.string(),
      state: z.string(),
      applicableLeaves: z.number().int(),
      filledLeaves: z.number().int(),
      submitted: z.boolean(),
      appraisedLeaves: z.number().int(),
      openRequests: z.number().int(),
      deadline: z.string(),
      overdue: z.array(z.string()),
      ...unitNotesShape,
      /** For the administrator: submit on behalf, record as not submitted, return for revision. */
      actions: z.array(actionOptionSchema),
    }),
  ),
  agencies: z.array(
    z.object({
      agency: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      assigned: z.number().int(),
      appraised: z.number().int(),
      pending: z.number().int(),
      openRequests: z.number().int(),
      overdue: z.number().int(),
      units: z.number().int(),
    }),
  ),
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
export const unitActionParam = z.enum(UNIT_ACTIONS.filter((a) => a !== 'edit' && a !== 'publish') as [string, ...string[]], { error: 'Thao tác không hợp lệ' });
