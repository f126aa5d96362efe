/**
 * Queries of the demo's levels (src/demo/load-demo-levels.ts): an owner's cycle and framework found
 * by their identity with the owner, and the demo users of a dissolved authority deactivated.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { cycles } from '../schema/cycles';
import { frameworks } from '../schema/frameworks';

const ownerIs = (column: typeof cycles.ownerUnitId | typeof frameworks.ownerUnitId, ownerUnitId: string | null) =>
  ownerUnitId === null ? isNull(column) : eq(column, ownerUnitId);

/** The cycle of an owner (null: the province's) with that program, year and name. */
export async function findOwnedCycle(executor: Executor, identity: { ownerUnitId: string | null; programCode: string; year: number; name: string }) {
  const [row] = await executor
    .select()
    .from(cycles)
    .where(and(ownerIs(cycles.ownerUnitId, identity.ownerUnitId), eq(cycles.programCode, identity.programCode), eq(cycles.year, identity.year), eq(cycles.name, identity.name)));
  return row;
}

/** The framework of an owner (null: the province's) with that program, year and group label. */
export async function findOwnedFramework(executor: Executor, identity: { ownerUnitId: string | null; programCode: string; year: number; groupLabel: string }) {
  const [row] = await executor
    .select()
    .from(frameworks)
    .where(and(ownerIs(frameworks.ownerUnitId, identity.ownerUnitId), eq(frameworks.programCode, identity.programCode), eq(frameworks.year, identity.year), eq(frameworks.groupLabel, identity.groupLabel)));
  return row;
}

/** Deactivates the users named (still active); returns the ids changed. */
export async function deactivateUsers(executor: Executor, usernames: readonly string[]): Promise<string[]> {
  if (usernames.length === 0) return [];
  const rows = await executor
    .update(users)
    .set({ active: false, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(inArray(users.username, [...usernames]), eq(users.active, true)))
    .returning({ id: users.id });
  return rows.map((r) => r.id);
}
