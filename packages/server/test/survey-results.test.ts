// The survey's results, files, closing and who reads what (issue 13 §4–6): counts per question and
// choice with shares and weighted means, per unit and respondent group; the scores; the raw and
// aggregated files with no personal data; closing; and the authorization table (administrator of
// the owner and of another owner, council, leader, a unit's officer for their own and another
// unit, before and after closing).
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { cycles } from '../src/db/schema/cycles';
import { surveyAnswers, surveyInvitations, surveyRespondents, surveyResponses, surveys } from '../src/db/schema/surveys';
import { units } from '../src/db/schema/units';
import type { Role } from '../src/services/actor';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { addResponses, createSurveyFixture, q1, type SurveyFixture } from './survey-results-fixtures';

let t: TestApp;
let f: SurveyFixture;
let deptA: UnitRow;
const who: Record<string, LoggedIn> = {};
const personal = { fullName: 'Nguyễn Thị Bích Ngọc', phone: '0912345678', email: 'bichngoc.nguyen@example.vn', reference: 'HS-2030-000123' };
const token = 'tok3nKhongDuocLoRa0123456789abcdef';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  deptA = await createUnit(db, { name: 'Sở Nội vụ (chủ trì)' });
  const deptB = await createUnit(db, { name: 'Sở khác' });
  f = await createSurveyFixture(db, { quota: 4 });
  await db.update(units).set({ parentId: deptA.id }).where(inArray(units.id, f.cycle.units.map((u) => u.id)));
  await db.update(cycles).set({ ownerUnitId: deptA.id }).where(eq(cycles.id, f.cycle.cycleId));
  const [u0, u1] = f.cycle.units;
  const user = async (key: string, roles: Role[], unitId: string, scopeUnitId: string | null) => {
    const created = await createUser(db, { roles, unitId, scopeUnitId });
    who[key] = await loginAs(t.app, created.username, created.password);
  };
  await user('adminA', ['admin'], deptA.id, deptA.id);
  await user('adminB', ['admin'], deptB.id, deptB.id);
  await user('councilA', ['council_member'], deptA.id, deptA.id);
  await user('leaderA', ['leader_viewer'], deptA.id, deptA.id);
  await user('officer0', ['unit_officer'], u0!.id, null);
  await user('head1', ['unit_head'], u1!.id, null);

  // A sampled respondent with a used link, whose answers are among u0's: nothing of them may leave.
  const [r] = await db.insert(surveyRespondents).values({ questionnaireId: f.questionnaireId, unitId: u0!.id, line: 2, ...personal, sampled: true }).returning();
  await db.insert(surveyInvitations).values({ questionnaireId: f.questionnaireId, unitId: u0!.id, respondentId: r!.id, token, channel: 'sample', usedAt: new Date() });
  await addResponses(db, f, u0!.id, [
    { q1: 'A', q2: 'B', kenh: 'web ban_be', so_lan: '2', y_kien: 'Nhanh, gọn' },
    { q1: 'A', q2: 'X', kenh: 'web', so_lan: '3' },
    { q1: 'C', so_lan: '4' },
  ], { channel: 'link' });
  await addResponses(db, f, u1!.id, [...q1('B', 2), ...q1('D', 1)], { channel: 'paper' });
}, 120_000);
afterAll(async () => t?.close());

const get = (key: string | null, url: string) => t.app.inject({ method: 'GET', url, headers: key ? who[key]!.headers : {} });
const post = (key: string, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: who[key]!.headers, payload: payload as object });
const base = () => `/api/surveys/${f.surveyId}`;
const version = async () => (await t.database.db.select({ v: surveys.version }).from(surveys).where(eq(surveys.id, f.surveyId)))[0]!.v;

