/**
 * Progress of a cycle (tiến độ) for the administrator's dashboard: per unit and per
 * appraising agency, how far along — filled, submitted, appraised, overdue — at `now`.
 */
import type { Framework } from '../framework/types.ts';
import { isBonusNode, walkNodes } from '../framework/tree.ts';
import type { Issue } from '../issues.ts';
import type { UnitProfile } from '../scoring/inputs.ts';
import { traceUnit } from '../scoring/score.ts';
import { type CycleCalendar, type Instant } from './calendar.ts';
import type { CriterionRecord, CriterionStatus } from './criterion.ts';
import { type CriterionRecords, leafAgencies } from './consolidate.ts';
import { isSelfAssessed } from './submission.ts';
import { type UnitFacts, type UnitState, unitEditDeadline } from './unit-states.ts';

const EDITABLE: readonly UnitState[] = ['draft', 'returned_for_revision'];
const UNDECIDED: readonly CriterionStatus[] = ['pending', 'explanation_requested', 'explained'];
const DECIDED: readonly CriterionStatus[] = ['appraised', 'council_proposed', 'council_approved'];
const APPRAISING: readonly UnitState[] = ['submitted', 'in_appraisal', 'explanation_requested', 'explained'];

function recordOf(records: CriterionRecords, key: string): CriterionRecord | undefined {
  return records instanceof Map ? records.get(key) : (records as Readonly<Record<string, CriterionRecord | undefined>>)[key];
}

function allRecords(records: CriterionRecords): CriterionRecord[] {
  return records instanceof Map ? [...records.values()]
    : Object.values(records as Readonly<Record<string, CriterionRecord | undefined>>).filter((r): r is CriterionRecord => r !== undefined);
}

/** Facts for the unit-level transitions, from the unit's criterion records. */
export function unitFacts(records: CriterionRecords, submissionIssues: readonly Issue[] = []): UnitFacts {
  let pendingDecisions = 0;
  let unansweredRequests = 0;
  let pendingProposals = 0;
  for (const r of allRecords(records)) {
    if (UNDECIDED.includes(r.status)) pendingDecisions++;
    if (r.status === 'explanation_requested') unansweredRequests++;
    if (r.status === 'council_proposed') pendingProposals++;
  }
  return {
    submissionErrors: submissionIssues.filter((i) => i.severity === 'error').length,
    pendingDecisions, unansweredRequests, pendingProposals,
  };
}

export interface ProgressUnit {
  readonly unitId: string;
  readonly profile: UnitProfile;
  readonly state: UnitState;
  readonly framework: Framework;
  readonly records: CriterionRecords;
  readonly revisionDeadline?: Instant;
}

export type OverdueKind = 'self_assessment' | 'explanation' | 'appraisal';

export interface UnitProgress {
  readonly unitId: string;
  readonly state: UnitState;
  /** Leaves the unit must fill: self-assessed, not bonus, applicable to its group and type. */
  readonly applicableLeaves: number;
  /** Of those, leaves with an entry (an input or a not-applicable claim). */
  readonly filledLeaves: number;
  readonly submitted: boolean;
  /** Leaves with an appraisal decision. */
  readonly appraisedLeaves: number;
  readonly openRequests: number;
  readonly deadline: Instant;
  readonly overdue: readonly OverdueKind[];
}

export interface AgencyProgress {
  readonly agency: string;
  /** Leaves of submitted units this agency appraises. */
  readonly assigned: number;
  readonly appraised: number;
  readonly pending: number;
  readonly openRequests: number;
  /** Undecided after the appraisal window closed. */
  readonly overdue: number;
  readonly units: number;
}

export interface CycleProgress {
  readonly units: readonly UnitProgress[];
  readonly agencies: readonly AgencyProgress[];
  readonly totals: {
    readonly units: number;
    readonly submitted: number;
    readonly appraised: number;
    readonly overdue: number;
    readonly filledLeaves: number;
    readonly applicableLeaves: number;
  };
}

const SUBMITTED_STATES: readonly UnitState[] = [
  'submitted', 'in_appraisal', 'explanation_requested', 'explained', 'appraised', 'council_reviewed', 'approved', 'published',
];
const APPRAISED_STATES: readonly UnitState[] = ['appraised', 'council_reviewed', 'approved', 'published'];

