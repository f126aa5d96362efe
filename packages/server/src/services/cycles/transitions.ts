/**
 * Unit-level workflow transitions (kỳ đánh giá): the core's `applyUnitAction` decides, this
 * stores. One transaction locks the participant row, computes the facts from the criterion
 * records, applies the action, cascades it to the records, writes the audit event and the
 * notifications; e-mails go out after the commit.
 */
import {
  UNIT_ACTION_LABELS,
  UNIT_STATE_LABELS,
  applyUnitAction,
  automaticTransition,
  cascadeUnitTransition,
  cycleRefusal,
  isSelfAssessed,
  formatInstantVn,
  pointsToString,
  type CriterionRecord,
  type CycleStatus,
  type UnitCascadeCause,
  type UnitAction,
  type UnitState,
} from '@chiso/core';
import type { Executor } from '../../db/client';
import { cascadeRecords, coreRecords, loadUnitCriterionRecords } from '../../db/repositories/criterion-record-repository';
import { appraiseRecords } from '../../db/repositories/non-submission-repository';
import { lockCycleUnit, updateCycleUnit, usersOfUnits, usersWithRolesCovering, type CycleUnitRow, type Recipient } from '../../db/repositories/cycle-repository';
import { findUnitRefsByIds } from '../../db/repositories/unit-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { inTransaction, type RequestContext, type TxContext } from '../context';
import { AppError, notFound, refusalError } from '../errors';
import { notify } from '../notifications/notification-service';
import { appraisingAgenciesFor, factsFor, loadCycleContext, participant, unitWorkflowContext, type CycleContext } from './context';
import { assertMayViewAssessment } from '../policies/cycle-facts';
import { submissionModeAfter } from './unit-notes';

export interface TransitionInput {
  cycleId: string;
  unitId: string;
  action: UnitAction;
  reason?: string;
  /** return_for_revision: until when the unit may revise (ISO string or Date). */
  revisionDeadline?: string | Date;
}

export interface TransitionOutcome {
  from: UnitState;
  to: UnitState;
  unit: CycleUnitRow;
}

/** Link to a unit's assessment in the web app. */
/** The web app's page of a unit's assessment (self-assessment, requests, results). */
export const assessmentLink = (cycleId: string, unitId: string) => `/assessments/${cycleId}/${unitId}`;

const UNIT_PEOPLE = ['unit_officer', 'unit_head'];

/** Appraisers of the agencies appraising the unit. */
async function agencyPeople(tx: Executor, ctx: CycleContext, unitId: string): Promise<Recipient[]> {
  const unitIds = appraisingAgenciesFor(ctx, unitId)
    .map((a) => ctx.agencies.get(a)?.unitId)
    .filter((u): u is string => u !== undefined);
  return usersOfUnits(tx, [...new Set(unitIds)], ['appraiser']);
}

/** Who hears of a unit reaching `to`, and what they read. */
async function notifyTransition(
  t: TxContext,
  ctx: CycleContext,
  unitId: string,
  action: UnitAction | 'auto',
  from: UnitState,
  to: UnitState,
  reason: string | undefined,
  revisionDeadline: Date | null,
): Promise<string[]> {
  const { tx } = t;
  const { unit } = participant(ctx, unitId);
  const link = assessmentLink(ctx.cycle.id, unitId);
  const unitPeople = () => usersOfUnits(tx, [unitId], UNIT_PEOPLE);
  const admins = () => usersWithRolesCovering(tx, ['admin'], ctx.cycle.ownerUnitId); // the cycle's administrators, not another owner's
  const who = `${unit.name}`;
  const where = ctx.cycle.name;
  let recipients: Recipient[] = [];
  let title = `${who}: ${UNIT_STATE_LABELS[to]}`;
  let body: string | null = `${where}. Trạng thái hồ sơ chuyển từ "${UNIT_STATE_LABELS[from]}" sang "${UNIT_STATE_LABELS[to]}".`;
  switch (to) {
    case 'submitted':
      recipients = [...(await admins()), ...(await agencyPeople(tx, ctx, unitId))];
      title = `${who} đã gửi kết quả tự đánh giá`;
      break;
    case 'draft':
      recipients = [...(await admins()), ...(await agencyPeople(tx, ctx, unitId))];
      title = `${who} đã rút lại kết quả tự đánh giá để chỉnh sửa`;
      break;
    case 'in_appraisal':
      recipients = await unitPeople();
      title = `Kết quả tự đánh giá của ${who} đang được thẩm định`;
      break;
    case 'explanation_requested':
      recipients = await unitPeople();
      title = `${who}: có yêu cầu giải trình, bổ sung tài liệu`;
      body = `${where}. Hãy trả lời các yêu cầu trước hạn (thời gian giải trình đến ${formatInstantVn(ctx.calendar.explanation.closes)}).`;
      break;
    case 'explained':
      recipients = await agencyPeople(tx, ctx, unitId);
      title = `${who} đã giải trình`;
      break;
    case 'appraised':
      recipients = [...(await unitPeople()), ...(await admins())];
      title = `${who}: đã hoàn thành thẩm định`;
      break;
    case 'returned_for_revision':
      recipients = await unitPeople();
      title = `${who}: hồ sơ tự đánh giá bị trả lại để chỉnh sửa`;
      body = `${where}. Lý do: ${reason ?? ''}${revisionDeadline ? `. Hạn chỉnh sửa: ${formatInstantVn(revisionDeadline.getTime())}` : ''}.`;
      break;
    case 'council_reviewed':
      recipients = await admins();
      break;
    case 'approved':
      recipients = [...(await unitPeople()), ...(await admins())];
      title = `${who}: kết quả đã được Chủ tịch Hội đồng phê duyệt`;
      break;
    case 'published':
      recipients = await unitPeople();
      title = `${where}: kết quả của ${who} đã được công bố`;
      break;
  }
  if (action === 'mark_not_submitted' || action === 'submit_on_behalf') {
    // The unit did not do it itself: it hears of it, with the reason, as do its appraisers.
    recipients = [...(await unitPeople()), ...(await agencyPeople(tx, ctx, unitId))];
    // Who acted: the cycle's organising unit (Sở Nội vụ for the province's own cycles).
    const organiser = ctx.cycle.ownerUnitId === null ? 'Sở Nội vụ' : ((await findUnitRefsByIds(tx, [ctx.cycle.ownerUnitId])).get(ctx.cycle.ownerUnitId)?.name ?? 'Đơn vị tổ chức đánh giá');
    title = action === 'mark_not_submitted'
      ? `${organiser} đã ghi nhận ${who} không nộp kết quả tự đánh giá`
      : `${organiser} đã nộp thay kết quả tự đánh giá của ${who}`;
    body = `${where}. Lý do: ${reason ?? ''}. Trạng thái hồ sơ: "${UNIT_STATE_LABELS[to]}".`;
    return notify(t, recipients, { kind: `unit.${action}`, title, body, link });
  }
  return notify(t, recipients, { kind: `unit.${to}`, title, body, link });
}

