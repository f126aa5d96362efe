import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../src/db/schema/accounts';
import { cycles } from '../src/db/schema/cycles';
import { mailIdle } from '../src/services/notifications/mailer';
import { captureMail } from './support/mail';
import { createTestApp, type TestApp } from './support/app';
import { loginAs, type LoggedIn } from './support/login';
import { auditOf, createAppraisalCycle, recordRow, setSelf, setUnitState, unitState, type AppraisalCycle } from './appraisal-fixtures';

/**
 * Not-applicable claims (khai báo "không áp dụng") over HTTP: the refusal notifies the unit with
 * the reason and the value the criterion now counts with; the bulk confirmation of one criterion
 * across units is the appraising agency's only, all or nothing, one audit event per unit.
 * 1.2 `bao-cao` (appraised by STP) may be declared not applicable in the fixture framework.
 */
let t: TestApp;
let c: AppraisalCycle;
let U1: string, U2: string, U3: string, U4: string;
let mail: ReturnType<typeof captureMail>;
const s: Partial<Record<'officer' | 'snv' | 'stp' | 'admin', LoggedIn>> = {};
const day = 86_400_000;
const claim = { kind: 'not_applicable', reason: 'Không có nhiệm vụ báo cáo' };

const v = async (unitId: string) => (await recordRow(t.database.db, c, unitId, 'bao-cao')).version;
const bulk = (who: LoggedIn, items: unknown[]) =>
  t.app.inject({ method: 'POST', url: `/api/cycles/${c.cycleId}/appraisal/criteria/bao-cao/confirm-not-applicable`, headers: who.headers, payload: { items } });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createAppraisalCycle(db, 5);
  [U1, U2, U3, U4] = c.units.map((u) => u.id) as [string, string, string, string];
  const now = Date.now();
  const d = (n: number) => new Date(now + n * day);
  await db.update(cycles).set({
    selfAssessmentOpens: d(-40), selfAssessmentDeadline: d(-11), appraisalFrom: d(-10), appraisalTo: d(10),
    explanationFrom: d(-10), explanationTo: d(10), councilDate: d(11), publicationDate: d(30),
  }).where(eq(cycles.id, c.cycleId));
  for (const u of c.units.map((x) => x.id)) {
    await setSelf(db, c, u, 'ke-hoach', { kind: 'yes_no', value: true }, '4');
    // U4 scored its report; every other unit claims it not applicable.
    await setSelf(db, c, u, 'bao-cao', u === U4 ? { kind: 'choice', option: 'du' } : claim, u === U4 ? '6' : '0');
    await setUnitState(db, c, u, 'submitted');
  }
  for (const who of ['officer', 'snv', 'stp', 'admin'] as const) s[who] = await loginAs(t.app, c.users[who].username, c.users[who].password);
  await db.update(users).set({ email: 'officer1@example.invalid' }).where(eq(users.id, c.users.officer.id));
  mail = captureMail({ publicUrl: 'https://chiso.example.invalid' });
});
afterAll(async () => {
  mail?.off();
  await t?.close();
});

