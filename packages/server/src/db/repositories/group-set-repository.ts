import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { groupSets, unitGroupMembers, unitGroups } from '../schema/group-sets';
import { units } from '../schema/units';

export type GroupSetRow = typeof groupSets.$inferSelect;
export type GroupRow = typeof unitGroups.$inferSelect;

/**
 * Group sets with their groups and members: those of `ids` (absent: all); with `visibleTo`, only
 * the province's and those owned by these units.
 */
export async function listGroupSetRows(executor: Executor, ids?: readonly string[], visibleTo?: readonly string[]) {
  const conditions: SQL[] = [];
  if (ids) conditions.push(inArray(groupSets.id, [...ids]));
  if (visibleTo) conditions.push(visibleTo.length ? or(isNull(groupSets.ownerUnitId), inArray(groupSets.ownerUnitId, [...visibleTo]))! : isNull(groupSets.ownerUnitId));
  const where = conditions.length ? and(...conditions) : undefined;
  const sets = await executor.select().from(groupSets).where(where).orderBy(asc(groupSets.code));
  if (sets.length === 0) return { sets, groups: [] as GroupRow[], members: [] as { groupId: string; unitId: string }[] };
  const setIds = sets.map((s) => s.id);
  const groups = await executor.select().from(unitGroups).where(inArray(unitGroups.groupSetId, setIds)).orderBy(asc(unitGroups.code));
  const members = await executor
    .select({ groupId: unitGroupMembers.groupId, unitId: unitGroupMembers.unitId })
    .from(unitGroupMembers)
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .where(inArray(unitGroupMembers.groupSetId, setIds))
    .orderBy(asc(units.code));
  return { sets, groups, members };
}

export async function findGroupSet(executor: Executor, id: string, lock = false): Promise<GroupSetRow | undefined> {
  const query = executor.select().from(groupSets).where(eq(groupSets.id, id));
  return (await (lock ? query.for('update') : query))[0];
}

export async function findGroupSetByCode(executor: Executor, code: string): Promise<GroupSetRow | undefined> {
  return (await executor.select().from(groupSets).where(eq(groupSets.code, code)))[0];
}

export async function insertGroupSet(executor: Executor, values: typeof groupSets.$inferInsert): Promise<GroupSetRow> {
  return (await executor.insert(groupSets).values(values).returning())[0]!;
}

export async function updateGroupSetName(executor: Executor, id: string, version: number, name: string): Promise<GroupSetRow | undefined> {
  const rows = await executor
    .update(groupSets)
    .set({ name, version: sql`${groupSets.version} + 1`, updatedAt: new Date() })
    .where(and(eq(groupSets.id, id), eq(groupSets.version, version)))
    .returning();
  return rows[0];
}

export async function findGroup(executor: Executor, setId: string, groupId: string, lock = false): Promise<GroupRow | undefined> {
  const query = executor.select().from(unitGroups).where(and(eq(unitGroups.id, groupId), eq(unitGroups.groupSetId, setId)));
  return (await (lock ? query.for('update') : query))[0];
}

export async function findGroupByCode(executor: Executor, setId: string, code: string): Promise<GroupRow | undefined> {
  return (await executor.select().from(unitGroups).where(and(eq(unitGroups.groupSetId, setId), eq(unitGroups.code, code))))[0];
}

export async function insertGroups(executor: Executor, values: (typeof unitGroups.$inferInsert)[]): Promise<GroupRow[]> {
  if (values.length === 0) return [];
  return executor.insert(unitGroups).values(values).returning();
}

export async function bumpGroupVersion(executor: Executor, groupId: string, version: number): Promise<GroupRow | undefined> {
  const rows = await executor
    .update(unitGroups)
    .set({ version: sql`${unitGroups.version} + 1`, updatedAt: new Date() })
    .where(and(eq(unitGroups.id, groupId), eq(unitGroups.version, version)))
    .returning();
  return rows[0];
}

/** Members of other groups of the same set among `unitIds` (the exclusivity the database also enforces). */
export async function findMembershipsElsewhere(executor: Executor, setId: string, groupId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return executor
    .select({ unitId: unitGroupMembers.unitId, unitCode: units.code, groupCode: unitGroups.code, groupName: unitGroups.name })
    .from(unitGroupMembers)
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .innerJoin(unitGroups, eq(unitGroups.id, unitGroupMembers.groupId))
    .where(and(eq(unitGroupMembers.groupSetId, setId), ne(unitGroupMembers.groupId, groupId), inArray(unitGroupMembers.unitId, [...unitIds])))
    .orderBy(asc(units.code));
}

export async function listGroupMemberIds(executor: Executor, groupId: string): Promise<string[]> {
  return (await executor.select({ unitId: unitGroupMembers.unitId }).from(unitGroupMembers).where(eq(unitGroupMembers.groupId, groupId))).map((r) => r.unitId);
}

/** Replaces a group's members: one delete, one multi-row insert. */
export async function replaceGroupMembers(executor: Executor, setId: string, groupId: string, unitIds: readonly string[]): Promise<void> {
  await executor.delete(unitGroupMembers).where(eq(unitGroupMembers.groupId, groupId));
  await insertMemberships(executor, unitIds.map((unitId) => ({ groupSetId: setId, groupId, unitId })));
}

export async function insertMemberships(executor: Executor, values: (typeof unitGroupMembers.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < values.length; i += 5000) await executor.insert(unitGroupMembers).values(values.slice(i, i + 5000));
}
