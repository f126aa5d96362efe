/** Evaluation cycles: who sees which cycle, and what the administrator may still change in it. */
import { cycleRefusal, type CycleStatus, type UnitState } from '@chiso/core';
import { isAdmin, type Actor } from '../actor';
import { forbidden } from '../errors';
import { readsEveryUnit, workUnits, type WorkUnits } from './roles';

/**
 * The cycles an actor may see, as the inputs of the SQL filter: `all` for the administrator, the
 * council and leadership; otherwise those its unit takes part in (`ownUnitId`, for its officers
 * and head) and those in which its unit acts as an appraising agency (`agencyUnitId`, for an
 * appraiser). Both null: none.
 */
export const cycleScope = (actor: Actor): 'all' | WorkUnits => (readsEveryUnit(actor) ? 'all' : workUnits(actor));

/**
 * A cycle's `may` flags: the administrator configures and opens it while the core's cycle
 * lifecycle (`cycleRefusal`) allows it.
 */
export function cycleAbilities(actor: Actor, cycle: { status: string }): { edit: boolean; open: boolean } {
  const admin = isAdmin(actor);
  const status = cycle.status as CycleStatus;
  return { edit: admin && !cycleRefusal(status, 'configure'), open: admin && !cycleRefusal(status, 'open') };
}

/**
 * Closing and reopening, for the full cycle view: the administrator closes an open cycle once the
 * core allows it (every participant published) and is told why not otherwise; reopens a closed one.
 */
export function cycleClosing(actor: Actor, status: string, unitStates: readonly UnitState[]): { close: boolean; reopen: boolean; closeRefusal: string | null } {
  if (!isAdmin(actor)) return { close: false, reopen: false, closeRefusal: null };
  const s = status as CycleStatus;
  const refused = s === 'open' ? cycleRefusal(s, 'close', unitStates) : null;
  return { close: s === 'open' && !refused, reopen: !cycleRefusal(s, 'reopen'), closeRefusal: refused?.message ?? null };
}

/** The progress table's unit actions (submit on behalf, mark not submitted, return) are offered to the administrator only; the core then decides each. */
export const seesProgressActions = (actor: Actor): boolean => isAdmin(actor);

export const CYCLE_NOT_JOINED = 'Đơn vị của bạn không tham gia kỳ đánh giá này.';

/** The progress table of a cycle (every unit's state) is read by the administrator, the council and leadership. */
export const mayReadProgress = (actor: Actor): boolean => readsEveryUnit(actor);

export function assertMayReadProgress(actor: Actor): void {
  if (!mayReadProgress(actor)) throw forbidden('Chỉ quản trị viên, Hội đồng thẩm định và lãnh đạo xem được tiến độ.');
}
