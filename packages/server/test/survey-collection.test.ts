// Survey collection online (issue 13 §3): the public form behind a single-use link — one answer per
// link, a retried send is the same answer, 410/404, the survey's state, revoking, rate limits — and
// privacy: the stored answer keeps nothing that leads back to its link.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { surveyAnswers, surveyInvitations, surveyResponses, surveys } from '../src/db/schema/surveys';
import { getTableColumns } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { loginAs, type LoggedIn } from './support/login';
import { collectionActors, createCollectionSurvey, goodAnswers, type CollectionSurvey } from './survey-collection-fixtures';

let t: TestApp;
let s: CollectionSurvey;
let admin: LoggedIn;
let ip = 0;
/** Each test's requests come from their own address, so the rate limit test does not starve the others. */
const nextIp = () => `192.0.2.${++ip}`;

beforeAll(async () => {
  t = await createTestApp();
  s = await createCollectionSurvey(t.database.db);
  const actors = await collectionActors(t.database.db, s);
  admin = await loginAs(t.app, actors.admin.username, actors.admin.password);
});
afterAll(async () => t?.close());

const open = (token: string, remoteAddress = nextIp()) => t.app.inject({ method: 'GET', url: `/api/public/surveys/${token}`, remoteAddress });
const send = (token: string, body: Record<string, unknown>, remoteAddress = nextIp()) =>
  t.app.inject({ method: 'POST', url: `/api/public/surveys/${token}/responses`, payload: body, remoteAddress });
const answer = (answers: Record<string, string> = goodAnswers, secondsAgo = 300, clientKey = randomUUID()) =>
  ({ clientKey, startedAt: new Date(Date.now() - secondsAgo * 1000).toISOString(), answers });

