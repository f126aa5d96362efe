import { describe, expect, it } from 'vitest';
import {
  type CriterionContext, type CriterionRecord, type UnitState, type WorkflowActor, applyCriterionCommand, canProduce,
  cascadeUnitTransition, criterionActions, criterionRefusal, decideCriterionCommand, endOfDayVn, indexNodes, newCriterionRecord, points, resolveValue, startsAppraisal,
} from '../../src/index.ts';
import { A, T, calendar, fw, unitCtx } from './fixtures.ts';

const nodes = indexNodes(fw);
const rounding = fw.settings.rounding;

function ctx(key: string, actor: WorkflowActor, unitState: UnitState, now: number): CriterionContext {
  const node = nodes.get(key)!;
  return { node, rounding, unitId: 'u1', unitState, agency: key.startsWith('c1') ? 'SNV' : 'STP', actor, calendar, now };
}

function ok(r: ReturnType<typeof applyCriterionCommand>): CriterionRecord {
  if (!r.ok) throw new Error(r.refusal.message);
  return r.record;
}

/** c21 (proportional, max 4, STP) self-assessed 45 of 50 → 3,6, submitted. */
const pending21: CriterionRecord = {
  ...newCriterionRecord('c21', { input: { kind: 'rate', numerator: 45, denominator: 50 }, evidence: [{ id: 'e1' }] }),
  status: 'pending',
};

describe('self-assessment entries', () => {
  it('autosaves whatever was typed, only in draft and by the unit', () => {
    const r0 = newCriterionRecord('c13');
    const c = ctx('c13', A.officer, 'draft', T.self);
    const saved = ok(applyCriterionCommand(c, r0, { type: 'save_self', entry: { input: { kind: 'manual', points: '9' } } }));
    expect(saved.self.input).toEqual({ kind: 'manual', points: '9' });
    expect(applyCriterionCommand({ ...c, now: T.afterDeadline }, r0, { type: 'save_self', entry: {} }))
      .toMatchObject({ ok: false, refusal: { code: 'deadline_passed' } });
    expect(applyCriterionCommand(ctx('c13', A.appraiser, 'draft', T.self), r0, { type: 'save_self', entry: {} }))
      .toMatchObject({ ok: false, refusal: { code: 'role' } });
    expect(applyCriterionCommand(ctx('c13', A.otherHead, 'draft', T.self), r0, { type: 'save_self', entry: {} }))
      .toMatchObject({ ok: false, refusal: { code: 'not_own_unit' } });
    expect(applyCriterionCommand(c, { ...r0, status: 'pending' }, { type: 'save_self', entry: {} }))
      .toMatchObject({ ok: false, refusal: { code: 'state' } });
  });
});

