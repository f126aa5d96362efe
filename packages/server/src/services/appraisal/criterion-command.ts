/**
 * One criterion command of the appraisal or the council (decide, request_explanation,
 * propose_final, approve_final, reject_proposal) inside an open transaction: the record locked
 * and checked against the client's version (409 with the current view), the core's
 * `decideCriterionCommand` with `workflowActorFor` and `now` (which starts the appraisal of a
 * `submitted` unit on its first decision or request), the repository to save, the audit
 * event, A's `afterCriterionChange` and the notifications. Shared by the appraisal service and
 * the council's criterion commands.
 */
import {
  cycleRefusal,
  decideCriterionCommand,
  explainRefusal,
  startsAppraisal,
  parsePoints,
  type CriterionCommand,
  type CycleStatus,
  type FrameworkNode,
  type NodeInput,
  type ScoreValue,
} from '@chiso/core';
import type { Executor } from '../../db/client';
import { coreRecords, loadUnitCriterionRecords, type StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import type { Actor } from '../actor';
import { criterionViews, type CriterionView } from '../assessments/criterion-view';
import { participant, unitWorkflowContext, withParticipantRow, type CycleContext } from '../cycles/context';
import { assertMayViewAssessment } from '../policies/cycle-facts';
import { openCriterionCommand, writeCriterionCommand, type CriterionTarget } from '../cycles/criterion-pipeline';
import { storeUnitTransition } from '../cycles/transitions';
import { AppError, notFound, refusalError } from '../errors';

/** A score as the API takes it: an input for the leaf's rule, or points as a decimal string. */
export type ScoreValueInput = { input: unknown } | { points: string | number };

/** The core's `ScoreValue` from the wire (points "2,5" or "2.5" → exact thousandths). */
export function scoreValueOf(value: ScoreValueInput, path: string): ScoreValue {
  if ('input' in value) return { input: value.input as NodeInput };
  const points = parsePoints(typeof value.points === 'string' ? value.points.trim().replace(',', '.') : value.points);
  if (points === null) {
    const message = `Điểm “${String(value.points)}” không hợp lệ`;
    throw new AppError('VALIDATION_FAILED', message, [{ path, message }]);
  }
  return { points };
}

/** The cycle context with the unit seen as `in_appraisal` (what it will be after start_appraisal). */
function asAppraising(ctx: CycleContext, unitId: string): CycleContext {
  const unit = ctx.units.get(unitId)!;
  return { ...ctx, units: new Map(ctx.units).set(unitId, { ...unit, state: 'in_appraisal' }) };
}

/**
 * The context in which the actor's views of a unit's criteria are computed: a `submitted` unit is
 * seen as in appraisal when the actor may start its appraisal (the first decision or request
 * does), so `may.decide` / `may.request` are true where the command will be accepted.
 */
export function appraisalViewContext(ctx: CycleContext, unitId: string, actor: Actor, now: Date, records: ReadonlyMap<string, StoredCriterionRecord>): CycleContext {
  const unit = ctx.units.get(unitId);
  if (!unit || unit.state !== 'submitted' || !actor.roles.includes('appraiser')) return ctx;
  const wctx = unitWorkflowContext(ctx, unitId, actor, now, coreRecords(records));
  return explainRefusal(wctx, 'start_appraisal') === null ? asAppraising(ctx, unitId) : ctx;
}

export type { CriterionTarget };

export interface CommandEffect {
  ctx: CycleContext;
  node: FrameworkNode;
  previous: StoredCriterionRecord;
  saved: StoredCriterionRecord;
}

export interface CommandSpec {
  /** The audit action (`decide`, `request_explanation`, `propose_final`…). */
  action: string;
  command: CriterionCommand;
  /** The reason the audit row carries. */
  reason?: string | null;
  /** Notifications for this command (ids for `afterCommit`). */
  notify?: (tx: Executor, effect: CommandEffect) => Promise<string[]>;
}

export interface CommandOutcome extends CommandEffect {
  view: CriterionView;
  notificationIds: string[];
  unitStateChanged: boolean;
}

/** What the audit keeps of a record: the points and decisions around a command. */
export function auditSnapshot(s: StoredCriterionRecord) {
  const r = s.record;
  return {
    status: r.status,
    selfPoints: s.points.self,
    selfNotApplicable: r.self.input?.kind === 'not_applicable',
    appraisal: r.appraisal ? { kind: r.appraisal.kind, points: s.points.appraised, reason: r.appraisal.reason ?? null, agency: r.appraisal.agency ?? null } : null,
    council: r.council ? { points: s.points.council, reason: r.council.reason, approved: r.council.approved } : null,
    requests: r.requests.length,
  };
}

/**
 * Runs one criterion command in `tx` (the caller commits, then calls `afterCommit` with the ids),
 * on the criterion pipeline; the core decides, with the appraisal's start when the command starts it.
 */
export async function runCriterionCommandIn(tx: Executor, target: CriterionTarget, actor: Actor, now: Date, spec: CommandSpec): Promise<CommandOutcome> {
  const { cycleId, unitId, nodeKey } = target;
  const opened = await openCriterionCommand(tx, target, actor, now, {
    admit: (ctx) => {
      const { group } = participant(ctx, unitId);
      assertMayViewAssessment(actor, ctx, unitId);
      const node = group.nodes.get(nodeKey);
      if (!node || node.children.length > 0) throw notFound('tiêu chí');
      const closed = cycleRefusal(ctx.cycle.status as CycleStatus, 'workflow');
      if (closed) throw refusalError(closed);
      return node;
    },
    staleView: async (tx2, ctx, current) => {
      const stored = await loadUnitCriterionRecords(tx2, cycleId, unitId);
      const [view] = await criterionViews(tx2, appraisalViewContext(ctx, unitId, actor, now, stored), unitId, [current], actor, now);
      return view;
    },
  });
  const { row, node, cctx, previous } = opened;
  let { ctx } = opened;

  // The unit's records only when the command starts the appraisal (the unit action needs its facts).
  const unitRecords = row && startsAppraisal(cctx.unitState, spec.command.type) ? await loadUnitCriterionRecords(tx, cycleId, unitId) : undefined;
  const unitCtx = row && unitRecords ? unitWorkflowContext(ctx, unitId, actor, now, coreRecords(unitRecords), row) : undefined;
  const result = decideCriterionCommand(cctx, previous.record, spec.command, unitCtx);
  if (!result.ok) {
    throw result.unitAction ? refusalError(result.refusal, 'action', { unitAction: true }) : refusalError(result.refusal, result.field);
  }

  const notificationIds: string[] = [];
  let unitStateChanged = false;
  if (result.startAppraisal && row && unitRecords) {
    const { from, to } = result.startAppraisal;
    const started = await storeUnitTransition(tx, ctx, row, unitRecords, actor, now, { action: 'start_appraisal', from, to });
    notificationIds.push(...started.notificationIds);
    unitStateChanged = true;
    ctx = withParticipantRow(ctx, started.unit);
  }

  const written = await writeCriterionCommand(tx, { ...opened, ctx }, result.record, actor, now, (saved) => ({
    action: spec.action,
    before: { cycleId, unitId, nodeKey, nodeCode: node.code, ...auditSnapshot(previous) },
    after: { cycleId, unitId, nodeKey, nodeCode: node.code, ...auditSnapshot(saved) },
    reason: spec.reason ?? null,
  }), { movesUnit: true });
  const { saved } = written;
  ctx = written.ctx;
  if (written.moved) {
    notificationIds.push(...written.moved.notificationIds);
    unitStateChanged = true;
  }
  const effect: CommandEffect = { ctx, node, previous, saved };
  if (spec.notify) notificationIds.push(...(await spec.notify(tx, effect)));
  const [view] = await criterionViews(tx, ctx, unitId, [saved], actor, now);
  return { ...effect, view: view!, notificationIds, unitStateChanged };
}
