import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { groupSets, unitGroups } from '../schema/group-sets';
import { unitTypes, units } from '../schema/units';

/** Serialises loading the demo province until the transaction ends (two loads at once). */
export async function lockDemoLoading(executor: Executor): Promise<void> {
  await executor.execute(sql`SELECT pg_advisory_xact_lock(hashtext('chiso.demo-load'))`);
}

/** A few units (enough to tell an empty database, one holding only the bootstrap root, and one in use). */
export async function peekUnits(executor: Executor, limit = 3) {
  return executor.select({ id: units.id, code: units.code }).from(units).orderBy(asc(units.code)).limit(limit);
}

export async function upsertUnitTypes(executor: Executor, values: (typeof unitTypes.$inferInsert)[]): Promise<void> {
  if (values.length === 0) return;
  await executor
    .insert(unitTypes)
    .values(values)
    .onConflictDoUpdate({ target: unitTypes.code, set: { name: sql`excluded.name`, level: sql`excluded.level` } });
}

/** Turns an existing unit into another one, keeping its id (the bootstrap root becomes the province). */
export async function replaceUnit(executor: Executor, id: string, values: Omit<typeof units.$inferInsert, 'id'>): Promise<void> {
  await executor
    .update(units)
    .set({ ...values, version: sql`${units.version} + 1`, updatedAt: new Date() })
    .where(eq(units.id, id));
}

export async function insertGroupSets(executor: Executor, values: (typeof groupSets.$inferInsert)[]): Promise<void> {
  if (values.length) await executor.insert(groupSets).values(values);
}

export async function insertUnitGroups(executor: Executor, values: (typeof unitGroups.$inferInsert)[]): Promise<void> {
  if (values.length) await executor.insert(unitGroups).values(values);
}

export async function findExistingUsernames(executor: Executor, usernames: readonly string[]): Promise<string[]> {
  if (usernames.length === 0) return [];
  return (await executor.select({ username: users.username }).from(users).where(inArray(users.username, [...usernames]))).map((r) => r.username);
}

export async function insertUsers(executor: Executor, values: (typeof users.$inferInsert)[]): Promise<void> {
  if (values.length) await executor.insert(users).values(values);
}

/** Moves every user of one unit to another; returns their ids. */
export async function moveUsersBetweenUnits(executor: Executor, fromUnitId: string, toUnitId: string): Promise<string[]> {
  const moved = await executor
    .update(users)
    .set({ unitId: toUnitId, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(eq(users.unitId, fromUnitId))
    .returning({ id: users.id });
  return moved.map((r) => r.id);
}
