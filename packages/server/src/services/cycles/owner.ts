/**
 * The organising unit that owns a cycle (issue 10): who it is when a cycle is created, and the
 * reach of its choices — participants are units under the owner, appraising agencies the owner or
 * units under it, the council chair a user of the owner's subtree, framework versions the owner's or
 * the province's. The province (owner null) chooses anyone.
 */
import type { CycleOwner } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { findCycle } from '../../db/repositories/cycle-repository';
import { findSubtreeIds, findUnitById, findUnitRefsByIds } from '../../db/repositories/unit-repository';
import type { Actor } from '../actor';
import { roleScopeOf, scopeCovers } from '../actor';
import { AppError, forbidden, msg, notFound } from '../errors';
import { sitsOnCouncilOf } from '../policies/council';
import { assertAdministersCycle, assertSomeAdministrator } from '../policies/cycle';

/** How the province's own cycles are named (the owner null). */
export const PROVINCE_OWNER_LABEL = 'Cấp tỉnh (Sở Nội vụ)';

export const ownerLabel = (owner: CycleOwner | null | undefined): string => (owner ? owner.name : PROVINCE_OWNER_LABEL);

/** An administrator's action on the cycle `cycleId` (e.g. before an upload is read): 403 unless the actor administers its owner. */
export async function assertAdministersCycleId(db: Executor, actor: Actor, cycleId: string): Promise<void> {
  assertSomeAdministrator(actor);
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  assertAdministersCycle(actor, cycle);
}

/** Owners' code and name for cycle views (null for the province's own). */
export async function ownersOf(db: Executor, ownerUnitIds: readonly (string | null)[]): Promise<(id: string | null) => CycleOwner | null> {
  const briefs = await findUnitRefsByIds(db, ownerUnitIds);
  return (id) => (id === null ? null : (briefs.get(id) ?? { id, code: '', name: id }));
}

/**
 * The owner of a new cycle: the one named (null: the province), else the actor's scope unit (the
 * province for the province's administrator). A scoped administrator names only units of its scope.
 */
export async function ownerOfNewCycle(db: Executor, actor: Actor, requested: string | null | undefined): Promise<string | null> {
  const owner = requested === undefined ? (actor.scope.kind === 'unit' ? actor.scope.unitId : null) : requested;
  if (!scopeCovers(actor.scope, owner)) throw forbidden(msg('access.cycleOwnerOutOfScope'));
  if (owner !== null && !(await findUnitById(db, owner))) {
    throw new AppError('VALIDATION_FAILED', 'Không có đơn vị tổ chức này.', [{ path: 'ownerUnitId', message: 'Không có đơn vị này' }]);
  }
  return owner;
}

/** What a cycle's owner may choose from: `units` null for the province's (every unit). */
export interface OwnerReach {
  ownerUnitId: string | null;
  label: string;
  units: ReadonlySet<string> | null;
}

export async function ownerReach(db: Executor, ownerUnitId: string | null): Promise<OwnerReach> {
  if (ownerUnitId === null) return { ownerUnitId, label: PROVINCE_OWNER_LABEL, units: null };
  const owner = (await ownersOf(db, [ownerUnitId]))(ownerUnitId);
  return { ownerUnitId, label: ownerLabel(owner), units: new Set(await findSubtreeIds(db, ownerUnitId)) };
}

/** A participant: a unit under the owner (the owner itself assesses nobody's index but its units'). */
export const reachesParticipant = (reach: OwnerReach, unitId: string): boolean =>
  reach.units === null || (unitId !== reach.ownerUnitId && reach.units.has(unitId));

/** An appraising agency, or the council chair's unit: the owner itself or a unit under it. */
export const reachesMember = (reach: OwnerReach, unitId: string): boolean => reach.units === null || reach.units.has(unitId);

const outside = (path: string, message: ReturnType<typeof msg>) => new AppError('VALIDATION_FAILED', message, [{ path, ...msg('validation.notUnderOwner') }]);

export function assertParticipantReach(reach: OwnerReach, unit: { id: string; code: string; name: string }, path: string): void {
  if (!reachesParticipant(reach, unit.id)) throw outside(path, msg('validation.cycleUnitOutsideOwner', { unit: `${unit.code} (${unit.name})`, owner: reach.label }));
}

export function assertAgencyReach(reach: OwnerReach, unit: { id: string; code: string; name: string }, path: string): void {
  if (!reachesMember(reach, unit.id)) throw outside(path, msg('validation.cycleAgencyOutsideOwner', { unit: `${unit.code} (${unit.name})`, owner: reach.label }));
}

/**
 * The council chair: a user of the owner's subtree whose council role sits on the owner's council
 * (`sitsOnCouncilOf`: for the province's cycle the province's scope; for an owned cycle a unit scope
 * covering the owner), so that it may approve there. The caller checks the role itself.
 */
export async function assertChairReach(db: Executor, reach: OwnerReach, chair: { unitId: string | null; scopeUnitId: string | null }, path: string): Promise<void> {
  if (!(reach.units === null || (chair.unitId !== null && reach.units.has(chair.unitId)))) throw outside(path, msg('validation.cycleChairOutsideOwner', { owner: reach.label }));
  const scope = roleScopeOf(chair.scopeUnitId === null ? null : { unitId: chair.scopeUnitId, unitIds: await findSubtreeIds(db, chair.scopeUnitId) });
  if (!sitsOnCouncilOf(scope, reach.ownerUnitId)) throw outside(path, msg('validation.cycleChairCouncilScope', { owner: reach.label }));
}

/** The cycle's group set: the owner's own, or the province's (owner null). */
export function assertGroupSetReach(reach: OwnerReach, groupSet: { name: string; ownerUnitId: string | null }, path: string): void {
  if (groupSet.ownerUnitId !== null && groupSet.ownerUnitId !== reach.ownerUnitId) {
    throw outside(path, msg('validation.cycleGroupSetOfOtherOwner', { groupSet: groupSet.name, owner: reach.label }));
  }
}

/** A framework attached to the cycle: the owner's own, or the province's template (owner null). */
export function assertFrameworkReach(reach: OwnerReach, framework: { name: string; ownerUnitId: string | null }, path: string): void {
  if (framework.ownerUnitId !== null && framework.ownerUnitId !== reach.ownerUnitId) {
    throw outside(path, msg('validation.cycleFrameworkOfOtherOwner', { framework: framework.name, owner: reach.label }));
  }
}
