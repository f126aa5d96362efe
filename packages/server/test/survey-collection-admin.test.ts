// Survey collection, the administrator's side (issue 13 §3–4): batches of anonymous links, counts
// per questionnaire × unit against the quota, the link list and its download, QR slips, mails to
// sampled respondents at most once per period, the scheduled jobs — and who may do each.
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { surveyInvitations, surveys } from '../src/db/schema/surveys';
import { defaultJobTasks } from '../src/services/notifications/jobs';
import { REMIND_EVERY_DAYS, sendSurveyReminders } from '../src/services/survey/reminders';
import { systemActor } from '../src/services/actor';
import { createTestApp, type TestApp } from './support/app';
import { pdfFonts, pdfText, renderPages } from './support/documents';
import { loginAs, type LoggedIn } from './support/login';
import { captureMail } from './support/mail';
import { collectionActors, createCollectionSurvey, goodAnswers, type CollectionSurvey } from './survey-collection-fixtures';

let t: TestApp;
let s: CollectionSurvey;
let as: Record<'admin' | 'otherAdmin' | 'council' | 'leader' | 'officer', LoggedIn>;

beforeAll(async () => {
  t = await createTestApp({ CHISO_PUBLIC_URL: 'https://cchc.tinh.gov.vn' });
  s = await createCollectionSurvey(t.database.db);
  const actors = await collectionActors(t.database.db, s);
  as = Object.fromEntries(await Promise.all(Object.entries(actors).map(async ([k, u]) => [k, await loginAs(t.app, u.username, u.password)]))) as typeof as;
});
afterAll(async () => t?.close());