/** The new state and side data of a performed transition, stored with the cascade and audit. */
export async function storeUnitTransition(
  tc: TxContext,
  ctx: CycleContext,
  row: CycleUnitRow,
  records: ReadonlyMap<string, { id: string; record: CriterionRecord }>,
  t: { action: UnitAction | 'auto'; from: UnitState; to: UnitState; reason?: string; revisionDeadline?: number },
): Promise<TransitionOutcome> {
  const { tx, actor, now } = tc;
  // Cascade to the criteria as the core says, in one statement.
  // Not submitted, on nothing: only what the unit assesses itself counts 0 (survey and data-feed points stand).
  const cause: UnitCascadeCause | undefined = t.action === 'mark_not_submitted' ? { notSubmitted: { reason: t.reason ?? '', at: now.getTime() } } : undefined;
  const { group } = participant(ctx, row.unitId);
  const changed: string[] = [];
  let appraisal: CriterionRecord['appraisal'];
  for (const { id, record } of records.values()) {
    const node = group.nodes.get(record.nodeKey);
    const next = cascadeUnitTransition(record, t.to, node && isSelfAssessed(node) ? cause : undefined);
    if (next.status !== record.status || next.appraisal !== record.appraisal || next.council !== record.council) changed.push(id);
    if (next.status === 'appraised' && next.appraisal !== record.appraisal) appraisal = next.appraisal;
  }
  if (appraisal) {
    await appraiseRecords(tx, changed, appraisal, actor.userId, now);
    await auditZeroedCriteria(tx, actor, row, records, changed, group.nodes, appraisal);
  } else if (changed.length > 0) {
    await cascadeRecords(tx, changed, t.to === 'submitted' ? 'pending' : 'draft', actor.userId, now);
  }
  const revisionDeadline = t.revisionDeadline !== undefined ? new Date(t.revisionDeadline) : null;
  const patch: Parameters<typeof updateCycleUnit>[3] = { state: t.to, stateChangedAt: now };
  if (t.to === 'returned_for_revision') {
    patch.revisionDeadline = revisionDeadline;
    patch.returnReason = t.reason ?? null;
  }
  const mode = submissionModeAfter(t.action, t.to);
  if (mode !== undefined) patch.submissionMode = mode;
  if (mode === 'unit' || mode === 'on_behalf') {
    patch.submittedAt = now;
    patch.submittedBy = actor.userId || null;
  } else if (mode === 'not_submitted') {
    patch.submittedAt = null;
    patch.submittedBy = null;
  }
  const unit = await updateCycleUnit(tx, row.cycleId, row.unitId, patch);
  await recordAudit(tx, actor, {
    entityType: 'cycle_unit',
    entityId: `${row.cycleId}:${row.unitId}`,
    action: t.action === 'auto' ? `auto:${t.to}` : t.action,
    before: { state: t.from },
    after: {
      state: t.to,
      ...(revisionDeadline ? { revisionDeadline: revisionDeadline.toISOString() } : {}),
      ...(mode ? { submissionMode: mode } : {}),
      ...(t.action === 'mark_not_submitted' ? { nonSubmittedScoring: ctx.cycle.nonSubmittedScoring } : {}),
      criteriaChanged: changed.length,
    },
    reason: t.reason ?? null,
  });
  await notifyTransition(tc, ctx, row.unitId, t.action, t.from, t.to, t.reason, revisionDeadline);
  return { from: t.from, to: t.to, unit };
}