describe('appraisal decisions', () => {
  const c = ctx('c21', A.appraiser, 'in_appraisal', T.appraisal);

  it('accepts the self-score', () => {
    const r = ok(applyCriterionCommand(c, pending21, { type: 'decide', decision: { kind: 'accept' } }));
    expect(r.status).toBe('appraised');
    expect(r.appraisal).toMatchObject({ kind: 'accept', value: { points: points('3.6'), notApplicable: false }, agency: 'STP', decidedAt: T.appraisal });
  });

  it('requires a reason when the appraised score differs from the self-score', () => {
    const decision = { kind: 'adjust' as const, value: { input: { kind: 'rate' as const, numerator: 40, denominator: 50 } } };
    expect(applyCriterionCommand(c, pending21, { type: 'decide', decision })).toEqual({
      ok: false, field: 'decision.reason',
      refusal: {
        code: 'reason_required', message: 'Tiêu chí 2.1: điểm thẩm định (3,2 điểm) khác điểm tự đánh giá (3,6 điểm) — cần nêu lý do',
        messageId: 'criterion.adjustReasonRequired', params: { code: '2.1', appraised: '3.2', self: '3.6' },
      },
    });
    const r = ok(applyCriterionCommand(c, pending21, { type: 'decide', decision: { ...decision, reason: 'Chỉ 40 TTHC có báo cáo' } }));
    expect(r.appraisal).toMatchObject({ kind: 'adjust', value: { points: points('3.2') }, reason: 'Chỉ 40 TTHC có báo cáo' });
    // Same result, corrected input: no reason needed.
    const same = { kind: 'adjust' as const, value: { input: { kind: 'rate' as const, numerator: 90, denominator: 100 } } };
    expect(ok(applyCriterionCommand(c, pending21, { type: 'decide', decision: same })).appraisal?.reason).toBeUndefined();
  });

  it('accepts bare points only when the rule can produce them', () => {
    const tiers = { ...pending21, nodeKey: 'c12', self: { input: { kind: 'rate' as const, numerator: 95, denominator: 100 } } };
    const c12 = ctx('c12', A.snv, 'in_appraisal', T.appraisal);
    expect(applyCriterionCommand(c12, tiers, { type: 'decide', decision: { kind: 'adjust', value: { points: points('1.5') }, reason: 'x' } }))
      .toEqual({ ok: false, field: 'decision.value', refusal: {
        code: 'invalid_input', message: 'Tiêu chí 1.2: 1,5 điểm không phải mức điểm mà quy tắc chấm của tiêu chí có thể cho',
        messageId: 'criterion.pointsNotProducible', params: { code: '1.2', points: '1.5' },
      } });
    expect(ok(applyCriterionCommand(c12, tiers, { type: 'decide', decision: { kind: 'adjust', value: { points: points(1) }, reason: 'Tỷ lệ thực tế 85%' } })).appraisal?.value.points)
      .toBe(points(1));
    // Proportional: any value with the framework's 2 decimals, within the maximum.
    expect(applyCriterionCommand(c, pending21, { type: 'decide', decision: { kind: 'adjust', value: { points: points('3.255') }, reason: 'x' } }).ok).toBe(false);
    expect(applyCriterionCommand(c, pending21, { type: 'decide', decision: { kind: 'adjust', value: { points: points('4.5') }, reason: 'x' } }).ok).toBe(false);
    expect(applyCriterionCommand(c, pending21, { type: 'decide', decision: { kind: 'adjust', value: { points: points('3.25') }, reason: 'x' } }).ok).toBe(true);
    // An input the rule refuses.
    expect(applyCriterionCommand(c, pending21, { type: 'decide', decision: { kind: 'adjust', value: { input: { kind: 'yes_no', value: true } }, reason: 'x' } }))
      .toMatchObject({ ok: false, field: 'decision.value', refusal: { message: 'Tiêu chí 2.1: cần nhập tử số và mẫu số của tỷ lệ' } });
  });

  it('confirms or rejects a not-applicable claim', () => {
    const claim: CriterionRecord = { ...newCriterionRecord('c22', { input: { kind: 'not_applicable', reason: 'Không có TTHC' } }), status: 'pending' };
    const c22 = ctx('c22', A.appraiser, 'in_appraisal', T.appraisal);
    expect(applyCriterionCommand(c22, claim, { type: 'decide', decision: { kind: 'accept' } })).toMatchObject({ ok: false, field: 'decision.kind' });
    expect(ok(applyCriterionCommand(c22, claim, { type: 'decide', decision: { kind: 'confirm_not_applicable' } })).appraisal)
      .toMatchObject({ kind: 'confirm_not_applicable', value: { notApplicable: true, notApplicableReason: 'Không có TTHC' } });
    expect(applyCriterionCommand(c22, claim, { type: 'decide', decision: { kind: 'reject_not_applicable', value: { input: { kind: 'yes_no', value: false } }, reason: '' } }))
      .toMatchObject({ ok: false, refusal: { code: 'reason_required' } });
    expect(ok(applyCriterionCommand(c22, claim, {
      type: 'decide', decision: { kind: 'reject_not_applicable', value: { input: { kind: 'yes_no', value: false } }, reason: 'Đơn vị có 3 TTHC' },
    })).appraisal).toMatchObject({ kind: 'reject_not_applicable', value: { notApplicable: false, points: 0 }, reason: 'Đơn vị có 3 TTHC' });
    // No claim, nothing to confirm.
    expect(applyCriterionCommand(c, pending21, { type: 'decide', decision: { kind: 'confirm_not_applicable' } }).ok).toBe(false);
  });

  it('lets only the agency the criterion is assigned to decide, inside the appraisal window', () => {
    const d = { type: 'decide' as const, decision: { kind: 'accept' as const } };
    expect(applyCriterionCommand({ ...c, actor: A.snv }, pending21, d)).toMatchObject({ ok: false, refusal: { code: 'not_assigned' } });
    expect(applyCriterionCommand({ ...c, now: T.afterAppraisal }, pending21, d)).toMatchObject({ ok: false, refusal: { code: 'window_closed' } });
    expect(applyCriterionCommand({ ...c, unitState: 'appraised' }, pending21, d)).toMatchObject({ ok: false, refusal: { code: 'state' } });
    // The administrator appraises only a criterion of the agency's own unit (below).
    expect(applyCriterionCommand({ ...c, actor: A.admin }, pending21, d)).toMatchObject({ ok: false, refusal: { code: 'not_assigned' } });
    expect(applyCriterionCommand({ ...c, actor: A.officer }, pending21, d)).toMatchObject({ ok: false, refusal: { code: 'role' } });
  });

  it('keeps an agency off the criteria of its own unit: the administrator or a council member appraises them instead', () => {
    const d = { type: 'decide' as const, decision: { kind: 'accept' as const } };
    const own = { ...c, agencyUnitId: 'u1' };
    expect(applyCriterionCommand(own, pending21, d)).toMatchObject({ ok: false, refusal: { code: 'own_unit', message: expect.stringContaining('cơ quan không tự thẩm định') } });
    const instead = ok(applyCriterionCommand({ ...own, actor: { ...A.admin, unitId: 'snv' } }, pending21, d));
    expect(instead.status).toBe('appraised');
    expect(instead.appraisal?.agency).toBeUndefined(); // not recorded under the agency that did not decide
    expect(ok(applyCriterionCommand({ ...own, actor: { roles: ['council_member'], unitId: 'snv' } }, pending21, d)).status).toBe('appraised');
    // …but not one of the unit's own people.
    expect(applyCriterionCommand({ ...own, actor: { ...A.admin, unitId: 'u1' } }, pending21, d)).toMatchObject({ ok: false, refusal: { code: 'own_unit' } });
    // Another unit's criterion stays with the agency.
    expect(ok(applyCriterionCommand({ ...c, agencyUnitId: 'u7' }, pending21, d)).status).toBe('appraised');
  });
});

