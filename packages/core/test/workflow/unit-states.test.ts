import { describe, expect, it } from 'vitest';
import {
  type RefusalCode, type UnitAction, type UnitFacts, type UnitState, NO_FACTS, UNIT_ACTIONS, UNIT_STATES,
  allowedActions, applyUnitAction, automaticTransition, checkCycleTimeGuard, checkTimeGuard, endOfDayVn, explainRefusal, permittedActions, rolesFor,
} from '../../src/index.ts';
import { A, type ActorName, type Moment, T, calendar, unitCtx } from './fixtures.ts';

type Expect = UnitState | 'same' | RefusalCode;
type Row = [UnitAction, ActorName, UnitState, Moment, Expect, Partial<UnitFacts>?];

/** action, actor, state, moment, expected next state ('same' = unchanged) or refusal code. */
const rows: Row[] = [
  // Self-assessment: officer and head edit, head submits, by the deadline.
  ['edit', 'officer', 'draft', 'self', 'same'],
  ['edit', 'head', 'draft', 'lastMinute', 'same'],
  ['edit', 'officer', 'draft', 'afterDeadline', 'deadline_passed'],
  ['edit', 'officer', 'draft', 'beforeOpen', 'not_yet_open'],
  ['edit', 'officer', 'submitted', 'self', 'state'],
  ['edit', 'officer', 'returned_for_revision', 'self', 'same'],
  ['edit', 'otherHead', 'draft', 'self', 'not_own_unit'],
  ['edit', 'appraiser', 'draft', 'self', 'role'],
  ['edit', 'admin', 'draft', 'self', 'role'],
  ['submit', 'head', 'draft', 'self', 'submitted'],
  ['submit', 'head', 'returned_for_revision', 'self', 'submitted'],
  ['submit', 'head', 'draft', 'lastMinute', 'submitted'],
  ['submit', 'head', 'draft', 'afterDeadline', 'deadline_passed'],
  ['submit', 'head', 'draft', 'self', 'submission_errors', { submissionErrors: 3 }],
  ['submit', 'officer', 'draft', 'self', 'role'],
  ['submit', 'otherHead', 'draft', 'self', 'not_own_unit'],
  ['submit', 'head', 'submitted', 'self', 'state'],
  ['submit', 'head', 'in_appraisal', 'self', 'state'],
  // Extensions: u2 may submit until 20/10, u1 may not.
  ['submit', 'head', 'draft', 'extended', 'deadline_passed'],
  ['submit', 'head2', 'draft', 'extended', 'submitted'],
  ['edit', 'head2', 'draft', 'appraisal', 'deadline_passed'],
  ['withdraw', 'head', 'submitted', 'self', 'draft'],
  ['withdraw', 'head', 'submitted', 'afterDeadline', 'deadline_passed'],
  ['withdraw', 'head', 'in_appraisal', 'self', 'state'],
  ['withdraw', 'officer', 'submitted', 'self', 'role'],
  // Appraisal.
  ['start_appraisal', 'appraiser', 'submitted', 'appraisal', 'in_appraisal'],
  ['start_appraisal', 'admin', 'submitted', 'appraisal', 'in_appraisal'],
  ['start_appraisal', 'appraiser', 'submitted', 'self', 'not_yet_open'],
  ['start_appraisal', 'appraiser', 'submitted', 'afterAppraisal', 'window_closed'],
  ['start_appraisal', 'otherAppraiser', 'submitted', 'appraisal', 'not_assigned'],
  ['start_appraisal', 'appraiser', 'draft', 'appraisal', 'state'],
  ['start_appraisal', 'head', 'submitted', 'appraisal', 'role'],
  ['request_explanation', 'appraiser', 'in_appraisal', 'appraisal', 'explanation_requested'],
  ['request_explanation', 'appraiser', 'explained', 'appraisal', 'explanation_requested'],
  ['request_explanation', 'snv', 'explanation_requested', 'appraisal', 'explanation_requested'],
  ['request_explanation', 'appraiser', 'in_appraisal', 'afterExplanation', 'window_closed'],
  ['request_explanation', 'appraiser', 'appraised', 'appraisal', 'state'],
  ['request_explanation', 'admin', 'in_appraisal', 'appraisal', 'role'],
  ['submit_explanation', 'head', 'explanation_requested', 'appraisal', 'explained'],
  ['submit_explanation', 'head', 'explanation_requested', 'appraisal', 'unanswered_requests', { unansweredRequests: 1 }],
  ['submit_explanation', 'head', 'explanation_requested', 'afterExplanation', 'deadline_passed'],
  ['submit_explanation', 'officer', 'explanation_requested', 'appraisal', 'role'],
  ['submit_explanation', 'otherHead', 'explanation_requested', 'appraisal', 'not_own_unit'],
  ['submit_explanation', 'head', 'in_appraisal', 'appraisal', 'state'],
  ['complete_appraisal', 'appraiser', 'in_appraisal', 'appraisal', 'appraised'],
  ['complete_appraisal', 'appraiser', 'explained', 'appraisal', 'appraised'],
  ['complete_appraisal', 'appraiser', 'in_appraisal', 'appraisal', 'pending_decisions', { pendingDecisions: 2 }],
  ['complete_appraisal', 'appraiser', 'explanation_requested', 'appraisal', 'not_yet_open'],
  ['complete_appraisal', 'appraiser', 'explanation_requested', 'afterExplanation', 'appraised'],
  ['complete_appraisal', 'appraiser', 'in_appraisal', 'afterAppraisal', 'window_closed'],
  ['complete_appraisal', 'admin', 'in_appraisal', 'afterAppraisal', 'appraised'],
  ['complete_appraisal', 'admin', 'explanation_requested', 'afterAppraisal', 'appraised'],
  ['complete_appraisal', 'admin', 'in_appraisal', 'council', 'window_closed'],
  ['complete_appraisal', 'head', 'in_appraisal', 'appraisal', 'role'],
  ['return_for_revision', 'appraiser', 'in_appraisal', 'appraisal', 'returned_for_revision'],
  ['return_for_revision', 'appraiser', 'submitted', 'appraisal', 'returned_for_revision'],
  ['return_for_revision', 'appraiser', 'appraised', 'appraisal', 'state'],
  // An appraiser returns only a unit whose criteria its agency appraises.
  ['return_for_revision', 'otherAppraiser', 'in_appraisal', 'appraisal', 'not_assigned'],
  ['return_for_revision', 'admin', 'appraised', 'afterAppraisal', 'returned_for_revision'],
  ['return_for_revision', 'admin', 'appraised', 'council', 'window_closed'],
  ['return_for_revision', 'member', 'appraised', 'afterAppraisal', 'role'],
  // Council and publication.
  ['record_council_review', 'member', 'appraised', 'council', 'council_reviewed'],
  ['record_council_review', 'admin', 'appraised', 'council', 'council_reviewed'],
  ['record_council_review', 'member', 'appraised', 'afterAppraisal', 'not_yet_open'],
  ['record_council_review', 'member', 'explained', 'council', 'state'],
  ['record_council_review', 'appraiser', 'appraised', 'council', 'role'],
  ['approve', 'chair', 'council_reviewed', 'council', 'approved'],
  ['approve', 'member', 'council_reviewed', 'council', 'not_chair'],
  ['approve', 'chair', 'council_reviewed', 'council', 'pending_proposals', { pendingProposals: 1 }],
  ['approve', 'chair', 'appraised', 'council', 'state'],
  ['approve', 'admin', 'council_reviewed', 'council', 'role'],
  ['publish', 'admin', 'approved', 'publication', 'published'],
  ['publish', 'admin', 'approved', 'council', 'not_yet_open'],
  ['publish', 'admin', 'council_reviewed', 'publication', 'state'],
  ['publish', 'admin', 'published', 'publication', 'state'],
  ['publish', 'chair', 'approved', 'publication', 'role'],
  ['publish', 'viewer', 'approved', 'publication', 'role'],
];

