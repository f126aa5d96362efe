/** Organisation units: who changes the tree, who sees a unit's people. */
import { isAdmin, isAnyAdmin, scopeHoldsUnit, scopeHoldsUnitBelow, type Actor } from '../actor';
import { forbidden } from '../errors';
import { isStaffOf } from './roles';

export interface UnitAbilities {
  edit: boolean;
  close: boolean;
  merge: boolean;
  split: boolean;
}

/**
 * Whether the actor changes this unit: the province's administrator any; an organisation's
 * administrator only the units below its scope unit. Its scope unit itself (its own department,
 * its identity and place in the tree) stays the province's to change.
 */
export const managesUnit = (actor: Actor, unitId: string): boolean =>
  isAnyAdmin(actor) && scopeHoldsUnitBelow(actor.scope, unitId);

/**
 * Whether the actor may hang units under `parentId` (a new unit, a move, a merge's or split's new
 * unit): the province's administrator anywhere (null: a top-level unit); an organisation's
 * administrator under its scope unit or a unit below it.
 */
export const mayPlaceUnder = (actor: Actor, parentId: string | null): boolean =>
  isAdmin(actor) || (isAnyAdmin(actor) && parentId !== null && scopeHoldsUnit(actor.scope, parentId));

const outsideScope = () => forbidden('Đơn vị này không thuộc phạm vi quản lý của bạn.');

export function assertManagesUnit(actor: Actor, unitId: string): void {
  if (!isAnyAdmin(actor)) throw forbidden('Chỉ quản trị viên được thay đổi cây đơn vị.');
  if (!managesUnit(actor, unitId)) throw outsideScope();
}

export function assertMayPlaceUnder(actor: Actor, parentId: string | null): void {
  if (!isAnyAdmin(actor)) throw forbidden('Chỉ quản trị viên được thay đổi cây đơn vị.');
  if (!mayPlaceUnder(actor, parentId)) throw forbidden('Bạn chỉ đặt được đơn vị dưới đơn vị mình quản lý.');
}

/** What the actor may do with the unit: administrators within their scope change the tree; ended units only get corrections. */
export function unitAbilities(actor: Actor, unit: { id: string; validTo: unknown }): UnitAbilities {
  const manages = managesUnit(actor, unit.id);
  const open = unit.validTo === null;
  return { edit: manages, close: manages && open, merge: manages && open, split: manages && open };
}

/** Who may see the people of a unit: an administrator whose scope holds it, and the unit's own officers and head. */
export const mayViewUnitMembers = (actor: Actor, unitId: string): boolean =>
  (isAnyAdmin(actor) && scopeHoldsUnit(actor.scope, unitId)) || isStaffOf(actor, unitId);

export function assertMayViewUnitMembers(actor: Actor, unitId: string): void {
  if (!mayViewUnitMembers(actor, unitId)) throw forbidden('Bạn chỉ xem được dữ liệu của đơn vị mình.');
}
