/** Queries of the demo's levels (src/demo/load-demo-levels.ts): a dissolved authority's demo users deactivated. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';

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
