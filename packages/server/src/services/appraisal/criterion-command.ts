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
  startsAppraisal,
  parsePoints,
  type CriterionCommand,
  type CycleStatus,
  type FrameworkNode,
  type NodeInput,
  type ScoreValue,
  type UnitState,
  type UnitWorkflowContext,
} from '@chiso/core';
import { coreRecords, loadUnitCriterionRecords, type StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import type { Actor } from '../actor';
import type { TxContext } from '../context';
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

/**
 * The unit's workflow context when a decision or request would start its appraisal (the core's
 * `startsAppraisal`): the views' `may` flags then ask the core (`criterionActions`) whether the
 * actor may start it, so `may.decide` / `may.request` are true where the command will be accepted.
 */
export function startingUnitContext(ctx: CycleContext, unitId: string, actor: Actor, now: Date, records: ReadonlyMap<string, StoredCriterionRecord>): UnitWorkflowContext | undefined {
  const unit = ctx.units.get(unitId);
  if (!unit || !startsAppraisal(unit.state as UnitState, 'decide')) return undefined;
  return unitWorkflowContext(ctx, unitId, actor, now, coreRecords(records));
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
  /** Notifications for this command (e-mailed once the transaction commits). */
  notify?: (t: TxContext, effect: CommandEffect) => Promise<unknown>;
}

export interface CommandOutcome extends CommandEffect {
  view: CriterionView;
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
 * Runs one criterion command in `t`'s transaction on the criterion pipeline; the core decides, with
 * the appraisal's start when the command starts it. A command on several records passes the cycle's
 * context it loaded once (`loaded`).
 */
export async function runCriterionCommandIn(t: TxContext, target: CriterionTarget, spec: CommandSpec, loaded?: CycleContext): Promise<CommandOutcome> {
  const { tx, actor, now } = t;
  const { cycleId, unitId, nodeKey } = target;
  const opened = await openCriterionCommand(t, target, {
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
      const [view] = await criterionViews(tx2, ctx, unitId, [current], actor, now, startingUnitContext(ctx, unitId, actor, now, stored));
      return view;
    },
  }, loaded);
  const { row, node, cctx, previous } = opened;
  let { ctx } = opened;

  // The unit's records only when the command starts the appraisal (the unit action needs its facts).
  const unitRecords = row && startsAppraisal(cctx.unitState, spec.command.type) ? await loadUnitCriterionRecords(tx, cycleId, unitId) : undefined;
  const unitCtx = row && unitRecords ? unitWorkflowContext(ctx, unitId, actor, now, coreRecords(unitRecords), row) : undefined;
  const result = decideCriterionCommand(cctx, previous.record, spec.command, unitCtx);
  if (!result.ok) throw refusalError(result.refusal, result.unitAction ? 'action' : result.field);

  let unitStateChanged = false;
  if (result.startAppraisal && row && unitRecords) {
    const { from, to } = result.startAppraisal;
    const started = await storeUnitTransition(t, ctx, row, unitRecords, { action: 'start_appraisal', from, to });
    unitStateChanged = true;
    ctx = withParticipantRow(ctx, started.unit);
  }

  const written = await writeCriterionCommand(t, { ...opened, ctx }, result.record, (saved) => ({
    action: spec.action,
    before: { cycleId, unitId, nodeKey, nodeCode: node.code, ...auditSnapshot(previous) },
    after: { cycleId, unitId, nodeKey, nodeCode: node.code, ...auditSnapshot(saved) },
    reason: spec.reason ?? null,
  }), { movesUnit: true });
  const { saved } = written;
  ctx = written.ctx;
  if (written.moved) unitStateChanged = true;
  const effect: CommandEffect = { ctx, node, previous, saved };
  if (spec.notify) await spec.notify(t, effect);
  const [view] = await criterionViews(tx, ctx, unitId, [saved], actor, now);
  return { ...effect, view: view!, unitStateChanged };
}