const base = () => `/api/surveys/${s.surveyId}`;
const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
const post = (who: LoggedIn, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
const overview = async () => (await get(as.admin, `${base()}/invitations`)).json<{ rows: { unitId: string; created: number; opened: number; used: number; revoked: number; quota: number | null; responses: number; remindable: number }[] }>();
const rowOf = async (unitId: string) => (await overview()).rows.find((r) => r.unitId === unitId)!;

describe('links per rated unit', () => {
  it('makes a batch for one unit or every rated unit; counts them against the quota; audited', async () => {
    const [u1, u2, u3] = s.cycle.units;
    const one = await post(as.admin, `${base()}/invitations`, { questionnaireId: s.questionnaireId, unitId: u2!.id, count: 4, channel: 'shared' });
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json()).toEqual({ created: 4, units: 1 });
    const all = await post(as.admin, `${base()}/invitations`, { questionnaireId: s.questionnaireId, allUnits: true, count: 2, channel: 'counter' });
    expect(all.json()).toEqual({ created: 6, units: 3 });
    const rows = (await overview()).rows;
    expect(rows.map((r) => r.unitId)).toEqual(expect.arrayContaining([u1!.id, u2!.id, u3!.id]));
    // Unit 1 also has the three sampled respondents' links, two of them with an e-mail address.
    expect(rows.find((r) => r.unitId === u1!.id)).toMatchObject({ quota: 10, created: 5, opened: 0, used: 0, revoked: 0, remindable: 2, responses: 0 });
    expect(rows.find((r) => r.unitId === u2!.id)).toMatchObject({ created: 6, remindable: 0 });
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, s.surveyId), eq(auditEvents.action, 'create_links')));
    expect(audit.map((a) => (a.after as { created: number }).created).sort()).toEqual([4, 6]);
  });

  it('opened, used and revoked links and every channel’s responses show in the counts', async () => {
    const unit = s.cycle.units[2]!.id;
    await post(as.admin, `${base()}/invitations`, { questionnaireId: s.questionnaireId, unitId: unit, count: 3, channel: 'counter' });
    const links = (await get(as.admin, `${base()}/invitations/links?questionnaireId=${s.questionnaireId}&unitId=${unit}&state=new`)).json<{ items: { id: string; url: string }[] }>().items;
    const token = (i: number) => links[i]!.url.split('/khao-sat/')[1]!;
    await t.app.inject({ method: 'GET', url: `/api/public/surveys/${token(0)}` });
    await t.app.inject({ method: 'POST', url: `/api/public/surveys/${token(1)}/responses`, payload: { clientKey: randomUUID(), answers: goodAnswers } });
    await post(as.admin, `${base()}/invitations/revoke`, { ids: [links[2]!.id], reason: 'In thừa' });
    expect(await rowOf(unit)).toMatchObject({ created: 5, opened: 2, used: 1, revoked: 1, responses: 1 });
    expect((await get(as.admin, `${base()}/invitations/links?questionnaireId=${s.questionnaireId}&unitId=${unit}&state=used`)).json().total).toBe(1);
  });

  it('refuses a unit the questionnaire does not rate, a bad count, and a closed survey — in Vietnamese', async () => {
    const notRated = await post(as.admin, `${base()}/invitations`, { questionnaireId: s.questionnaireId, unitId: s.owner.id, count: 1, channel: 'counter' });
    expect(notRated.statusCode).toBe(422);
    expect(notRated.json().error.message).toContain('không được đánh giá bằng phiếu hỏi');
    const badCount = await post(as.admin, `${base()}/invitations`, { questionnaireId: s.questionnaireId, unitId: s.cycle.units[0]!.id, count: 0, channel: 'counter' });
    expect(badCount.statusCode).toBe(400);
    expect(badCount.json().error.details[0].message).toBe('Tạo ít nhất 1 đường dẫn.');
    const neither = await post(as.admin, `${base()}/invitations`, { questionnaireId: s.questionnaireId, count: 1, channel: 'counter' });
    expect(neither.statusCode).toBe(400);
    const closed = await createCollectionSurvey(t.database.db, { status: 'closed' });
    const admin = await collectionActors(t.database.db, closed);
    const who = await loginAs(t.app, admin.admin.username, admin.admin.password);
    const res = await post(who, `/api/surveys/${closed.surveyId}/invitations`, { questionnaireId: closed.questionnaireId, allUnits: true, count: 1, channel: 'counter' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('đã đóng');
  });

  it('the download (XLSX) lists unit, channel, link and, for the sample, whom to send to; audited', async () => {
    const res = await get(as.admin, `${base()}/invitations/export?questionnaireId=${s.questionnaireId}&unitId=${s.cycle.units[0]!.id}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('duong-dan-khao-sat-ND-MC.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(['Mã đơn vị', 'Đơn vị được đánh giá', 'Cách phát', 'Đường dẫn', 'Tình trạng', 'Đã gửi thư', 'Đã nhắc', 'Họ và tên', 'Điện thoại', 'Thư điện tử']);
    const values = [] as string[][];
    sheet.eachRow((row, n) => n > 1 && values.push((row.values as string[]).slice(1).map(String)));
    const an = values.find((r) => r[7] === 'Nguyễn Văn An')!;
    expect(an).toEqual(expect.arrayContaining(['Mẫu (danh sách)', 'Chưa mở', '0912000001', 'an@example.invalid']));
    expect(an[3]).toMatch(/^https:\/\/cchc\.tinh\.gov\.vn\/khao-sat\/[A-Za-z0-9_-]{22}$/);
    expect(values.filter((r) => r[2] === 'Tại bộ phận một cửa').every((r) => r[7] === 'undefined' || r[7] === '')).toBe(true);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, s.surveyId), eq(auditEvents.action, 'export_links')));
    expect(audit.length).toBeGreaterThan(0);
  });

  it('QR slips (PDF): the survey, the unit, the instruction and the link under each code, eight per A4 page, Noto Serif embedded', async () => {
    const unit = s.cycle.units[1]!;
    const res = await get(as.admin, `${base()}/invitations/qr.pdf?questionnaireId=${s.questionnaireId}&unitId=${unit.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="ma-qr-khao-sat\.pdf"/);
    const pdf = res.rawPayload;
    const text = pdfText(pdf);
    expect(text).toContain('Khảo sát sự hài lòng 2030');
    expect(text).toContain(`Đơn vị được đánh giá: ${unit.name}`);
    expect(text).toContain('Quét mã bằng camera điện thoại');
    const links = text.match(/https:\/\/cchc\.tinh\.gov\.vn\/khao-sat\/[A-Za-z0-9_-]+/g) ?? [];
    expect(links.length).toBe(6);
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);
    renderPages('survey-qr-slips', 'pdf', pdf);
    const svg = await get(as.admin, `${base()}/invitations/${(await t.database.db.select().from(surveyInvitations).where(eq(surveyInvitations.unitId, unit.id)))[0]!.id}/qr.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body).toMatch(/^<svg/);
  });
});

describe('who may do what', () => {
  const cases = () => [
    { name: 'counts', run: (w: LoggedIn) => get(w, `${base()}/invitations`), readers: true },
    { name: 'link list', run: (w: LoggedIn) => get(w, `${base()}/invitations/links?questionnaireId=${s.questionnaireId}`), readers: false },
    { name: 'download', run: (w: LoggedIn) => get(w, `${base()}/invitations/export?questionnaireId=${s.questionnaireId}&format=csv`), readers: false },
    { name: 'QR slips', run: (w: LoggedIn) => get(w, `${base()}/invitations/qr.pdf?questionnaireId=${s.questionnaireId}`), readers: false },
    { name: 'create', run: (w: LoggedIn) => post(w, `${base()}/invitations`, { questionnaireId: s.questionnaireId, allUnits: true, count: 1, channel: 'shared' }), readers: false, status: 201 },
    { name: 'revoke', run: (w: LoggedIn) => post(w, `${base()}/invitations/revoke`, { questionnaireId: s.questionnaireId, unitId: s.cycle.units[1]!.id, reason: 'Thử quyền' }), readers: false },
    { name: 'mail', run: (w: LoggedIn) => post(w, `${base()}/reminders`, {}), readers: false },
  ];

  it('the owner’s administrator does everything; its council and leaders read the counts only; another owner’s administrator and a rated unit’s officer nothing', async () => {
    const seen: string[] = [];
    for (const c of cases()) {
      for (const who of ['admin', 'council', 'leader', 'otherAdmin', 'officer'] as const) {
        const res = await c.run(as[who]);
        const allowed = who === 'admin' || (c.readers && (who === 'council' || who === 'leader'));
        seen.push(`${c.name} ${who} ${allowed ? (c.status ?? 200) : 403}`);
        expect(`${c.name} ${who} ${res.statusCode}`, res.body.slice(0, 200)).toBe(`${c.name} ${who} ${allowed ? (c.status ?? 200) : 403}`);
      }
    }
    expect(seen.length).toBe(35);
  });

  it('the counts tell the reader whether they run the survey', async () => {
    expect((await get(as.admin, `${base()}/invitations`)).json().mayManage).toBe(true);
    expect((await get(as.council, `${base()}/invitations`)).json().mayManage).toBe(false);
  });
});

describe('mails to sampled respondents', () => {
  let mail: ReturnType<typeof captureMail>;
  afterEach(() => mail?.off());

  it('invites each sampled respondent with an e-mail once, reminds after the period, never after answering; audited', async () => {
    mail = captureMail({ publicUrl: 'https://cchc.tinh.gov.vn' });
    const own = await createCollectionSurvey(t.database.db);
    const admin = await collectionActors(t.database.db, own);
    const who = await loginAs(t.app, admin.admin.username, admin.admin.password);
    const first = await post(who, `/api/surveys/${own.surveyId}/reminders`, {});
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ invited: 2, reminded: 0, failed: 0, mailEnabled: true });
    expect(mail.sent.map((m) => m.to).sort()).toEqual(['an@example.invalid', 'binh@example.invalid']);
    const an = mail.sent.find((m) => m.to === 'an@example.invalid')!;
    expect(an.subject).toBe('Mời tham gia khảo sát “Khảo sát sự hài lòng 2030”');
    expect(an.text).toContain('Kính gửi Ông/Bà Nguyễn Văn An,');
    expect(an.text).toContain(`https://cchc.tinh.gov.vn/khao-sat/${own.sampled[0]!.token}`);
    // Pressed again at once: nobody is mailed twice.
    expect((await post(who, `/api/surveys/${own.surveyId}/reminders`, {})).json()).toMatchObject({ invited: 0, reminded: 0 });
    // Bình answers; after the period only An is reminded.
    await t.app.inject({ method: 'POST', url: `/api/public/surveys/${own.sampled[1]!.token}/responses`, payload: { clientKey: randomUUID(), answers: goodAnswers } });
    const later = new Date(Date.now() + (REMIND_EVERY_DAYS + 0.5) * 86_400_000);
    expect(await sendSurveyReminders(t.database.db, { surveyId: own.surveyId, actor: systemActor, now: later })).toEqual({ invited: 0, reminded: 1, failed: 0, mailEnabled: true });
    expect(mail.sent.at(-1)).toMatchObject({ to: 'an@example.invalid', subject: expect.stringMatching(/^Nhắc: /) });
    expect(await sendSurveyReminders(t.database.db, { surveyId: own.surveyId, actor: systemActor, now: new Date(later.getTime() + 86_400_000) })).toMatchObject({ reminded: 0 });
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, own.surveyId), eq(auditEvents.action, 'mail_respondents')));
    expect(audit.map((a) => a.after)).toEqual(expect.arrayContaining([{ invited: 2, reminded: 0 }, { invited: 0, reminded: 1 }]));
  });

  it('a refused mail is tried again next time; a closed survey mails nobody', async () => {
    mail = captureMail({ publicUrl: 'https://cchc.tinh.gov.vn' });
    const own = await createCollectionSurvey(t.database.db);
    mail.failNext();
    expect(await sendSurveyReminders(t.database.db, { surveyId: own.surveyId, actor: systemActor, now: new Date() })).toEqual({ invited: 1, reminded: 0, failed: 1, mailEnabled: true });
    expect(await sendSurveyReminders(t.database.db, { surveyId: own.surveyId, actor: systemActor, now: new Date() })).toMatchObject({ invited: 1, failed: 0 });
    await t.database.db.update(surveys).set({ status: 'closed' }).where(eq(surveys.id, own.surveyId));
    const later = new Date(Date.now() + 30 * 86_400_000);
    expect(await sendSurveyReminders(t.database.db, { surveyId: own.surveyId, actor: systemActor, now: later })).toMatchObject({ invited: 0, reminded: 0 });
  });

  it('mails links to CHISO_PUBLIC_URL only, never to the Host the request came with; without it the button is refused (422) and nobody is marked', async () => {
    mail = captureMail({ publicUrl: 'https://cchc.tinh.gov.vn' });
    const own = await createCollectionSurvey(t.database.db);
    const admin = await collectionActors(t.database.db, own);
    const who = await loginAs(t.app, admin.admin.username, admin.admin.password);
    const forged = await t.app.inject({ method: 'POST', url: `/api/surveys/${own.surveyId}/reminders`, headers: { ...who.headers, host: 'ke-gia-mao.example' }, payload: {} });
    expect(forged.statusCode, forged.body).toBe(200);
    expect(mail.sent.map((m) => m.text.match(/Trả lời tại: (\S+)/)![1]!.split('/khao-sat/')[0])).toEqual(['https://cchc.tinh.gov.vn', 'https://cchc.tinh.gov.vn']);

    mail.off();
    mail = captureMail();
    const other = await createCollectionSurvey(t.database.db);
    const otherAdmin = await collectionActors(t.database.db, other);
    const whoElse = await loginAs(t.app, otherAdmin.admin.username, otherAdmin.admin.password);
    const refused = await post(whoElse, `/api/surveys/${other.surveyId}/reminders`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toMatch(/^Chưa đặt CHISO_PUBLIC_URL .*Hãy nhờ người quản trị hệ thống đặt CHISO_PUBLIC_URL rồi gửi lại\.$/);
    expect(mail.sent).toEqual([]);
    const marked = await t.database.db.select().from(surveyInvitations).where(eq(surveyInvitations.questionnaireId, other.questionnaireId));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((i) => i.sentAt === null)).toBe(true);
  });

  it('without e-mail configured the button says so and marks nothing', async () => {
    const res = await post(as.admin, `${base()}/reminders`, {});
    expect(res.json()).toEqual({ invited: 0, reminded: 0, failed: 0, mailEnabled: false });
    const mailed = await t.database.db.select().from(surveyInvitations).where(eq(surveyInvitations.id, s.sampled[0]!.invitationId));
    expect(mailed[0]!.sentAt).toBeNull();
  });

  it('the scheduled jobs include the survey reminders and the daily removal of respondents’ personal data', async () => {
    const tasks = defaultJobTasks(t.database.db, t.config);
    expect(tasks.surveyPersonalData).toBeTypeOf('function');
    await expect(tasks.surveyPersonalData!()).resolves.toMatchObject({ surveys: expect.any(Number) });
  });
});
