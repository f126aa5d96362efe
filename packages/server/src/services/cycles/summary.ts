/**
 * `AssessmentSummary` of docs/api.md: one unit's assessment in a cycle as its list row — state,
 * progress, self score, deadline, and the actions the actor may take now (core `allowedActions`).
 */
import {
  allowedActions,
  entriesToInputs,
  formatFixed,
  isBonusNode,
  isSelfAssessed,
  scoreWithApplicableLeaves,
  unitEditDeadline,
  type CriterionRecord,
  type Points,
  type UnitState,
} from '@chiso/core';
import { seesStatusOnly } from '../policies/assessment';
import type { Actor } from '../actor';
import { participant, profileOf, selfEntries, unitWorkflowContext, type CycleContext } from './context';
import type { ActionOption as ActionOptionView, AssessmentSummary } from '@chiso/contract';
import { unitNotes } from './unit-notes';

/** Points as the contract's decimal strings with three decimals ("0.750"). */
export function pointsText(p: Points): string {
  const abs = Math.abs(p);
  const text = `${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
  return p < 0 ? `-${text}` : text;
}

export type { ActionOption as ActionOptionView, AssessmentSummary } from '@chiso/contract';

/**
 * The core's actions list without 'publish' (the council's publication has its own endpoint).
 * 'edit' stays in: it is not posted to the actions endpoint (entries are saved by the criterion
 * autosave), but it tells the unit whether it may still enter its self-assessment now.
 */
export function actionViews(ctx: CycleContext, unitId: string, actor: Actor, now: Date, records: ReadonlyMap<string, CriterionRecord>): ActionOptionView[] {
  const wctx = unitWorkflowContext(ctx, unitId, actor, now, records);
  return allowedActions(wctx)
    .filter((o) => o.action !== 'publish')
    .map((o) => ({
      action: o.action,
      label: o.label,
      allowed: o.allowed,
      reasonRequired: o.reasonRequired,
      ...(o.refusal ? { refusal: { code: o.refusal.code, message: o.refusal.message } } : {}),
    }));
}

/** Until when the unit may still edit: its extension or revision deadline, else the cycle's. */
export function editDeadlineOf(ctx: CycleContext, unitId: string): string {
  const { unit } = participant(ctx, unitId);
  return new Date(unitEditDeadline({
    calendar: ctx.calendar,
    unitId,
    state: unit.state as UnitState,
    ...(unit.revisionDeadline ? { revisionDeadline: unit.revisionDeadline.getTime() } : {}),
  })).toISOString();
}

/**
 * The unit's records as the actor may read them: without the unit's entries for a reader who sees
 * only the status (an appraiser before the unit submits, policies/assessment.ts `seesStatusOnly`).
 */
export function recordsSeenBy(ctx: CycleContext, unitId: string, actor: Actor, records: ReadonlyMap<string, CriterionRecord>): ReadonlyMap<string, CriterionRecord> {
  if (!seesStatusOnly(actor, unitId, participant(ctx, unitId).unit.state, ctx.cycle.ownerUnitId)) return records;
  return new Map([...records].map(([key, record]) => [key, { ...record, self: {} }]));
}

export function assessmentSummary(ctx: CycleContext, unitId: string, actor: Actor, now: Date, all: ReadonlyMap<string, CriterionRecord>): AssessmentSummary {
  const { unit, group } = participant(ctx, unitId);
  const records = recordsSeenBy(ctx, unitId, actor, all);
  // One untraced pass: the figures and which leaves apply (no per-node trace, no leaf sentences).
  const { score, applicableLeaves } = scoreWithApplicableLeaves(group.framework, profileOf(ctx, unitId), entriesToInputs(selfEntries(records)));
  let applicable = 0;
  let filled = 0;
  for (const leaf of group.leaves) {
    if (!isSelfAssessed(leaf) || isBonusNode(leaf) || !applicableLeaves.has(leaf.key)) continue;
    applicable++;
    if (records.get(leaf.key)?.self.input) filled++;
  }
  const deadline = editDeadlineOf(ctx, unitId);
  return {
    cycleId: ctx.cycle.id,
    cycleName: ctx.cycle.name,
    year: ctx.cycle.year,
    unit: { id: unit.unitId, code: unit.code, name: unit.name },
    state: unit.state as UnitState,
    progress: { filled, applicable },
    selfScore: {
      achieved: pointsText(score.achieved),
      applicableMax: pointsText(score.applicableMax),
      index: score.publishedIndex ? formatFixed(score.publishedIndex, 'plain') : null,
    },
    deadline,
    ...unitNotes(unit),
    allowedActions: actionViews(ctx, unitId, actor, now, records),
  };
}
