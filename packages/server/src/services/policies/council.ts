/** The council's consolidated table: who reads it. Who proposes and approves is the core's (`criterionActions`). */
import type { Actor, RoleScope } from '../actor';
import { forbidden } from '../errors';
import type { CycleOwner } from './assessment';
import type { CriterionAbilities } from './criterion-record';
import { readsEveryUnitOf } from './roles';

/** The council, the administrator and leadership whose scope covers the cycle's owner. */
export const mayReadCouncilTable = (actor: Actor, ownerUnitId: CycleOwner): boolean => readsEveryUnitOf(actor, ownerUnitId);

export function assertMayReadCouncil(actor: Actor, ownerUnitId: CycleOwner): void {
  if (!mayReadCouncilTable(actor, ownerUnitId)) {
    throw forbidden('Chỉ Hội đồng thẩm định, quản trị viên và lãnh đạo của đơn vị tổ chức kỳ đánh giá (hoặc của tỉnh) được xem bảng tổng hợp.');
  }
}

/**
 * Whether a council member with this scope sits on the council of what `ownerUnitId` owns: the
 * province's council on the province's cycles; an organising unit's council (a unit scope covering
 * the owner) on that owner's. The province's council reads a lower level's cycles
 * (`mayReadCouncilTable`) but neither proposes nor approves in them.
 */
export const sitsOnCouncilOf = (scope: RoleScope, ownerUnitId: string | null): boolean =>
  ownerUnitId === null ? scope.kind === 'province' : scope.kind === 'unit' && scope.unitIds.has(ownerUnitId);

/** A council table cell's `may` flags: the propose/approve part of the criterion's (the core's `criterionActions`). */
export const councilAbilities = (may: Pick<CriterionAbilities, 'propose' | 'approve'>): { propose: boolean; approve: boolean } => ({ propose: may.propose, approve: may.approve });