describe('explanations', () => {
  const c = ctx('c21', A.appraiser, 'in_appraisal', T.appraisal);
  const deadline = endOfDayVn(2025, 10, 25);
  const requested = ok(applyCriterionCommand(c, pending21, { type: 'request_explanation', kind: 'evidence', message: 'Bổ sung báo cáo thống kê', deadline }));

  it('asks with a message and a deadline inside the explanation window', () => {
    expect(requested.status).toBe('explanation_requested');
    expect(requested.requests).toEqual([{ kind: 'evidence', message: 'Bổ sung báo cáo thống kê', deadline, requestedAt: T.appraisal, agency: 'STP' }]);
    const ask = (m: string, d: number) => applyCriterionCommand(c, pending21, { type: 'request_explanation', kind: 'explanation', message: m, deadline: d });
    expect(ask(' ', deadline)).toMatchObject({ ok: false, field: 'message' });
    expect(ask('Giải trình', T.self)).toMatchObject({ ok: false, field: 'deadline' });
    expect(ask('Giải trình', endOfDayVn(2025, 10, 28))).toMatchObject({
      ok: false, field: 'deadline', refusal: { message: 'Hạn trả lời không được sau khi hết thời gian giải trình (27/10/2025)' },
    });
  });

  it('lets the unit answer by the deadline, with evidence when evidence was asked', () => {
    const u = ctx('c21', A.officer, 'explanation_requested', T.appraisal + 3_600_000);
    expect(applyCriterionCommand(u, requested, { type: 'answer', text: 'Đã có báo cáo' })).toMatchObject({ ok: false, field: 'evidence' });
    const answered = ok(applyCriterionCommand(u, requested, { type: 'answer', text: 'Đính kèm báo cáo', evidence: [{ id: 'e2' }] }));
    expect(answered.status).toBe('explained');
    expect(answered.requests[0]!.answer).toEqual({ text: 'Đính kèm báo cáo', evidence: [{ id: 'e2' }], answeredAt: T.appraisal + 3_600_000 });
    expect(applyCriterionCommand({ ...u, now: deadline + 1 }, requested, { type: 'answer', text: 'x', evidence: [{ id: 'e2' }] }))
      .toMatchObject({ ok: false, refusal: { code: 'deadline_passed', message: 'Đã quá hạn giải trình (25/10/2025)' } });
    // Who and when, before the answer is looked at: allowed even when the answer would lack evidence.
    expect(criterionRefusal(u, requested, 'answer')).toBeNull();
    expect(criterionRefusal({ ...u, actor: A.otherHead }, requested, 'answer')).toMatchObject({ code: 'not_own_unit' });
    expect(criterionRefusal({ ...u, now: deadline + 1 }, requested, 'answer')).toMatchObject({ code: 'deadline_passed' });
    // Then the appraiser decides after the answer.
    const decided = ok(applyCriterionCommand({ ...c, unitState: 'explained' }, answered, { type: 'decide', decision: { kind: 'accept' } }));
    expect(decided.status).toBe('appraised');
  });

  it('lets the appraiser decide without an answer only after the deadline', () => {
    const d = { type: 'decide' as const, decision: { kind: 'accept' as const } };
    const c2 = { ...c, unitState: 'explanation_requested' as const };
    expect(applyCriterionCommand(c2, requested, d)).toMatchObject({ ok: false, refusal: { code: 'not_yet_open' } });
    expect(applyCriterionCommand({ ...c2, now: deadline + 1 }, requested, d)).toMatchObject({ ok: true, record: { status: 'appraised' } });
  });
});

