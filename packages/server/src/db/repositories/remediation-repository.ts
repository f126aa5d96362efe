/** Remediation plans (issue 12 §2): plans with their unit, cycle and group, their items and quarterly progress. */
import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { cycles, resultSnapshots } from '../schema/cycles';
import { unitGroups } from '../schema/group-sets';
import { remediationItems, remediationPlans, remediationProgress } from '../schema/remediation';
import { units } from '../schema/units';

export type RemediationPlanRow = typeof remediationPlans.$inferSelect;
export type RemediationItemRow = typeof remediationItems.$inferSelect;
export type RemediationProgressRow = typeof remediationProgress.$inferSelect & { reportedByName: string | null };

const planColumns = {
  plan: remediationPlans,
  unitCode: units.code,
  unitName: units.name,
  cycleName: cycles.name,
  ownerUnitId: cycles.ownerUnitId,
  groupName: unitGroups.name,
  snapshotNumber: resultSnapshots.number,
  /** The group's latest publication: newer than the plan's when the results were amended since. */
  latestSnapshotNumber: sql<number>`(select max(s.number) from ${resultSnapshots} s where s.cycle_id = ${remediationPlans.cycleId} and s.group_id = ${remediationPlans.groupId})`.mapWith(Number),
};

export type PlanListRow = Awaited<ReturnType<typeof selectPlans>>[number];

function selectPlans(executor: Executor, where: SQL | undefined) {
  return executor
    .select(planColumns)
    .from(remediationPlans)
    .innerJoin(units, eq(units.id, remediationPlans.unitId))
    .innerJoin(cycles, eq(cycles.id, remediationPlans.cycleId))
    .innerJoin(unitGroups, eq(unitGroups.id, remediationPlans.groupId))
    .innerJoin(resultSnapshots, eq(resultSnapshots.id, remediationPlans.snapshotId))
    .where(where)
    .orderBy(desc(remediationPlans.year), asc(units.code), desc(resultSnapshots.number));
}

/** Plans, newest results year first then by unit code; of one unit, year or some owners when given. */
export function listRemediationPlans(executor: Executor, filter: { unitId?: string; year?: number }): Promise<PlanListRow[]> {
  const conditions = [
    filter.unitId ? eq(remediationPlans.unitId, filter.unitId) : undefined,
    filter.year ? eq(remediationPlans.year, filter.year) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return selectPlans(executor, conditions.length ? and(...conditions) : undefined);
}

export async function findRemediationPlan(executor: Executor, id: string, lock = false): Promise<PlanListRow | undefined> {
  if (lock) await executor.select({ id: remediationPlans.id }).from(remediationPlans).where(eq(remediationPlans.id, id)).for('update');
  const [row] = await selectPlans(executor, eq(remediationPlans.id, id));
  return row;
}

export async function insertRemediationPlan(executor: Executor, row: typeof remediationPlans.$inferInsert): Promise<RemediationPlanRow> {
  const [saved] = await executor.insert(remediationPlans).values(row).returning();
  return saved!;
}

/** Updates a plan at `version` (bumping it); undefined when the version is stale. */
export async function updateRemediationPlan(
  executor: Executor, id: string, version: number, set: Partial<Omit<typeof remediationPlans.$inferInsert, 'id' | 'version'>>,
): Promise<RemediationPlanRow | undefined> {
  const [saved] = await executor
    .update(remediationPlans)
    .set({ ...set, version: sql`${remediationPlans.version} + 1` })
    .where(and(eq(remediationPlans.id, id), eq(remediationPlans.version, version)))
    .returning();
  return saved;
}

export function listRemediationItems(executor: Executor, planIds: readonly string[]): Promise<RemediationItemRow[]> {
  if (planIds.length === 0) return Promise.resolve([]);
  return executor.select().from(remediationItems).where(inArray(remediationItems.planId, [...planIds])).orderBy(asc(remediationItems.position));
}

export async function insertRemediationItems(executor: Executor, rows: readonly (typeof remediationItems.$inferInsert)[]): Promise<RemediationItemRow[]> {
  if (rows.length === 0) return [];
  return executor.insert(remediationItems).values([...rows]).returning();
}

export async function updateRemediationItem(
  executor: Executor, id: string, set: Pick<typeof remediationItems.$inferInsert, 'position' | 'action' | 'responsible' | 'deadline'> & { code?: string; name?: string },
): Promise<void> {
  await executor.update(remediationItems).set(set).where(eq(remediationItems.id, id));
}

/** Removes a plan's items other than `keep`. */
export async function deleteRemediationItemsExcept(executor: Executor, planId: string, keep: readonly string[]): Promise<void> {
  await executor.delete(remediationItems).where(keep.length ? and(eq(remediationItems.planId, planId), notInArray(remediationItems.id, [...keep])) : eq(remediationItems.planId, planId));
}

export function listRemediationProgress(executor: Executor, itemIds: readonly string[]): Promise<RemediationProgressRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return executor
    .select({ ...remediationProgressColumns, reportedByName: users.fullName })
    .from(remediationProgress)
    .leftJoin(users, eq(users.id, remediationProgress.reportedBy))
    .where(inArray(remediationProgress.itemId, [...itemIds]))
    .orderBy(asc(remediationProgress.quarter));
}

const remediationProgressColumns = {
  id: remediationProgress.id,
  itemId: remediationProgress.itemId,
  quarter: remediationProgress.quarter,
  status: remediationProgress.status,
  note: remediationProgress.note,
  version: remediationProgress.version,
  reportedAt: remediationProgress.reportedAt,
  reportedBy: remediationProgress.reportedBy,
};

export async function findRemediationProgress(executor: Executor, itemId: string, quarter: number) {
  const [row] = await executor.select().from(remediationProgress).where(and(eq(remediationProgress.itemId, itemId), eq(remediationProgress.quarter, quarter)));
  return row;
}

export async function insertRemediationProgress(executor: Executor, row: typeof remediationProgress.$inferInsert) {
  const [saved] = await executor.insert(remediationProgress).values(row).returning();
  return saved!;
}

/** Updates a quarter's report at `version`; undefined when stale. */
export async function updateRemediationProgress(executor: Executor, id: string, version: number, set: Pick<typeof remediationProgress.$inferInsert, 'status' | 'note' | 'reportedAt' | 'reportedBy'>) {
  const [saved] = await executor
    .update(remediationProgress)
    .set({ ...set, version: sql`${remediationProgress.version} + 1` })
    .where(and(eq(remediationProgress.id, id), eq(remediationProgress.version, version)))
    .returning();
  return saved;
}

/** Full names of users by id. */
export async function userNames(executor: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await executor.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

/** Which of these cycles hold results imported from files (cycles.origin 'imported'). */
export async function importedCycleIds(executor: Executor, cycleIds: readonly string[]): Promise<Set<string>> {
  if (cycleIds.length === 0) return new Set();
  const rows = await executor.select({ id: cycles.id }).from(cycles).where(and(inArray(cycles.id, [...cycleIds]), eq(cycles.origin, 'imported')));
  return new Set(rows.map((r) => r.id));
}
