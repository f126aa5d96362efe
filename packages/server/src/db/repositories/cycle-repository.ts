/** Queries for assessment cycles and their set-up (groups, agencies, reassignments, participants). */
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { criterionReassignments, cycleAgencies, cycleGroups, cycleUnits, cycles } from '../schema/cycles';
import { frameworks, frameworkVersions, programs } from '../schema/frameworks';
import { unitGroupMembers, unitGroups } from '../schema/group-sets';
import { units } from '../schema/units';

export type CycleRow = typeof cycles.$inferSelect;
export type CycleUnitRow = typeof cycleUnits.$inferSelect;
export type CycleGroupRow = typeof cycleGroups.$inferSelect;
export type CycleAgencyRow = typeof cycleAgencies.$inferSelect;
export type ReassignmentRow = typeof criterionReassignments.$inferSelect;

export async function findCycle(executor: Executor, id: string, lock = false): Promise<CycleRow | undefined> {
  const query = executor.select().from(cycles).where(eq(cycles.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/**
 * Which cycles a reader sees (policies/cycle.ts `cycleScope`): those owned by one of `ownerUnitIds`,
 * those `ownUnitId` takes part in, those `agencyUnitId` appraises.
 */
export interface CycleVisibility {
  ownerUnitIds: readonly string[];
  ownUnitId: string | null;
  agencyUnitId: string | null;
}

export interface CycleRowFilter {
  /** Omitted: every cycle. */
  visible?: CycleVisibility;
  /** One owner's cycles (null: the province's own). */
  owner?: string | null;
  ids?: readonly string[];
}

function visibilityCondition(executor: Executor, v: CycleVisibility): SQL | undefined {
  const any: SQL[] = [];
  if (v.ownerUnitIds.length > 0) any.push(inArray(cycles.ownerUnitId, [...v.ownerUnitIds]));
  if (v.ownUnitId) any.push(inArray(cycles.id, executor.select({ id: cycleUnits.cycleId }).from(cycleUnits).where(eq(cycleUnits.unitId, v.ownUnitId))));
  if (v.agencyUnitId) any.push(inArray(cycles.id, executor.select({ id: cycleAgencies.cycleId }).from(cycleAgencies).where(eq(cycleAgencies.unitId, v.agencyUnitId))));
  return or(...any);
}

/** Cycles by year (newest first) and name, filtered by what the reader sees, an owner, ids. */
export async function listCycleRows(executor: Executor, filter: CycleRowFilter = {}): Promise<CycleRow[]> {
  const conditions: SQL[] = [];
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    conditions.push(inArray(cycles.id, [...filter.ids]));
  }
  if (filter.visible) {
    const visible = visibilityCondition(executor, filter.visible);
    if (!visible) return [];
    conditions.push(visible);
  }
  if (filter.owner !== undefined) conditions.push(filter.owner === null ? isNull(cycles.ownerUnitId) : eq(cycles.ownerUnitId, filter.owner));
  return executor.select().from(cycles).where(and(...conditions)).orderBy(desc(cycles.year), asc(cycles.name));
}

/** The cycle of one owner, program, year and name (unique). */
export async function findCycleByName(executor: Executor, key: { ownerUnitId: string | null; programCode: string; year: number; name: string }): Promise<CycleRow | undefined> {
  const [row] = await executor
    .select()
    .from(cycles)
    .where(and(key.ownerUnitId === null ? isNull(cycles.ownerUnitId) : eq(cycles.ownerUnitId, key.ownerUnitId), eq(cycles.programCode, key.programCode), eq(cycles.year, key.year), eq(cycles.name, key.name)));
  return row;
}

/** Per cycle: its participants, those whose submission stands (their own or on their behalf), those published. */
export async function cycleCounts(executor: Executor, cycleIds: readonly string[]): Promise<Map<string, { units: number; submitted: number; published: number }>> {
  if (cycleIds.length === 0) return new Map();
  const rows = await executor
    .select({
      cycleId: cycleUnits.cycleId,
      units: sql<number>`count(*)::int`,
      submitted: sql<number>`(count(*) filter (where ${cycleUnits.submissionMode} in ('unit', 'on_behalf')))::int`,
      published: sql<number>`(count(*) filter (where ${cycleUnits.state} = 'published'))::int`,
    })
    .from(cycleUnits)
    .where(inArray(cycleUnits.cycleId, [...cycleIds]))
    .groupBy(cycleUnits.cycleId);
  return new Map(rows.map((r) => [r.cycleId, { units: Number(r.units), submitted: Number(r.submitted), published: Number(r.published) }]));
}

/** Ids of the cycles open now (status `open`). */
export async function listOpenCycleIds(executor: Executor): Promise<string[]> {
  return (await executor.select({ id: cycles.id }).from(cycles).where(eq(cycles.status, 'open'))).map((r) => r.id);
}

export async function insertCycle(executor: Executor, values: typeof cycles.$inferInsert): Promise<CycleRow> {
  const [row] = await executor.insert(cycles).values(values).returning();
  return row!;
}

/** Updates the cycle if it is still at `version` (bumps it); undefined when stale. */
export async function updateCycle(executor: Executor, id: string, version: number, patch: Partial<typeof cycles.$inferInsert>): Promise<CycleRow | undefined> {
  const [row] = await executor
    .update(cycles)
    .set({ ...patch, version: sql`${cycles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(cycles.id, id), eq(cycles.version, version)))
    .returning();
  return row;
}

export async function programName(executor: Executor, code: string): Promise<string | undefined> {
  const [row] = await executor.select({ name: programs.name }).from(programs).where(eq(programs.code, code));
  return row?.name;
}

export async function listProgramNames(executor: Executor): Promise<Map<string, string>> {
  const rows = await executor.select().from(programs);
  return new Map(rows.map((r) => [r.code, r.name]));
}

// ---------------------------------------------------------------- groups

export interface CycleGroupView {
  groupId: string;
  groupCode: string;
  groupName: string;
  frameworkVersionId: string;
  frameworkName: string;
  versionNumber: number;
  versionStatus: string;
}

export async function listCycleGroups(executor: Executor, cycleIds: readonly string[]): Promise<(CycleGroupView & { cycleId: string })[]> {
  if (cycleIds.length === 0) return [];
  return executor
    .select({
      cycleId: cycleGroups.cycleId,
      groupId: cycleGroups.groupId,
      groupCode: unitGroups.code,
      groupName: unitGroups.name,
      frameworkVersionId: cycleGroups.frameworkVersionId,
      frameworkName: frameworks.name,
      versionNumber: frameworkVersions.number,
      versionStatus: frameworkVersions.status,
    })
    .from(cycleGroups)
    .innerJoin(unitGroups, eq(unitGroups.id, cycleGroups.groupId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, cycleGroups.frameworkVersionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(inArray(cycleGroups.cycleId, [...cycleIds]))
    .orderBy(asc(unitGroups.code));
}

export async function replaceCycleGroups(executor: Executor, cycleId: string, rows: readonly { groupId: string; frameworkVersionId: string }[]): Promise<void> {
  await executor.delete(cycleGroups).where(eq(cycleGroups.cycleId, cycleId));
  if (rows.length > 0) await executor.insert(cycleGroups).values(rows.map((r) => ({ cycleId, ...r })));
}

/** Groups of a set, by id. */
export async function listGroupsOfSet(executor: Executor, groupSetId: string) {
  return executor.select().from(unitGroups).where(eq(unitGroups.groupSetId, groupSetId));
}

/** The group (of the set) each unit belongs to; units in no group are absent. */
export async function groupOfUnits(executor: Executor, groupSetId: string, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await executor
    .select({ unitId: unitGroupMembers.unitId, groupId: unitGroupMembers.groupId })
    .from(unitGroupMembers)
    .where(and(eq(unitGroupMembers.groupSetId, groupSetId), inArray(unitGroupMembers.unitId, [...unitIds])));
  return new Map(rows.map((r) => [r.unitId, r.groupId]));
}

export async function findVersionHeads(executor: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return executor
    .select({
      id: frameworkVersions.id,
      status: frameworkVersions.status,
      frameworkId: frameworkVersions.frameworkId,
      programCode: frameworks.programCode,
      year: frameworks.year,
      name: frameworks.name,
      ownerUnitId: frameworks.ownerUnitId,
    })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(inArray(frameworkVersions.id, [...ids]));
}

/** Documents of framework versions (published ones are immutable: callers may cache by id). */
export async function loadVersionDocuments(executor: Executor, ids: readonly string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await executor.select({ id: frameworkVersions.id, document: frameworkVersions.document }).from(frameworkVersions).where(inArray(frameworkVersions.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.document]));
}

// ---------------------------------------------------------------- agencies and reassignments

export async function listCycleAgencies(executor: Executor, cycleIds: readonly string[]) {
  if (cycleIds.length === 0) return [];
  return executor
    .select({ cycleId: cycleAgencies.cycleId, agencyCode: cycleAgencies.agencyCode, unitId: cycleAgencies.unitId, unitName: units.name, unitCode: units.code })
    .from(cycleAgencies)
    .innerJoin(units, eq(units.id, cycleAgencies.unitId))
    .where(inArray(cycleAgencies.cycleId, [...cycleIds]))
    .orderBy(asc(cycleAgencies.agencyCode));
}

export async function replaceCycleAgencies(executor: Executor, cycleId: string, rows: readonly { agencyCode: string; unitId: string }[]): Promise<void> {
  await executor.delete(cycleAgencies).where(eq(cycleAgencies.cycleId, cycleId));
  if (rows.length > 0) await executor.insert(cycleAgencies).values(rows.map((r) => ({ cycleId, ...r })));
}

export async function listReassignments(executor: Executor, cycleIds: readonly string[]): Promise<ReassignmentRow[]> {
  if (cycleIds.length === 0) return [];
  return executor.select().from(criterionReassignments).where(inArray(criterionReassignments.cycleId, [...cycleIds])).orderBy(asc(criterionReassignments.createdAt));
}

/** Inserts or replaces the reassignment of one node. */
export async function upsertReassignment(executor: Executor, values: typeof criterionReassignments.$inferInsert): Promise<ReassignmentRow> {
  const [row] = await executor
    .insert(criterionReassignments)
    .values(values)
    .onConflictDoUpdate({
      target: [criterionReassignments.cycleId, criterionReassignments.frameworkVersionId, criterionReassignments.nodeKey],
      set: { agencyCode: values.agencyCode, reason: values.reason, createdAt: new Date(), createdBy: values.createdBy ?? null },
    })
    .returning();
  return row!;
}

// ---------------------------------------------------------------- participants

export interface CycleUnitView extends CycleUnitRow {
  code: string;
  name: string;
  typeCode: string;
}

export async function listCycleUnits(executor: Executor, cycleIds: readonly string[], unitIds?: readonly string[]): Promise<CycleUnitView[]> {
  if (cycleIds.length === 0) return [];
  const rows = await executor
    .select({ cu: cycleUnits, code: units.code, name: units.name, typeCode: units.typeCode })
    .from(cycleUnits)
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .where(and(inArray(cycleUnits.cycleId, [...cycleIds]), unitIds ? inArray(cycleUnits.unitId, [...unitIds]) : undefined))
    .orderBy(asc(units.code));
  return rows.map((r) => ({ ...r.cu, code: r.code, name: r.name, typeCode: r.typeCode }));
}

/**
 * Locks one participant row (`FOR UPDATE`). Every transaction that changes a unit's state or its
 * criterion records takes this lock first, then the records': one order, so no deadlock, and the
 * unit's state read after it is the one the change applies to.
 */
export async function lockCycleUnit(executor: Executor, cycleId: string, unitId: string): Promise<CycleUnitRow | undefined> {
  const [row] = await executor
    .select()
    .from(cycleUnits)
    .where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.unitId, unitId)))
    .for('update');
  return row;
}

export async function findCycleUnit(executor: Executor, cycleId: string, unitId: string): Promise<CycleUnitRow | undefined> {
  const [row] = await executor.select().from(cycleUnits).where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.unitId, unitId)));
  return row;
}

export async function updateCycleUnit(executor: Executor, cycleId: string, unitId: string, patch: Partial<typeof cycleUnits.$inferInsert>): Promise<CycleUnitRow> {
  const [row] = await executor
    .update(cycleUnits)
    .set({ ...patch, version: sql`${cycleUnits.version} + 1` })
    .where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.unitId, unitId)))
    .returning();
  return row!;
}

export async function replaceCycleUnits(executor: Executor, cycleId: string, rows: readonly { unitId: string; groupId: string }[]): Promise<void> {
  await executor.delete(cycleUnits).where(eq(cycleUnits.cycleId, cycleId));
  if (rows.length > 0) await executor.insert(cycleUnits).values(rows.map((r) => ({ cycleId, ...r })));
}

// ---------------------------------------------------------------- people

export interface Recipient {
  id: string;
  email: string | null;
  fullName: string;
}

/** The user holds one of `roles` (role names are plain words; quotes are dropped). */
const holdsAnyRole = (roles: readonly string[]) => sql`${users.roles} && ${sql.raw(`ARRAY[${roles.map((r) => `'${r.replace(/'/g, '')}'`).join(',')}]::text[]`)}`;

/** Active users of some units holding one of `roles` (any role when omitted). */
export async function usersOfUnits(executor: Executor, unitIds: readonly string[], roles?: readonly string[]): Promise<Recipient[]> {
  if (unitIds.length === 0) return [];
  const conditions = [inArray(users.unitId, [...unitIds]), eq(users.active, true)];
  if (roles) conditions.push(holdsAnyRole(roles));
  return executor.select({ id: users.id, email: users.email, fullName: users.fullName }).from(users).where(and(...conditions));
}

/**
 * Active users holding one of `roles` at the level of the cycle's owner (`ownerUnitId`): for the
 * province's cycles the province's (scope null); for an organising unit's, those whose scope is
 * that unit or a unit above it (services/actor.ts `scopeCovers`), not the province's, who read
 * every level but do not run it. Who hears of a cycle's events meant for its administrators or
 * council: another owner's never do.
 */
export async function usersWithRolesCovering(executor: Executor, roles: readonly string[], ownerUnitId: string | null): Promise<Recipient[]> {
  const covering = ownerUnitId === null
    ? isNull(users.scopeUnitId)
    : sql`${users.scopeUnitId} IN (
        WITH RECURSIVE up(id, parent_id) AS (
          SELECT id, parent_id FROM units WHERE id = ${ownerUnitId}::uuid
          UNION
          SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id
        )
        SELECT id FROM up)`;
  return executor
    .select({ id: users.id, email: users.email, fullName: users.fullName })
    .from(users)
    .where(and(eq(users.active, true), holdsAnyRole(roles), covering));
}

export async function findUserRoles(executor: Executor, id: string): Promise<{ id: string; roles: string[]; active: boolean; unitId: string | null; scopeUnitId: string | null } | undefined> {
  const [row] = await executor.select({ id: users.id, roles: users.roles, active: users.active, unitId: users.unitId, scopeUnitId: users.scopeUnitId }).from(users).where(eq(users.id, id));
  return row;
}
