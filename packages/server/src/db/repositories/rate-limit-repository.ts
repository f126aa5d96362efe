/** Rate-limit counts shared by every process (http/rate-limit-store.ts): one row per key and window. */
import { eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rateLimitHits } from '../schema/scale-out';

/** The count of a key's window and the milliseconds left in it. */
export interface RateLimitCount {
  count: number;
  ttlMs: number;
}

const after = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000}::float8)`;
const ttlMs = sql<number>`greatest(0, ceil(extract(epoch from ${rateLimitHits.expiresAt} - now()) * 1000))::float8`.mapWith(Number);

/**
 * Counts one request of `key` in one statement: the first of a window (or the first after it
 * expired) starts a new window of `windowMs` at 1, the others add one. Concurrent requests on any
 * process serialize on the row, so none is lost.
 */
export async function hitRateLimit(executor: Executor, key: string, windowMs: number): Promise<RateLimitCount> {
  const expired = sql`${rateLimitHits.expiresAt} <= now()`;
  const [row] = await executor
    .insert(rateLimitHits)
    .values({ key, count: 1, windowStart: sql`now()`, expiresAt: after(windowMs) })
    .onConflictDoUpdate({
      target: rateLimitHits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimitHits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN now() ELSE ${rateLimitHits.windowStart} END`,
        expiresAt: sql`CASE WHEN ${expired} THEN ${after(windowMs)} ELSE ${rateLimitHits.expiresAt} END`,
      },
    })
    .returning({ count: rateLimitHits.count, ttlMs });
  return row!;
}

/** The count of `key`'s current window without counting (0 when there is none). */
export async function readRateLimit(executor: Executor, key: string): Promise<RateLimitCount> {
  const [row] = await executor
    .select({ count: rateLimitHits.count, ttlMs })
    .from(rateLimitHits)
    .where(sql`${eq(rateLimitHits.key, key)} AND ${gt(rateLimitHits.expiresAt, sql`now()`)}`);
  return row ?? { count: 0, ttlMs: 0 };
}

/**
 * Removes windows that are over (a bounded batch; rows another request is counting are skipped, not
 * waited for). Returns how many went.
 */
export async function deleteExpiredRateLimits(executor: Executor): Promise<number> {
  const over = sql`SELECT ${rateLimitHits.key} FROM ${rateLimitHits} WHERE ${lt(rateLimitHits.expiresAt, sql`now()`)} LIMIT 10000 FOR UPDATE SKIP LOCKED`;
  const gone = await executor.delete(rateLimitHits).where(sql`${rateLimitHits.key} IN (${over})`).returning({ key: rateLimitHits.key });
  return gone.length;
}