/** `count` new counter links of the first rated unit; their tokens. */
async function newLinks(count: number, unit = s.cycle.units[0]!.id): Promise<string[]> {
  const res = await t.app.inject({ method: 'POST', url: `/api/surveys/${s.surveyId}/invitations`, headers: admin.headers, payload: { questionnaireId: s.questionnaireId, unitId: unit, count, channel: 'counter' } });
  expect(res.statusCode, res.body).toBe(201);
  const list = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/invitations/links?questionnaireId=${s.questionnaireId}&unitId=${unit}&state=new`, headers: admin.headers });
  return list.json<{ items: { url: string; channel: string }[] }>().items.filter((l) => l.channel === 'counter').slice(-count).map((l) => l.url.split('/khao-sat/')[1]!);
}

const invitationOf = async (token: string) => (await t.database.db.select().from(surveyInvitations).where(eq(surveyInvitations.token, token)))[0]!;
const linkResponses = () => t.database.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, s.surveyId), eq(surveyResponses.channel, 'link')));

describe('the public form behind a link', () => {
  it('opens without a login: the questionnaire without weights or criteria, the unit and the survey; the link is marked opened (to the day)', async () => {
    const [token] = await newLinks(1);
    const res = await open(token!);
    expect(res.statusCode, res.body).toBe(200);
    const form = res.json();
    expect(form.surveyName).toBe('Khảo sát sự hài lòng 2030');
    expect(form.unitName).toBe(s.cycle.units[0]!.name);
    expect(form.questionnaire.questions.map((q: { name: string }) => q.name)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'phan_anh', 'so_lan', 'gop_y']);
    expect(JSON.stringify(form)).not.toMatch(/weight|criterion|dieu-tra/);
    expect(form.questionnaire.choices.muc_do[0]).toEqual({ name: 'a', label: 'Rất hài lòng' });
    expect(res.headers['cache-control']).toBe('no-store');
    const link = await invitationOf(token!);
    expect(link.openedAt).not.toBeNull();
    // Kept to the day, Vietnam time (UTC+7): midnight there is 17:00 UTC.
    expect(link.openedAt!.toISOString()).toMatch(/T17:00:00\.000Z$/);
  });

  it('an unknown or malformed token is a 404 saying no more than that', async () => {
    for (const token of ['khong-co-that-AAAAAAAAAAAA', 'x']) {
      const res = await open(token);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Đường dẫn khảo sát không đúng'), details: [{ code: 'unknown' }] });
    }
    expect((await send('khong-co-that-AAAAAAAAAAAA', answer())).statusCode).toBe(404);
  });

  it('takes one answer: stored through the link channel with its answers and flags, the link used; a retry with the same key is the same answer', async () => {
    const [token] = await newLinks(1);
    const before = (await linkResponses()).length;
    const body = answer({ ...goodAnswers, gop_y: '  Nên có chỗ ngồi chờ  ' });
    const first = await send(token!, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: true });
    // The connection dropped before the answer arrived: the browser sends again, same key.
    const retry = await send(token!, body);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toEqual({ received: true });
    const stored = await linkResponses();
    expect(stored.length).toBe(before + 1);
    const response = stored.find((r) => r.clientKey === body.clientKey)!;
    expect(response).toMatchObject({ unitId: s.cycle.units[0]!.id, questionnaireVersionId: s.versionId, flags: [], excluded: false });
    expect(response.durationSeconds).toBeGreaterThanOrEqual(300);
    // Kept to the Vietnam day like the link's use: neither the time nor the order of sending links it to the respondent list.
    expect(response.submittedAt.toISOString()).toMatch(/T17:00:00\.000Z$/);
    expect(response.startedAt!.toISOString()).toMatch(/T17:00:00\.000Z$/);
    const answers = await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, response.id));
    expect(Object.fromEntries(answers.map((a) => [a.question, a.value]))).toEqual({ ...goodAnswers, gop_y: 'Nên có chỗ ngồi chờ' });
    const link = await invitationOf(token!);
    expect(link.usedAt!.toISOString()).toMatch(/T17:00:00\.000Z$/);
    expect(link.openedAt).not.toBeNull();
  });

  it('a used link refuses another answer and no longer opens (410, “đã được sử dụng”)', async () => {
    const [token] = await newLinks(1);
    expect((await send(token!, answer())).statusCode).toBe(200);
    const again = await send(token!, answer());
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toMatchObject({ code: 'GONE', message: expect.stringContaining('đã được sử dụng'), details: [{ code: 'used' }] });
    const reopened = await open(token!);
    expect(reopened.statusCode).toBe(410);
    expect(reopened.json().error.details[0].code).toBe('used');
  });

  it('two answers racing on one link: exactly one is stored', async () => {
    const [token] = await newLinks(1);
    const before = (await linkResponses()).length;
    const results = await Promise.all([send(token!, answer()), send(token!, answer()), send(token!, answer())]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410, 410]);
    expect((await linkResponses()).length).toBe(before + 1);
  });

  it('wrong or missing answers: 422 with a Vietnamese message per question, nothing stored, the link still usable', async () => {
    const [token] = await newLinks(1);
    const before = (await linkResponses()).length;
    const res = await send(token!, answer({ q1: 'a', q2: 'z', phan_anh: 'co', so_lan: '0', khong_co: 'x' }));
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { path: string; message: string }[];
    const paths = details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['answers.q2', 'answers.q3', 'answers.so_lan', 'answers.khong_co']));
    expect(details.find((d) => d.path === 'answers.q3')!.message).toMatch(/Câu “Thời gian giải quyết đúng hẹn”/);
    expect((await linkResponses()).length).toBe(before);
    expect((await invitationOf(token!)).usedAt).toBeNull();
    // With skip logic: the visit count is asked only after "có"; an answer to it after "không" is dropped.
    const ok = await send(token!, answer({ ...goodAnswers, phan_anh: 'khong', so_lan: '3' }));
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('flags an answer sent too fast, and the same choice everywhere; a phone clock ahead of the server gives no duration', async () => {
    const [fast, straight, skewed] = await newLinks(3);
    const fastBody = answer(goodAnswers, 10);
    expect((await send(fast!, fastBody)).statusCode).toBe(200);
    const straightBody = answer({ q1: 'b', q2: 'b', q3: 'b', q4: 'b', q5: 'b', phan_anh: 'khong' }, 400);
    expect((await send(straight!, straightBody)).statusCode).toBe(200);
    const skewedBody = answer(goodAnswers, -600);
    expect((await send(skewed!, skewedBody)).statusCode).toBe(200);
    const stored = new Map((await linkResponses()).map((r) => [r.clientKey, r]));
    expect(stored.get(fastBody.clientKey)!.flags).toEqual(['too_fast']);
    expect(stored.get(straightBody.clientKey)!.flags).toEqual(['straight_lining']);
    expect(stored.get(skewedBody.clientKey)).toMatchObject({ durationSeconds: null, startedAt: null, flags: [] });
  });

  it('a key already used through another link is not a second answer (409), and that link stays unused', async () => {
    const [first, second] = await newLinks(2);
    const body = answer();
    expect((await send(first!, body)).statusCode).toBe(200);
    const res = await send(second!, body);
    expect(res.statusCode).toBe(409);
    expect((await invitationOf(second!)).usedAt).toBeNull();
  });

  it('a revoked link answers 410; revoking leaves used links alone; audited with the reason', async () => {
    const [used, unused] = await newLinks(2);
    expect((await send(used!, answer())).statusCode).toBe(200);
    const ids = [(await invitationOf(used!)).id, (await invitationOf(unused!)).id];
    const res = await t.app.inject({ method: 'POST', url: `/api/surveys/${s.surveyId}/invitations/revoke`, headers: admin.headers, payload: { ids, reason: 'Phiếu in bị thất lạc' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ revoked: 1 });
    const gone = await open(unused!);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error).toMatchObject({ message: expect.stringContaining('thu hồi'), details: [{ code: 'revoked' }] });
    expect((await send(unused!, answer())).statusCode).toBe(410);
    expect((await invitationOf(used!)).revokedAt).toBeNull();
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, s.surveyId), eq(auditEvents.action, 'revoke_links')));
    expect(audit).toMatchObject({ reason: 'Phiếu in bị thất lạc', after: { links: [ids[1]] } });
  });

  it('a rate limit that a counter’s normal use never reaches (one office address), and that stops a flood', async () => {
    const office = '198.51.100.7';
    const tokens = await newLinks(25);
    for (const token of tokens) {
      expect((await open(token, office)).statusCode).toBe(200);
      expect((await send(token, answer(), office)).statusCode).toBe(200);
    }
    const flood = '198.51.100.8';
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await open('khong-co-that-AAAAAAAAAAAA', flood)).statusCode);
    expect(statuses.slice(0, 120).every((c) => c === 404)).toBe(true);
    const limited = await open('khong-co-that-AAAAAAAAAAAA', flood);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a logged-in visitor’s cookie without a CSRF token is refused, so the form page sends none (credentials omitted)', async () => {
    const [token] = await newLinks(1);
    const withCookie = await t.app.inject({ method: 'POST', url: `/api/public/surveys/${token}/responses`, payload: answer(), headers: { cookie: admin.cookie } });
    expect(withCookie.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/public/surveys/${token}/responses`, payload: answer(), headers: { origin: 'https://zalo.example' } });
    expect(anonymous.statusCode, anonymous.body).toBe(200);
  });
});

