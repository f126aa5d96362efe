/**
 * Queries for earlier years' published results imported from a file (issue 11 §2): the "imported"
 * cycle of an owner, program and year; whether a cycle run on chiso includes (or published) a group there; the
 * units named in the file by code (dissolved ones included). Snapshots are written by
 * result-repository's `insertSnapshot`, as every publication's.
 */
import { and, asc, eq, gte, isNull, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { cycleGroups, cycles, resultSnapshots } from '../schema/cycles';
import { groupSets, unitGroupMembers, unitGroups } from '../schema/group-sets';
import { units } from '../schema/units';
import type { CycleRow } from './cycle-repository';

export interface CycleKey {
  ownerUnitId: string | null;
  programCode: string;
  year: number;
}

/** The outer query's cycle id, qualified (a bare column inside a subquery would name the subquery's own). */
const cycleId = sql.raw('"cycles"."id"');

const ownerIs = (ownerUnitId: string | null) => (ownerUnitId === null ? isNull(cycles.ownerUnitId) : eq(cycles.ownerUnitId, ownerUnitId));

/** The imported cycle of an owner, program and year, locked until the transaction ends (one import of it at a time). */
export async function lockImportedCycle(executor: Executor, key: CycleKey): Promise<CycleRow | undefined> {
  const [row] = await executor
    .select()
    .from(cycles)
    .where(and(ownerIs(key.ownerUnitId), eq(cycles.programCode, key.programCode), eq(cycles.year, key.year), eq(cycles.origin, 'imported')))
    .limit(1)
    .for('update');
  return row;
}

/**
 * A cycle run on chiso (origin 'chiso') of the same owner, program and year that includes the group
 * (whether or not it has published it yet): its name and whether it published the group.
 */
export async function chisoCycleWithGroup(executor: Executor, key: CycleKey, groupId: string): Promise<{ name: string; published: boolean } | undefined> {
  const [row] = await executor
    .select({
      name: cycles.name,
      published: sql<boolean>`EXISTS (SELECT 1 FROM ${resultSnapshots} s WHERE s.cycle_id = ${cycleId} AND s.group_id = ${groupId}::uuid)`.mapWith(Boolean),
    })
    .from(cycles)
    .where(
      and(
        ownerIs(key.ownerUnitId), eq(cycles.programCode, key.programCode), eq(cycles.year, key.year), eq(cycles.origin, 'chiso'),
        sql`(EXISTS (SELECT 1 FROM ${cycleGroups} g WHERE g.cycle_id = ${cycleId} AND g.group_id = ${groupId}::uuid)
          OR EXISTS (SELECT 1 FROM ${resultSnapshots} s WHERE s.cycle_id = ${cycleId} AND s.group_id = ${groupId}::uuid))`,
      ),
    )
    .orderBy(sql`2 DESC`)
    .limit(1);
  return row;
}

/** A group with its set (the set's owner: null for the province's). */
export async function findGroupWithSet(executor: Executor, groupId: string) {
  const [row] = await executor
    .select({ id: unitGroups.id, name: unitGroups.name, groupSetId: unitGroups.groupSetId, groupSetName: groupSets.name, groupSetOwnerUnitId: groupSets.ownerUnitId })
    .from(unitGroups)
    .innerJoin(groupSets, eq(groupSets.id, unitGroups.groupSetId))
    .where(eq(unitGroups.id, groupId));
  return row;
}

/** A group's current members (not dissolved on `today`, YYYY-MM-DD), by code: the template's rows. */
export async function listCurrentGroupMembers(executor: Executor, groupId: string, today: string): Promise<{ code: string; name: string }[]> {
  return executor
    .select({ code: units.code, name: units.name })
    .from(unitGroupMembers)
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .where(and(eq(unitGroupMembers.groupId, groupId), or(isNull(units.validTo), gte(units.validTo, today))))
    .orderBy(asc(units.code));
}

export interface UnitByCode {
  id: string;
  code: string;
  name: string;
  validTo: string | null;
}

/**
 * Units by code among all units, dissolved ones included (they had results before they ended),
 * keyed by the code in lower case (a file may write "sxd" for "SXD").
 */
export async function findUnitsByCodes(executor: Executor, codes: readonly string[]): Promise<Map<string, UnitByCode>> {
  if (codes.length === 0) return new Map();
  const rows = await executor
    .select({ id: units.id, code: units.code, name: units.name, validTo: units.validTo })
    .from(units)
    .where(inArray(sql`lower(${units.code})`, [...new Set(codes.map((c) => c.toLowerCase()))]));
  return new Map(rows.map((r) => [r.code.toLowerCase(), r]));
}
