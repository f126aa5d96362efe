import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { criterionRecords, cycleUnits, cycles, suppliedPoints } from '../src/db/schema/cycles';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { consolidateCycleGroup } from '../src/services/council/consolidation';
import { loadCycleContext } from '../src/services/cycles/context';
import { transitionUnit } from '../src/services/cycles/transitions';
import { commandContext } from '../src/services/context';
import { publishGroup } from '../src/services/publication/publish';
import { publishedTrace } from '../src/services/publication/trace';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createPubCycle, type PubCycle } from './publication-fixtures';

/**
 * A unit that never submits (issue 7, blocker 3). Three units X, Y, Z; today is after the
 * self-assessment deadline and inside the appraisal window (the calendar is moved around the real
 * clock, which the HTTP routes use). X never submits: the administrator records it as not
 * submitted under the 'nothing' policy; Z likewise under 'entries'; Y is submitted on its behalf,
 * then returned for revision. The group is then published with X at 0 self-assessed points.
 */
const DAY = 86_400_000;
let t: TestApp;
let c: PubCycle;
let admin: LoggedIn;
let headX: LoggedIn;
let headY: LoggedIn;
let appraiser: LoggedIn;
let otherOfficer: LoggedIn;
let adminActor: Actor;
let chairActor: Actor;
let X: string;
let Y: string;
let Z: string;
const now = Date.now();
const councilDate = now + 20 * DAY;
const publicationDate = now + 30 * DAY;

const action = (who: LoggedIn | undefined, unitId: string, act: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/cycles/${c.cycleId}/units/${unitId}/actions/${act}`, ...(who ? { headers: who.headers } : {}), payload });
const assessment = (who: LoggedIn, unitId: string) => t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/units/${unitId}/assessment`, headers: who.headers });
const stateOf = async (unitId: string) =>
  (await t.database.db.select().from(cycleUnits).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, unitId))))[0]!;
const recordsOf = (unitId: string) =>
  t.database.db.select().from(criterionRecords).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, unitId)));
async function setSelf(unitId: string, nodeKey: string, input: unknown) {
  await t.database.db.update(criterionRecords).set({ selfInput: input })
    .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, unitId), eq(criterionRecords.nodeKey, nodeKey)));
}
const setPolicy = (nonSubmittedScoring: 'entries' | 'nothing') => t.database.db.update(cycles).set({ nonSubmittedScoring }).where(eq(cycles.id, c.cycleId));

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db);
  [X, Y, Z] = c.units.map((u) => u.id) as [string, string, string];
  const d = (n: number) => new Date(n);
  await db.update(cycles).set({
    selfAssessmentOpens: d(now - 30 * DAY), selfAssessmentDeadline: d(now - DAY),
    appraisalFrom: d(now - DAY / 2), appraisalTo: d(now + 10 * DAY), explanationFrom: d(now - DAY / 2), explanationTo: d(now + 5 * DAY),
    councilDate: d(councilDate), publicationDate: d(publicationDate),
    evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false,
  }).where(eq(cycles.id, c.cycleId));
  // X entered 4 points and claimed 1.2 not applicable, but never submitted; Y filled everything; Z entered one criterion.
  await setSelf(X, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(X, 'bao-cao', { kind: 'not_applicable', reason: 'Không có nhiệm vụ báo cáo' });
  await setSelf(Y, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(Y, 'bao-cao', { kind: 'choice', option: 'du' });
  await setSelf(Z, 'ke-hoach', { kind: 'yes_no', value: true });
  await db.insert(suppliedPoints).values([X, Y, Z].map((unitId) => ({ cycleId: c.cycleId, unitId, nodeKey: 'dieu-tra', points: '8', source: 'test' })));
  const a = await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id });
  const ch = await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id });
  await db.update(cycles).set({ councilChairUserId: ch.id }).where(eq(cycles.id, c.cycleId));
  const hx = await createUser(db, { roles: ['unit_head'], unitId: X });
  const hy = await createUser(db, { roles: ['unit_head'], unitId: Y });
  const ap = await createUser(db, { roles: ['appraiser'], unitId: c.agencyUnits.SNV.id });
  const oo = await createUser(db, { roles: ['unit_officer'], unitId: Z });
  adminActor = { userId: a.id, username: a.username, unitId: a.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
  chairActor = { userId: ch.id, username: ch.username, unitId: ch.unitId, roles: ['council_member'], scope: PROVINCE_SCOPE, ip: null };
  admin = await loginAs(t.app, a.username, a.password);
  headX = await loginAs(t.app, hx.username, hx.password);
  headY = await loginAs(t.app, hy.username, hy.password);
  appraiser = await loginAs(t.app, ap.username, ap.password);
  otherOfficer = await loginAs(t.app, oo.username, oo.password);
});
afterAll(async () => t?.close());

