/**
 * Published results. The public pages (`/cong-khai`) show the published snapshots to anyone; the
 * trace of a published figure (entries, decisions, evidence) is for those who read all of the unit.
 */
import type { Actor } from '../actor';
import { forbidden } from '../errors';
import { readsAllOfUnit } from './evidence';

export const mayReadPublishedTrace = (actor: Actor, unitId: string): boolean => readsAllOfUnit(actor, unitId);

export function assertMayReadPublishedTrace(actor: Actor, unitId: string): void {
  if (!mayReadPublishedTrace(actor, unitId)) throw forbidden('Chi tiết điểm công bố chỉ quản trị viên, Hội đồng thẩm định, lãnh đạo và chính đơn vị mới xem được.');
}
