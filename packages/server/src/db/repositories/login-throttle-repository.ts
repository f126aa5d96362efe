import { and, eq, gte, isNotNull, lt, max, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { loginThrottles, users } from '../schema/accounts';
import { auditEvents } from '../schema/audit';

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

/** How many rows were cleared and how many of them held logins back. */
const heldCount = (rows: { blockedUntil: Date | null }[], now: Date) => ({ rows: rows.length, held: rows.filter((r) => r.blockedUntil !== null && r.blockedUntil > now).length });

/** Every row of one account name, whatever the address (unlock, password reset). Returns how many were held back. */
export async function clearAccountThrottles(executor: Executor, account: string, now: Date): Promise<{ rows: number; held: number }> {
  const rows = await executor.delete(loginThrottles).where(eq(loginThrottles.account, account)).returning({ blockedUntil: loginThrottles.blockedUntil });
  return heldCount(rows, now);
}

/**
 * Rows nobody failed on for a day or more: they would start afresh anyway. Run on every attempt, so
 * a bounded batch, and rows another attempt is counting are skipped rather than waited for (no
 * deadlock with it; they go next time).
 */
export async function deleteStaleThrottles(executor: Executor, olderThan: Date): Promise<void> {
  const stale = sql`SELECT ${loginThrottles.address}, ${loginThrottles.account} FROM ${loginThrottles} WHERE ${lt(loginThrottles.lastFailureAt, olderThan)} LIMIT 1000 FOR UPDATE SKIP LOCKED`;
  await executor.delete(loginThrottles).where(sql`(${loginThrottles.address}, ${loginThrottles.account}) IN (${stale})`);
}

/** Every row of one address (a proxy's or an office's), all names included: `chiso user unlock --address`. */
export async function clearAddressThrottles(executor: Executor, address: string, now: Date): Promise<{ rows: number; held: number }> {
  const rows = await executor.delete(loginThrottles).where(eq(loginThrottles.address, address)).returning({ blockedUntil: loginThrottles.blockedUntil });
  return heldCount(rows, now);
}

/** The latest time logins to a user are held back from some address (null when none): for account lists. */
export const userThrottledUntil = sql<Date | null>`(SELECT ${max(loginThrottles.blockedUntil)} FROM ${loginThrottles} WHERE ${loginThrottles.account} = ${users.username})`.mapWith(
  loginThrottles.blockedUntil,
);

/** The addresses a user logged in from since `since`, from the audit trail's login events (newest first, at most 200). */
export async function recentLoginAddresses(executor: Executor, userId: string, since: Date): Promise<string[]> {
  const rows = await executor
    .select({ ip: sql<string>`host(${auditEvents.ip})`, at: max(auditEvents.at) })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'user'), eq(auditEvents.entityId, userId), eq(auditEvents.action, 'login'), gte(auditEvents.at, since), isNotNull(auditEvents.ip)))
    .groupBy(auditEvents.ip)
    .orderBy(sql`max(${auditEvents.at}) DESC`)
    .limit(200);
  return rows.map((r) => r.ip);
}