describe('the limits of an anonymous send', () => {
  it('refuses a body over 256 KB (413), more answers than questions, a text over 2 000 characters and an unknown field, each with a Vietnamese message; nothing stored, the link still usable', async () => {
    const [token] = await newLinks(1);
    const before = (await linkResponses()).length;
    const huge = await send(token!, answer({ ...goodAnswers, ...Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`c${i}`, 'x'.repeat(3000)])) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'Tệp hoặc dữ liệu gửi lên quá lớn.' });

    const many = await send(token!, answer({ ...goodAnswers, so_lan: '1', gop_y: 'x', thua_1: 'a', thua_2: 'a' }));
    expect(many.statusCode).toBe(422);
    expect(many.json().error.message).toBe('Phiếu gửi 10 câu trả lời trong khi phiếu hỏi chỉ có 8 câu. Hãy tải lại trang rồi trả lời lại.');

    for (const length of [2001, 4001]) {
      const long = await send(token!, answer({ ...goodAnswers, gop_y: 'ý'.repeat(length) }));
      expect(long.statusCode).toBe(400);
      expect(long.json().error.details).toEqual([expect.objectContaining({ path: 'answers.gop_y', message: 'Câu trả lời dài quá 2000 ký tự.' })]);
    }

    const extra = await send(token!, { ...answer(), respondentName: 'Nguyễn Văn A' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.details).toEqual([expect.objectContaining({ message: 'Phiếu gửi lên có trường không được nhận: respondentName.' })]);

    expect((await linkResponses()).length).toBe(before);
    expect((await invitationOf(token!)).usedAt).toBeNull();
    const longest = await send(token!, answer({ ...goodAnswers, gop_y: 'ý'.repeat(2000) }));
    expect(longest.statusCode, longest.body).toBe(200);
  });
});

