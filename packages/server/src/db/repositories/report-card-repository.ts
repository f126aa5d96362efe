/** Reading which published results a unit has (its report cards): snapshots only, read-only. */
import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { cycles, resultSnapshots, resultUnits } from '../schema/cycles';
import { frameworkVersions, programs } from '../schema/frameworks';
import { unitGroups } from '../schema/group-sets';

export interface UnitPublishedResult {
  cycleId: string;
  cycleName: string;
  /** The cycle's organising unit (null: the province's own). */
  ownerUnitId: string | null;
  year: number;
  programCode: string;
  programName: string;
  groupId: string;
  groupName: string;
  number: number;
  createdAt: Date;
  indexValue: string;
  rank: number;
  classLabel: string | null;
  indexDecimals: number;
}

/** The latest snapshot of every (cycle, group) in which the unit was published, newest year first. */
export async function publishedResultsOfUnit(executor: Executor, unitId: string): Promise<UnitPublishedResult[]> {
  const rows = await executor
    .select({
      cycleId: resultSnapshots.cycleId, cycleName: cycles.name, ownerUnitId: cycles.ownerUnitId, year: cycles.year, programCode: cycles.programCode, programName: programs.name,
      groupId: resultSnapshots.groupId, groupName: unitGroups.name, number: resultSnapshots.number, createdAt: resultSnapshots.createdAt,
      indexValue: resultUnits.indexValue, rank: resultUnits.rank, classLabel: resultUnits.classLabel,
      indexDecimals: sql<number>`coalesce(${resultSnapshots.indexDecimals}, (${frameworkVersions.document} -> 'settings' -> 'rounding' ->> 'indexDecimals')::int, 2)`.mapWith(Number),
    })
    .from(resultUnits)
    .innerJoin(resultSnapshots, eq(resultSnapshots.id, resultUnits.snapshotId))
    .innerJoin(cycles, eq(cycles.id, resultSnapshots.cycleId))
    .innerJoin(programs, eq(programs.code, cycles.programCode))
    .innerJoin(unitGroups, eq(unitGroups.id, resultSnapshots.groupId))
    .leftJoin(frameworkVersions, eq(frameworkVersions.id, resultSnapshots.frameworkVersionId))
    .where(eq(resultUnits.unitId, unitId))
    .orderBy(desc(cycles.year), desc(resultSnapshots.number));
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.cycleId}|${r.groupId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
