/**
 * What the assessed unit sees of the appraisal of its own criteria, and when.
 *
 * Decision (issue 7, blocker 5): the appraisal is the appraising agencies' work in progress until
 * it is completed for the unit. Before that, the unit sees its own entries and the requests for
 * explanation or evidence (which it must answer), never an appraiser's decision nor a council's
 * proposal. From the state "appraised" on (appraised, council_reviewed, approved, published) it
 * sees every appraised value with its reason; the council's value only once the chair has
 * approved it (a proposal is not a decision yet).
 */
import type { CriterionRecord, CriterionStatus } from './criterion.ts';
import type { UnitState } from './unit-states.ts';

/** Unit states in which the appraisal is complete for the unit. */
export const OUTCOME_VISIBLE_STATES: readonly UnitState[] = ['appraised', 'council_reviewed', 'approved', 'published'];

/** True once the unit may see its appraised results. */
export function outcomeVisibleToUnit(state: UnitState): boolean {
  return OUTCOME_VISIBLE_STATES.includes(state);
}

const DECIDED: readonly CriterionStatus[] = ['appraised', 'council_proposed', 'council_approved'];

/**
 * A criterion record as its own unit may see it in the unit's `state`: before the appraisal is
 * complete, without the decision, the council's proposal and the chair's rejection (a decided
 * criterion shows as still awaiting appraisal); after, without unapproved council proposals.
 */
export function recordForUnit(record: CriterionRecord, state: UnitState): CriterionRecord {
  const { appraisal, council, rejectedProposal, ...rest } = record;
  void rejectedProposal;
  if (!outcomeVisibleToUnit(state)) {
    return DECIDED.includes(rest.status) ? { ...rest, status: 'pending' } : rest;
  }
  const approved = council?.approved ? { council } : {};
  const status: CriterionStatus = rest.status === 'council_proposed' ? 'appraised' : rest.status;
  return { ...rest, status, ...(appraisal ? { appraisal } : {}), ...approved };
}
