/**
 * Framework corrections applied to a cycle and the criterion flags they raise; the two writes a
 * correction or a late participant needs on the cycle's tables (one group's version, one unit).
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { criterionCorrectionFlags, frameworkCorrections } from '../schema/corrections';
import { criterionRecords, cycleGroups, cycleUnits } from '../schema/cycles';
import { frameworkVersions } from '../schema/frameworks';
import { users } from '../schema/accounts';

export type FrameworkCorrectionRow = typeof frameworkCorrections.$inferSelect;

/** Number, framework and status of framework versions. */
export async function findVersionNumbers(executor: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return executor
    .select({ id: frameworkVersions.id, frameworkId: frameworkVersions.frameworkId, number: frameworkVersions.number, status: frameworkVersions.status, reason: frameworkVersions.reason })
    .from(frameworkVersions)
    .where(inArray(frameworkVersions.id, [...ids]));
}

export async function setCycleGroupVersion(executor: Executor, cycleId: string, groupId: string, frameworkVersionId: string): Promise<void> {
  await executor.update(cycleGroups).set({ frameworkVersionId }).where(and(eq(cycleGroups.cycleId, cycleId), eq(cycleGroups.groupId, groupId)));
}

export async function insertCycleUnit(executor: Executor, row: typeof cycleUnits.$inferInsert): Promise<void> {
  await executor.insert(cycleUnits).values(row);
}

export async function insertCorrection(executor: Executor, row: typeof frameworkCorrections.$inferInsert): Promise<FrameworkCorrectionRow> {
  const [saved] = await executor.insert(frameworkCorrections).values(row).returning();
  return saved!;
}

export async function insertCorrectionFlags(executor: Executor, rows: readonly (typeof criterionCorrectionFlags.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await executor.insert(criterionCorrectionFlags).values(rows.slice(i, i + 2000)).onConflictDoNothing();
}

export async function listCorrections(executor: Executor, cycleId: string) {
  return executor
    .select({ correction: frameworkCorrections, byName: users.fullName })
    .from(frameworkCorrections)
    .leftJoin(users, eq(users.id, frameworkCorrections.createdBy))
    .where(eq(frameworkCorrections.cycleId, cycleId))
    .orderBy(desc(frameworkCorrections.createdAt));
}

/**
 * A unit's correction flags with the correction's reason, newest first; `open` while the criterion
 * record has not been saved since it was flagged.
 */
export async function listUnitFlags(executor: Executor, cycleId: string, unitId: string) {
  const rows = await executor
    .select({
      nodeKey: criterionCorrectionFlags.nodeKey,
      kind: criterionCorrectionFlags.kind,
      recordVersion: criterionCorrectionFlags.recordVersion,
      createdAt: criterionCorrectionFlags.createdAt,
      reason: frameworkCorrections.reason,
      currentVersion: criterionRecords.version,
    })
    .from(criterionCorrectionFlags)
    .innerJoin(frameworkCorrections, eq(frameworkCorrections.id, criterionCorrectionFlags.correctionId))
    .leftJoin(
      criterionRecords,
      and(eq(criterionRecords.cycleId, criterionCorrectionFlags.cycleId), eq(criterionRecords.unitId, criterionCorrectionFlags.unitId), eq(criterionRecords.nodeKey, criterionCorrectionFlags.nodeKey)),
    )
    .where(and(eq(criterionCorrectionFlags.cycleId, cycleId), eq(criterionCorrectionFlags.unitId, unitId)))
    .orderBy(desc(criterionCorrectionFlags.createdAt));
  return rows.map((r) => ({ ...r, open: r.currentVersion === r.recordVersion }));
}
