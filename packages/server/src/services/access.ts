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

/** Unit states in which the self-assessment is still the unit's own: not submitted yet, or returned to it. */
const UNSUBMITTED_STATES: ReadonlySet<string> = new Set(['draft', 'returned_for_revision']);

export const isUnsubmitted = (unitState: string) => UNSUBMITTED_STATES.has(unitState);

/**
 * Whether the actor sees only the status of a unit's self-assessment (no entries, points,
 * explanations nor evidence): anyone reading it only as an appraiser, while the unit has not
 * submitted. The unit itself, the administrator, the council and leadership read it as it is.
 */
export function seesStatusOnly(actor: Actor, unitId: string, unitState: string): boolean {
  if (!isUnsubmitted(unitState)) return false;
  if (actor.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer')) return false;
  return !(actor.unitId === unitId && actor.roles.some((r) => r === 'unit_officer' || r === 'unit_head'));
}
