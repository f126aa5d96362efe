/**
 * Notifications: in-app rows per recipient, written in the caller's transaction; e-mail copies go
 * out after the commit (see mailer.ts). Reading is per user: everyone sees only their own.
 */
import type { Database, Executor } from '../../db/client';
import { countUnread, insertNotifications, listNotifications, markAllRead, markRead } from '../../db/repositories/notification-repository';
import type { Recipient } from '../../db/repositories/cycle-repository';
import type { Actor } from '../actor';
import { notFound } from '../errors';
import { sendNotificationEmails } from './mailer';

export interface NotificationContent {
  /** e.g. `unit.submitted`, `criterion.explanation_requested`, `deadline.self_assessment`. */
  kind: string;
  title: string;
  body?: string | null;
  /** Path in the web app. */
  link?: string | null;
  /** Once-only notices: at most one row per recipient and key. */
  dedupeKey?: string | null;
}

/** Writes one row per distinct recipient; returns the new ids (pass them to `afterCommit`). */
export async function notify(tx: Executor, recipients: readonly Pick<Recipient, 'id'>[], content: NotificationContent, now = new Date()): Promise<string[]> {
  const ids = [...new Set(recipients.map((r) => r.id))];
  return insertNotifications(
    tx,
    ids.map((userId) => ({
      userId,
      kind: content.kind,
      title: content.title,
      body: content.body ?? null,
      link: content.link ?? null,
      dedupeKey: content.dedupeKey ?? null,
      createdAt: now,
    })),
  );
}

/** After the transaction committed: e-mail the notifications (when SMTP is configured). */
export function afterCommit(db: Database | Executor, notificationIds: readonly string[]): void {
  sendNotificationEmails(db, notificationIds);
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export async function myNotifications(db: Executor, actor: Actor): Promise<{ items: NotificationView[]; unread: number }> {
  const [rows, unread] = await Promise.all([listNotifications(db, actor.userId), countUnread(db, actor.userId)]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    unread,
  };
}

export async function readNotification(db: Executor, actor: Actor, id: string, now = new Date()): Promise<void> {
  if (!(await markRead(db, actor.userId, id, now))) throw notFound('thông báo');
}

export async function readAllNotifications(db: Executor, actor: Actor, now = new Date()): Promise<number> {
  return markAllRead(db, actor.userId, now);
}