describe('recording a unit as not submitted, submitting on its behalf', () => {
  it('only the administrator may: the unit itself, an appraiser, another unit and an anonymous caller are refused', async () => {
    const reason = { reason: 'Quá hạn không nộp' };
    // "Not yours" is a 403 for a unit action as for everything else.
    expect((await action(headX, X, 'mark_not_submitted', reason)).statusCode).toBe(403);
    const onBehalf = await action(headX, X, 'submit_on_behalf', reason);
    expect(onBehalf.statusCode).toBe(403);
    expect(onBehalf.json().error.message).toMatch(/Chỉ Quản trị viên|Chỉ .*quản trị/i);
    expect((await action(appraiser, X, 'mark_not_submitted', reason)).statusCode).toBe(403);
    expect((await action(otherOfficer, X, 'mark_not_submitted', reason)).statusCode).toBe(403);
    expect((await action(undefined, X, 'mark_not_submitted', reason)).statusCode).toBe(401);
    expect((await stateOf(X)).state).toBe('draft');
  });

  it('needs a reason, and the unit’s own deadline to have passed', async () => {
    const res = await action(admin, X, 'mark_not_submitted', { reason: '  ' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].path).toBe('reason');
    await t.database.db.update(cycleUnits).set({ extensionUntil: new Date(now + 2 * DAY), extensionReason: 'Đơn vị mới sáp nhập' })
      .where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, X)));
    const early = await action(admin, X, 'mark_not_submitted', { reason: 'Quá hạn không nộp' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toMatch(/còn hạn tự đánh giá/);
    await t.database.db.update(cycleUnits).set({ extensionUntil: null, extensionReason: null })
      .where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, X)));
  });

  it("the policy is the cycle's, fixed once it is open", async () => {
    const cycle = (await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}`, headers: admin.headers })).json();
    expect(cycle.policy.nonSubmittedScoring).toBe('entries');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/cycles/${c.cycleId}`, headers: admin.headers, payload: { version: cycle.version, policy: { nonSubmittedScoring: 'nothing' } } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/không thể đổi cách chấm đơn vị không nộp/);
  });

  it("'entries': Z's entries go to appraisal as if submitted; the flag shows it was not the unit", async () => {
    const res = await action(admin, Z, 'mark_not_submitted', { reason: 'Đơn vị không gửi dù đã nhắc hai lần' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'submitted', submissionMode: 'not_submitted' });
    for (const r of await recordsOf(Z)) expect(r.status).toBe('pending');
    expect(await stateOf(Z)).toMatchObject({ submissionMode: 'not_submitted', submittedAt: null, submittedBy: null });
    const [event] = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.entityId, `${c.cycleId}:${Z}`), eq(auditEvents.action, 'mark_not_submitted')));
    expect(event).toMatchObject({ actorUsername: adminActor.username, reason: 'Đơn vị không gửi dù đã nhắc hai lần', before: { state: 'draft' } });
    expect(event!.after).toMatchObject({ state: 'submitted', submissionMode: 'not_submitted', nonSubmittedScoring: 'entries' });
    // The unit sees it too.
    expect((await assessment(otherOfficer, Z)).json()).toMatchObject({ state: 'submitted', submissionMode: 'not_submitted' });
  });

  it("'nothing': X is appraised at 0 on every criterion it assesses itself, with the reason, and its head is told", async () => {
    await setPolicy('nothing');
    const res = await action(admin, X, 'mark_not_submitted', { reason: 'Đơn vị không gửi kết quả tự đánh giá' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'appraised', submissionMode: 'not_submitted' });
    for (const r of (await recordsOf(X)).filter((r) => r.nodeKey !== 'dieu-tra')) {
      expect(r).toMatchObject({ status: 'appraised', appraisalKind: 'adjust', appraisedBy: adminActor.userId });
      expect(Number(r.appraisedPoints)).toBe(0);
      expect(r.appraisalReason).toContain('Đơn vị không gửi kết quả tự đánh giá');
    }
    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: headX.headers })).json().items as { title: string; body: string }[];
    expect(notes[0]!.title).toMatch(/ghi nhận .* không nộp/);
    expect(notes[0]!.body).toContain('Đơn vị không gửi kết quả tự đánh giá');
    const progress = (await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/progress`, headers: admin.headers })).json();
    expect(progress.units.find((u: { unitId: string }) => u.unitId === X)).toMatchObject({ state: 'appraised', submissionMode: 'not_submitted' });
  });

  it('submits Y on its behalf, recorded as done by the administrator', async () => {
    const y = (await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/progress`, headers: admin.headers })).json()
      .units.find((u: { unitId: string }) => u.unitId === Y);
    expect(y.actions.map((a: { action: string; allowed: boolean }) => [a.action, a.allowed])).toEqual([
      ['return_for_revision', false], ['mark_not_submitted', true], ['submit_on_behalf', true],
    ]);
    const res = await action(admin, Y, 'submit_on_behalf', { reason: 'Đơn vị gửi bản giấy, Sở Nội vụ nộp thay' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'submitted', submissionMode: 'on_behalf' });
    expect(await stateOf(Y)).toMatchObject({ submissionMode: 'on_behalf', submittedBy: adminActor.userId });
    const [event] = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.entityId, `${c.cycleId}:${Y}`), eq(auditEvents.action, 'submit_on_behalf')));
    expect(event).toMatchObject({ actorUsername: adminActor.username, reason: 'Đơn vị gửi bản giấy, Sở Nội vụ nộp thay' });
  });
});

