// The appraisal grid finds the not-applicable claims waiting for the appraiser (issue 7, blocker 2).
import { describe, expect, it } from 'vitest';
import type { AppraisalPending } from '../src/api/appraisal';
import type { CriterionView } from '../src/api/cycles';
import { claimReason, claimState, drawerModes, pendingClaims } from '../src/pages/appraisal/claims';

const may = { edit: false, answer: false, decide: true, request: true, propose: false, approve: false };
const view = (input: CriterionView['self']['input'], status: CriterionView['status'] = 'pending', appraisal?: NonNullable<CriterionView['appraisal']>['kind'], decide = true): CriterionView => ({
  id: 'x', nodeKey: 'k', status, version: 3, requests: [], ownAgencyUnit: false, may: { ...may, decide },
  self: { input, points: '0', explanation: null, evidence: [] },
  ...(appraisal ? { appraisal: { kind: appraisal, value: { notApplicable: false, points: 0 }, points: '0', reason: null, agency: 'VP', decidedAt: '2025-12-01T00:00:00Z' } } : {}),
});
const na = { kind: 'not_applicable', reason: 'Không có TTHC' } as const;

describe('not-applicable claims in the grid', () => {
  it('tells a claim from an ordinary entry, and where it stands', () => {
    expect(claimReason(view(na))).toBe('Không có TTHC');
    expect(claimReason(view({ kind: 'yes_no', value: true }))).toBeNull();
    expect(claimState(view(na))).toBe('pending');
    expect(claimState(view(na, 'explained'))).toBe('pending');
    expect(claimState(view(na, 'appraised', 'confirm_not_applicable'))).toBe('confirmed');
    expect(claimState(view(na, 'appraised', 'reject_not_applicable'))).toBe('refused');
    expect(claimState(view(na, 'draft'))).toBeNull();
    expect(claimState(view({ kind: 'yes_no', value: true }))).toBeNull();
  });

  it('lists, per criterion, the claims the appraiser may confirm now across all units, in unit order', () => {
    const unit = (unitId: string) => ({ unitId, code: unitId, name: `Sở ${unitId}`, state: 'submitted' as const });
    const p: AppraisalPending = {
      accept: [{ unitId: 'B', nodeKey: 'k', version: 2 }],
      claims: [{ unitId: 'A', nodeKey: 'k', version: 3, reason: 'Không có TTHC' }, { unitId: 'E', nodeKey: 'other', version: 1, reason: '' }, { unitId: 'E', nodeKey: 'k', version: 4, reason: 'Không có TTHC' }],
      units: ['A', 'B', 'E'].map(unit),
    };
    expect(pendingClaims(p, 'k').map((c) => [c.unit.unitId, c.version, c.reason])).toEqual([['A', 3, 'Không có TTHC'], ['E', 4, 'Không có TTHC']]);
    expect(pendingClaims(p, 'none')).toEqual([]);
    expect(pendingClaims(undefined, 'k')).toEqual([]);
  });
});

describe('the appraisal drawer\'s choices', () => {
  it('offers what the appraiser may do now, the first selected: never a decision outside the appraisal window', () => {
    expect(drawerModes(false, { decide: true, request: true })).toEqual(['accept', 'adjust', 'request']);
    expect(drawerModes(true, { decide: true, request: true })).toEqual(['confirmNa', 'refuseNa', 'request']);
    // The appraisal window closed, the explanation window still open: only the request (it opens selected).
    expect(drawerModes(true, { decide: false, request: true })).toEqual(['request']);
    expect(drawerModes(false, { decide: false, request: true })[0]).toBe('request');
    expect(drawerModes(true, { decide: true, request: false })).toEqual(['confirmNa', 'refuseNa']);
    expect(drawerModes(false, { decide: false, request: false })).toEqual([]);
  });
});