describe('unit transition table', () => {
  it.each(rows)('%s by %s in %s at %s → %s', (action, actor, state, moment, expected, facts) => {
    const ctx = unitCtx({ state, actor: A[actor], now: T[moment], facts: { ...NO_FACTS, ...facts } });
    const option = allowedActions(ctx).find((o) => o.action === action)!;
    const result = applyUnitAction(ctx, action, { reason: 'Hồ sơ thiếu tài liệu kiểm chứng' });
    if (UNIT_STATES.includes(expected as UnitState) || expected === 'same') {
      const to = expected === 'same' ? state : expected;
      expect(option.refusal?.message).toBeUndefined();
      expect(option.allowed).toBe(true);
      expect(explainRefusal(ctx, action)).toBeNull();
      expect(result).toMatchObject({ ok: true, from: state, to });
    } else {
      expect(option.allowed).toBe(false);
      expect(option.refusal!.code).toBe(expected);
      expect(explainRefusal(ctx, action)).toBe(option.refusal!.message);
      expect(result).toMatchObject({ ok: false, refusal: { code: expected } });
    }
  });

  it('lists every action once, with Vietnamese reasons for the refused ones', () => {
    const options = allowedActions(unitCtx({ state: 'draft', actor: A.head, now: T.afterDeadline }));
    expect(options.map((o) => o.action)).toEqual(UNIT_ACTIONS);
    expect(options.find((o) => o.action === 'submit')!.refusal!.message)
      .toBe('Đã quá hạn tự đánh giá (15/10/2025); đề nghị Sở Nội vụ gia hạn cho đơn vị nếu cần');
    expect(options.find((o) => o.action === 'publish')!.refusal!.message).toBe('Chỉ quản trị (Sở Nội vụ) được "công bố kết quả"');
    expect(explainRefusal(unitCtx({ state: 'draft', actor: A.head2, now: T.appraisal }), 'submit'))
      .toBe('Đã quá hạn đã gia hạn tự đánh giá (20/10/2025); đề nghị Sở Nội vụ gia hạn cho đơn vị nếu cần');
    expect(explainRefusal(unitCtx({ state: 'submitted', actor: A.head }), 'submit'))
      .toBe('Không thể "gửi kết quả tự đánh giá" khi hồ sơ ở trạng thái "Đã gửi"');
  });

  it('gives each role its actions at each step of the year', () => {
    expect(permittedActions(unitCtx({ state: 'draft', actor: A.officer }))).toEqual(['edit']);
    expect(permittedActions(unitCtx({ state: 'draft', actor: A.head }))).toEqual(['edit', 'submit']);
    expect(permittedActions(unitCtx({ state: 'in_appraisal', actor: A.appraiser, now: T.appraisal })))
      .toEqual(['request_explanation', 'complete_appraisal', 'return_for_revision']);
    expect(permittedActions(unitCtx({ state: 'council_reviewed', actor: A.chair, now: T.council }))).toEqual(['approve']);
    expect(permittedActions(unitCtx({ state: 'approved', actor: A.viewer, now: T.publication }))).toEqual([]);
  });

  it('takes the most useful refusal when an actor has several roles', () => {
    const both = { roles: ['unit_officer', 'appraiser'] as const, unitId: 'u1', agency: 'STP' };
    const ctx = unitCtx({ state: 'submitted', actor: both, now: T.self });
    // As officer the state is wrong; as appraiser the window is not open: the later check wins.
    expect(allowedActions(ctx).find((o) => o.action === 'start_appraisal')!.refusal!.code).toBe('not_yet_open');
  });
});

