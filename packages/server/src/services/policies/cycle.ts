/** Evaluation cycles: who sees which cycle, and what its owner's administrator may still change in it. */
import { cycleRefusal, type CycleStatus, type UnitState } from '@chiso/core';
import { administers, hasRole, isAnyAdmin, type Actor } from '../actor';
import { forbidden } from '../errors';
import { assertAdministers, READS_EVERY_UNIT, readsEveryUnit, readsEveryUnitOf, workUnits, type WorkUnits } from './roles';

/** What a policy needs of a cycle: its status and its owner (the organising unit; null: the province's). */
export interface CycleFacts {
  status: string;
  ownerUnitId: string | null;
  /** 'imported': earlier years' results imported from a file, read-only. */
  origin?: string;
}

export const IMPORTED_CYCLE_READ_ONLY = 'Kỳ này chứa kết quả đã công bố của năm trước, nhập từ tệp: chỉ để xem. Muốn sửa, hãy nhập lại tệp (điều chỉnh, có lý do).';

/**
 * The cycles an actor may see, as the inputs of the SQL filter: `all` for the province's
 * administrator, council and leadership; otherwise the cycles owned by a unit of its scope
 * (`ownerUnitIds`: for an administrator, council member or leader of an organising unit), those its
 * unit takes part in (`ownUnitId`, for its officers and head) and those in which its unit acts as an
 * appraising agency (`agencyUnitId`, for an appraiser). All empty: none.
 */
export type CycleScope = 'all' | (WorkUnits & { ownerUnitIds: readonly string[] });

export function cycleScope(actor: Actor): CycleScope {
  if (readsEveryUnit(actor)) return 'all';
  const scoped = actor.scope.kind === 'unit' && READS_EVERY_UNIT.some((r) => hasRole(actor, r));
  return { ...workUnits(actor), ownerUnitIds: scoped && actor.scope.kind === 'unit' ? [...actor.scope.unitIds] : [] };
}

/** Whether the actor administers the cycle (its owner is within the administrator's scope). */
export const administersCycle = (actor: Actor, cycle: Pick<CycleFacts, 'ownerUnitId'>): boolean => administers(actor, cycle.ownerUnitId);

/**
 * Before the cycle is read: only an administrator (of some level) may try an administrator's action;
 * anyone else is refused as before, whatever the cycle.
 */
export function assertSomeAdministrator(actor: Actor): void {
  if (!isAnyAdmin(actor)) throw forbidden('Chỉ quản trị viên (Sở Nội vụ) được thực hiện thao tác này.');
}

/** An administrator's action on a cycle: only the administrators whose scope covers its owner. */
export function assertAdministersCycle(actor: Actor, cycle: Pick<CycleFacts, 'ownerUnitId'>): void {
  assertSomeAdministrator(actor);
  assertAdministers(actor, cycle.ownerUnitId);
}

/**
 * A cycle's `may` flags: its owner's administrator configures and opens it while the core's cycle
 * lifecycle (`cycleRefusal`) allows it.
 */
export function cycleAbilities(actor: Actor, cycle: CycleFacts): { edit: boolean; open: boolean } {
  const admin = administersCycle(actor, cycle);
  const status = cycle.status as CycleStatus;
  return { edit: admin && !cycleRefusal(status, 'configure'), open: admin && !cycleRefusal(status, 'open') };
}

/**
 * Closing and reopening, for the full cycle view: the owner's administrator closes an open cycle
 * once the core allows it (every participant published) and is told why not otherwise; reopens a closed one.
 */
export function cycleClosing(actor: Actor, cycle: CycleFacts, unitStates: readonly UnitState[]): { close: boolean; reopen: boolean; closeRefusal: string | null } {
  if (!administersCycle(actor, cycle) || cycle.origin === 'imported') return { close: false, reopen: false, closeRefusal: null };
  const s = cycle.status as CycleStatus;
  const refused = s === 'open' ? cycleRefusal(s, 'close', unitStates) : null;
  return { close: s === 'open' && !refused, reopen: !cycleRefusal(s, 'reopen'), closeRefusal: refused?.message ?? null };
}

/** The progress table's unit actions (submit on behalf, mark not submitted, return) are offered to the cycle's administrators only; the core then decides each. */
export const seesProgressActions = (actor: Actor, cycle: Pick<CycleFacts, 'ownerUnitId'>): boolean => administersCycle(actor, cycle);

export const CYCLE_NOT_JOINED = 'Đơn vị của bạn không tham gia kỳ đánh giá này.';

/** Refusal of a cycle the actor does not see: another owner's, for an organising unit's administrator, council or leader. */
export const CYCLE_OF_OTHER_OWNER = 'Kỳ đánh giá này do đơn vị khác tổ chức, không thuộc phạm vi của bạn.';

/** The message for a cycle the actor may not see. */
export const cycleHiddenMessage = (actor: Actor): string =>
  actor.scope.kind === 'unit' && READS_EVERY_UNIT.some((r) => hasRole(actor, r)) ? CYCLE_OF_OTHER_OWNER : CYCLE_NOT_JOINED;

/** The progress table of a cycle (every unit's state) is read by the administrator, the council and leadership of its owner's scope. */
export const mayReadProgress = (actor: Actor, cycle: Pick<CycleFacts, 'ownerUnitId'>): boolean => readsEveryUnitOf(actor, cycle.ownerUnitId);

export function assertMayReadProgress(actor: Actor, cycle: Pick<CycleFacts, 'ownerUnitId'>): void {
  if (!mayReadProgress(actor, cycle)) throw forbidden('Chỉ quản trị viên, Hội đồng thẩm định và lãnh đạo xem được tiến độ.');
}
