import type { Framework, GroupConsolidation } from '@chiso/core';
import type { Executor } from '../../db/client';
import { insertSnapshot, type SnapshotRow } from '../../db/repositories/result-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { sealSnapshot } from '../integrity/chain';
import { buildSnapshotRows, type RecordRefs, type SnapshotUnitInfo } from './snapshot';

export interface SnapshotInput {
  cycleId: string;
  groupId: string;
  frameworkVersionId: string;
  framework: Framework;
  /** The core's consolidation of the group (`consolidateGroup`): the only source of the figures. */
  consolidation: GroupConsolidation;
  units: readonly SnapshotUnitInfo[];
  refs: RecordRefs;
  number: number;
  decisionNumber?: string | null;
  reason?: string | null;
  now: Date;
}

/**
 * Writes snapshot `number` of a group and its audit event, inside the caller's transaction.
 * Insert-only: nothing here (or in the repository) updates or deletes an earlier snapshot.
 */
export async function writeSnapshot(tx: Executor, actor: Actor, input: SnapshotInput): Promise<SnapshotRow> {
  const rows = buildSnapshotRows(input.framework, input.consolidation, input.units, input.refs);
  const head = await insertSnapshot(tx, {
    snapshot: {
      cycleId: input.cycleId,
      groupId: input.groupId,
      frameworkVersionId: input.frameworkVersionId,
      number: input.number,
      decisionNumber: input.decisionNumber?.trim() || null,
      reason: input.reason?.trim() || null,
      createdAt: input.now,
      createdBy: actor.userId || null,
    },
    ...rows,
  });
  // Sealed before the audit event: the snapshot chain's lock is always taken before the audit chain's.
  const hash = await sealSnapshot(tx, head.id);
  await recordAudit(tx, actor, {
    entityType: 'result_snapshot',
    entityId: head.id,
    action: input.number === 1 ? 'publish' : 'amend',
    after: {
      cycleId: input.cycleId,
      groupId: input.groupId,
      number: input.number,
      decisionNumber: head.decisionNumber,
      hash,
      units: rows.units.map((u) => ({ unit: u.unitCode, achieved: u.achieved, applicableMax: u.applicableMax, index: u.indexValue, rank: u.rank, class: u.classLabel })),
    },
    reason: head.reason,
  });
  return head;
}
