/** Each user's choice of e-mail delivery: one message per event, or one daily digest. */
import type { Executor } from '../../db/client';
import { readDelivery, waitingForDigest, writeDelivery, type NotificationDelivery } from '../../db/repositories/digest-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { notFound } from '../errors';
import { DIGEST_LOOKBACK_MS } from './digest';
import { mailEnabled } from './mailer';
import { emailAfterCommit } from './notification-service';
import { inTransaction, type RequestContext } from '../context';

export const deliveries = ['immediate', 'daily_digest'] as const satisfies readonly NotificationDelivery[];

export interface NotificationPreferences {
  delivery: NotificationDelivery;
  /** The address mails go to (set by an administrator); null: no mail at all. */
  email: string | null;
  /** Whether this server sends e-mail (CHISO_SMTP_URL). */
  mailEnabled: boolean;
  /** Hour (Vietnam time) of the daily digest. */
  digestHour: number;
}

export async function myNotificationPreferences(db: Executor, actor: Actor, digestHour: number): Promise<NotificationPreferences> {
  const row = await readDelivery(db, actor.userId);
  if (!row) throw notFound('tài khoản');
  return { delivery: row.delivery, email: row.email, mailEnabled: mailEnabled(), digestHour };
}

/**
 * Changes the actor's own delivery (audited); a no-op when unchanged. Leaving the daily digest, the
 * notifications that were waiting for the next digest are e-mailed one by one now (no digest would
 * carry them any more).
 */
export async function setMyNotificationDelivery(context: RequestContext, delivery: NotificationDelivery, digestHour: number): Promise<NotificationPreferences> {
  const { db, actor, now } = context;
  await inTransaction(context, async (t) => {
    const { tx } = t;
    const row = await readDelivery(tx, actor.userId);
    if (!row) throw notFound('tài khoản');
    if (row.delivery === delivery) return;
    await writeDelivery(tx, actor.userId, delivery, now);
    await recordAudit(tx, actor, { entityType: 'user', entityId: actor.userId, action: 'set_notification_delivery', before: { notificationDelivery: row.delivery }, after: { notificationDelivery: delivery } });
    if (row.delivery === 'daily_digest') emailAfterCommit(t, await waitingForDigest(tx, actor.userId, new Date(now.getTime() - DIGEST_LOOKBACK_MS)));
  });
  return myNotificationPreferences(db, actor, digestHour);
}
