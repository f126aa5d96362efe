/**
 * What a participant's record says beyond its state, for everyone who sees the state: whether the
 * current submission was the unit's own, made on its behalf (nộp thay) or recorded as not submitted
 * (không nộp); and, while returned for revision, why and until when. Also the unit actions the
 * administrator takes from the progress table (core `allowedActions`, nothing decided here).
 */
import type { CriterionRecord, UnitAction } from '@chiso/core';
import type { CycleUnitRow } from '../../db/repositories/cycle-repository';
import type { Actor } from '../actor';
import { seesProgressActions } from '../policies/cycle';
import type { CycleContext } from './context';
import type { ActionOption as ActionOptionView, SubmissionMode, UnitNotes } from '@chiso/contract';
import { actionViews } from './summary';

// submissionMode is null while the unit still edits; returnReason and revisionDeadline are set while returned.
export type { SubmissionMode, UnitNotes } from '@chiso/contract';

export function unitNotes(unit: Pick<CycleUnitRow, 'state' | 'submissionMode' | 'returnReason' | 'revisionDeadline'>): UnitNotes {
  const returned = unit.state === 'returned_for_revision';
  return {
    submissionMode: (unit.submissionMode as SubmissionMode | null) ?? null,
    returnReason: returned ? unit.returnReason : null,
    revisionDeadline: returned && unit.revisionDeadline ? unit.revisionDeadline.toISOString() : null,
  };
}

/** The submission mode a transition leaves behind (undefined: unchanged). */
export function submissionModeAfter(action: UnitAction | 'auto', to: string): SubmissionMode | null | undefined {
  if (action === 'submit') return 'unit';
  if (action === 'submit_on_behalf') return 'on_behalf';
  if (action === 'mark_not_submitted') return 'not_submitted';
  if (to === 'draft' || to === 'returned_for_revision') return null;
  return undefined;
}

/** Unit actions offered in the administrator's progress table. */
export const PROGRESS_UNIT_ACTIONS: readonly UnitAction[] = ['submit_on_behalf', 'mark_not_submitted', 'return_for_revision'];

/** The progress table's actions for one unit, as the core allows them to the actor now (the cycle's administrators only). */
export function progressActions(ctx: CycleContext, unitId: string, actor: Actor, now: Date, records: ReadonlyMap<string, CriterionRecord>): ActionOptionView[] {
  if (!seesProgressActions(actor, ctx.cycle)) return [];
  return actionViews(ctx, unitId, actor, now, records).filter((o) => (PROGRESS_UNIT_ACTIONS as readonly string[]).includes(o.action));
}
