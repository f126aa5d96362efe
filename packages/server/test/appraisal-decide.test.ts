import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { endOfDayVn } from '@chiso/core';
import { users } from '../src/db/schema/accounts';
import { notifications } from '../src/db/schema/cycles';
import { appraisalService, assessmentService } from './support/services';
import { createTestDatabase } from './support/database';
import type { DatabaseHandle } from '../src/db/client';
import { at, cal } from './publication-fixtures';
import { auditOf, createAppraisalCycle, recordRow, setSelf, setUnitState, unitState, type AppraisalCycle } from './appraisal-fixtures';

/** Decisions and requests through the services, at fixed moments of the 2030 calendar. */
let handle: DatabaseHandle;
let c: AppraisalCycle;
let clock = at.appraisal;
const now = () => new Date(clock);
let appraisal: ReturnType<typeof appraisalService>;
let assessments: ReturnType<typeof assessmentService>;
let X: string, Y: string, Z: string, W: string;

const version = async (unitId: string, nodeKey: string) => (await recordRow(handle.db, c, unitId, nodeKey)).version;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  c = await createAppraisalCycle(db, 4);
  [X, Y, Z, W] = c.units.map((u) => u.id) as [string, string, string, string];
  // X: plan yes (4), report on time (6). Y: plan no (0), report claimed not applicable. Z: plan yes, report late (3).
  await setSelf(db, c, X, 'ke-hoach', { kind: 'yes_no', value: true }, '4');
  await setSelf(db, c, X, 'bao-cao', { kind: 'choice', option: 'du' }, '6');
  await setSelf(db, c, Y, 'ke-hoach', { kind: 'yes_no', value: false }, '0');
  await setSelf(db, c, Y, 'bao-cao', { kind: 'not_applicable', reason: 'Không có nhiệm vụ báo cáo' }, '0');
  await setSelf(db, c, Z, 'ke-hoach', { kind: 'yes_no', value: true }, '4');
  await setSelf(db, c, Z, 'bao-cao', { kind: 'choice', option: 'tre' }, '3');
  await setSelf(db, c, W, 'ke-hoach', { kind: 'yes_no', value: true }, '4');
  await setSelf(db, c, W, 'bao-cao', { kind: 'choice', option: 'tre' }, '3');
  for (const u of [X, Y, Z, W]) await setUnitState(db, c, u, 'submitted');
  appraisal = appraisalService(db, now);
  assessments = assessmentService(db, now);
});
afterAll(async () => handle?.close());

