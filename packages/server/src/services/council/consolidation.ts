/**
 * The one code path from stored records to figures: the cycle context (A), the criterion records
 * (A's mapping), the supplied survey points → core `consolidateGroup` (→ `scoreUnit`, `rankUnits`,
 * `classifyScore`). The council table, its Excel file and the published snapshots all use it.
 */
import { consolidateGroup, type GroupConsolidation } from '@chiso/core';
import type { Executor } from '../../db/client';
import { coreRecords, loadCriterionRecords, type StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import type { CycleUnitView } from '../../db/repositories/cycle-repository';
import { suppliedInputs } from '../appraisal/supplied-points';
import { dataFeedInputs } from '../data-feeds/feed-values';
import { type CycleContext, type CycleGroupContext, profileOf } from '../cycles/context';
import { notFound } from '../errors';
import type { RecordRefs } from '../publication/snapshot';

export interface ConsolidatedGroup {
  group: CycleGroupContext;
  members: CycleUnitView[];
  consolidation: GroupConsolidation;
  stored: Map<string, Map<string, StoredCriterionRecord>>;
  refs: RecordRefs;
}

export async function consolidateCycleGroup(executor: Executor, ctx: CycleContext, groupId: string): Promise<ConsolidatedGroup> {
  const group = ctx.groups.get(groupId);
  if (!group) throw notFound('nhóm trong kỳ đánh giá');
  const members = [...ctx.units.values()].filter((u) => u.groupId === groupId);
  const unitIds = members.map((u) => u.unitId);
  const stored = await loadCriterionRecords(executor, ctx.cycle.id, { unitIds });
  const supplied = await suppliedInputs(executor, ctx.cycle.id, unitIds);
  // Data-feed values are supplied inputs too (their leaves are never survey leaves: no key clashes).
  for (const [unitId, inputs] of await dataFeedInputs(executor, ctx.cycle.id, unitIds)) supplied.set(unitId, { ...supplied.get(unitId), ...inputs });
  const consolidation = consolidateGroup(
    group.framework,
    members.map((u) => {
      const s = supplied.get(u.unitId);
      return { unitId: u.unitId, profile: profileOf(ctx, u.unitId), records: coreRecords(stored.get(u.unitId) ?? new Map()), ...(s ? { supplied: s } : {}) };
    }),
    { agencyOverrides: group.agencyOverrides },
  );
  const refs = new Map([...stored].map(([unitId, byNode]) => [unitId, new Map([...byNode].map(([k, r]) => [k, { id: r.id, version: r.version }]))]));
  return { group, members, consolidation, stored, refs };
}