describe('return for revision', () => {
  it('requires a reason', () => {
    const ctx = unitCtx({ state: 'in_appraisal', actor: A.appraiser, now: T.appraisal });
    expect(applyUnitAction(ctx, 'return_for_revision')).toMatchObject({ ok: false, refusal: { code: 'reason_required', message: 'Cần nêu lý do' } });
    expect(applyUnitAction(ctx, 'return_for_revision', { reason: '   ' })).toMatchObject({ ok: false, refusal: { code: 'reason_required' } });
    expect(applyUnitAction(ctx, 'return_for_revision', { reason: ' Thiếu tài liệu ' }))
      .toEqual({
        ok: true, action: 'return_for_revision', from: 'in_appraisal', to: 'returned_for_revision', reason: 'Thiếu tài liệu',
        revisionDeadline: ctx.calendar.explanation.closes,
      });
  });

  it('without a deadline, never leaves the unit stuck past its own deadline', () => {
    const cal = unitCtx({ state: 'in_appraisal', actor: A.appraiser, now: T.appraisal }).calendar;
    // Before the unit's deadline it keeps that deadline (nothing stored).
    const early = applyUnitAction(unitCtx({ state: 'submitted', actor: A.admin, now: T.self }), 'return_for_revision', { reason: 'x' });
    expect(early).toMatchObject({ ok: true });
    expect(early.ok && early.revisionDeadline).toBeUndefined();
    // After it: the first of explanation end, appraisal end, council date still ahead; the unit may then edit and submit.
    for (const [now, expected] of [[T.appraisal, cal.explanation.closes], [T.afterExplanation, cal.appraisal.closes], [T.afterAppraisal, cal.councilDate]] as const) {
      const actor = now === T.afterAppraisal ? A.admin : A.appraiser;
      const r = applyUnitAction(unitCtx({ state: now === T.afterAppraisal ? 'appraised' : 'in_appraisal', actor, now }), 'return_for_revision', { reason: 'x' });
      expect(r).toMatchObject({ ok: true, revisionDeadline: expected });
      const back = unitCtx({ state: 'returned_for_revision', actor: A.head, now, revisionDeadline: expected });
      expect(permittedActions(back)).toContain('submit');
    }
  });

  it('gives the unit a revision deadline, after which it may not resubmit', () => {
    const until = endOfDayVn(2025, 10, 25);
    const ctx = unitCtx({ state: 'in_appraisal', actor: A.appraiser, now: T.appraisal });
    const r = applyUnitAction(ctx, 'return_for_revision', { reason: 'Thiếu tài liệu', revisionDeadline: until });
    expect(r).toMatchObject({ ok: true, to: 'returned_for_revision', revisionDeadline: until });
    expect(applyUnitAction(ctx, 'return_for_revision', { reason: 'x', revisionDeadline: T.self }))
      .toMatchObject({ ok: false, refusal: { code: 'invalid_input' } });

    const back = { state: 'returned_for_revision' as const, actor: A.head, revisionDeadline: until };
    expect(applyUnitAction(unitCtx({ ...back, now: T.appraisal }), 'submit')).toMatchObject({ ok: true, to: 'submitted' });
    expect(explainRefusal(unitCtx({ ...back, now: T.afterExplanation }), 'submit'))
      .toBe('Đã quá hạn chỉnh sửa tự đánh giá (25/10/2025); đề nghị Sở Nội vụ gia hạn cho đơn vị nếu cần');
    // The revision deadline does not apply to a unit in draft.
    expect(applyUnitAction(unitCtx({ ...back, state: 'draft', now: T.appraisal }), 'submit'))
      .toMatchObject({ ok: false, refusal: { code: 'deadline_passed' } });
  });
});

