/**
 * Target plans (issue 12 §3) have an owner: the organising unit whose resolution it is (null: the
 * province's). Its administrator creates and changes the plan, its targets and their values; the
 * administrator, council and leaders whose scope covers the owner read every target; a unit's staff
 * read only the targets their unit is responsible for.
 */
import { administers, type Actor } from '../actor';
import { forbidden } from '../errors';
import { isStaffOf, readsEveryUnitOf } from './roles';

/** Whether the actor reads every target of a plan of `ownerUnitId`. */
export const readsAllTargets = (actor: Actor, ownerUnitId: string | null): boolean => administers(actor, ownerUnitId) || readsEveryUnitOf(actor, ownerUnitId);

/** Whether the actor reads this target (all of the plan's, or its unit's own). */
export const readsTarget = (actor: Actor, ownerUnitId: string | null, target: { responsibleUnitId: string | null }): boolean =>
  readsAllTargets(actor, ownerUnitId) || (target.responsibleUnitId !== null && isStaffOf(actor, target.responsibleUnitId));

export function assertManagesTargets(actor: Actor, ownerUnitId: string | null): void {
  if (!administers(actor, ownerUnitId)) throw forbidden('Chỉ quản trị viên của đơn vị ban hành kế hoạch được thay đổi chỉ tiêu và số liệu.');
}

/** A plan's `may` flags. */
export const targetPlanAbilities = (actor: Actor, plan: { ownerUnitId: string | null }): { edit: boolean } => ({ edit: administers(actor, plan.ownerUnitId) });
