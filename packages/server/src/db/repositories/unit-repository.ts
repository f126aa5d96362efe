import { and, asc, eq, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { unitTypes, units } from '../schema/units';

export type UnitRow = typeof units.$inferSelect;
export type NewUnitRow = typeof units.$inferInsert;
export type UnitTypeRow = typeof unitTypes.$inferSelect;
export type { FormerName } from '../schema/units';

export async function listUnitTypes(executor: Executor): Promise<UnitTypeRow[]> {
  return executor.select().from(unitTypes).orderBy(asc(unitTypes.level), asc(unitTypes.code));
}

export async function findUnitById(executor: Executor, id: string): Promise<UnitRow | undefined> {
  const rows = await executor.select().from(units).where(eq(units.id, id));
  return rows[0];
}

/** Reads units and locks them against concurrent structural changes until the transaction ends. */
export async function lockUnits(executor: Executor, ids: readonly string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return executor.select().from(units).where(inArray(units.id, [...ids])).for('update');
}

/** Adds a unit type unless one with its code exists (that one is kept as it is). */
export async function insertUnitTypeIfMissing(executor: Executor, values: typeof unitTypes.$inferInsert): Promise<void> {
  await executor.insert(unitTypes).values(values).onConflictDoNothing();
}

export async function findUnitsByCodes(executor: Executor, codes: readonly string[]): Promise<UnitRow[]> {
  if (codes.length === 0) return [];
  return executor.select().from(units).where(inArray(units.code, [...codes]));
}

export async function listAllUnits(executor: Executor): Promise<UnitRow[]> {
  return executor.select().from(units).orderBy(asc(units.code));
}

export interface UnitFilter {
  /** Units existing on this day (validFrom ≤ at ≤ validTo). */
  at: string;
  /** Also units that had already ended by `at`. */
  includeClosed?: boolean;
  /** Code, name or short name contains (case-insensitive). */
  q?: string;
}

export async function listUnits(executor: Executor, filter: UnitFilter): Promise<UnitRow[]> {
  const conditions: (SQL | undefined)[] = [lte(units.validFrom, filter.at)];
  if (!filter.includeClosed) conditions.push(or(isNull(units.validTo), sql`${units.validTo} >= ${filter.at}`));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(units.code, pattern), ilike(units.name, pattern), ilike(units.shortName, pattern)));
  }
  return executor
    .select()
    .from(units)
    .where(and(...conditions))
    .orderBy(asc(units.code));
}

/** Units (among `parentIds`' children) that still exist on `day` or later. */
export async function findChildrenExistingFrom(executor: Executor, parentIds: readonly string[], day: string): Promise<UnitRow[]> {
  if (parentIds.length === 0) return [];
  return executor
    .select()
    .from(units)
    .where(and(inArray(units.parentId, [...parentIds]), or(isNull(units.validTo), sql`${units.validTo} >= ${day}`)))
    .orderBy(asc(units.code));
}

/** The unit `rootId` and every unit below it (at any time), by id. */
export async function findSubtreeIds(executor: Executor, rootId: string): Promise<string[]> {
  const result = await executor.execute<{ id: string }>(sql`
    WITH RECURSIVE subtree(id) AS (
      SELECT ${rootId}::uuid
      UNION
      SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id
    )
    SELECT id FROM subtree`);
  return rows<{ id: string }>(result).map((r) => r.id);
}

/** Is `candidateId` the unit `ancestorId` itself or below it in the tree? (Cycle check before re-parenting.) */
export async function isInSubtree(executor: Executor, ancestorId: string, candidateId: string): Promise<boolean> {
  const result = await executor.execute<{ found: boolean }>(sql`
    WITH RECURSIVE subtree(id) AS (
      SELECT ${ancestorId}::uuid
      UNION
      SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id
    )
    SELECT EXISTS (SELECT 1 FROM subtree WHERE id = ${candidateId}::uuid) AS found`);
  return rows<{ found: boolean }>(result)[0]?.found === true;
}

export async function insertUnits(executor: Executor, values: NewUnitRow[]): Promise<UnitRow[]> {
  if (values.length === 0) return [];
  const out: UnitRow[] = [];
  // Batches keep each statement under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < values.length; i += 1000) {
    out.push(...(await executor.insert(units).values(values.slice(i, i + 1000)).returning()));
  }
  return out;
}

export type UnitPatch = Partial<Pick<UnitRow, 'code' | 'name' | 'shortName' | 'typeCode' | 'parentId' | 'validFrom' | 'validTo' | 'formerNames'>>;

/** Updates one unit and bumps its version; with `expectedVersion`, only if it still has that version. */
export async function updateUnit(executor: Executor, id: string, patch: UnitPatch, expectedVersion?: number): Promise<UnitRow | undefined> {
  const where = expectedVersion === undefined ? eq(units.id, id) : and(eq(units.id, id), eq(units.version, expectedVersion));
  const updated = await executor
    .update(units)
    .set({ ...patch, version: sql`${units.version} + 1`, updatedAt: new Date() })
    .where(where)
    .returning();
  return updated[0];
}

/** Sets the same end date on many units in one statement. */
export async function endUnits(executor: Executor, ids: readonly string[], validTo: string): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return executor
    .update(units)
    .set({ validTo, version: sql`${units.version} + 1`, updatedAt: new Date() })
    .where(inArray(units.id, [...ids]))
    .returning();
}

/** Moves many units under one parent in one statement. */
export async function reparentUnits(executor: Executor, ids: readonly string[], parentId: string): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return executor
    .update(units)
    .set({ parentId, version: sql`${units.version} + 1`, updatedAt: new Date() })
    .where(inArray(units.id, [...ids]))
    .returning();
}

export interface UnitBulkUpdate {
  id: string;
  name: string;
  shortName: string | null;
  typeCode: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  formerNames: { name: string; until: string }[];
}

/** Set-based update of many units (one statement, rows passed as one JSON parameter). */
export async function bulkUpdateUnits(executor: Executor, updates: UnitBulkUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await executor.execute(sql`
    UPDATE units AS u SET
      name = r.name, short_name = r.short_name, type_code = r.type_code, parent_id = r.parent_id,
      valid_from = r.valid_from, valid_to = r.valid_to, former_names = r.former_names,
      version = u.version + 1, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(
      updates.map((x) => ({
        id: x.id,
        name: x.name,
        short_name: x.shortName,
        type_code: x.typeCode,
        parent_id: x.parentId,
        valid_from: x.validFrom,
        valid_to: x.validTo,
        former_names: x.formerNames,
      })),
    )}::jsonb) AS r(id uuid, name text, short_name text, type_code text, parent_id uuid, valid_from date, valid_to date, former_names jsonb)
    WHERE u.id = r.id`);
}

/** Rows of a raw `execute` result, whichever driver (both return `{ rows }`). */
export function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Code and name of some units by id (an owner's, a scope's, for display); unknown ids are left out. */
export async function findUnitRefsByIds(executor: Executor, ids: Iterable<string | null | undefined>): Promise<Map<string, { id: string; code: string; name: string }>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const found = await executor.select({ id: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.id, wanted));
  return new Map(found.map((u) => [u.id, u]));
}
