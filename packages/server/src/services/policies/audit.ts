/** The audit trail (Nhật ký): the administrator reads all of it; a published figure's own trail is results.ts. */
import type { Actor } from '../actor';
import { forbidden } from '../errors';

export const mayReadAuditTrail = (actor: Pick<Actor, 'roles'>): boolean => actor.roles.includes('admin');

export function assertMayReadAuditTrail(actor: Actor): void {
  if (!mayReadAuditTrail(actor)) throw forbidden();
}
