import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { surveyAnswers, surveyResponses, surveys } from '../src/db/schema/surveys';
import { createTestApp, type TestApp } from './support/app';
import { surveyRowLocks, transactionStatements } from './support/statements';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createEntrySurvey, goodAnswers, type EntrySurvey } from './survey-entry-fixtures';

let t: TestApp;
let s: EntrySurvey;
let first: LoggedIn;
let second: LoggedIn;
let reconciler: LoggedIn;
let batchId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  s = await createEntrySurvey(db);
  const [a, b, c] = await Promise.all([1, 2, 3].map((i) => createUser(db, { roles: ['admin'], unitId: s.agencyUnits.SNV.id, fullName: `Nhập liệu ${i}` })));
  const logins = await Promise.all([a!, b!, c!].map((u) => loginAs(t.app, u.username, u.password)));
  [first, second, reconciler] = [logins[0]!, logins[1]!, logins[2]!];
  const res = await t.app.inject({ method: 'POST', url: `/api/surveys/${s.surveyId}/paper-batches`, headers: first.headers, payload: { questionnaireId: s.questionnaireId, unitId: s.units[0]!.id, label: 'Hộp phiếu số 1' } });
  expect(res.statusCode).toBe(201);
  batchId = res.json().id;
});
afterAll(async () => t?.close());