export interface ProgressOptions {
  readonly agencyOverrides?: Readonly<Record<string, string>>;
}

/** Progress of every unit and agency at `now`. */
export function cycleProgress(
  units: readonly ProgressUnit[],
  calendar: CycleCalendar,
  now: Instant,
  options: ProgressOptions = {},
): CycleProgress {
  const agencyStats = new Map<string, { assigned: number; appraised: number; pending: number; openRequests: number; overdue: number; units: Set<string> }>();
  const stat = (a: string) => {
    let s = agencyStats.get(a);
    if (!s) {
      s = { assigned: 0, appraised: 0, pending: 0, openRequests: 0, overdue: 0, units: new Set() };
      agencyStats.set(a, s);
    }
    return s;
  };
  const agencyCache = new Map<Framework, Map<string, string | undefined>>();
  const out: UnitProgress[] = [];

  for (const u of units) {
    let agencies = agencyCache.get(u.framework);
    if (!agencies) {
      agencies = leafAgencies(u.framework, options.agencyOverrides);
      agencyCache.set(u.framework, agencies);
    }
    // Applicability by group and type only: the unit's own claims count as filled.
    const base = traceUnit(u.framework, u.profile, {});
    const submitted = SUBMITTED_STATES.includes(u.state);
    let applicable = 0;
    let filled = 0;
    let appraised = 0;
    let openRequests = 0;
    let requestOverdue = false;
    for (const { node } of walkNodes(u.framework.nodes)) {
      if (node.children.length > 0) continue;
      const rec = recordOf(u.records, node.key);
      const ns = base.nodes.get(node.key);
      const counts = isSelfAssessed(node) && !isBonusNode(node) && ns !== undefined && ns.applicable;
      if (counts) {
        applicable++;
        if (rec?.self.input) filled++;
      }
      if (!rec) continue;
      if (DECIDED.includes(rec.status)) appraised++;
      const req = rec.requests[rec.requests.length - 1];
      if (rec.status === 'explanation_requested') {
        openRequests++;
        if (req && now > req.deadline) requestOverdue = true;
      }
      const agency = agencies.get(node.key);
      if (submitted && agency !== undefined && rec.status !== 'draft') {
        const s = stat(agency);
        s.assigned++;
        s.units.add(u.unitId);
        if (DECIDED.includes(rec.status)) s.appraised++;
        if (UNDECIDED.includes(rec.status)) {
          s.pending++;
          if (now > calendar.appraisal.closes) s.overdue++;
        }
        if (rec.status === 'explanation_requested') s.openRequests++;
      }
    }
    const deadline = unitEditDeadline({
      calendar, unitId: u.unitId, state: u.state,
      ...(u.revisionDeadline !== undefined ? { revisionDeadline: u.revisionDeadline } : {}),
    });
    const overdue: OverdueKind[] = [];
    if (EDITABLE.includes(u.state) && now > deadline) overdue.push('self_assessment');
    if (u.state === 'explanation_requested' && (requestOverdue || now > calendar.explanation.closes)) overdue.push('explanation');
    if (APPRAISING.includes(u.state) && now > calendar.appraisal.closes) overdue.push('appraisal');
    out.push({
      unitId: u.unitId, state: u.state, applicableLeaves: applicable, filledLeaves: filled, submitted,
      appraisedLeaves: appraised, openRequests, deadline, overdue,
    });
  }

  const agencies: AgencyProgress[] = [...agencyStats.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agency, s]) => ({
      agency, assigned: s.assigned, appraised: s.appraised, pending: s.pending, openRequests: s.openRequests,
      overdue: s.overdue, units: s.units.size,
    }));
  return {
    units: out,
    agencies,
    totals: {
      units: out.length,
      submitted: out.filter((u) => u.submitted).length,
      appraised: out.filter((u) => APPRAISED_STATES.includes(u.state)).length,
      overdue: out.filter((u) => u.overdue.length > 0).length,
      filledLeaves: out.reduce((n, u) => n + u.filledLeaves, 0),
      applicableLeaves: out.reduce((n, u) => n + u.applicableLeaves, 0),
    },
  };
}
