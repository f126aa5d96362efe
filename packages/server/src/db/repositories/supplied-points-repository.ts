import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { cycleGroups, cycleUnits, cycles, suppliedPoints } from '../schema/cycles';
import { frameworkVersions } from '../schema/frameworks';
import { units } from '../schema/units';

/** Survey points imported per unit and survey criterion (until the survey module exists). */
export type SuppliedPointsRow = typeof suppliedPoints.$inferSelect;

export async function listSuppliedPoints(executor: Executor, cycleId: string, unitIds?: readonly string[]): Promise<SuppliedPointsRow[]> {
  const where = unitIds ? and(eq(suppliedPoints.cycleId, cycleId), inArray(suppliedPoints.unitId, [...unitIds])) : eq(suppliedPoints.cycleId, cycleId);
  return executor.select().from(suppliedPoints).where(where).orderBy(asc(suppliedPoints.unitId), asc(suppliedPoints.nodeKey));
}

/** Inserts or replaces the given figures (one multi-row statement per chunk). */
export async function upsertSuppliedPoints(executor: Executor, rows: (typeof suppliedPoints.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await executor
      .insert(suppliedPoints)
      .values(rows.slice(i, i + 2000))
      .onConflictDoUpdate({
        target: [suppliedPoints.cycleId, suppliedPoints.unitId, suppliedPoints.nodeKey],
        set: {
          points: sql`excluded.points`,
          source: sql`excluded.source`,
          importedAt: sql`excluded.imported_at`,
          importedBy: sql`excluded.imported_by`,
        },
      });
  }
}

export interface ImportTargetUnit {
  unitId: string;
  code: string;
  name: string;
  groupId: string;
  frameworkVersionId: string | null;
}

/** The cycle's status and its participating units with the framework version of their group. */
export async function importTargets(executor: Executor, cycleId: string): Promise<{ status: string; units: ImportTargetUnit[] } | undefined> {
  const [cycle] = await executor.select({ status: cycles.status }).from(cycles).where(eq(cycles.id, cycleId));
  if (!cycle) return undefined;
  const rows = await executor
    .select({
      unitId: cycleUnits.unitId,
      code: units.code,
      name: units.name,
      groupId: cycleUnits.groupId,
      frameworkVersionId: cycleGroups.frameworkVersionId,
    })
    .from(cycleUnits)
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .leftJoin(cycleGroups, and(eq(cycleGroups.cycleId, cycleUnits.cycleId), eq(cycleGroups.groupId, cycleUnits.groupId)))
    .where(eq(cycleUnits.cycleId, cycleId))
    .orderBy(asc(units.code));
  return { status: cycle.status, units: rows };
}

/** Framework documents by version id. */
export async function frameworkDocuments(executor: Executor, versionIds: readonly string[]): Promise<Map<string, unknown>> {
  if (versionIds.length === 0) return new Map();
  const rows = await executor
    .select({ id: frameworkVersions.id, document: frameworkVersions.document })
    .from(frameworkVersions)
    .where(inArray(frameworkVersions.id, [...versionIds]));
  return new Map(rows.map((r) => [r.id, r.document]));
}
