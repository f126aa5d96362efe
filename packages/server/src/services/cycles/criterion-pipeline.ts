/**
 * The one pipeline of a criterion command (saving, answering, appraising, the council): lock the
 * participant then the record, load the cycle context once, check the client's version, let the
 * core decide, write the record and its audit event, move the unit as the core says. The callers
 * supply what differs: who may touch the leaf, the view sent with a 409, the audit's content.
 */
import type { CriterionContext, CriterionRecord, FrameworkNode } from '@chiso/core';
import type { Executor } from '../../db/client';
import { loadCriterionRecord, saveCriterionRecord, type StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import { lockCycleUnit, type CycleUnitRow } from '../../db/repositories/cycle-repository';
import { recordAudit, type AuditChange } from '../audit';
import type { TxContext } from '../context';
import { criterionContext } from '../assessments/criterion-view';
import { notFound, staleVersion } from '../errors';
import { loadCycleContext, withParticipantRow, type CycleContext } from './context';
import { afterCriterionChange, type TransitionOutcome } from './transitions';

export interface CriterionTarget {
  cycleId: string;
  unitId: string;
  nodeKey: string;
  version: number;
}

export interface OpenRules {
  /** 404/403 once the context is loaded, before the record is read: returns the leaf. */
  admit: (ctx: CycleContext) => FrameworkNode;
  /** The current view the client gets with a 409 (stale version). */
  staleView: (tx: Executor, ctx: CycleContext, current: StoredCriterionRecord) => Promise<unknown>;
}

export interface OpenedCommand {
  /** The participant row, locked. */
  row: CycleUnitRow | undefined;
  ctx: CycleContext;
  node: FrameworkNode;
  cctx: CriterionContext;
  /** The record, locked and at the client's version. */
  previous: StoredCriterionRecord;
}

/**
 * Lock, load once, admit, read the record at the client's version. A command on several records
 * passes the cycle's context it loaded once (`loaded`): the unit's locked row brings it up to date;
 * a caller that locked the participant itself before loading passes its row (`locked`).
 */
export async function openCriterionCommand(t: TxContext, target: CriterionTarget, rules: OpenRules, loaded?: CycleContext, locked?: CycleUnitRow): Promise<OpenedCommand> {
  const { tx, actor, now } = t;
  const { cycleId, unitId, nodeKey } = target;
  // Lock order, everywhere: the participant row, then criterion records (see lockCycleUnit).
  const row = locked ?? await lockCycleUnit(tx, cycleId, unitId);
  const ctx = loaded ? (row ? withParticipantRow(loaded, row) : loaded) : await loadCycleContext(tx, cycleId);
  const node = rules.admit(ctx);
  const previous = await loadCriterionRecord(tx, cycleId, unitId, nodeKey, { lock: true });
  if (!previous) throw notFound('tiêu chí của đơn vị trong kỳ đánh giá');
  if (previous.version !== target.version) throw staleVersion(await rules.staleView(tx, ctx, previous));
  return { row, ctx, node, cctx: criterionContext(ctx, unitId, nodeKey, actor, now), previous };
}

export interface WrittenCommand {
  saved: StoredCriterionRecord;
  /** The context with the unit's new state when it moved. */
  ctx: CycleContext;
  moved: TransitionOutcome | null;
}

/**
 * Writes the core's new record and its audit event (`audit` gives the action, before, after,
 * reason), then, when `movesUnit`, moves the unit as the core's automatic transitions say.
 */
export async function writeCriterionCommand(
  t: TxContext,
  opened: Pick<OpenedCommand, 'ctx' | 'node' | 'cctx' | 'previous'>,
  record: CriterionRecord,
  audit: (saved: StoredCriterionRecord) => Omit<AuditChange, 'entityType' | 'entityId'>,
  options: { movesUnit: boolean },
): Promise<WrittenCommand> {
  const { tx, actor, now } = t;
  const { ctx, node, cctx, previous } = opened;
  const saved = await saveCriterionRecord(tx, previous, record, { node, rounding: cctx.rounding, userId: actor.userId, now });
  await recordAudit(tx, actor, { entityType: 'criterion_record', entityId: saved.id, ...audit(saved) });
  const moved = options.movesUnit ? await afterCriterionChange(t, ctx, previous.unitId) : null;
  return { saved, moved, ctx: moved ? withParticipantRow(ctx, moved.unit) : ctx };
}
