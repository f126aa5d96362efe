import { and, eq, lt, max, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { loginThrottles, users } from '../schema/accounts';

/** One throttle row: an address and an account name; '' stands for "any" (see the schema). */
export interface ThrottleKey {
  address: string;
  account: string;
}

/** How one kind of row counts: free failures, then a delay doubling from `baseSeconds` up to `maxSeconds`. */
export interface ThrottlePolicy {
  freeFailures: number;
  baseSeconds: number;
  maxSeconds: number;
  /** After this long without a failure the count starts afresh. */
  forgetAfterSeconds: number;
}

const keyIs = (key: ThrottleKey) => and(eq(loginThrottles.address, key.address), eq(loginThrottles.account, key.account));

/**
 * Counts one attempt as a failure before the password is checked (so concurrent guesses from
 * several processes cannot slip past the count), in one statement. Returns the new count and the
 * time the key is held back until, or `blockedUntil` alone when the key is already held back
 * (then nothing is counted).
 */
export async function countAttempt(
  executor: Executor,
  key: ThrottleKey,
  policy: ThrottlePolicy,
  now: Date,
): Promise<{ counted: true; failures: number; blockedUntil: Date | null } | { counted: false; blockedUntil: Date }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const forgotten = sql`${loginThrottles.lastFailureAt} < ${at} - make_interval(secs => ${policy.forgetAfterSeconds})`;
  const next = sql`CASE WHEN ${forgotten} THEN 1 ELSE ${loginThrottles.failures} + 1 END`;
  const delayFrom = (failures: SQL) =>
    sql`CASE WHEN ${failures} >= ${policy.freeFailures} THEN ${at} + make_interval(secs => least(${policy.maxSeconds}::float8, ${policy.baseSeconds}::float8 * power(2, least(${failures} - ${policy.freeFailures}, 30)))) END`;
  const [row] = await executor
    .insert(loginThrottles)
    .values({ ...key, failures: 1, lastFailureAt: now, blockedUntil: delayFrom(sql`1`) })
    .onConflictDoUpdate({
      target: [loginThrottles.address, loginThrottles.account],
      set: { failures: next, lastFailureAt: now, blockedUntil: delayFrom(next) },
      setWhere: sql`${loginThrottles.blockedUntil} IS NULL OR ${loginThrottles.blockedUntil} <= ${at}`,
    })
    .returning({ failures: loginThrottles.failures, blockedUntil: loginThrottles.blockedUntil });
  if (row) return { counted: true, ...row };
  const [held] = await executor.select({ blockedUntil: loginThrottles.blockedUntil }).from(loginThrottles).where(keyIs(key));
  return { counted: false, blockedUntil: held!.blockedUntil! };
}

/** Takes back one counted attempt (it turned out right), lifting the hold when it no longer reaches the policy. */
export async function uncountAttempt(executor: Executor, key: ThrottleKey, policy: ThrottlePolicy): Promise<void> {
  const previous = sql`greatest(${loginThrottles.failures} - 1, 0)`;
  await executor
    .update(loginThrottles)
    .set({ failures: previous, blockedUntil: sql`CASE WHEN ${previous} >= ${policy.freeFailures} THEN ${loginThrottles.blockedUntil} END` })
    .where(keyIs(key));
}

export async function deleteThrottle(executor: Executor, key: ThrottleKey): Promise<void> {
  await executor.delete(loginThrottles).where(keyIs(key));
}

/** Every row of one account name, whatever the address (unlock, password reset). Returns how many were held back. */
export async function clearAccountThrottles(executor: Executor, account: string, now: Date): Promise<{ rows: number; held: number }> {
  const rows = await executor.delete(loginThrottles).where(eq(loginThrottles.account, account)).returning({ blockedUntil: loginThrottles.blockedUntil });
  return { rows: rows.length, held: rows.filter((r) => r.blockedUntil !== null && r.blockedUntil > now).length };
}

/** Rows nobody failed on for a day or more: they would start afresh anyway. */
export async function deleteStaleThrottles(executor: Executor, olderThan: Date): Promise<void> {
  await executor.delete(loginThrottles).where(lt(loginThrottles.lastFailureAt, olderThan));
}

/** The latest time logins to a user are held back from some address (null when none): for account lists. */
export const userThrottledUntil = sql<Date | null>`(SELECT ${max(loginThrottles.blockedUntil)} FROM ${loginThrottles} WHERE ${loginThrottles.account} = ${users.username})`.mapWith(
  loginThrottles.blockedUntil,
);
