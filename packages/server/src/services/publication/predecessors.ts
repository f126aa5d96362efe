/**
 * History across the 2025 reorganisation (issue 10 §6b): for a unit, its predecessors (through the
 * lineage the unit operations recorded — a commune merged on 1 July 2025 has the former communes,
 * and theirs, transitively) and their published results in earlier cycles: cycle, year, organiser
 * (a district committee dissolved since still shows), index, rank and class as published. Published
 * results are public, so this is too; nothing unpublished is read.
 */
import type { GroupPredecessorResults, PredecessorResult, PredecessorResults } from '@chiso/contract';
import type { Executor } from '../../db/client';
import {
  findUnitsForHistory, listAncestors, listPublishedResultsOfUnits, unitsOfLatestSnapshot, type PublishedResultRow,
} from '../../db/repositories/history-repository';
import { notFound } from '../errors';
import { indexText } from './snapshot';

function resultView(r: PublishedResultRow): PredecessorResult {
  return {
    cycleId: r.cycleId, cycleName: r.cycleName, year: r.year, program: { code: r.programCode, name: r.programName },
    owner: r.ownerId ? { id: r.ownerId, code: r.ownerCode!, name: r.ownerName!, validTo: r.ownerValidTo } : null,
    groupId: r.groupId, groupName: r.groupName, number: r.number, decisionNumber: r.decisionNumber, publishedAt: r.publishedAt.toISOString(),
    index: indexText(r.indexValue, r.indexDecimals), rank: r.rank, rankedUnits: r.rankedUnits, classLabel: r.classLabel,
  };
}

/** The history of each unit, in the order given; units without predecessors are left out unless `keepEmpty`. */
async function histories(db: Executor, unitIds: readonly string[], keepEmpty: boolean): Promise<PredecessorResults[]> {
  const ancestors = await listAncestors(db, unitIds);
  const predecessorIds = [...new Set(ancestors.map((a) => a.unitId))];
  const [units, results] = await Promise.all([findUnitsForHistory(db, unitIds), listPublishedResultsOfUnits(db, predecessorIds)]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const out: PredecessorResults[] = [];
  for (const unitId of unitIds) {
    const unit = unitById.get(unitId);
    const mine = ancestors.filter((a) => a.startId === unitId);
    if (!unit || (mine.length === 0 && !keepEmpty)) continue;
    out.push({
      unit,
      predecessors: mine.map((a) => ({
        unit: { id: a.unitId, code: a.unitCode, name: a.unitName, validTo: a.validTo },
        operation: { kind: a.kind, date: a.date },
        successor: { id: a.successorId, code: a.successorCode, name: a.successorName },
        results: results.filter((r) => r.unitId === a.unitId).map(resultView),
      })),
    });
  }
  return out;
}

/** A unit's predecessors and their published results (GET /api/public/units/:unitId/predecessor-results). */
export async function predecessorResults(db: Executor, unitId: string): Promise<PredecessorResults> {
  const [found] = await histories(db, [unitId], true);
  if (!found) throw notFound('đơn vị');
  return found;
}

/** For every unit of a group's latest published snapshot that has predecessors: their published results. */
export async function groupPredecessorResults(db: Executor, cycleId: string, groupId: string): Promise<GroupPredecessorResults> {
  const unitIds = await unitsOfLatestSnapshot(db, cycleId, groupId);
  if (unitIds.length === 0) throw notFound('kết quả đã công bố của nhóm này');
  return { items: await histories(db, unitIds, false) };
}
