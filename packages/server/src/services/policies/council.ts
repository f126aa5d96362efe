/** The council's consolidated table: who reads it. Who proposes and approves is the core's (`criterionActions`). */
import type { Actor } from '../actor';
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

/** A council table cell's `may` flags: the propose/approve part of the criterion's (the core's `criterionActions`). */
export const councilAbilities = (may: Pick<CriterionAbilities, 'propose' | 'approve'>): { propose: boolean; approve: boolean } => ({ propose: may.propose, approve: may.approve });
