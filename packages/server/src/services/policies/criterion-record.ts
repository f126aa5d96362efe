/**
 * One criterion record of a unit: how the actor reads it, and the `may` flags of its view. The
 * flags are the core's `criterionActions` for this actor now; this file only names them.
 */
import { criterionActions, type CriterionActionOption, type CriterionCommandType } from '@chiso/core';
import type { Actor } from '../actor';
import { forbidden } from '../errors';
import type { CycleOwner } from './assessment';
import { isAppraiser, isStaffOf, readsEveryUnitOf } from './roles';

/**
 * Whether the actor reads a leaf as the assessed unit itself: an officer or head of the unit,
 * without a role that reads every appraisal of the cycle's owner (administrator, council, leader)
 * and without being an appraiser of the leaf's agency (`actorAgencies`: the agencies its unit acts
 * as). Such a reader sees the record through the core's `recordForUnit` (no appraisal in progress).
 */
export function readsAsAssessedUnit(
  actor: Actor,
  actorAgencies: readonly string[],
  leaf: { ownerUnitId: CycleOwner; unitId: string; agency: string | undefined },
): boolean {
  if (!isStaffOf(actor, leaf.unitId) || readsEveryUnitOf(actor, leaf.ownerUnitId)) return false;
  if (!isAppraiser(actor)) return true;
  return leaf.agency === undefined || !actorAgencies.includes(leaf.agency);
}

export interface CriterionAbilities {
  edit: boolean;
  answer: boolean;
  decide: boolean;
  request: boolean;
  propose: boolean;
  approve: boolean;
}

/** The view's `may` flags from the core's options (`criterionActions`) for this actor now. */
export function criterionAbilitiesFrom(options: readonly CriterionActionOption[]): CriterionAbilities {
  const allowed = new Set<CriterionCommandType>(options.filter((o) => o.allowed).map((o) => o.command));
  return {
    edit: allowed.has('save_self'),
    answer: allowed.has('answer'),
    decide: allowed.has('decide'),
    request: allowed.has('request_explanation'),
    propose: allowed.has('propose_final'),
    approve: allowed.has('approve_final'),
  };
}

/** `criterionAbilitiesFrom` asking the core. */
export const criterionAbilities = (...args: Parameters<typeof criterionActions>): CriterionAbilities => criterionAbilitiesFrom(criterionActions(...args));

/** Bulk appraisal commands (accept, confirm not applicable) are an appraiser's; the core then decides each item. */
export function assertAppraiserFor(actor: Actor, what: 'accept' | 'confirm_not_applicable'): void {
  if (isAppraiser(actor)) return;
  throw forbidden(
    what === 'accept' ? 'Chỉ cơ quan thẩm định được chấp nhận kết quả tự đánh giá.' : 'Chỉ cơ quan thẩm định được giao tiêu chí được xác nhận việc không áp dụng.',
  );
}
