import { and, arrayContains, asc, count, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { units } from '../schema/units';
import { userThrottledUntil } from './login-throttle-repository';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** A user with the unit it belongs to (what presenters need). Never carries the password hash. */
export interface UserWithUnit {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  roles: string[];
  active: boolean;
  mustChangePassword: boolean;
  /** Until when logins to this account are held back from some address (login-throttle.ts), if they are. */
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  version: number;
  unit: { id: string; code: string; name: string };
  /** users.scope_unit_id: where its organisation-wide roles apply; null for the province's. */
  scopeUnitId: string | null;
  /** That unit, for display; null for the province's. */
  scope: { id: string; code: string; name: string } | null;
}

/** The unit of a user's role scope (a second join on units). */
const scopeUnits = alias(units, 'scope_units');

const userWithUnitColumns = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  email: users.email,
  roles: users.roles,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lockedUntil: userThrottledUntil,
  lastLoginAt: users.lastLoginAt,
  version: users.version,
  unitId: units.id,
  unitCode: units.code,
  unitName: units.name,
  scopeUnitId: users.scopeUnitId,
  scopeCode: scopeUnits.code,
  scopeName: scopeUnits.name,
};

const selectUsersWithUnit = (executor: Executor) =>
  executor.select(userWithUnitColumns).from(users).innerJoin(units, eq(units.id, users.unitId)).leftJoin(scopeUnits, eq(scopeUnits.id, users.scopeUnitId));
type UserWithUnitRecord = Awaited<ReturnType<typeof selectUsersWithUnit>>[number];

function toUserWithUnit(row: UserWithUnitRecord): UserWithUnit {
  const { unitId, unitCode, unitName, scopeCode, scopeName, ...user } = row;
  const scope = user.scopeUnitId && scopeCode !== null && scopeName !== null ? { id: user.scopeUnitId, code: scopeCode, name: scopeName } : null;
  return { ...user, unit: { id: unitId, code: unitCode, name: unitName }, scope };
}

/** Serialises the creation of the first administrator until the transaction ends (two processes starting at once). */
export async function lockFirstAdminCreation(executor: Executor): Promise<void> {
  await executor.execute(sql`SELECT pg_advisory_xact_lock(hashtext('chiso.first-admin'))`);
}

export async function countUsers(executor: Executor): Promise<number> {
  const [row] = await executor.select({ total: count() }).from(users);
  return row?.total ?? 0;
}

/** The full row, password hash included: for the login and password services only. */
export async function findUserRowByUsername(executor: Executor, username: string): Promise<UserRow | undefined> {
  const rows = await executor.select().from(users).where(eq(users.username, username));
  return rows[0];
}

export async function findUserRowById(executor: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await executor.select().from(users).where(eq(users.id, id));
  return rows[0];
}

export async function findUserWithUnit(executor: Executor, id: string): Promise<UserWithUnit | undefined> {
  const rows = await selectUsersWithUnit(executor).where(eq(users.id, id));
  return rows[0] ? toUserWithUnit(rows[0]) : undefined;
}

export interface UserFilter {
  unitId?: string;
  /** Users of any of these units (an organisation administrator's scope). */
  unitIds?: readonly string[];
  /** Matches user name, full name or email, case-insensitively. */
  q?: string;
  role?: string;
}

export async function listUsersWithUnit(executor: Executor, filter: UserFilter): Promise<UserWithUnit[]> {
  const conditions: SQL[] = [];
  if (filter.unitId) conditions.push(eq(users.unitId, filter.unitId));
  if (filter.unitIds) conditions.push(filter.unitIds.length ? inArray(users.unitId, [...filter.unitIds]) : sql`false`);
  if (filter.role) conditions.push(arrayContains(users.roles, [filter.role]));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.fullName, pattern), ilike(users.email, pattern))!);
  }
  const rows = await selectUsersWithUnit(executor)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(units.code), asc(users.username));
  return rows.map(toUserWithUnit);
}

export async function insertUser(executor: Executor, values: NewUser): Promise<UserRow> {
  const [row] = await executor.insert(users).values(values).returning();
  return row!;
}

export type UserPatch = Partial<Pick<NewUser, 'fullName' | 'email' | 'unitId' | 'roles' | 'active' | 'scopeUnitId'>>;

/**
 * Applies an edit when the stored version is still `expectedVersion`, bumping it. Returns
 * undefined when the version is stale (or the user is gone).
 */
export async function updateUserVersioned(executor: Executor, id: string, expectedVersion: number, patch: UserPatch, now: Date): Promise<UserRow | undefined> {
  const rows = await executor
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: now })
    .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
    .returning();
  return rows[0];
}

export async function setUserPassword(executor: Executor, id: string, values: { passwordHash: string; mustChangePassword: boolean }, now: Date): Promise<void> {
  await executor.update(users).set({ passwordHash: values.passwordHash, mustChangePassword: values.mustChangePassword, updatedAt: now }).where(eq(users.id, id));
}

export async function recordSuccessfulLogin(executor: Executor, id: string, now: Date): Promise<void> {
  await executor.update(users).set({ lastLoginAt: now }).where(eq(users.id, id));
}

/** Active administrators other than `exceptId` (to keep at least one); with `provinceOnly`, the province's. */
export async function countOtherActiveAdmins(executor: Executor, exceptId: string, options: { provinceOnly?: boolean } = {}): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(users)
    .where(
      and(ne(users.id, exceptId), eq(users.active, true), arrayContains(users.roles, ['admin']), options.provinceOnly ? isNull(users.scopeUnitId) : undefined),
    );
  return row?.total ?? 0;
}

/** Whether the unit exists and is open (not closed). */
export async function findOpenUnit(executor: Executor, unitId: string): Promise<{ id: string; code: string; name: string } | undefined> {
  const rows = await executor.select({ id: units.id, code: units.code, name: units.name }).from(units).where(and(eq(units.id, unitId), isNull(units.validTo)));
  return rows[0];
}

/** Full names of some users by id (for "who proposed / decided" in views); unknown ids are left out. */
export async function userNamesById(executor: Executor, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await executor.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}
