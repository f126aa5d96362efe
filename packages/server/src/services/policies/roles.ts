/**
 * The role groups every policy shares. Each entity's rules are in this folder, one file per entity
 * (cycle, unit, account, assessment, criterion-record, evidence, framework, council, results, audit,
 * notifications): pure functions of the actor and the entity's facts, which also produce the `may…`
 * flags sent to the web app. The workflow (who may submit, decide, propose…) is the core's
 * (`packages/core/src/workflow`); a policy asks it, never repeats it.
 */
import { administers, hasRole, isAdmin, scopeCovers, type Actor } from '../actor';
import { forbidden } from '../errors';

/** Roles that read every unit's assessment, evidence and published trace: the administrator, the council, leadership. */
export const READS_EVERY_UNIT = ['admin', 'council_member', 'leader_viewer'] as const;

/** Roles scoped to their own unit: its officers and its head. */
export const UNIT_STAFF = ['unit_officer', 'unit_head'] as const;

/** Whether the actor reads every unit of every level: those roles, at the province's scope. */
export const readsEveryUnit = (actor: Actor): boolean => actor.scope.kind === 'province' && READS_EVERY_UNIT.some((r) => hasRole(actor, r));

/**
 * Whether the actor reads every unit of what `ownerUnitId` owns (a cycle and its assessments,
 * evidence, traces): those roles, with a scope that covers the owner (see actor.ts `RoleScope`).
 */
export const readsEveryUnitOf = (actor: Actor, ownerUnitId: string | null): boolean =>
  READS_EVERY_UNIT.some((r) => hasRole(actor, r)) && scopeCovers(actor.scope, ownerUnitId);

/** Whether the actor is an officer or the head (of any unit). */
export const isUnitStaff = (actor: Actor): boolean => UNIT_STAFF.some((r) => hasRole(actor, r));

/** Whether the actor is an officer or the head of this unit. */
export const isStaffOf = (actor: Actor, unitId: string): boolean => actor.unitId !== '' && actor.unitId === unitId && isUnitStaff(actor);

/** Whether the actor acts for an appraising agency (through its unit). */
export const isAppraiser = (actor: Actor): boolean => hasRole(actor, 'appraiser') && actor.unitId !== '';

/** Only the province's administrator (Sở Nội vụ) does the province-wide set-up. */
export function assertAdministrator(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Chỉ quản trị viên (Sở Nội vụ) được thực hiện thao tác này.');
}

/** Only an administrator whose scope covers the owner sets up what it owns (its cycles, frameworks, group sets). */
export function assertAdministers(actor: Actor, ownerUnitId: string | null): void {
  if (!administers(actor, ownerUnitId)) throw forbidden('Chỉ quản trị viên của đơn vị tổ chức đánh giá được thực hiện thao tác này.');
}

/**
 * Where an actor's own work lies, as the inputs of the set-based SQL filters (which cycles, which
 * assessments it lists): its unit as an assessed unit (for its officers and head) and as an
 * appraising agency (for an appraiser); either may be null.
 */
export interface WorkUnits {
  ownUnitId: string | null;
  agencyUnitId: string | null;
}

export const workUnits = (actor: Actor): WorkUnits => ({
  ownUnitId: actor.unitId && isUnitStaff(actor) ? actor.unitId : null,
  agencyUnitId: isAppraiser(actor) ? actor.unitId : null,
});