describe('council', () => {
  const appraised = ok(applyCriterionCommand(ctx('c21', A.appraiser, 'in_appraisal', T.appraisal), pending21, { type: 'decide', decision: { kind: 'accept' } }));
  const m = ctx('c21', A.member, 'appraised', T.council);

  it('proposes a final score with a reason; the chair approves or rejects', () => {
    expect(applyCriterionCommand(m, appraised, { type: 'propose_final', value: { points: points('3.4') }, reason: '' }))
      .toMatchObject({ ok: false, refusal: { code: 'reason_required' } });
    expect(applyCriterionCommand({ ...m, now: T.afterAppraisal }, appraised, { type: 'propose_final', value: { points: points('3.4') }, reason: 'x' }))
      .toMatchObject({ ok: false, refusal: { code: 'not_yet_open' } });
    const proposed = ok(applyCriterionCommand(m, appraised, { type: 'propose_final', value: { points: points('3.4') }, reason: 'Hội đồng thống nhất' }));
    expect(proposed.council).toEqual({ value: { notApplicable: false, points: points('3.4') }, reason: 'Hội đồng thống nhất', proposedAt: T.council, approved: false });
    expect(applyCriterionCommand(m, proposed, { type: 'approve_final' })).toMatchObject({ ok: false, refusal: { code: 'not_chair' } });
    const chair = { ...m, actor: A.chair };
    const approved = ok(applyCriterionCommand(chair, proposed, { type: 'approve_final' }));
    expect(approved).toMatchObject({ status: 'council_approved', council: { approved: true, approvedAt: T.council } });
    const rejected = ok(applyCriterionCommand(chair, proposed, { type: 'reject_proposal', reason: 'Giữ kết quả thẩm định' }));
    expect(rejected.status).toBe('appraised');
    expect(rejected.council).toBeUndefined();
    expect(rejected.rejectedProposal?.rejectionReason).toBe('Giữ kết quả thẩm định');
    expect(applyCriterionCommand(chair, approved, { type: 'propose_final', value: { points: points(3) }, reason: 'x' }))
      .toMatchObject({ ok: false, refusal: { code: 'state' } });
  });

  it('nobody approves or rejects their own proposal: the chair decides on another member\'s only', () => {
    const asMember = { ...m, actor: { ...A.member, userId: 'member-1' } };
    const asChair = { ...m, actor: { ...A.chair, userId: 'chair-1' } };
    const byMember = ok(applyCriterionCommand(asMember, appraised, { type: 'propose_final', value: { points: points('3.4') }, reason: 'Có văn bản bổ sung' }));
    expect(byMember.council?.proposedBy).toBe('member-1');
    const byChair = ok(applyCriterionCommand(asChair, appraised, { type: 'propose_final', value: { points: points('3') }, reason: 'Chủ tịch đề xuất' }));
    expect(byChair.council?.proposedBy).toBe('chair-1');
    for (const cmd of [{ type: 'approve_final' } as const, { type: 'reject_proposal', reason: 'x' } as const]) {
      expect(applyCriterionCommand(asChair, byChair, cmd)).toMatchObject({
        ok: false, refusal: { code: 'own_proposal', message: expect.stringContaining('không tự phê duyệt') },
      });
      expect(applyCriterionCommand(asChair, byMember, cmd).ok).toBe(true);
    }
    const flags = (r: typeof byChair) => Object.fromEntries(criterionActions(asChair, r).map((o) => [o.command, o.allowed]));
    expect(flags(byChair)).toMatchObject({ approve_final: false, reject_proposal: false, propose_final: true });
    expect(flags(byMember)).toMatchObject({ approve_final: true, reject_proposal: true });
    // Another member proposing over the chair's own proposal makes it decidable by the chair.
    const replaced = ok(applyCriterionCommand(asMember, byChair, { type: 'propose_final', value: { points: points('3') }, reason: 'Thống nhất với Chủ tịch' }));
    expect(applyCriterionCommand(asChair, replaced, { type: 'approve_final' }).ok).toBe(true);
  });

  it('reports the allowed commands for the UI', () => {
    const flags = Object.fromEntries(criterionActions(m, appraised).map((o) => [o.command, o.allowed]));
    expect(flags).toEqual({
      save_self: false, request_explanation: false, answer: false, decide: false, propose_final: true, approve_final: false, reject_proposal: false,
    });
  });
});