/**
 * One event per criterion appraised at 0 for a unit recorded as not submitted ('nothing'), as an
 * appraisal decision is: the criterion's history and the published trace show why it has 0 points.
 */
async function auditZeroedCriteria(
  tx: Executor,
  actor: Actor,
  row: CycleUnitRow,
  records: ReadonlyMap<string, { id: string; record: CriterionRecord }>,
  ids: readonly string[],
  nodes: ReadonlyMap<string, { code: string }>,
  appraisal: NonNullable<CriterionRecord['appraisal']>,
): Promise<void> {
  const zeroed = new Set(ids);
  for (const { id, record } of records.values()) {
    if (!zeroed.has(id)) continue;
    const where = { cycleId: row.cycleId, unitId: row.unitId, nodeKey: record.nodeKey, nodeCode: nodes.get(record.nodeKey)?.code ?? record.nodeKey };
    await recordAudit(tx, actor, {
      entityType: 'criterion_record',
      entityId: id,
      action: 'decide',
      before: { ...where, status: record.status },
      after: { ...where, status: 'appraised', appraisal: { kind: appraisal.kind, points: pointsToString(appraisal.value.points), reason: appraisal.reason ?? null, agency: null } },
      reason: appraisal.reason ?? null,
    });
  }
}

function parseInstant(value: string | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(t)) throw new AppError('VALIDATION_FAILED', 'Hạn chỉnh sửa không hợp lệ.', [{ path: 'revisionDeadline', message: 'Thời điểm không hợp lệ' }]);
  return t;
}

/**
 * Performs a unit-level action in `t`'s transaction; `loaded` is the cycle's context when the
 * caller already holds it (a command acting on several units loads it once). Refusals are
 * `422 RULE_VIOLATION` with the core's message; an actor who may not even see the unit's
 * assessment, or whose role may not take the action ("not yours"), gets 403.
 */
export async function transitionUnitIn(t: TxContext, input: TransitionInput, loaded?: CycleContext): Promise<TransitionOutcome> {
  const { tx, actor, now } = t;
  const ctx = loaded ?? (await loadCycleContext(tx, input.cycleId));
  if (!ctx.units.has(input.unitId)) throw notFound('đơn vị trong kỳ đánh giá');
  assertMayViewAssessment(actor, ctx, input.unitId);
  const closed = cycleRefusal(ctx.cycle.status as CycleStatus, 'workflow');
  if (closed) throw refusalError(closed);
  const row = await lockCycleUnit(tx, input.cycleId, input.unitId);
  if (!row) throw notFound('đơn vị trong kỳ đánh giá');
  const stored = await loadUnitCriterionRecords(tx, input.cycleId, input.unitId);
  const records = coreRecords(stored);
  const wctx = unitWorkflowContext(ctx, input.unitId, actor, now, records, row);
  const revisionDeadline = parseInstant(input.revisionDeadline);
  const result = applyUnitAction(wctx, input.action, {
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    ...(revisionDeadline !== undefined ? { revisionDeadline } : {}),
  });
  if (!result.ok) throw refusalError(result.refusal, result.refusal.code === 'reason_required' ? 'reason' : 'action');
  return storeUnitTransition(t, ctx, row, stored, {
    action: input.action,
    from: result.from,
    to: result.to,
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
    ...(result.revisionDeadline !== undefined ? { revisionDeadline: result.revisionDeadline } : {}),
  });
}

/** `POST /api/cycles/:id/units/:unitId/actions/:action`: one transaction (e-mails after its commit). */
export function transitionUnit(context: RequestContext, input: TransitionInput): Promise<TransitionOutcome> {
  return inTransaction(context, (t) => transitionUnitIn(t, input));
}

/**
 * After a criterion command (B: answer; C: request, decide…), moves the unit as the core's
 * `automaticTransition` says from the unit's facts:
 * - an open request while in appraisal / explained → `explanation_requested`;
 * - no unanswered request left while `explanation_requested` → `explained`;
 * - every applicable criterion decided and no request open while appraising → `appraised`.
 * Call in the same transaction, after saving the record, with the cycle's context the command
 * loaded; returns the outcome, or null when the state stays.
 */
export async function afterCriterionChange(t: TxContext, ctx: CycleContext, unitId: string): Promise<TransitionOutcome | null> {
  const row = await lockCycleUnit(t.tx, ctx.cycle.id, unitId);
  if (!row) return null;
  const stored = await loadUnitCriterionRecords(t.tx, ctx.cycle.id, unitId);
  const { facts } = factsFor(ctx, unitId, coreRecords(stored));
  const state = row.state as UnitState;
  const to = automaticTransition(state, facts);
  if (to === null) return null;
  return storeUnitTransition(t, ctx, row, stored, { action: 'auto', from: state, to });
}

/** Label of an action for messages. */
export const actionLabel = (action: UnitAction) => UNIT_ACTION_LABELS[action];
