/**
 * The audit trail (Nhật ký): the province's administrator reads all of it, every level. An
 * organising unit's administrator does not read it (the trail is one for the whole database and
 * names every level's people and units; filtering it by owner is not done); it sees its own cycles'
 * decisions through each published figure's trace (results.ts).
 */
import { hasRole, isAdmin, type Actor } from '../actor';
import { forbidden } from '../errors';

export const mayReadAuditTrail = (actor: Actor): boolean => isAdmin(actor);

export function assertMayReadAuditTrail(actor: Actor): void {
  if (mayReadAuditTrail(actor)) return;
  if (hasRole(actor, 'admin')) throw forbidden('Nhật ký thay đổi của toàn hệ thống chỉ quản trị viên cấp tỉnh (Sở Nội vụ) xem được.');
  throw forbidden();
}
