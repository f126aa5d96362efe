/** Daily notification digests: claimed once per user and day, sent, then marked. */
import { and, asc, eq, gte, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { cycles, notifications } from '../schema/cycles';
import { notificationDigests } from '../schema/notification-digests';

export type NotificationDelivery = 'immediate' | 'daily_digest';

export async function readDelivery(executor: Executor, userId: string): Promise<{ delivery: NotificationDelivery; email: string | null } | undefined> {
  const [row] = await executor.select({ delivery: users.notificationDelivery, email: users.email }).from(users).where(eq(users.id, userId));
  return row ? { delivery: row.delivery as NotificationDelivery, email: row.email } : undefined;
}

export async function writeDelivery(executor: Executor, userId: string, delivery: NotificationDelivery, now: Date): Promise<void> {
  await executor.update(users).set({ notificationDelivery: delivery, updatedAt: now }).where(eq(users.id, userId));
}

/** Active users with an address who chose the daily digest. */
export async function digestRecipients(executor: Executor) {
  return executor
    .select({ id: users.id, email: users.email, fullName: users.fullName })
    .from(users)
    .where(and(eq(users.active, true), eq(users.notificationDelivery, 'daily_digest')));
}

/**
 * The user's digest of `day`: claimed now (inserted) or found unsent (an earlier attempt failed);
 * undefined when it was already sent. The unique (user, day) index makes a second one impossible.
 */
export async function claimDigest(executor: Executor, userId: string, day: string, now: Date): Promise<string | undefined> {
  const [inserted] = await executor.insert(notificationDigests).values({ userId, day, createdAt: now }).onConflictDoNothing().returning({ id: notificationDigests.id });
  if (inserted) return inserted.id;
  const [existing] = await executor
    .select({ id: notificationDigests.id, sentAt: notificationDigests.sentAt })
    .from(notificationDigests)
    .where(and(eq(notificationDigests.userId, userId), eq(notificationDigests.day, day)))
    .for('update');
  return existing && existing.sentAt === null ? existing.id : undefined;
}

/**
 * Puts the user's notifications not yet e-mailed, created in [since, until], into the digest: those
 * in no digest, and those of an earlier digest of the user that was never sent (its send failed and
 * its day is over: no tick takes it up again).
 */
export async function attachToDigest(executor: Executor, digestId: string, userId: string, since: Date, until: Date): Promise<void> {
  const unsentEarlier = executor
    .select({ id: notificationDigests.id })
    .from(notificationDigests)
    .where(and(eq(notificationDigests.userId, userId), isNull(notificationDigests.sentAt), ne(notificationDigests.id, digestId)));
  await executor
    .update(notifications)
    .set({ digestId })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.emailedAt),
        or(isNull(notifications.digestId), inArray(notifications.digestId, unsentEarlier)),
        gte(notifications.createdAt, since),
        lte(notifications.createdAt, until),
      ),
    );
}

/** The user's notifications waiting for a digest (not e-mailed, in none), created since `since`. */
export async function waitingForDigest(executor: Executor, userId: string, since: Date): Promise<string[]> {
  const rows = await executor
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.emailedAt), isNull(notifications.digestId), gte(notifications.createdAt, since)));
  return rows.map((r) => r.id);
}

export async function digestItems(executor: Executor, digestId: string) {
  return executor
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.digestId, digestId))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}

/** Marks the digest and its notifications sent. */
export async function markDigestSent(executor: Executor, digestId: string, at: Date): Promise<void> {
  await executor.update(notificationDigests).set({ sentAt: at }).where(eq(notificationDigests.id, digestId));
  await executor.update(notifications).set({ emailedAt: at }).where(and(eq(notifications.digestId, digestId), isNull(notifications.emailedAt)));
}

/** Names of the cycles among `ids` (other ids are ignored). */
export async function cycleNames(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await executor.select({ id: cycles.id, name: cycles.name }).from(cycles).where(inArray(cycles.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