describe('results', () => {
  it('counts per question and choice with shares, the weighted mean and per unit; rescored scores per unit × criterion', async () => {
    expect((await post('adminA', `${base()}/rescore`, {})).statusCode).toBe(200);
    const res = await get('adminA', `${base()}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.mayExport).toBe(true);
    expect(body.groups).toEqual([{ key: 'doanh-nghiep', label: 'Doanh nghiệp' }]);
    const [qn] = body.questionnaires;
    expect(qn).toMatchObject({ code: 'DN-SO', responses: 6 });
    const byName = Object.fromEntries(qn.questions.map((q: { name: string }) => [q.name, q]));
    // q1: A 2, B 2, C 1, D 1 of 6; mean weight (1+1+0,6+0,6+0,2+0)/6 = 3,4/6 = 56,67 %.
    expect(byName.q1).toMatchObject({ n: 6, mean: '56.67' });
    expect(byName.q1.choices.map((c: { name: string; count: number; share: string }) => [c.name, c.count, c.share])).toEqual([
      ['A', 2, '33.3'], ['B', 2, '33.3'], ['C', 1, '16.7'], ['D', 1, '16.7'], ['X', 0, '0.0'],
    ]);
    const [u0, u1] = f.cycle.units;
    expect(byName.q1.byUnit).toEqual(expect.arrayContaining([{ unitId: u0!.id, n: 3, mean: '73.33' }, { unitId: u1!.id, n: 3, mean: '40.00' }]));
    // Several choices count once each; numbers give their mean; "Không biết" has no weight.
    expect(byName.kenh.choices.map((c: { name: string; count: number }) => [c.name, c.count])).toEqual([['web', 2], ['ban_be', 1]]);
    expect(byName.so_lan).toMatchObject({ n: 3, mean: '3.00' });
    expect(byName.q2).toMatchObject({ n: 2, mean: '60.00' });
    expect(byName.y_kien).toMatchObject({ n: 1, mean: null, choices: [] });
    // u0: respondents (1+0,6)/2=0,8, 1, 0,2 → 2/3 × 10 = 6,67; u1: (0,6+0,6+0)/3 × 10 = 4.
    expect(body.scores.map((s: { unitId: string; criterionCode: string; points: string; exact: string; respondents: number }) => [s.unitId, s.criterionCode, s.points, s.exact, s.respondents])).toEqual(
      [[u0!.id, '2.1', '6.67', '6.667', 3], [u1!.id, '2.1', '4', '4', 3]],
    );
  });

  it('filters by unit and by respondent group', async () => {
    const [u0] = f.cycle.units;
    const one = (await get('adminA', `${base()}/results?unitId=${u0!.id}`)).json();
    expect(one.questionnaires[0].responses).toBe(3);
    expect(one.scores.map((s: { unitId: string }) => s.unitId)).toEqual([u0!.id]);
    const none = (await get('adminA', `${base()}/results?group=cong-chuc`)).json();
    expect(none.questionnaires).toEqual([]);
  });
});

describe('files', () => {
  const textOfXlsx = async (bytes: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const out: string[][] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => out.push(Array.from(row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))))));
    return out;
  };
  const noPersonalData = (text: string) => {
    for (const secret of [...Object.values(personal), token]) expect(text).not.toContain(secret);
  };

  it('raw CSV: one row per response with a sequence number, the day only and no personal data, no token', async () => {
    const res = await get('adminA', `${base()}/export/raw?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.body.replace(/^\uFEFF/, '');
    noPersonalData(text);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('STT,Phiếu hỏi,Nhóm người trả lời,Mã đơn vị được đánh giá,Kênh,Ngày trả lời,Cờ chất lượng,Bị loại,q1,q2,kenh,so_lan,y_kien');
    expect(lines).toHaveLength(7);
    // Submitted 10/05/2030 20:30 UTC is 11/05/2030 in Vietnam; no time of day.
    expect(lines.find((l) => l.endsWith('"Nhanh, gọn"'))).toMatch(new RegExp(`^\\d,DN-SO,Doanh nghiệp,${f.cycle.units[0]!.code},Đường dẫn,11/05/2030,,Không,A,B,web ban_be,2,"Nhanh, gọn"$`));
    expect(lines.map((l) => l.split(',')[0])).toEqual(['STT', '1', '2', '3', '4', '5', '6']);
  });

  it('raw rows by rated unit, then in an order unrelated to when they were sent (a hash of the response), numbered in that order', async () => {
    const res = await get('adminA', `${base()}/export/raw?format=csv`);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    const stored = await t.database.db.select({ id: surveyResponses.id, unitId: surveyResponses.unitId }).from(surveyResponses).where(eq(surveyResponses.surveyId, f.surveyId));
    const codeOf = new Map(f.cycle.units.map((u) => [u.id, u.code]));
    const md5 = (id: number) => createHash('md5').update(String(id)).digest('hex');
    const expected = stored
      .map((r) => ({ ...r, code: codeOf.get(r.unitId)!, hash: md5(r.id) }))
      .sort((a, b) => a.code.localeCompare(b.code, 'en') || a.hash.localeCompare(b.hash, 'en'));
    expect(lines.map((l) => l.split(',')[3])).toEqual(expected.map((r) => r.code));
    // u0's three answers (q1 A, A, C) and u1's (B, B, D) in the hash order, not the order they came in.
    const q1Of = new Map((await t.database.db.select({ id: surveyAnswers.responseId, value: surveyAnswers.value }).from(surveyAnswers)
      .where(and(inArray(surveyAnswers.responseId, stored.map((r) => r.id)), eq(surveyAnswers.question, 'q1')))).map((a) => [a.id, a.value]));
    expect(lines.map((l) => l.split(',')[8])).toEqual(expected.map((r) => q1Of.get(r.id)));
  });

  it('raw XLSX (streamed) and aggregated XLSX: the same rows and counts, no personal data', async () => {
    const raw = await get('adminA', `${base()}/export/raw?format=xlsx`);
    expect(raw.statusCode).toBe(200);
    const rows = await textOfXlsx(raw.rawPayload);
    noPersonalData(JSON.stringify(rows));
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r[10] === 'web ban_be')!.slice(1, 12)).toEqual(['DN-SO', 'Doanh nghiệp', f.cycle.units[0]!.code, 'Đường dẫn', '11/05/2030', '', 'Không', 'A', 'B', 'web ban_be', '2']);
    expect(rows.map((r) => r[0])).toEqual(['STT', '1', '2', '3', '4', '5', '6']);

    const agg = await get('adminA', `${base()}/export/aggregated`);
    expect(agg.statusCode).toBe(200);
    const sheet = await textOfXlsx(agg.rawPayload);
    noPersonalData(JSON.stringify(sheet));
    const [u0, u1] = f.cycle.units;
    const header = sheet[0]!;
    const col = (code: string) => header.indexOf(code);
    const q1A = sheet.find((r) => r[2] === 'q1' && r[4] === 'A')!;
    expect([q1A[col(u0!.code)], q1A[col(u1!.code)], q1A[header.indexOf('Tổng')]]).toEqual(['2', '0', '2']);
    expect(sheet.find((r) => r[0] === 'Mã đơn vị')).toBeDefined();
    // The question's text beside its name, readable: wide columns that wrap.
    expect(header.slice(1, 4)).toEqual(['Nhóm người trả lời', 'Câu hỏi', 'Nội dung câu hỏi']);
    expect(q1A[3]).not.toBe('');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(agg.rawPayload as unknown as ArrayBuffer);
    const summary = book.getWorksheet('Tổng hợp')!;
    expect([2, 4].map((c) => summary.getColumn(c).width)).toEqual([36, 60]);
    expect(summary.getCell(3, 4).alignment).toMatchObject({ wrapText: true });
  });
});

