import type { Executor } from '../db/client';
import { appendAuditEvents } from './integrity/chain';
import type { Actor } from './actor';

export interface AuditChange {
  entityType: string;
  entityId: string;
  /** A verb such as `create`, `update`, `close`, `merge`, `login`. */
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Records changes in the audit trail. Call it with the transaction that makes the change, so the
 * change and its record commit or fail together. Writers of audit events take turns from here to
 * their commit (the chain's head is locked), so keep the work after the last recordAudit short.
 */
export async function recordAudit(tx: Executor, actor: Actor, ...changes: AuditChange[]): Promise<void> {
  if (changes.length === 0) return;
  // Chained (services/integrity): the event's hash covers the one before it.
  await appendAuditEvents(
    tx,
    changes.map((change) => ({
      actorUserId: actor.userId || null,
      actorUsername: actor.username,
      ip: actor.ip,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      before: change.before ?? null,
      after: change.after ?? null,
      reason: change.reason ?? null,
    })),
  );
}
