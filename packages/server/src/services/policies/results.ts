/**
 * Published results. The public pages (`/cong-khai`) show the published snapshots to anyone; the
 * trace of a published figure (entries, decisions, evidence) is for the unit itself and for the
 * administrator, council and leadership whose scope covers the cycle's owner.
 */
import type { Actor } from '../actor';
import { forbidden } from '../errors';
import type { CycleOwner } from './assessment';
import { isStaffOf, readsEveryUnitOf } from './roles';

export const mayReadPublishedTrace = (actor: Actor, ownerUnitId: CycleOwner, unitId: string): boolean =>
  readsEveryUnitOf(actor, ownerUnitId) || isStaffOf(actor, unitId);

export function assertMayReadPublishedTrace(actor: Actor, ownerUnitId: CycleOwner, unitId: string): void {
  if (!mayReadPublishedTrace(actor, ownerUnitId, unitId)) {
    throw forbidden('Chi tiết điểm công bố chỉ quản trị viên, Hội đồng thẩm định, lãnh đạo của đơn vị tổ chức kỳ đánh giá (hoặc của tỉnh) và chính đơn vị mới xem được.');
  }
}