describe('the survey’s state', () => {
  it('a draft survey’s link says not started yet; a closed survey’s link says it has ended (410)', async () => {
    const draft = await createCollectionSurvey(t.database.db, { status: 'draft' });
    const res = await open(draft.sampled[0]!.token);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.details[0].code).toBe('not_open');
    await t.database.db.update(surveys).set({ status: 'closed' }).where(eq(surveys.id, draft.surveyId));
    for (const r of [await open(draft.sampled[0]!.token), await send(draft.sampled[0]!.token, answer())]) {
      expect(r.statusCode).toBe(410);
      expect(r.json().error).toMatchObject({ message: expect.stringContaining('đã kết thúc'), details: [{ code: 'closed' }] });
    }
  });

  it('an answer sent before closing and retried after is still the same answer (200)', async () => {
    const other = await createCollectionSurvey(t.database.db);
    const body = answer();
    expect((await send(other.sampled[0]!.token, body)).statusCode).toBe(200);
    await t.database.db.update(surveys).set({ status: 'closed' }).where(eq(surveys.id, other.surveyId));
    expect((await send(other.sampled[0]!.token, body)).statusCode).toBe(200);
  });
});

describe('privacy', () => {
  it('a stored response has no column that could point to a link or a person', () => {
    const columns = Object.keys(getTableColumns(surveyResponses));
    expect(columns.filter((c) => /invitation|respondent|token|email|phone|name|ip/i.test(c))).toEqual([]);
  });

  it('the link list and its download hold links and the respondent list, never an answer', async () => {
    const [token] = await newLinks(1);
    expect((await send(token!, answer({ ...goodAnswers, gop_y: 'BÍ-MẬT-GÓP-Ý' }))).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/invitations/links?questionnaireId=${s.questionnaireId}`, headers: admin.headers });
    expect(list.statusCode).toBe(200);
    const item = list.json().items[0];
    expect(Object.keys(item).sort()).toEqual(['channel', 'createdAt', 'hasEmail', 'id', 'remindedAt', 'respondentName', 'sentAt', 'state', 'unitId', 'unitName', 'url']);
    const file = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/invitations/export?questionnaireId=${s.questionnaireId}&format=csv`, headers: admin.headers });
    expect(file.statusCode).toBe(200);
    expect(file.body).not.toContain('BÍ-MẬT-GÓP-Ý');
    expect(`${list.body}${file.body}`).not.toMatch(/Rất hài lòng|"q1"|phan_anh/);
  });
});
