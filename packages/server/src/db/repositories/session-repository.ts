import { and, eq, gt, lte, ne } from 'drizzle-orm';
import type { Executor } from '../client';
import { sessions, users } from '../schema/accounts';
import { units } from '../schema/units';
import { findSubtreeIds } from './unit-repository';

export type NewSession = typeof sessions.$inferInsert;

export async function insertSession(executor: Executor, values: NewSession): Promise<void> {
  await executor.insert(sessions).values(values);
}

/** What one request needs about its session and user, read in one query. */
export interface SessionWithUser {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  user: {
    id: string;
    username: string;
    fullName: string;
    email: string | null;
    roles: string[];
    active: boolean;
    mustChangePassword: boolean;
    unit: { id: string; code: string; name: string };
    /** Where its organisation-wide roles apply: null for the province's; else the unit and every unit under it. */
    scope: { unitId: string; unitIds: string[] } | null;
  };
}

/** The live (unexpired) session with this token hash, with its user and the user's unit. */
export async function findLiveSession(executor: Executor, tokenHash: string, now: Date): Promise<SessionWithUser | undefined> {
  const rows = await executor
    .select({
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      username: users.username,
      fullName: users.fullName,
      email: users.email,
      roles: users.roles,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      unitId: units.id,
      unitCode: units.code,
      unitName: units.name,
      scopeUnitId: users.scopeUnitId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  const row = rows[0];
  if (!row) return undefined;
  return {
    tokenHash: row.tokenHash,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    lastSeenAt: row.lastSeenAt,
    user: {
      id: row.userId,
      username: row.username,
      fullName: row.fullName,
      email: row.email,
      roles: row.roles,
      active: row.active,
      mustChangePassword: row.mustChangePassword,
      unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
      scope: row.scopeUnitId ? { unitId: row.scopeUnitId, unitIds: await findSubtreeIds(executor, row.scopeUnitId) } : null,
    },
  };
}

/** Sliding expiry: pushes the end of the session forward. */
export async function touchSession(executor: Executor, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  await executor.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(executor: Executor, tokenHash: string): Promise<boolean> {
  const rows = await executor.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ tokenHash: sessions.tokenHash });
  return rows.length > 0;
}

/** Ends every session of the user, except `keepTokenHash` when given. Returns how many ended. */
export async function deleteUserSessions(executor: Executor, userId: string, keepTokenHash?: string): Promise<number> {
  const where = keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId);
  const rows = await executor.delete(sessions).where(where).returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}

export async function deleteExpiredSessions(executor: Executor, now: Date): Promise<void> {
  await executor.delete(sessions).where(lte(sessions.expiresAt, now));
}

export async function countUserSessions(executor: Executor, userId: string): Promise<number> {
  const rows = await executor.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId));
  return rows.length;
}
