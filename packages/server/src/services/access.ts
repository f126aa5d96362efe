import { isAdmin, type Actor } from './actor';
import { forbidden } from './errors';

/**
 * Access rules for the organisation and accounts area. Set-based checks over many records live
 * next to the queries that need them; these are the per-unit rules every module shares.
 */

/** Only the administrator (Sở Nội vụ) changes the organisation tree and accounts. */
export function assertAdministrator(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Chỉ quản trị viên (Sở Nội vụ) được thực hiện thao tác này.');
}

/** Who may see the people of a unit: the administrator, and the unit's own officers and head. */
export function mayViewUnitMembers(actor: Actor, unitId: string): boolean {
  return isAdmin(actor) || (actor.unitId === unitId && (actor.roles.includes('unit_head') || actor.roles.includes('unit_officer')));
}

export function assertMayViewUnitMembers(actor: Actor, unitId: string): void {
  if (!mayViewUnitMembers(actor, unitId)) throw forbidden('Bạn chỉ xem được dữ liệu của đơn vị mình.');
}