describe('refusing a not-applicable claim', () => {
  it('scores the criterion on the given value and notifies the unit with the reason', async () => {
    // U1 is the officer's unit.
    const res = await t.app.inject({
      method: 'POST', url: `/api/cycles/${c.cycleId}/units/${U1}/criteria/bao-cao/decide`, headers: s.stp!.headers,
      payload: { version: await v(U1), decision: { kind: 'reject_not_applicable', value: { input: { kind: 'choice', option: 'tre' } }, reason: 'Đơn vị có nhiệm vụ báo cáo quý' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'appraised', appraisal: { kind: 'reject_not_applicable', points: '3.000', reason: 'Đơn vị có nhiệm vụ báo cáo quý' } });
    expect((await recordRow(t.database.db, c, U1, 'bao-cao')).appraisedPoints).toBe('3.000');

    const notes = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: s.officer!.headers });
    const refused = (notes.json() as { items: { kind: string; title: string; body: string; link: string }[] }).items
      .filter((n) => n.kind === 'criterion.not_applicable_refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.title).toContain('không chấp nhận');
    expect(refused[0]!.title).toContain('1.2');
    expect(refused[0]!.body).toContain('Đơn vị có nhiệm vụ báo cáo quý');
    expect(refused[0]!.body).toContain('3 điểm');
    expect(refused[0]!.link).toContain(U1);
    // …and by e-mail (SMTP configured here), after the commit.
    await mailIdle();
    // (The other mail tells that the unit's appraisal started: the refusal was its first decision.)
    const mails = mail.sent.filter((m) => m.to === 'officer1@example.invalid' && m.subject.includes('không chấp nhận'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Đơn vị có nhiệm vụ báo cáo quý');
    expect(mails[0]!.text).toContain(`https://chiso.example.invalid/assessments/${c.cycleId}/${U1}`);
  });
});

describe('bulk confirmation of not-applicable claims for one criterion', () => {
  it('only the criterion\'s appraising agency may confirm (403 for another agency, the unit, the administrator), nothing saved', async () => {
    const items = [{ unitId: U2, version: await v(U2) }, { unitId: U3, version: await v(U3) }];
    const other = await bulk(s.snv!, items);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringContaining('không thuộc phạm vi thẩm định') } });
    expect((await bulk(s.officer!, items)).statusCode).toBe(403);
    expect((await bulk(s.admin!, items)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/cycles/${c.cycleId}/appraisal/criteria/bao-cao/confirm-not-applicable`, payload: { items } });
    expect(anonymous.statusCode).toBe(401);
    for (const u of [U2, U3]) {
      expect((await recordRow(t.database.db, c, u, 'bao-cao')).status).toBe('pending');
      expect(await unitState(t.database.db, c, u)).toBe('submitted');
    }
  });

  it('a stale version refuses the whole batch (409) naming the unit; nothing saved, no audit', async () => {
    // The stale one is decided last (units are taken in id order): the first is rolled back.
    const [first, stale] = [U2, U3].sort((a, b) => a.localeCompare(b)) as [string, string];
    const res = await bulk(s.stp!, [{ unitId: stale, version: (await v(stale)) + 1 }, { unitId: first, version: await v(first) }]);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining(c.units.find((u) => u.id === stale)!.name) } });
    expect((res.json() as { error: { message: string } }).error.message).toContain('Chưa xác nhận đơn vị nào');
    const row = await recordRow(t.database.db, c, first, 'bao-cao');
    expect(row.status).toBe('pending');
    expect(await auditOf(t.database.db, row.id)).toHaveLength(0);
    expect(await unitState(t.database.db, c, first)).toBe('submitted');
  });

  it('a unit that claimed nothing refuses the whole batch (422) naming it', async () => {
    const name4 = c.units.find((u) => u.id === U4)!.name;
    const res = await bulk(s.stp!, [{ unitId: U2, version: await v(U2) }, { unitId: U4, version: await v(U4) }]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'RULE_VIOLATION', message: expect.stringContaining(name4) } });
    expect((await recordRow(t.database.db, c, U2, 'bao-cao')).status).toBe('pending');
  });

  it('a unit listed twice is refused (400)', async () => {
    const res = await bulk(s.stp!, [{ unitId: U2, version: await v(U2) }, { unitId: U2, version: await v(U2) }]);
    expect(res.statusCode).toBe(400);
  });

  it('confirms every listed claim in one action, each with its own audit event', async () => {
    const res = await bulk(s.stp!, [{ unitId: U3, version: await v(U3) }, { unitId: U2, version: await v(U2) }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ confirmed: 2 });
    for (const u of [U2, U3]) {
      const row = await recordRow(t.database.db, c, u, 'bao-cao');
      expect(row).toMatchObject({ status: 'appraised', appraisalKind: 'confirm_not_applicable', appraisedBy: c.users.stp.id });
      const audit = await auditOf(t.database.db, row.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'decide', actorUserId: c.users.stp.id,
        before: { unitId: u, status: 'pending', selfNotApplicable: true, appraisal: null },
        after: { unitId: u, status: 'appraised', appraisal: { kind: 'confirm_not_applicable' } },
      });
      // The first decision started the unit's appraisal.
      expect(await unitState(t.database.db, c, u)).toBe('in_appraisal');
    }
    // Confirmed again with the old versions: stale.
    expect((await bulk(s.stp!, [{ unitId: U2, version: 1 }])).statusCode).toBe(409);
  });

  it('the matrix tells which criteria may be declared not applicable, and on what condition', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/appraisal`, headers: s.stp!.headers });
    expect(res.json()).toMatchObject({ criteria: [{ nodeKey: 'bao-cao', notApplicableCondition: 'Không có nhiệm vụ báo cáo' }] });
  });
});
