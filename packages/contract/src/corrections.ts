/**
 * An open cycle's framework corrections, late participants and demo calendar — docs/api.md
 * "Framework corrections and participants of an open cycle".
 */
import { z } from 'zod';
import { CALENDAR_PHASE_LABELS, CORRECTION_FLAG_LABELS, type CalendarPhase, type CorrectionFlagKind } from '@chiso/core';
import { enumOf, id, instant } from './common';

const nodeRef = z.object({ key: z.string(), code: z.string(), name: z.string() });

export const correctionFlagKindSchema = enumOf<CorrectionFlagKind>(Object.keys(CORRECTION_FLAG_LABELS) as CorrectionFlagKind[]);
export const calendarPhaseSchema = enumOf<CalendarPhase>(Object.keys(CALENDAR_PHASE_LABELS) as CalendarPhase[]);

/** What applying a later framework version to a group would do (the core's plan and its effect on the entries). */
export const correctionPreviewSchema = z.object({
  groupId: z.string(),
  from: z.object({ id: z.string(), number: z.number().int() }),
  to: z.object({ id: z.string(), number: z.number().int(), reason: z.string().nullable() }),
  plan: z.object({
    added: z.array(nodeRef),
    removed: z.array(nodeRef),
    changed: z.array(nodeRef.extend({ fields: z.array(z.string()) })),
    reworded: z.number().int(),
    frameworkChanges: z.array(z.string()),
  }),
  /** Entries affected, over all units of the group. */
  entries: z.object({
    flagged: z.number().int(),
    inputInvalid: z.number().int(),
    appraisalReset: z.number().int(),
    created: z.number().int(),
    retired: z.number().int(),
    units: z.number().int(),
  }),
  /** Why it cannot be applied now, or null. */
  refusal: z.string().nullable(),
});

export const correctionSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  fromVersionId: z.string(),
  toVersionId: z.string(),
  reason: z.string(),
  summary: z.record(z.string(), z.number()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

/** A correction's flag on one of a unit's criteria. */
export const criterionFlagSchema = z.object({
  nodeKey: z.string(),
  kind: correctionFlagKindSchema,
  message: z.string(),
  reason: z.string(),
  flaggedAt: z.string(),
  /** False once the criterion was saved again after the flag. */
  open: z.boolean(),
});

export const demoCalendarSchema = z.object({
  /** True on demo data, for an open cycle. */
  available: z.boolean(),
  phase: calendarPhaseSchema,
  phaseLabel: z.string(),
  next: calendarPhaseSchema.nullable(),
  nextLabel: z.string().nullable(),
});

// Requests.
const version = z.number().int().min(1);
const reason = z.string().trim().min(1, 'Cần nêu lý do').max(2000);

export const correctionTarget = z.object({ groupId: id, frameworkVersionId: id });
export const applyCorrectionBody = correctionTarget.extend({ reason, version });
export const addParticipantBody = z.object({ unitId: id, reason, extensionUntil: instant.optional(), version });

export type CorrectionPreview = z.output<typeof correctionPreviewSchema>;
export type Correction = z.output<typeof correctionSchema>;
export type CriterionFlag = z.output<typeof criterionFlagSchema>;
export type DemoCalendar = z.output<typeof demoCalendarSchema>;
export type CorrectionTarget = z.input<typeof correctionTarget>;
export type ApplyCorrection = z.input<typeof applyCorrectionBody>;
export type AddParticipant = z.input<typeof addParticipantBody>;
