/** In-app notifications: one row per recipient. */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema/accounts';
import { notifications } from '../schema/cycles';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** Inserts notifications; rows whose (user, dedupe key) already exists are skipped. Returns the new ids. */
export async function insertNotifications(executor: Executor, rows: readonly NewNotification[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await executor
      .insert(notifications)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    out.push(...inserted.map((r) => r.id));
  }
  return out;
}

export async function listNotifications(executor: Executor, userId: string, limit = 100): Promise<NotificationRow[]> {
  return executor.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

export async function countUnread(executor: Executor, userId: string): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(executor: Executor, userId: string, id: string, at: Date): Promise<boolean> {
  const found = await executor.select({ id: notifications.id, readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (found.length === 0) return false;
  if (found[0]!.readAt === null) await executor.update(notifications).set({ readAt: at }).where(eq(notifications.id, id));
  return true;
}

export async function markAllRead(executor: Executor, userId: string, at: Date): Promise<number> {
  const rows = await executor
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Notifications not yet e-mailed, with their recipient's address; not those of users who chose the daily digest. */
export async function pendingEmails(executor: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return executor
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, email: users.email, fullName: users.fullName })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(inArray(notifications.id, [...ids]), isNull(notifications.emailedAt), eq(users.notificationDelivery, 'immediate')));
}

export async function markEmailed(executor: Executor, id: string, at: Date): Promise<void> {
  await executor.update(notifications).set({ emailedAt: at }).where(eq(notifications.id, id));
}