describe('closing', () => {
  it('refuses a stale version, closes with a recount and a rescore (audited), then refuses closing again', async () => {
    const stale = await post('adminA', `${base()}/close`, { version: (await version()) + 5 });
    expect(stale.statusCode).toBe(409);
    const res = await post('adminA', `${base()}/close`, { version: await version() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ survey: { status: 'closed' }, duplicates: expect.any(Number), rescore: { scores: 2, skipped: [] } });
    const again = await post('adminA', `${base()}/close`, { version: await version() });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toBe('Cuộc điều tra đã đóng.');
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, f.surveyId), eq(auditEvents.action, 'close')));
    expect(events).toHaveLength(1);
  });
});

describe('who reads and does what', () => {
  const [own, other] = [() => f.cycle.units[0]!.id, () => f.cycle.units[1]!.id];
  const table = (closed: boolean): [string, string, () => string, number][] => [
    ['adminA', 'GET', () => `${base()}/results`, 200],
    ['adminB', 'GET', () => `${base()}/results`, 403],
    ['councilA', 'GET', () => `${base()}/results`, 200],
    ['leaderA', 'GET', () => `${base()}/results`, 200],
    ['officer0', 'GET', () => `${base()}/results?unitId=${own()}`, closed ? 200 : 403],
    ['officer0', 'GET', () => `${base()}/results`, closed ? 200 : 403],
    ['officer0', 'GET', () => `${base()}/results?unitId=${other()}`, 403],
    ['head1', 'GET', () => `${base()}/results?unitId=${other()}`, closed ? 200 : 403],
    ['adminA', 'GET', () => `${base()}/quality`, 200],
    ['councilA', 'GET', () => `${base()}/quality`, 200],
    ['adminB', 'GET', () => `${base()}/quality`, 403],
    ['officer0', 'GET', () => `${base()}/quality`, 403],
    ['adminA', 'GET', () => `${base()}/export/raw`, 200],
    ['councilA', 'GET', () => `${base()}/export/aggregated`, 200],
    ['adminB', 'GET', () => `${base()}/export/raw`, 403],
    ['officer0', 'GET', () => `${base()}/export/raw`, 403],
    ['officer0', 'GET', () => `${base()}/export/aggregated`, 403],
    ['adminB', 'GET', () => `/api/surveys/unit-points?cycleId=${f.cycle.cycleId}&unitId=${own()}`, 403],
    ['officer0', 'GET', () => `/api/surveys/unit-points?cycleId=${f.cycle.cycleId}&unitId=${own()}`, 200],
    ['officer0', 'GET', () => `/api/surveys/unit-points?cycleId=${f.cycle.cycleId}&unitId=${other()}`, 403],
    ['adminB', 'POST', () => `${base()}/rescore`, 403],
    ['councilA', 'POST', () => `${base()}/rescore`, 403],
    ['officer0', 'POST', () => `${base()}/rescore`, 403],
    ['adminB', 'POST', () => `${base()}/quality/duplicates`, 403],
    ['leaderA', 'POST', () => `${base()}/quality/duplicates`, 403],
  ];
  const run = async (closed: boolean) => {
    const got: string[] = [];
    for (const [key, method, url, expected] of table(closed)) {
      const res = method === 'GET' ? await get(key, url()) : await post(key, url(), {});
      if (res.statusCode !== expected) got.push(`${key} ${method} ${url()} → ${res.statusCode} (expected ${expected})`);
    }
    return got;
  };

  it('after closing: the unit’s staff read their own unit only, with the survey points of their unit', async () => {
    expect(await run(true)).toEqual([]);
    const mine = (await get('officer0', `${base()}/results`)).json();
    expect(mine.units.map((u: { id: string }) => u.id)).toEqual([own()]);
    expect(mine.scores.map((s: { unitId: string }) => s.unitId)).toEqual([own()]);
    expect(mine.mayExport).toBe(false);
    const points = (await get('officer0', `/api/surveys/unit-points?cycleId=${f.cycle.cycleId}&unitId=${own()}`)).json();
    expect(points.items).toEqual([expect.objectContaining({ surveyId: f.surveyId, nodeKey: 'dieu-tra', points: '6.67', respondents: 3, mayOpenResults: true })]);
    expect((await get(null, `${base()}/results`)).statusCode).toBe(401);
  });

  it('reopened (with a reason): the unit’s staff no longer read, and their unit’s points are not listed', async () => {
    const missing = await post('adminA', `${base()}/reopen`, { version: await version() });
    expect(missing.statusCode).toBe(400);
    expect((await post('councilA', `${base()}/reopen`, { version: await version(), reason: 'Còn phiếu giấy' })).statusCode).toBe(403);
    const res = await post('adminA', `${base()}/reopen`, { version: await version(), reason: 'Còn một đợt phiếu giấy' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'open', closedAt: null });
    expect(await run(false)).toEqual([]);
    expect((await get('officer0', `/api/surveys/unit-points?cycleId=${f.cycle.cycleId}&unitId=${own()}`)).json().items).toEqual([]);
    const reopened = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, f.surveyId), eq(auditEvents.action, 'reopen')));
    expect(reopened.map((e) => e.reason)).toEqual(['Còn một đợt phiếu giấy']);
  });
});
