/**
 * Notifications: in-app rows per recipient, written in the caller's transaction; their e-mail copies
 * are an after-commit hook of that transaction (see services/context.ts, mailer.ts). Reading is per
 * user: everyone sees only their own.
 */
import type { MyNotifications } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { countUnread, insertNotifications, listNotifications, markAllRead, markRead } from '../../db/repositories/notification-repository';
import type { Recipient } from '../../db/repositories/cycle-repository';
import type { Actor } from '../actor';
import type { TxContext } from '../context';
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

/** The part of a transaction's context notifications need. */
export type NotifyScope = Pick<TxContext, 'db' | 'tx' | 'now' | 'afterCommit'>;

/**
 * Writes one row per distinct recipient in `t`'s transaction and e-mails them once it has
 * committed; returns the new ids.
 */
export async function notify(t: NotifyScope, recipients: readonly Pick<Recipient, 'id'>[], content: NotificationContent, at: Date = t.now): Promise<string[]> {
  const ids = [...new Set(recipients.map((r) => r.id))];
  const created = await insertNotifications(
    t.tx,
    ids.map((userId) => ({
      userId,
      kind: content.kind,
      title: content.title,
      body: content.body ?? null,
      link: content.link ?? null,
      dedupeKey: content.dedupeKey ?? null,
      createdAt: at,
    })),
  );
  emailAfterCommit(t, created);
  return created;
}

/** Once `t`'s transaction has committed: e-mail the notifications `ids` (when SMTP is configured). */
export function emailAfterCommit(t: Pick<TxContext, 'db' | 'afterCommit'>, ids: readonly string[]): void {
  if (ids.length > 0) t.afterCommit(() => sendNotificationEmails(t.db, ids));
}

// The view is the contract's (packages/contract/src/notifications.ts): the response schema checks it.
export type { Notification as NotificationView } from '@chiso/contract';

export async function myNotifications(db: Executor, actor: Actor): Promise<MyNotifications> {
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