const enter = (who: LoggedIn, formNumber: string, round: 1 | 2, answers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/surveys/${s.surveyId}/paper-batches/${batchId}/entries`, headers: who.headers, payload: { formNumber, round, answers } });
const responsesOf = (clientKey: string) =>
  t.database.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, s.surveyId), eq(surveyResponses.clientKey, clientKey)));

describe('paper batches', () => {
  it('are created for a questionnaire and a unit it rates; another unit is refused (422), an unknown questionnaire is 404', async () => {
    const url = `/api/surveys/${s.surveyId}/paper-batches`;
    const notRated = await t.app.inject({ method: 'POST', url, headers: first.headers, payload: { questionnaireId: s.questionnaireId, unitId: s.agencyUnits.STP.id, label: 'X' } });
    expect(notRated.statusCode).toBe(422);
    expect(notRated.json().error.details).toEqual([expect.objectContaining({ path: 'unitId' })]);
    const unknown = await t.app.inject({ method: 'POST', url, headers: first.headers, payload: { questionnaireId: s.units[0]!.id, unitId: s.units[0]!.id, label: 'X' } });
    expect(unknown.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url, headers: first.headers });
    expect(list.json().items).toEqual([expect.objectContaining({ id: batchId, label: 'Hộp phiếu số 1', unit: expect.objectContaining({ code: s.units[0]!.code }), questionnaire: expect.objectContaining({ code: 'DN-SO' }) })]);
  });
});

describe('double entry', () => {
  it('makes a response once two different people typed the same answers; the same person may not type both rounds', async () => {
    const one = await enter(first, '1', 1, goodAnswers({ q1: 'a' }));
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ formNumber: '1', state: 'one_round', responseId: null });

    const same = await enter(first, '1', 2, goodAnswers());
    expect(same.statusCode).toBe(422);
    expect(same.json().error.message).toContain('Lượt 2 phải do người khác nhập');
    expect(await responsesOf(`${batchId}:1`)).toEqual([]);

    const two = await enter(second, '1', 2, goodAnswers());
    expect(two.statusCode).toBe(200);
    const form = two.json();
    expect(form.state).toBe('agreed');
    expect(form.entries.map((e: { round: number; enteredBy: { name: string } }) => [e.round, e.enteredBy.name])).toEqual([[1, 'Nhập liệu 1'], [2, 'Nhập liệu 2']]);
    const [response] = await responsesOf(`${batchId}:1`);
    expect(response).toMatchObject({ id: form.responseId, channel: 'paper', unitId: s.units[0]!.id, batchId, questionnaireVersionId: s.versionId, excluded: false });
    const stored = await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, response!.id));
    expect(Object.fromEntries(stored.map((a) => [a.question, a.value]))).toEqual({ gioi_tinh: 'nu', q1: 'A', q2: 'B', q3: 'A', q4: 'C', q5: 'B', khieu_nai: 'co', so_lan: '2' });

    // Nothing becomes a response twice: typing the form again is refused.
    const again = await enter(second, '1', 2, goodAnswers());
    expect(again.statusCode).toBe(409);
    expect(await responsesOf(`${batchId}:1`)).toHaveLength(1);
  });

  it('checks each typing with the questionnaire: 422 naming each question at fault, nothing stored', async () => {
    const res = await enter(first, '9', 1, goodAnswers({ q2: 'E', so_lan: '', gioi_tinh: '' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['answers.gioi_tinh', 'answers.q2', 'answers.so_lan']);
    const form = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/paper-batches/${batchId}/forms/9`, headers: first.headers });
    expect(form.statusCode).toBe(404);
  });

  it('respects skip logic: a follow-up answered while hidden is dropped, so the rounds still agree', async () => {
    await enter(first, '3', 1, goodAnswers({ khieu_nai: 'khong', so_lan: '' }));
    const res = await enter(second, '3', 2, goodAnswers({ khieu_nai: 'khong', so_lan: '5' }));
    expect(res.json().state).toBe('agreed');
  });

  it('lists differences with who typed what; a reconciler decides each (round 1, round 2 or the paper) with a reason', async () => {
    await enter(first, '2', 1, goodAnswers({ q3: 'B', gop_y: 'Tốt' }));
    const res = await enter(second, '2', 2, goodAnswers({ q3: 'C', q4: 'D', gop_y: 'Tốt' }));
    expect(res.json()).toMatchObject({
      state: 'differences', responseId: null,
      differences: [{ question: 'q3', label: 'Mức hài lòng 3', first: 'B', second: 'C' }, { question: 'q4', label: 'Mức hài lòng 4', first: 'C', second: 'D' }],
    });
    expect(await responsesOf(`${batchId}:2`)).toEqual([]);

    const url = `/api/surveys/${s.surveyId}/paper-batches/${batchId}/forms/2/reconcile`;
    const missing = await t.app.inject({ method: 'POST', url, headers: reconciler.headers, payload: { decisions: [{ question: 'q3', pick: 'first' }], reason: 'Xem lại phiếu' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ path: 'decisions.q4' })]);
    const badPaper = await t.app.inject({ method: 'POST', url, headers: reconciler.headers, payload: { decisions: [{ question: 'q3', pick: 'first' }, { question: 'q4', pick: 'paper', value: 'Z' }], reason: 'Xem lại phiếu' } });
    expect(badPaper.statusCode).toBe(422);
    expect(badPaper.json().error.details).toEqual([expect.objectContaining({ path: 'answers.q4' })]);

    const done = await t.app.inject({ method: 'POST', url, headers: reconciler.headers, payload: { decisions: [{ question: 'q3', pick: 'second' }, { question: 'q4', pick: 'paper', value: 'b' }], reason: 'Đọc lại phiếu giấy' } });
    expect(done.statusCode).toBe(200);
    expect(done.json().state).toBe('reconciled');
    const [response] = await responsesOf(`${batchId}:2`);
    const stored = await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, response!.id));
    expect(Object.fromEntries(stored.map((a) => [a.question, a.value]))).toMatchObject({ q3: 'C', q4: 'B', gop_y: 'Tốt' });

    const twice = await t.app.inject({ method: 'POST', url, headers: reconciler.headers, payload: { decisions: [{ question: 'q3', pick: 'first' }, { question: 'q4', pick: 'first' }], reason: 'Lần nữa' } });
    expect(twice.statusCode).toBe(409);
    expect(await responsesOf(`${batchId}:2`)).toHaveLength(1);

    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'survey_paper_form'), eq(auditEvents.entityId, `${batchId}:2`)));
    expect(audit.map((e) => e.action).sort()).toEqual(['enter', 'enter', 'reconcile']);
    expect(audit.find((e) => e.action === 'reconcile')).toMatchObject({ reason: 'Đọc lại phiếu giấy' });
  });

  it('shows the batch: each form with its state, and the progress', async () => {
    await enter(first, '4', 1, goodAnswers());
    const res = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/paper-batches/${batchId}`, headers: first.headers });
    expect(res.statusCode).toBe(200);
    const batch = res.json();
    expect(batch.forms.map((f: { formNumber: string; state: string }) => [f.formNumber, f.state])).toEqual([['1', 'agreed'], ['2', 'reconciled'], ['3', 'agreed'], ['4', 'one_round']]);
    expect(batch.progress).toEqual({ forms: 4, oneRound: 1, agreed: 2, differences: 0, reconciled: 1 });
    expect(batch.status).toBe('entering');
  });

  it('refuses paper forms once the survey is closed (409)', async () => {
    await t.database.db.update(surveys).set({ status: 'closed' }).where(eq(surveys.id, s.surveyId));
    try {
      const res = await enter(second, '4', 2, goodAnswers());
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('đã đóng');
    } finally {
      await t.database.db.update(surveys).set({ status: 'open' }).where(eq(surveys.id, s.surveyId));
    }
  });
});

describe('typing while the survey is being closed', () => {
  it('holds the survey’s row (for share) while a batch is made and a form typed, so a closing waits and a form never lands in a closed survey', async () => {
    const statements = await transactionStatements(t.database, async () => {
      const batch = await t.app.inject({ method: 'POST', url: `/api/surveys/${s.surveyId}/paper-batches`, headers: first.headers, payload: { questionnaireId: s.questionnaireId, unitId: s.units[0]!.id, label: 'Hộp phiếu số 2' } });
      expect(batch.statusCode, batch.body).toBe(201);
      const typed = await t.app.inject({ method: 'POST', url: `/api/surveys/${s.surveyId}/paper-batches/${batch.json().id}/entries`, headers: first.headers, payload: { formNumber: '1', round: 1, answers: goodAnswers() } });
      expect(typed.statusCode, typed.body).toBe(200);
    });
    // The embedded database has one connection: the lock is checked in the statements (a race needs PostgreSQL).
    if (t.database.kind === 'pglite') expect(surveyRowLocks(statements!, 'share')).toHaveLength(2);
  });
});

