import type { Executor } from '../db/client';
import { insertAuditEvents } from '../db/repositories/audit-repository';
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
 * change and its record commit or fail together. The database appends the events to the audit
 * hash chain when the transaction commits (services/integrity/chain.ts).
 */
export async function recordAudit(tx: Executor, actor: Actor, ...changes: AuditChange[]): Promise<void> {
  await insertAuditEvents(
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
