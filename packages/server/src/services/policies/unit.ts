/** Organisation units: who changes the tree, who sees a unit's people. */
import { isAdmin, type Actor } from '../actor';
import { forbidden } from '../errors';
import { isStaffOf } from './roles';

export interface UnitAbilities {
  edit: boolean;
  close: boolean;
  merge: boolean;
  split: boolean;
}

/** What the actor may do with the unit: only the administrator changes the tree; ended units only get corrections. */
export function unitAbilities(actor: Actor, unit: { validTo: unknown }): UnitAbilities {
  const admin = isAdmin(actor);
  const open = unit.validTo === null;
  return { edit: admin, close: admin && open, merge: admin && open, split: admin && open };
}

/** Who may see the people of a unit: the administrator, and the unit's own officers and head. */
export const mayViewUnitMembers = (actor: Actor, unitId: string): boolean => isAdmin(actor) || isStaffOf(actor, unitId);

export function assertMayViewUnitMembers(actor: Actor, unitId: string): void {
  if (!mayViewUnitMembers(actor, unitId)) throw forbidden('Bạn chỉ xem được dữ liệu của đơn vị mình.');
}
