// The survey's quality (issue 13 §4): duplicates (same questionnaire version, unit and answers: the
// second and later flagged), response rates against quotas with flag counts, the flagged responses
// with their answers and nothing of the respondent, and excluding/including a response with a
// reason (audited, rescored, a repeated decision is a conflict).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { suppliedPoints } from '../src/db/schema/cycles';
import { surveyResponses, surveyRespondents } from '../src/db/schema/surveys';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { addResponses, createSurveyFixture, q1, type SurveyFixture } from './survey-results-fixtures';

let t: TestApp;
let admin: LoggedIn;
beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.database.db, { roles: ['admin'], unitId: (await createSurveyFixture(t.database.db)).cycle.agencyUnits.SNV.id });
  admin = await loginAs(t.app, a.username, a.password);
}, 120_000);
afterAll(async () => t?.close());

const flagsOf = async (ids: number[]) => {
  const found = await t.database.db.select({ id: surveyResponses.id, flags: surveyResponses.flags }).from(surveyResponses);
  return ids.map((id) => found.find((r) => r.id === id)!.flags);
};
const post = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: admin.headers, payload });

describe('duplicates', () => {
  it('flags the second and later responses with the same answers for the same unit and version; clears a flag that no longer holds', async () => {
    const f = await createSurveyFixture(t.database.db);
    const [u0, u1] = f.cycle.units;
    const same = { q1: 'A', q2: 'B', so_lan: '2' };
    const ids = await addResponses(t.database.db, f, u0!.id, [same, { ...same }, { q2: 'B', so_lan: '2', q1: 'A' }, { ...same, q2: 'C' }]);
    const [other] = await addResponses(t.database.db, f, u1!.id, [same]);
    // A stale flag on a response that is not a duplicate.
    await t.database.db.update(surveyResponses).set({ flags: ['too_fast', 'duplicate'] }).where(eq(surveyResponses.id, ids[3]!));
    const res = await post(`/api/surveys/${f.surveyId}/quality/duplicates`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ duplicates: 2, flagged: 2, cleared: 1 });
    expect(await flagsOf([...ids, other!])).toEqual([[], ['duplicate'], ['duplicate'], ['too_fast'], []]);
    // Counting again changes nothing.
    expect((await post(`/api/surveys/${f.surveyId}/quality/duplicates`)).json()).toEqual({ duplicates: 2, flagged: 0, cleared: 0 });
  });
});

describe('quality view and exclusion', () => {
  let f: SurveyFixture;
  let flaggedId: number;
  beforeAll(async () => {
    f = await createSurveyFixture(t.database.db, { quota: 4 });
    const [u0, u1] = f.cycle.units;
    await t.database.db.insert(surveyRespondents).values({ questionnaireId: f.questionnaireId, unitId: u0!.id, line: 2, fullName: 'Trần Văn Hùng', phone: '0987654321', email: 'hung.tran@example.vn' });
    flaggedId = (await addResponses(t.database.db, f, u0!.id, [{ q1: 'D', y_kien: 'Chờ lâu' }], { flags: ['too_fast'], channel: 'link' }))[0]!;
    await addResponses(t.database.db, f, u0!.id, q1('A', 2));
    await addResponses(t.database.db, f, u1!.id, q1('B', 1), { flags: ['straight_lining'] });
    await post(`/api/surveys/${f.surveyId}/rescore`);
  });

  it('rates per questionnaire × unit against the quota, with flag counts, and lists flagged responses with readable answers and no identity', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/surveys/${f.surveyId}/quality`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const [u0, u1, u2] = f.cycle.units;
    expect(body.rows.map((r: { unitId: string; quota: number; responses: number; valid: number; rate: string; flags: object }) => [r.unitId, r.quota, r.responses, r.valid, r.rate, r.flags])).toEqual([
      [u0!.id, 4, 3, 3, '75.0', { too_fast: 1, straight_lining: 0, duplicate: 0 }],
      [u1!.id, 4, 1, 1, '25.0', { too_fast: 0, straight_lining: 1, duplicate: 0 }],
      [u2!.id, 4, 0, 0, '0.0', { too_fast: 0, straight_lining: 0, duplicate: 0 }],
    ]);
    expect(body.totals).toMatchObject({ responses: 4, valid: 4, quota: 12 });
    expect(body.flaggedTotal).toBe(2);
    const flagged = body.flagged.find((r: { id: number }) => r.id === flaggedId);
    expect(flagged).toMatchObject({ questionnaireCode: 'DN-SO', channel: 'link', submittedOn: '2030-05-11', flags: ['too_fast'], excluded: false });
    expect(flagged.answers).toEqual([
      { question: 'q1', label: 'Thái độ của công chức', value: 'D', text: 'Không hài lòng' },
      { question: 'y_kien', label: 'Ý kiến khác', value: 'Chờ lâu', text: 'Chờ lâu' },
    ]);
    for (const secret of ['Trần Văn Hùng', '0987654321', 'hung.tran@example.vn', 'clientKey', 'token']) expect(res.body).not.toContain(secret);
    const onlyStraight = await t.app.inject({ method: 'GET', url: `/api/surveys/${f.surveyId}/quality?flag=straight_lining`, headers: admin.headers });
    expect(onlyStraight.json().flagged.map((r: { unitId: string }) => r.unitId)).toEqual([u1!.id]);
  });

  it('excludes a response with a reason (audited, rescored), refuses the same decision twice, includes it back', async () => {
    const url = `/api/surveys/${f.surveyId}/responses/${flaggedId}/exclusion`;
    expect((await post(url, { excluded: true })).statusCode).toBe(400);
    expect((await post(`/api/surveys/${f.surveyId}/responses/999999999/exclusion`, { excluded: true, reason: 'x' })).statusCode).toBe(404);
    const u0 = f.cycle.units[0]!.id;
    const pointsOfU0 = async () => (await t.database.db.select().from(suppliedPoints).where(and(eq(suppliedPoints.cycleId, f.cycle.cycleId), eq(suppliedPoints.unitId, u0))))[0]?.points;
    expect(await pointsOfU0()).toBe('6.670000');

    const res = await post(url, { excluded: true, reason: 'Trả lời trong 12 giây' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rescore: { changed: 1, fed: 1 } });
    expect(await pointsOfU0()).toBe('10.000000');
    const twice = await post(url, { excluded: true, reason: 'Lần nữa' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('Phiếu này đã được loại khỏi kết quả.');

    const quality = (await t.app.inject({ method: 'GET', url: `/api/surveys/${f.surveyId}/quality`, headers: admin.headers })).json();
    expect(quality.flagged.find((r: { id: number }) => r.id === flaggedId)).toMatchObject({ excluded: true, excludedReason: 'Trả lời trong 12 giây' });
    expect(quality.rows.find((r: { unitId: string }) => r.unitId === u0)).toMatchObject({ responses: 3, valid: 2, excluded: 1, rate: '50.0' });

    expect((await post(url, { excluded: false, reason: 'Đã xác minh người trả lời' })).statusCode).toBe(200);
    expect(await pointsOfU0()).toBe('6.670000');
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, f.surveyId)).orderBy(auditEvents.id);
    expect(events.filter((e) => e.action.endsWith('_response')).map((e) => [e.action, e.reason])).toEqual([
      ['exclude_response', 'Trả lời trong 12 giây'], ['include_response', 'Đã xác minh người trả lời'],
    ]);
  });
});