describe('roles', () => {
  it('knows which roles may ever take each action', () => {
    expect(rolesFor('submit')).toEqual(['unit_head']);
    expect(rolesFor('edit')).toEqual(['unit_officer', 'unit_head']);
    expect(rolesFor('publish')).toEqual(['admin']);
    expect(rolesFor('approve')).toEqual(['council_member']);
  });
});

describe('automaticTransition', () => {
  const cases: [UnitState, number, number, UnitState | null][] = [
    // state, pending decisions, unanswered requests, next state
    ['in_appraisal', 3, 1, 'explanation_requested'],
    ['explained', 3, 1, 'explanation_requested'],
    ['explanation_requested', 2, 0, 'explained'],
    ['explanation_requested', 0, 0, 'appraised'],
    ['explanation_requested', 0, 1, null],
    ['in_appraisal', 0, 0, 'appraised'],
    ['explained', 0, 0, 'appraised'],
    ['in_appraisal', 2, 0, null],
    ['explained', 2, 0, null],
    ['submitted', 0, 0, null],
    ['draft', 0, 1, null],
    ['appraised', 0, 1, null],
    ['council_reviewed', 0, 0, null],
  ];
  it.each(cases)('%s with %i pending, %i unanswered → %s', (state, pendingDecisions, unansweredRequests, to) => {
    expect(automaticTransition(state, { pendingDecisions, unansweredRequests })).toBe(to);
  });
});

describe('checkCycleTimeGuard', () => {
  it('checks a cycle-wide step on the calendar alone, as a unit guard does', () => {
    expect(checkCycleTimeGuard('publication', calendar, T.council)).toMatchObject({ code: 'not_yet_open' });
    expect(checkCycleTimeGuard('publication', calendar, T.publication)).toBeNull();
    for (const now of [T.self, T.appraisal, T.afterExplanation, T.afterAppraisal, T.council, T.publication]) {
      for (const guard of ['appraisal', 'request_explanation', 'explanation', 'after_explanation', 'before_council', 'council', 'publication'] as const) {
        expect(checkCycleTimeGuard(guard, calendar, now)).toEqual(checkTimeGuard(guard, { calendar, now, unitId: 'u1', state: 'in_appraisal' }));
      }
    }
  });
});
