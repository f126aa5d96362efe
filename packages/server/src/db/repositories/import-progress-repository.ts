/** Where long imports stand (http/survey/entry-routes.ts), readable from every process. */
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { importProgress } from '../schema/scale-out';

const keyIs = (userId: string, key: string) => and(eq(importProgress.userId, userId), eq(importProgress.key, key));

/** Writes the import's state, to be kept `ttlMs`. */
export async function writeImportProgress<T>(executor: Executor, userId: string, key: string, value: T, ttlMs: number): Promise<void> {
  const expiresAt = sql`now() + make_interval(secs => ${ttlMs / 1000}::float8)`;
  await executor
    .insert(importProgress)
    .values({ userId, key, value, expiresAt })
    .onConflictDoUpdate({ target: [importProgress.userId, importProgress.key], set: { value, expiresAt } });
}

/** The import's state, unless it expired. */
export async function readImportProgress<T>(executor: Executor, userId: string, key: string): Promise<T | undefined> {
  const [row] = await executor
    .select({ value: importProgress.value })
    .from(importProgress)
    .where(and(keyIs(userId, key), gt(importProgress.expiresAt, sql`now()`)));
  return row?.value as T | undefined;
}

/** Removes expired states. */
export async function deleteExpiredImportProgress(executor: Executor): Promise<void> {
  await executor.delete(importProgress).where(lt(importProgress.expiresAt, sql`now()`));
}