describe('return for revision', () => {
  it('by the appraiser, with a reason and a deadline that the unit sees on its page and its work list', async () => {
    const deadline = new Date(now + 3 * DAY).toISOString();
    const res = await action(appraiser, Y, 'return_for_revision', { reason: 'Thiếu tài liệu kiểm chứng tiêu chí 1.2', revisionDeadline: deadline });
    expect(res.statusCode, res.body).toBe(200);
    const page = (await assessment(headY, Y)).json();
    expect(page).toMatchObject({ state: 'returned_for_revision', returnReason: 'Thiếu tài liệu kiểm chứng tiêu chí 1.2', revisionDeadline: deadline, submissionMode: null });
    const list = (await t.app.inject({ method: 'GET', url: '/api/my/assessments', headers: headY.headers })).json();
    expect(list.items.find((a: { cycleId: string }) => a.cycleId === c.cycleId)).toMatchObject({ returnReason: 'Thiếu tài liệu kiểm chứng tiêu chí 1.2', revisionDeadline: deadline });
    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: headY.headers })).json().items as { title: string; body: string }[];
    expect(notes[0]!.body).toContain('Thiếu tài liệu kiểm chứng tiêu chí 1.2');
    // The unit resubmits itself: the flag says so, the reason is no longer shown.
    const again = await action(headY, Y, 'submit');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ state: 'submitted', submissionMode: 'unit', returnReason: null });
  });
});

describe("a group with a unit appraised on nothing is published", () => {
  it('X counts 0 self-assessed points, its not-applicable claim is not honoured, and it is ranked and classified', async () => {
    const db = t.database.db;
    for (const u of [Y, Z]) await db.update(cycleUnits).set({ state: 'appraised' }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, u)));
    const atCouncil = new Date(councilDate + 3_600_000);
    for (const u of [X, Y, Z]) {
      await transitionUnit(commandContext(db, adminActor, () => atCouncil), { cycleId: c.cycleId, unitId: u, action: 'record_council_review' });
      await transitionUnit(commandContext(db, chairActor, () => atCouncil), { cycleId: c.cycleId, unitId: u, action: 'approve' });
    }
    const ctx = await loadCycleContext(db, c.cycleId);
    const { consolidation } = await consolidateCycleGroup(db, ctx, c.groupId);
    const x = consolidation.units.find((u) => u.unitId === X)!;
    expect(x.leaves.map((l) => [l.key, l.level, l.effective?.points])).toEqual([['ke-hoach', 'appraised', 0], ['bao-cao', 'appraised', 0], ['dieu-tra', 'supplied', 8000]]);
    // The council table shows who did not submit.
    const table = (await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/council?groupId=${c.groupId}`, headers: admin.headers })).json();
    expect(table.rows.map((r: { unit: { id: string }; submissionMode: string | null }) => [r.unit.id, r.submissionMode]))
      .toEqual(expect.arrayContaining([[X, 'not_submitted'], [Y, 'unit'], [Z, 'not_submitted']]));
    const snap = await publishGroup(commandContext(db, adminActor, () => new Date(publicationDate + 3_600_000)), { cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '12/QĐ-UBND' });
    // X: 0 + 0 + 8 survey points of 20 (1.2 counts in the maximum) = 40,00, last, "Yếu".
    expect(snap.rows.find((r) => r.unitId === X)).toMatchObject({ achieved: '8', index: '40.00', rank: 3, classLabel: 'Yếu' });
    expect((await loadCycleContext(db, c.cycleId)).units.get(X)!.state).toBe('published');
    // The published trace says why each self-assessed criterion of X has 0 points.
    const trace = await publishedTrace(db, c.cycleId, c.groupId, X, adminActor);
    for (const leaf of trace.leaves.filter((l) => l.nodeKey !== 'dieu-tra')) {
      expect(leaf.effectivePoints, leaf.nodeKey).toMatch(/^0([.,]0+)?$/);
      expect(leaf.decisions, leaf.nodeKey).toEqual([expect.objectContaining({ action: 'decide', reason: expect.stringContaining('Đơn vị không gửi kết quả tự đánh giá') })]);
    }
  });
});