describe('decide', () => {
  it('is refused before the appraisal window, and the unit stays submitted', async () => {
    clock = cal.selfAssessmentDeadline - 3_600_000;
    await expect(appraisal.decide(c.cycleId, X, 'ke-hoach', { version: await version(X, 'ke-hoach'), decision: { kind: 'accept' } }, c.actors.snv))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('Chưa đến thời gian thẩm định') });
    expect(await unitState(handle.db, c, X)).toBe('submitted');
    clock = at.appraisal;
  });

  it('accept: the first decision moves the submitted unit into appraisal; points stored exactly; audited', async () => {
    const view = await appraisal.decide(c.cycleId, X, 'ke-hoach', { version: await version(X, 'ke-hoach'), decision: { kind: 'accept' } }, c.actors.snv);
    expect(view).toMatchObject({ status: 'appraised', appraisal: { kind: 'accept', points: '4.000', agency: 'SNV', reason: null } });
    expect(await unitState(handle.db, c, X)).toBe('in_appraisal');
    const row = await recordRow(handle.db, c, X, 'ke-hoach');
    expect(row.appraisedPoints).toBe('4.000');
    expect(row.appraisedBy).toBe(c.users.snv.id);
    const audit = await auditOf(handle.db, row.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'decide', actorUserId: c.users.snv.id,
      before: { status: 'pending', selfPoints: '4.000', appraisal: null },
      after: { status: 'appraised', appraisal: { kind: 'accept', points: '4.000' } },
    });
  });

  it('an appraiser may not decide a criterion its agency does not appraise (403)', async () => {
    await expect(appraisal.decide(c.cycleId, X, 'bao-cao', { version: await version(X, 'bao-cao'), decision: { kind: 'accept' } }, c.actors.snv))
      .rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('1.2') });
    await expect(appraisal.decide(c.cycleId, X, 'bao-cao', { version: await version(X, 'bao-cao'), decision: { kind: 'accept' } }, c.actors.admin))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('adjust: reason mandatory when the result differs; a value the rule cannot produce is refused', async () => {
    const v = await version(Z, 'bao-cao');
    await expect(appraisal.decide(c.cycleId, Z, 'bao-cao', { version: v, decision: { kind: 'adjust', value: { points: '0.000' } } }, c.actors.stp))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('cần nêu lý do'), details: [{ path: 'decision.reason' }] });
    await expect(appraisal.decide(c.cycleId, Z, 'bao-cao', { version: v, decision: { kind: 'adjust', value: { points: '4.5' }, reason: 'Thử' } }, c.actors.stp))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', details: [{ path: 'decision.value' }] });
    await expect(appraisal.decide(c.cycleId, Z, 'bao-cao', { version: v, decision: { kind: 'adjust', value: { points: 'abc' }, reason: 'Thử' } }, c.actors.stp))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // Nothing was written by the refusals (the unit did not even move).
    expect(await unitState(handle.db, c, Z)).toBe('submitted');
    expect(await version(Z, 'bao-cao')).toBe(v);

    const view = await appraisal.decide(c.cycleId, Z, 'bao-cao', { version: v, decision: { kind: 'adjust', value: { input: { kind: 'choice', option: 'khong' } }, reason: 'Không có báo cáo quý IV' } }, c.actors.stp);
    expect(view.appraisal).toMatchObject({ kind: 'adjust', points: '0.000', reason: 'Không có báo cáo quý IV', agency: 'STP' });
    const row = await recordRow(handle.db, c, Z, 'bao-cao');
    expect(row.appraisedPoints).toBe('0.000');
    expect((await auditOf(handle.db, row.id))[0]).toMatchObject({ reason: 'Không có báo cáo quý IV', after: { appraisal: { kind: 'adjust', points: '0.000' } } });
    // Same result without a reason is fine (re-deciding an appraised criterion).
    const same = await appraisal.decide(c.cycleId, Z, 'ke-hoach', { version: await version(Z, 'ke-hoach'), decision: { kind: 'adjust', value: { points: '4.000' } } }, c.actors.snv);
    expect(same.appraisal).toMatchObject({ kind: 'adjust', points: '4.000', reason: null });
  });

  it('the unit is notified of a decision that differs from its own score', async () => {
    const officer = await handle.db.insert(users).values({
      username: `officer.w.${Date.now()}`, fullName: 'Cán bộ W', roles: ['unit_officer'], unitId: W, passwordHash: 'x',
    }).returning();
    const v = await version(W, 'bao-cao');
    await appraisal.decide(c.cycleId, W, 'bao-cao', { version: v, decision: { kind: 'adjust', value: { points: '3.000' }, reason: 'Báo cáo có nhưng trễ hạn' } }, c.actors.stp);
    const rows = await handle.db.select().from(notifications).where(and(eq(notifications.userId, officer[0]!.id), eq(notifications.kind, 'criterion.appraised')));
    // 3 = its own 3: no notice for this one.
    expect(rows).toHaveLength(0);
    await appraisal.decide(c.cycleId, W, 'bao-cao', { version: await version(W, 'bao-cao'), decision: { kind: 'adjust', value: { points: '0.000' }, reason: 'Không có báo cáo' } }, c.actors.stp);
    const after = await handle.db.select().from(notifications).where(and(eq(notifications.userId, officer[0]!.id), eq(notifications.kind, 'criterion.appraised')));
    expect(after).toHaveLength(1);
    expect(after[0]!.body).toContain('Không có báo cáo');
  });

  it('not applicable: accept refused; confirm; reject with a value and a reason', async () => {
    const v = await version(Y, 'bao-cao');
    await expect(appraisal.decide(c.cycleId, Y, 'bao-cao', { version: v, decision: { kind: 'accept' } }, c.actors.stp))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('không áp dụng') });
    await expect(appraisal.decide(c.cycleId, Y, 'bao-cao', { version: v, decision: { kind: 'reject_not_applicable', value: { points: '3.000' }, reason: '  ' } }, c.actors.stp))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', details: [{ path: 'decision.reason' }] });
    const confirmed = await appraisal.decide(c.cycleId, Y, 'bao-cao', { version: v, decision: { kind: 'confirm_not_applicable' } }, c.actors.stp);
    expect(confirmed.appraisal).toMatchObject({ kind: 'confirm_not_applicable', points: '0.000' });
    const rejected = await appraisal.decide(c.cycleId, Y, 'bao-cao', {
      version: confirmed.version, decision: { kind: 'reject_not_applicable', value: { input: { kind: 'choice', option: 'tre' } }, reason: 'Đơn vị có nhiệm vụ báo cáo quý' },
    }, c.actors.stp);
    expect(rejected.appraisal).toMatchObject({ kind: 'reject_not_applicable', points: '3.000', reason: 'Đơn vị có nhiệm vụ báo cáo quý' });
    // confirm on a criterion not claimed not applicable is refused
    await expect(appraisal.decide(c.cycleId, X, 'ke-hoach', { version: await version(X, 'ke-hoach'), decision: { kind: 'confirm_not_applicable' } }, c.actors.snv))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION' });
  });

  it('a stale version is a 409 with the current view', async () => {
    const v = await version(Y, 'ke-hoach');
    await appraisal.decide(c.cycleId, Y, 'ke-hoach', { version: v, decision: { kind: 'accept' } }, c.actors.snv);
    const error = await appraisal.decide(c.cycleId, Y, 'ke-hoach', { version: v, decision: { kind: 'adjust', value: { points: '4.000' }, reason: 'Có kế hoạch' } }, c.actors.snv).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409 });
    const current = (error as { details: { current: { version: number; status: string; appraisal: { kind: string } } }[] }).details[0]!.current;
    expect(current).toMatchObject({ version: v + 1, status: 'appraised', appraisal: { kind: 'accept' } });
  });
});

