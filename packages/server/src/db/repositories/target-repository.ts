/** Target plans, their targets, milestones and values (issue 12 §3). */
import { and, asc, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { externalIndexValues } from '../schema/external-indices';
import { targetMilestones, targetPlans, targets, targetValues } from '../schema/targets';

export type TargetPlanRow = typeof targetPlans.$inferSelect;
export type TargetRow = typeof targets.$inferSelect;
export type TargetMilestoneRow = typeof targetMilestones.$inferSelect;
export type TargetValueRow = typeof targetValues.$inferSelect;

export async function listTargetPlanRows(executor: Executor): Promise<TargetPlanRow[]> {
  return executor.select().from(targetPlans).orderBy(desc(targetPlans.endYear), asc(targetPlans.code));
}

export async function findTargetPlan(executor: Executor, id: string, lock = false): Promise<TargetPlanRow | undefined> {
  const query = executor.select().from(targetPlans).where(eq(targetPlans.id, id));
  return (await (lock ? query.for('update') : query))[0];
}

export async function findTargetPlanByCode(executor: Executor, code: string): Promise<TargetPlanRow | undefined> {
  return (await executor.select().from(targetPlans).where(eq(targetPlans.code, code)))[0];
}

export async function insertTargetPlan(executor: Executor, values: typeof targetPlans.$inferInsert): Promise<TargetPlanRow> {
  return (await executor.insert(targetPlans).values(values).returning())[0]!;
}

export async function updateTargetPlanRow(
  executor: Executor, id: string, version: number, set: Partial<Pick<TargetPlanRow, 'name' | 'documentNumber'>>,
): Promise<TargetPlanRow | undefined> {
  const rows = await executor
    .update(targetPlans)
    .set({ ...set, version: sql`${targetPlans.version} + 1`, updatedAt: new Date() })
    .where(and(eq(targetPlans.id, id), eq(targetPlans.version, version)))
    .returning();
  return rows[0];
}

/** The targets of these plans, in the plans' order. */
export async function listTargetRows(executor: Executor, planIds: readonly string[]): Promise<TargetRow[]> {
  if (planIds.length === 0) return [];
  return executor.select().from(targets).where(inArray(targets.planId, [...planIds])).orderBy(asc(targets.position), asc(targets.code));
}

export async function findTarget(executor: Executor, id: string, lock = false): Promise<TargetRow | undefined> {
  const query = executor.select().from(targets).where(eq(targets.id, id));
  return (await (lock ? query.for('update') : query))[0];
}

export async function nextTargetPosition(executor: Executor, planId: string): Promise<number> {
  const [row] = await executor.select({ last: max(targets.position) }).from(targets).where(eq(targets.planId, planId));
  return (row?.last ?? 0) + 1;
}

export async function insertTargetRow(executor: Executor, values: typeof targets.$inferInsert): Promise<TargetRow> {
  return (await executor.insert(targets).values(values).returning())[0]!;
}

export type TargetFields = Partial<Omit<typeof targets.$inferInsert, 'id' | 'planId' | 'version' | 'createdAt' | 'updatedAt'>>;

/** Changes a target at the version the user saw (bumping it); undefined on a stale version. */
export async function updateTargetRow(executor: Executor, id: string, version: number, set: TargetFields): Promise<TargetRow | undefined> {
  const rows = await executor
    .update(targets)
    .set({ ...set, version: sql`${targets.version} + 1`, updatedAt: new Date() })
    .where(and(eq(targets.id, id), eq(targets.version, version)))
    .returning();
  return rows[0];
}

export async function deleteTargetRow(executor: Executor, id: string): Promise<void> {
  await executor.delete(targets).where(eq(targets.id, id));
}

export async function listMilestoneRows(executor: Executor, targetIds: readonly string[]): Promise<TargetMilestoneRow[]> {
  if (targetIds.length === 0) return [];
  return executor.select().from(targetMilestones).where(inArray(targetMilestones.targetId, [...targetIds])).orderBy(asc(targetMilestones.year));
}

/** Replaces a target's milestones with these. */
export async function replaceMilestones(executor: Executor, targetId: string, milestones: readonly { year: number; value: string }[]): Promise<void> {
  await executor.delete(targetMilestones).where(eq(targetMilestones.targetId, targetId));
  if (milestones.length) await executor.insert(targetMilestones).values(milestones.map((m) => ({ targetId, ...m })));
}

/** The value that counts per target and year: the latest entered. */
export async function latestValueRows(executor: Executor, targetIds: readonly string[]): Promise<TargetValueRow[]> {
  if (targetIds.length === 0) return [];
  return executor
    .selectDistinctOn([targetValues.targetId, targetValues.year])
    .from(targetValues)
    .where(inArray(targetValues.targetId, [...targetIds]))
    .orderBy(targetValues.targetId, targetValues.year, desc(targetValues.seq));
}

/** Every value entered for a target, newest first, with who entered it. */
export async function listValueHistory(executor: Executor, targetId: string) {
  return executor
    .select({ id: targetValues.id, year: targetValues.year, value: targetValues.value, source: targetValues.source, reason: targetValues.reason, recordedAt: targetValues.recordedAt, recordedBy: users.username })
    .from(targetValues)
    .leftJoin(users, eq(users.id, targetValues.recordedBy))
    .where(eq(targetValues.targetId, targetId))
    .orderBy(desc(targetValues.year), desc(targetValues.seq));
}

export async function insertValueRows(executor: Executor, values: (typeof targetValues.$inferInsert)[]): Promise<void> {
  if (values.length) await executor.insert(targetValues).values(values);
}

/** The province's own figures (value and rank) in an external index, by year, for the years published: one statement. */
export async function listProvinceIndexFigures(executor: Executor, indexKey: string, years: readonly number[]): Promise<Map<number, { value: string; rank: number | null }>> {
  if (years.length === 0) return new Map();
  const rows = await executor
    .select({ period: externalIndexValues.period, value: externalIndexValues.value, rank: externalIndexValues.rank })
    .from(externalIndexValues)
    .where(and(eq(externalIndexValues.indexKey, indexKey), inArray(externalIndexValues.period, years.map(String)), isNull(externalIndexValues.unitId)));
  return new Map(rows.map((r) => [Number(r.period), { value: r.value, rank: r.rank }]));
}
