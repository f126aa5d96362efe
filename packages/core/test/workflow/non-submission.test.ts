/**
 * A unit that never submits (issue 7, blocker 3): after its deadline the administrator records it
 * as not submitted (appraised on its entries, or on nothing — the cycle's policy) or submits on
 * its behalf, always with a reason.
 */
import { describe, expect, it } from 'vitest';
import {
  type NonSubmittedScoring, type RefusalCode, type UnitAction, type UnitState, NO_FACTS,
  allowedActions, applyUnitAction, cascadeUnitTransition, consolidateUnit, describeAuditEvent, newCriterionRecord,
} from '../../src/index.ts';
import { A, type ActorName, type Moment, T, fw, unitCtx } from './fixtures.ts';

type Row = [UnitAction, ActorName, UnitState, Moment, NonSubmittedScoring | undefined, UnitState | RefusalCode, number?];

const REASON = 'Đơn vị không gửi kết quả tự đánh giá đúng hạn dù đã được nhắc';

const rows: Row[] = [
  ['mark_not_submitted', 'admin', 'draft', 'afterDeadline', undefined, 'submitted'],
  ['mark_not_submitted', 'admin', 'draft', 'afterDeadline', 'entries', 'submitted'],
  ['mark_not_submitted', 'admin', 'draft', 'afterDeadline', 'nothing', 'appraised'],
  ['mark_not_submitted', 'admin', 'returned_for_revision', 'afterAppraisal', 'entries', 'submitted'],
  // Submission errors do not stop it: the unit's entries are what they are.
  ['mark_not_submitted', 'admin', 'draft', 'appraisal', 'entries', 'submitted', 4],
  // Time guard: not while the unit still has time, not from the council date on.
  ['mark_not_submitted', 'admin', 'draft', 'self', 'entries', 'not_yet_open'],
  ['mark_not_submitted', 'admin', 'draft', 'lastMinute', 'nothing', 'not_yet_open'],
  ['mark_not_submitted', 'admin', 'draft', 'council', 'entries', 'window_closed'],
  // Only from the unit's editable states, only by the administrator.
  ['mark_not_submitted', 'admin', 'submitted', 'afterDeadline', 'entries', 'state'],
  ['mark_not_submitted', 'admin', 'in_appraisal', 'appraisal', 'nothing', 'state'],
  ['mark_not_submitted', 'head', 'draft', 'afterDeadline', 'entries', 'role'],
  ['mark_not_submitted', 'appraiser', 'draft', 'afterDeadline', 'entries', 'role'],
  ['mark_not_submitted', 'chair', 'draft', 'afterDeadline', 'entries', 'role'],
  ['submit_on_behalf', 'admin', 'draft', 'afterDeadline', undefined, 'submitted'],
  ['submit_on_behalf', 'admin', 'returned_for_revision', 'appraisal', 'nothing', 'submitted'],
  ['submit_on_behalf', 'admin', 'draft', 'self', undefined, 'not_yet_open'],
  ['submit_on_behalf', 'admin', 'draft', 'council', undefined, 'window_closed'],
  ['submit_on_behalf', 'admin', 'draft', 'afterDeadline', undefined, 'submission_errors', 2],
  ['submit_on_behalf', 'admin', 'submitted', 'afterDeadline', undefined, 'state'],
  ['submit_on_behalf', 'head', 'draft', 'afterDeadline', undefined, 'role'],
  ['submit_on_behalf', 'officer', 'draft', 'self', undefined, 'role'],
];