describe('request for explanation, answer, decision', () => {
  it('refuses a deadline outside the explanation window; the unit answers; the appraiser decides; the unit becomes appraised', async () => {
    // X: 1.1 accepted above; 1.2 (STP) still pending.
    const v = await version(X, 'bao-cao');
    const late = new Date(endOfDayVn(2030, 2, 25)).toISOString();
    await expect(appraisal.request(c.cycleId, X, 'bao-cao', { version: v, kind: 'evidence', message: 'Bổ sung báo cáo quý IV', deadline: late }, c.actors.stp))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('Hạn trả lời không được sau'), details: [{ path: 'deadline' }] });
    await expect(appraisal.request(c.cycleId, X, 'bao-cao', { version: v, kind: 'evidence', message: 'x', deadline: new Date(clock - 1000).toISOString() }, c.actors.stp))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    await expect(appraisal.request(c.cycleId, X, 'bao-cao', { version: v, kind: 'evidence', message: 'x', deadline: new Date(endOfDayVn(2030, 2, 15)).toISOString() }, c.actors.snv))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });

    const deadline = new Date(endOfDayVn(2030, 2, 15)).toISOString();
    const requested = await appraisal.request(c.cycleId, X, 'bao-cao', { version: v, kind: 'explanation', message: 'Giải trình việc nộp báo cáo quý IV', deadline }, c.actors.stp);
    expect(requested).toMatchObject({ status: 'explanation_requested', requests: [{ kind: 'explanation', message: 'Giải trình việc nộp báo cáo quý IV', deadline, agency: 'STP' }] });
    expect(await unitState(handle.db, c, X)).toBe('explanation_requested');
    const row = await recordRow(handle.db, c, X, 'bao-cao');
    expect((await auditOf(handle.db, row.id)).map((a) => a.action)).toContain('request_explanation');
    const notes = await handle.db.select().from(notifications).where(and(eq(notifications.userId, c.users.officer.id), eq(notifications.kind, 'criterion.explanation_requested')));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('15/02/2030');

    // Deciding while the unit still may answer is refused.
    await expect(appraisal.decide(c.cycleId, X, 'bao-cao', { version: requested.version, decision: { kind: 'accept' } }, c.actors.stp))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('hãy chờ đơn vị trả lời') });

    // The unit answers through B's service.
    clock = at.appraisal + 86_400_000;
    const answered = await assessments.answer(c.cycleId, X, 'bao-cao', { version: requested.version, text: 'Báo cáo quý IV gửi ngày 10/01, kèm công văn' }, c.actors.officer);
    expect(answered.status).toBe('explained');
    expect(await unitState(handle.db, c, X)).toBe('explained');

    const decided = await appraisal.decide(c.cycleId, X, 'bao-cao', { version: answered.version, decision: { kind: 'accept' } }, c.actors.stp);
    expect(decided).toMatchObject({ status: 'appraised', appraisal: { kind: 'accept', points: '6.000' }, requests: [{ answer: { text: 'Báo cáo quý IV gửi ngày 10/01, kèm công văn' } }] });
    // Every criterion decided: afterCriterionChange moved the unit.
    expect(await unitState(handle.db, c, X)).toBe('appraised');
    clock = at.appraisal;
  });
});
