import { describe, expect, it } from 'vitest';
import { type CriterionRecord, cycleProgress, newCriterionRecord, unitFacts, checkSubmission } from '../../src/index.ts';
import { T, calendar, fw } from './fixtures.ts';

const rec = (key: string, status: CriterionRecord['status'], extra: Partial<CriterionRecord> = {}): CriterionRecord => ({
  ...newCriterionRecord(key, { input: { kind: 'yes_no', value: true } }), status, ...extra,
});

describe('unit facts', () => {
  it('counts pending decisions, unanswered requests and open proposals', () => {
    const records = {
      c11: rec('c11', 'pending'),
      c12: rec('c12', 'explanation_requested'),
      c13: rec('c13', 'explained'),
      c21: rec('c21', 'appraised'),
      c22: rec('c22', 'council_proposed'),
    };
    expect(unitFacts(records, checkSubmission(fw, {}, {}))).toEqual({
      submissionErrors: 6, pendingDecisions: 3, unansweredRequests: 1, pendingProposals: 1,
    });
  });
});

describe('cycle progress', () => {
  const request = { kind: 'explanation' as const, message: 'm', deadline: T.appraisal + 86_400_000, requestedAt: T.appraisal };
  const units = [
    // u1: draft, 2 of 6 filled.
    { unitId: 'u1', profile: {}, state: 'draft' as const, framework: fw, records: { c11: rec('c11', 'draft'), c12: rec('c12', 'draft'), c13: newCriterionRecord('c13') } },
    // u2: draft too, but with an extension to 20/10.
    { unitId: 'u2', profile: {}, state: 'draft' as const, framework: fw, records: {} },
    // u3: in appraisal — SNV done, STP has one request open and one pending.
    {
      unitId: 'u3', profile: {}, state: 'explanation_requested' as const, framework: fw, records: new Map(Object.entries({
        c11: rec('c11', 'appraised'), c12: rec('c12', 'appraised'), c13: rec('c13', 'appraised'),
        c21: rec('c21', 'explanation_requested', { requests: [request] }), c22: rec('c22', 'pending'), c23: rec('c23', 'appraised'),
      })),
    },
  ];

  it('counts filled / applicable, submitted, appraised and overdue per unit', () => {
    const p = cycleProgress(units, calendar, T.extended);
    expect(p.units.map((u) => [u.unitId, u.filledLeaves, u.applicableLeaves, u.submitted, u.appraisedLeaves, u.openRequests, u.overdue])).toEqual([
      ['u1', 2, 6, false, 0, 0, ['self_assessment']],
      ['u2', 0, 6, false, 0, 0, []],
      ['u3', 6, 6, true, 4, 1, []],
    ]);
    expect(p.totals).toEqual({ units: 3, submitted: 1, appraised: 0, overdue: 1, filledLeaves: 8, applicableLeaves: 18 });
  });

  it('counts per appraising agency, and what is late', () => {
    const p = cycleProgress(units, calendar, T.afterAppraisal);
    expect(p.agencies).toEqual([
      { agency: 'SNV', assigned: 3, appraised: 3, pending: 0, openRequests: 0, overdue: 0, units: 1 },
      { agency: 'STP', assigned: 3, appraised: 1, pending: 2, openRequests: 1, overdue: 2, units: 1 },
    ]);
    expect(p.units[2]!.overdue).toEqual(['explanation', 'appraisal']);
    expect(p.units[1]!.overdue).toEqual(['self_assessment']);
  });

  it('does not count criteria excluded for the unit group', () => {
    const grouped = { ...fw, nodes: [fw.nodes[0]!, { ...fw.nodes[1]!, applicability: { unitGroups: ['district'], mayDeclareNotApplicable: false } }] };
    const p = cycleProgress([{ unitId: 'x', profile: { group: 'commune' }, state: 'draft', framework: grouped, records: {} }], calendar, T.self);
    expect(p.units[0]!.applicableLeaves).toBe(3);
  });
});