describe('not submitted and submitted on behalf', () => {
  it.each(rows)('%s by %s in %s at %s (policy %s) → %s', (action, actor, state, moment, policy, expected, errors) => {
    const ctx = unitCtx({
      state, actor: A[actor], now: T[moment], facts: { ...NO_FACTS, submissionErrors: errors ?? 0 },
      ...(policy ? { nonSubmittedScoring: policy } : {}),
    });
    const option = allowedActions(ctx).find((o) => o.action === action)!;
    const result = applyUnitAction(ctx, action, { reason: REASON });
    expect(option.reasonRequired).toBe(true);
    if (expected === 'submitted' || expected === 'appraised') {
      expect(option).toMatchObject({ allowed: true, to: expected });
      expect(result).toMatchObject({ ok: true, from: state, to: expected, reason: REASON });
    } else {
      expect(option.allowed).toBe(false);
      expect(option.refusal!.code).toBe(expected);
      expect(result).toMatchObject({ ok: false, refusal: { code: expected } });
    }
  });

  it('the time guard follows the unit’s own deadline: an extension or a revision deadline counts', () => {
    // u2 has an extension to 20/10: at 18/10 it still has time.
    const extended = unitCtx({ state: 'draft', actor: A.admin, unitId: 'u2', now: T.extended });
    expect(applyUnitAction(extended, 'mark_not_submitted', { reason: REASON })).toMatchObject({ ok: false, refusal: { code: 'not_yet_open' } });
    const refusal = allowedActions(extended).find((o) => o.action === 'mark_not_submitted')!.refusal!;
    expect(refusal.message).toContain('20/10/2025');
    expect(applyUnitAction({ ...extended, now: T.appraisal }, 'mark_not_submitted', { reason: REASON })).toMatchObject({ ok: true });
    // Returned for revision until 30/10: not before it passes.
    const returned = unitCtx({ state: 'returned_for_revision', actor: A.admin, now: T.appraisal, revisionDeadline: T.afterExplanation + 86_400_000 });
    expect(applyUnitAction(returned, 'submit_on_behalf', { reason: REASON })).toMatchObject({ ok: false, refusal: { code: 'not_yet_open' } });
    expect(applyUnitAction({ ...returned, now: T.afterAppraisal }, 'submit_on_behalf', { reason: REASON })).toMatchObject({ ok: true, to: 'submitted' });
  });

  it('a reason is mandatory', () => {
    const ctx = unitCtx({ state: 'draft', actor: A.admin, now: T.afterDeadline });
    for (const action of ['mark_not_submitted', 'submit_on_behalf'] as const) {
      for (const reason of [undefined, '', '   ']) {
        const r = applyUnitAction(ctx, action, reason === undefined ? {} : { reason });
        expect(r).toMatchObject({ ok: false, refusal: { code: 'reason_required' } });
      }
    }
  });
});

describe('what a not-submitted unit’s criteria become', () => {
  const at = T.afterDeadline;
  const drafts = {
    c11: newCriterionRecord('c11', { input: { kind: 'choice', option: 'on_time' } }),
    c13: newCriterionRecord('c13', { input: { kind: 'manual', points: '6' } }),
    c22: newCriterionRecord('c22', { input: { kind: 'not_applicable', reason: 'Không có TTHC' } }),
    c23: newCriterionRecord('c23'),
  };

  it("'entries': drafts go to appraisal as if submitted", () => {
    for (const r of Object.values(drafts)) expect(cascadeUnitTransition(r, 'submitted').status).toBe('pending');
  });

  it("'nothing': every criterion is appraised at 0 points with the reason, not-applicable claims not honoured", () => {
    const zeroed = Object.fromEntries(Object.entries(drafts).map(([k, r]) => [k, cascadeUnitTransition(r, 'appraised', { notSubmitted: { reason: REASON, at } })]));
    for (const r of Object.values(zeroed)) {
      expect(r.status).toBe('appraised');
      expect(r.appraisal).toMatchObject({ kind: 'adjust', value: { notApplicable: false, points: 0 }, decidedAt: at });
      expect(r.appraisal!.reason).toContain(REASON);
    }
    // The consolidated score: 0 on every self-assessed leaf the records cover, still an index (ranked, classified).
    const self = consolidateUnit(fw, 'u1', {}, drafts);
    const c = consolidateUnit(fw, 'u1', {}, zeroed);
    expect(self.score.achieved).toBeGreaterThan(0);
    for (const key of Object.keys(zeroed)) {
      const leaf = c.leaves.find((l) => l.key === key)!;
      expect(leaf.level).toBe('appraised');
      expect(leaf.effective).toMatchObject({ points: 0, notApplicable: false });
    }
    // c22's not-applicable claim is not honoured: its 3 points count in the maximum.
    expect(c.score.applicableMax).toBeGreaterThan(self.score.applicableMax);
    expect(c.score.publishedIndex).toBeDefined();
  });

  it('an ordinary move to appraised leaves the criteria as they are', () => {
    expect(cascadeUnitTransition(drafts.c11, 'appraised')).toBe(drafts.c11);
  });
});

describe('in the audit trail', () => {
  it('reads as a sentence with the reason', () => {
    const base = { id: 1, at: '2025-10-16T03:00:00.000Z', entityType: 'cycle_unit', entityId: 'c:u1', actorName: 'Quản trị', unitName: 'Sở Y tế', reason: REASON };
    const marked = describeAuditEvent({ ...base, action: 'mark_not_submitted', before: { state: 'draft' }, after: { state: 'submitted', submissionMode: 'not_submitted' } });
    expect(marked).toContain('ghi nhận không nộp hồ sơ của Sở Y tế');
    expect(marked).toContain(REASON);
    const onBehalf = describeAuditEvent({ ...base, action: 'submit_on_behalf', before: { state: 'draft' }, after: { state: 'submitted' } });
    expect(onBehalf).toContain('gửi hồ sơ thay');
  });
});
