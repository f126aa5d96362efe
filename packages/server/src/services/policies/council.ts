/** The council's consolidated table: who reads it. Who proposes and approves is the core's (`criterionActions`). */
import type { Actor } from '../actor';
import { forbidden } from '../errors';
import type { CriterionAbilities } from './criterion-record';
import { readsEveryUnit } from './roles';

export const mayReadCouncilTable = (actor: Actor): boolean => readsEveryUnit(actor);

export function assertMayReadCouncil(actor: Actor): void {
  if (!mayReadCouncilTable(actor)) throw forbidden('Chỉ Hội đồng thẩm định, quản trị (Sở Nội vụ) và lãnh đạo được xem bảng tổng hợp.');
}

/** A council table cell's `may` flags: the propose/approve part of the criterion's (the core's `criterionActions`). */
export const councilAbilities = (may: Pick<CriterionAbilities, 'propose' | 'approve'>): { propose: boolean; approve: boolean } => ({ propose: may.propose, approve: may.approve });