describe('unit transitions cascade to criteria', () => {
  it('submission sends drafts to appraisal; return for revision brings them back without decisions', () => {
    const draft = newCriterionRecord('c21', pending21.self);
    expect(cascadeUnitTransition(draft, 'submitted').status).toBe('pending');
    const appraised = ok(applyCriterionCommand(ctx('c21', A.appraiser, 'in_appraisal', T.appraisal), pending21, { type: 'decide', decision: { kind: 'accept' } }));
    const back = cascadeUnitTransition(appraised, 'returned_for_revision');
    expect(back).toEqual({ nodeKey: 'c21', status: 'draft', self: pending21.self, requests: [] });
    expect(cascadeUnitTransition(appraised, 'appraised')).toBe(appraised);
  });
});

describe('values the rules can produce', () => {
  const cases: [string, string, boolean][] = [
    ['c11', '2', true], ['c11', '1', true], ['c11', '0.5', false],
    ['c12', '2', true], ['c12', '1', true], ['c12', '0', true], ['c12', '1.5', false],
    ['c13', '5.75', true], ['c13', '5.8', false], ['c13', '6.25', false],
    ['c21', '0.01', true], ['c21', '4', true], ['c21', '4.01', false],
    ['c22', '3', true], ['c22', '1', false],
    ['c23', '2.5', true], ['c23', '0', true], ['c23', '2.75', false], ['c23', '3.5', false],
  ];
  it.each(cases)('%s: %s → %s', (key, p, expected) => {
    expect(canProduce(nodes.get(key)!, points(p), rounding)).toBe(expected);
  });

  it('checks not-applicable inputs against the framework', () => {
    expect(resolveValue(nodes.get('c11')!, { input: { kind: 'not_applicable', reason: 'x' } }, rounding))
      .toMatchObject({ ok: false, error: { code: 'na_not_allowed' } });
    expect(resolveValue(nodes.get('c22')!, { input: { kind: 'not_applicable', reason: ' ' } }, rounding))
      .toMatchObject({ ok: false, error: { code: 'na_reason_missing' } });
  });
});

describe('the first decision or request starts the appraisal', () => {
  const c = ctx('c21', A.appraiser, 'submitted', T.appraisal);
  const unit = unitCtx({ state: 'submitted', actor: A.appraiser, now: T.appraisal });
  const accept = { type: 'decide', decision: { kind: 'accept' } } as const;

  it('starts it only on a submitted unit, with an appraisal command', () => {
    expect(startsAppraisal('submitted', 'decide')).toBe(true);
    expect(startsAppraisal('submitted', 'request_explanation')).toBe(true);
    expect(startsAppraisal('submitted', 'propose_final')).toBe(false);
    expect(startsAppraisal('in_appraisal', 'decide')).toBe(false);
  });

  it('applies the command as on the unit in appraisal, and starts the appraisal', () => {
    expect(applyCriterionCommand(c, pending21, accept)).toMatchObject({ ok: false, refusal: { code: 'state' } });
    expect(decideCriterionCommand(c, pending21, accept, unit)).toMatchObject({
      ok: true, record: { status: 'appraised' }, startAppraisal: { ok: true, action: 'start_appraisal', from: 'submitted', to: 'in_appraisal' },
    });
    const going = decideCriterionCommand({ ...c, unitState: 'in_appraisal' }, pending21, accept);
    expect(going.ok && going.startAppraisal).toBe(undefined);
  });

  it('refuses the command before the start, and the start as a unit action', () => {
    expect(decideCriterionCommand({ ...c, actor: A.snv }, pending21, accept, unit)).toMatchObject({ ok: false, refusal: { code: 'not_assigned' } });
    const adjust = { type: 'decide', decision: { kind: 'adjust', value: { points: points(1) } } } as const;
    expect(decideCriterionCommand(c, pending21, adjust, unit)).toMatchObject({ ok: false, field: 'decision.reason' });
    expect(decideCriterionCommand(c, pending21, accept, { ...unit, appraisingAgencies: ['SNV'] }))
      .toMatchObject({ ok: false, unitAction: 'start_appraisal', refusal: { code: 'not_assigned' } });
  });
});
