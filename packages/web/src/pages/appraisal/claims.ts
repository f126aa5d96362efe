/** Not-applicable claims (khai báo "không áp dụng") in the appraisal matrix: pure helpers. */
import type { AppraisalMatrix, AppraisalPending } from '../../api/appraisal';
import type { CriterionView } from '../../api/cycles';

/** Criterion states in which the appraiser may decide now (the same as bulk accept's). */
export const DECIDABLE: ReadonlySet<string> = new Set(['pending', 'explained']);

/** The unit's reason when it declared the criterion not applicable, else null. */
export function claimReason(view: Pick<CriterionView, 'self'> | undefined): string | null {
  const input = view?.self.input;
  return input?.kind === 'not_applicable' ? String(input.reason ?? '') : null;
}

export type ClaimState = 'pending' | 'confirmed' | 'refused';

/** Where a claim stands: waiting for the appraiser, confirmed or refused; null without a claim. */
export function claimState(view: CriterionView | undefined): ClaimState | null {
  if (!view || claimReason(view) === null) return null;
  if (view.appraisal?.kind === 'confirm_not_applicable') return 'confirmed';
  if (view.appraisal?.kind === 'reject_not_applicable') return 'refused';
  return view.status === 'draft' ? null : 'pending';
}

export interface PendingClaim {
  unit: AppraisalMatrix['units'][number];
  version: number;
  reason: string;
}

/**
 * The claims on one criterion the appraiser may confirm now, across every unit (not only the page
 * shown), in unit order: from the server's pending list (`GET …/appraisal/pending`).
 */
export function pendingClaims(p: AppraisalPending | undefined, nodeKey: string): PendingClaim[] {
  if (!p) return [];
  const units = new Map(p.units.map((u) => [u.unitId, u]));
  return p.claims.flatMap((c) => {
    const unit = units.get(c.unitId);
    return c.nodeKey === nodeKey && unit ? [{ unit, version: c.version, reason: c.reason }] : [];
  });
}

/** What the appraisal drawer offers: decisions on a self-score or on a not-applicable claim, and the request. */
export type DrawerMode = 'accept' | 'adjust' | 'confirmNa' | 'refuseNa' | 'request';

/**
 * The drawer's choices for a cell, in order: the decisions when the appraiser may decide now (the
 * appraisal window), the request when it may ask (the explanation window: the two windows differ).
 * The first is the one selected when the drawer opens; none: nothing to do.
 */
export function drawerModes(claimed: boolean, may: { decide: boolean; request: boolean }): DrawerMode[] {
  const decisions: DrawerMode[] = claimed ? ['confirmNa', 'refuseNa'] : ['accept', 'adjust'];
  return [...(may.decide ? decisions : []), ...(may.request ? (['request'] as const) : [])];
}
