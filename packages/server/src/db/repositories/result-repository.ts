import { and, asc, desc, eq, inArray, max, min, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { cycleGroups, cycles, resultFields, resultLeaves, resultSnapshots, resultUnits } from '../schema/cycles';
import { frameworkVersions, programs } from '../schema/frameworks';
import { unitGroups } from '../schema/group-sets';

/**
 * Published results (công bố): immutable snapshots. This module only INSERTS snapshots and reads
 * them — there is deliberately no update or delete function: a correction is a new snapshot
 * (amendment, number N+1) and earlier numbers stay readable as they were published.
 */
export type SnapshotRow = typeof resultSnapshots.$inferSelect;
export type ResultUnitRow = typeof resultUnits.$inferSelect;
export type ResultFieldRow = typeof resultFields.$inferSelect;
export type ResultLeafRow = typeof resultLeaves.$inferSelect;

export interface NewSnapshot {
  snapshot: Omit<typeof resultSnapshots.$inferInsert, 'id' | 'createdAt'> & { createdAt?: Date };
  units: Omit<typeof resultUnits.$inferInsert, 'snapshotId'>[];
  fields: Omit<typeof resultFields.$inferInsert, 'snapshotId'>[];
  leaves: Omit<typeof resultLeaves.$inferInsert, 'snapshotId'>[];
}

/** Inserts a whole snapshot (head, units, fields, leaves) with multi-row inserts. */
export async function insertSnapshot(executor: Executor, input: NewSnapshot): Promise<SnapshotRow> {
  const [head] = await executor.insert(resultSnapshots).values(input.snapshot).returning();
  const snapshotId = head!.id;
  if (input.units.length > 0) await executor.insert(resultUnits).values(input.units.map((u) => ({ ...u, snapshotId })));
  // Chunked: a large province has many units × leaves, and a statement has a parameter limit.
  for (let i = 0; i < input.fields.length; i += 2000) {
    await executor.insert(resultFields).values(input.fields.slice(i, i + 2000).map((f) => ({ ...f, snapshotId })));
  }
  for (let i = 0; i < input.leaves.length; i += 2000) {
    await executor.insert(resultLeaves).values(input.leaves.slice(i, i + 2000).map((l) => ({ ...l, snapshotId })));
  }
  return head!;
}

/** The highest snapshot number of a cycle's group (0 when never published). */
export async function latestSnapshotNumber(executor: Executor, cycleId: string, groupId: string): Promise<number> {
  const [row] = await executor
    .select({ n: max(resultSnapshots.number) })
    .from(resultSnapshots)
    .where(and(eq(resultSnapshots.cycleId, cycleId), eq(resultSnapshots.groupId, groupId)));
  return row?.n ?? 0;
}

/** Takes the group's row lock, so two publications or amendments of one group run one after the other. */
export async function lockCycleGroup(executor: Executor, cycleId: string, groupId: string): Promise<boolean> {
  const rows = await executor
    .select({ groupId: cycleGroups.groupId })
    .from(cycleGroups)
    .where(and(eq(cycleGroups.cycleId, cycleId), eq(cycleGroups.groupId, groupId)))
    .for('update');
  return rows.length > 0;
}

export interface SnapshotHead extends SnapshotRow {
  groupName: string;
  /** Decimals of the published index (the framework version's rounding). */
  indexDecimals: number;
}

const headColumns = {
  id: resultSnapshots.id,
  cycleId: resultSnapshots.cycleId,
  groupId: resultSnapshots.groupId,
  frameworkVersionId: resultSnapshots.frameworkVersionId,
  number: resultSnapshots.number,
  decisionNumber: resultSnapshots.decisionNumber,
  reason: resultSnapshots.reason,
  createdAt: resultSnapshots.createdAt,
  createdBy: resultSnapshots.createdBy,
  groupName: unitGroups.name,
  // The snapshot's own decimals (imported results), else its framework version's rounding.
  indexDecimals: sql<number>`coalesce(${resultSnapshots.indexDecimals}, (${frameworkVersions.document} -> 'settings' -> 'rounding' ->> 'indexDecimals')::int, 2)`.mapWith(Number),
};

/** A snapshot's head: the given number, or the latest when `number` is omitted. */
export async function findSnapshotHead(executor: Executor, cycleId: string, groupId: string, number?: number): Promise<SnapshotHead | undefined> {
  const where = number === undefined
    ? and(eq(resultSnapshots.cycleId, cycleId), eq(resultSnapshots.groupId, groupId))
    : and(eq(resultSnapshots.cycleId, cycleId), eq(resultSnapshots.groupId, groupId), eq(resultSnapshots.number, number));
  const rows = await executor
    .select(headColumns)
    .from(resultSnapshots)
    .innerJoin(unitGroups, eq(unitGroups.id, resultSnapshots.groupId))
    .leftJoin(frameworkVersions, eq(frameworkVersions.id, resultSnapshots.frameworkVersionId))
    .where(where)
    .orderBy(desc(resultSnapshots.number))
    .limit(1);
  return rows[0];
}

/** Every snapshot number of a group, oldest first (for "earlier versions"). */
export async function listSnapshotHeads(executor: Executor, cycleId: string, groupId: string): Promise<SnapshotRow[]> {
  return executor
    .select()
    .from(resultSnapshots)
    .where(and(eq(resultSnapshots.cycleId, cycleId), eq(resultSnapshots.groupId, groupId)))
    .orderBy(asc(resultSnapshots.number));
}

/** Units of a snapshot by rank (then code), with their fields; only `unitIds` when given. */
export async function readSnapshotBody(executor: Executor, snapshotId: string, unitIds?: readonly string[]): Promise<{ units: ResultUnitRow[]; fields: ResultFieldRow[] }> {
  const unitRows = await executor
    .select()
    .from(resultUnits)
    .where(and(eq(resultUnits.snapshotId, snapshotId), unitIds ? inArray(resultUnits.unitId, [...unitIds]) : undefined))
    .orderBy(asc(resultUnits.rank), asc(resultUnits.unitCode));
  const fieldRows = await executor
    .select()
    .from(resultFields)
    .where(and(eq(resultFields.snapshotId, snapshotId), unitIds ? inArray(resultFields.unitId, [...unitIds]) : undefined))
    .orderBy(asc(resultFields.unitId), asc(resultFields.fieldCode));
  return { units: unitRows, fields: fieldRows };
}

/** The per-leaf trace of a snapshot. */
export async function readSnapshotLeaves(executor: Executor, snapshotId: string, unitIds?: readonly string[]): Promise<ResultLeafRow[]> {
  const where = unitIds ? and(eq(resultLeaves.snapshotId, snapshotId), inArray(resultLeaves.unitId, [...unitIds])) : eq(resultLeaves.snapshotId, snapshotId);
  return executor.select().from(resultLeaves).where(where).orderBy(asc(resultLeaves.unitId), asc(resultLeaves.nodeKey));
}

export interface PublishedGroup {
  cycleId: string;
  programCode: string;
  programName: string;
  year: number;
  groupId: string;
  groupName: string;
  latestNumber: number;
  publishedAt: Date;
}

/** Every published (cycle, group): its latest snapshot number and the first publication time; a group set's groups in its order (by code). */
export async function listPublishedGroups(executor: Executor, cycleId?: string): Promise<PublishedGroup[]> {
  const rows = await executor
    .select({
      cycleId: resultSnapshots.cycleId,
      programCode: cycles.programCode,
      programName: programs.name,
      year: cycles.year,
      groupId: resultSnapshots.groupId,
      groupName: unitGroups.name,
      latestNumber: max(resultSnapshots.number),
      publishedAt: min(resultSnapshots.createdAt),
    })
    .from(resultSnapshots)
    .innerJoin(cycles, eq(cycles.id, resultSnapshots.cycleId))
    .innerJoin(programs, eq(programs.code, cycles.programCode))
    .innerJoin(unitGroups, eq(unitGroups.id, resultSnapshots.groupId))
    .where(cycleId ? eq(resultSnapshots.cycleId, cycleId) : undefined)
    .groupBy(resultSnapshots.cycleId, cycles.programCode, programs.name, cycles.year, resultSnapshots.groupId, unitGroups.code, unitGroups.name)
    .orderBy(desc(cycles.year), asc(cycles.programCode), asc(unitGroups.code), asc(unitGroups.name));
  return rows.map((r) => ({ ...r, latestNumber: r.latestNumber ?? 1, publishedAt: r.publishedAt ?? new Date(0) }));
}

/** How many units a snapshot ranks (the "of 15" of a published rank). */
export async function countSnapshotUnits(executor: Executor, snapshotId: string): Promise<number> {
  const [row] = await executor.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(resultUnits).where(eq(resultUnits.snapshotId, snapshotId));
  return row?.n ?? 0;
}
