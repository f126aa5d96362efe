// Survey setup (issue 13 §1–2) through the HTTP API: surveys, questionnaires from a workbook and
// from the editor (errors by sheet, line, column; nothing saved), the XLSX round trip, quotas,
// respondent lists, the reproducible sample, opening, personal data, who may do what, the audit.
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireDetail, SurveyDetail } from '@chiso/contract';
import { auditEvents } from '../src/db/schema/audit';
import { surveyInvitations, surveyRespondents, surveys } from '../src/db/schema/surveys';
import { purgeSurveyPersonalData } from '../src/services/survey/personal-data';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';
import { createPubCycle, type PubCycle } from './publication-fixtures';

let t: TestApp;
let c: PubCycle;
const who = {} as Record<'admin' | 'otherAdmin' | 'council' | 'leader' | 'officer', LoggedIn>;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const api = (as: LoggedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api${url}`, headers: as.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

const upload = (as: LoggedIn, url: string, name: string, bytes: Buffer) => {
  const body = multipartBody({}, { name, bytes });
  return t.app.inject({ method: 'POST', url: `/api${url}`, headers: { ...as.headers, ...body.headers }, payload: body.payload });
};

/** A workbook of the given sheets (first row the header). */
async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SURVEY = ['type', 'name', 'label', 'hint', 'required', 'relevant', 'min', 'max', 'criterion'];
const CHOICES = ['list_name', 'name', 'label', 'weight'];
const goodSheets = () => ({
  survey: [
    SURVEY,
    ['yes_no', 'da_giao_dich', 'Ông/bà có giao dịch với đơn vị trong năm không?', '', 'yes', '', '', '', ''],
    ['likert muc_do', 'thai_do', 'Thái độ của công chức', 'Chọn một mức', 'yes', "${da_giao_dich} = 'co'", '', '', '2.1'],
    ['select_multiple kenh', 'kenh', 'Ông/bà nộp hồ sơ qua kênh nào?', '', '', '', '', '', ''],
    ['integer', 'so_lan', 'Số lần đi lại', '', '', '', '1', '20', ''],
    ['text', 'gop_y', 'Góp ý', '', '', '', '', '', ''],
  ],
  choices: [
    CHOICES,
    ['muc_do', 'a', 'Rất hài lòng', '1'],
    ['muc_do', 'b', 'Hài lòng', '0,6'],
    ['muc_do', 'c', 'Chưa hài lòng', '0.2'],
    ['muc_do', 'd', 'Không hài lòng', '0'],
    ['muc_do', 'k', 'Không biết', ''],
    ['kenh', 'truc_tiep', 'Trực tiếp', ''],
    ['kenh', 'truc_tuyen', 'Trực tuyến', ''],
  ],
  settings: [['title'], ['Phiếu khảo sát sự hài lòng của người dân']],
});

async function auditOf(entityId: string, action: string) {
  return t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)));
}

let survey: SurveyDetail;
let questionnaire: QuestionnaireDetail;
const qUrl = () => `/surveys/${survey.id}/questionnaires/${questionnaire.id}`;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db, { unitCount: 3 });
  const elsewhere = await createUnit(db, { name: 'Sở khác' });
  const users = {
    admin: await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id }),
    otherAdmin: await createUser(db, { roles: ['admin'], unitId: elsewhere.id, scopeUnitId: elsewhere.id }),
    council: await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id }),
    leader: await createUser(db, { roles: ['leader_viewer'], unitId: c.agencyUnits.SNV.id }),
    officer: await createUser(db, { roles: ['unit_officer'], unitId: c.units[0]!.id }),
  };
  for (const [k, u] of Object.entries(users)) who[k as keyof typeof who] = await loginAs(t.app, u.username, u.password);
});
afterAll(async () => t?.close());

describe('surveys', () => {
  it('only the administrator of the cycle’s owner creates a survey; its seed is drawn at random and shown', async () => {
    const body = { cycleId: c.cycleId, name: 'Điều tra XHH năm 2025', opensOn: '2025-10-01', closesOn: '2025-11-15' };
    for (const k of ['otherAdmin', 'council', 'leader', 'officer'] as const) expect((await api(who[k], 'POST', '/surveys', body)).statusCode, k).toBe(403);
    const created = await api(who.admin, 'POST', '/surveys', body);
    expect(created.statusCode).toBe(201);
    survey = created.json();
    expect(survey).toMatchObject({ status: 'draft', name: body.name, opensOn: '2025-10-01', closesOn: '2025-11-15', minSeconds: 60, personalDataDays: 30, may: { manage: true } });
    expect(survey.seed).toBeGreaterThan(0);
    expect(survey.groups).toEqual([{ id: c.groupId, name: c.groupName }]);
    expect(await auditOf(survey.id, 'create')).toHaveLength(1);
    const bad = await api(who.admin, 'POST', '/surveys', { ...body, opensOn: '2025-12-01' });
    expect(bad.statusCode).toBe(400);
  });

  it('is read by the owner’s administrators, council and leaders, not by another owner’s administrator or a unit’s officer', async () => {
    const expected = { admin: true, council: true, leader: true, otherAdmin: false, officer: false };
    for (const [k, reads] of Object.entries(expected)) {
      const list = await api(who[k as keyof typeof who], 'GET', `/surveys?cycleId=${c.cycleId}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((s: { id: string }) => s.id), k).toEqual(reads ? [survey.id] : []);
      expect((await api(who[k as keyof typeof who], 'GET', `/surveys/${survey.id}`)).statusCode, k).toBe(reads ? 200 : 403);
    }
    expect((await api(who.council, 'GET', `/surveys/${survey.id}`)).json().may.manage).toBe(false);
  });

  it('changes with the version it was read at (409 when stale), the seed too while a draft, audited', async () => {
    const changed = await api(who.admin, 'PATCH', `/surveys/${survey.id}`, { version: survey.version, seed: 4242, minSeconds: 90 });
    expect(changed.statusCode).toBe(200);
    const stale = await api(who.admin, 'PATCH', `/surveys/${survey.id}`, { version: survey.version, name: 'Khác' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].current).toMatchObject({ seed: 4242 });
    survey = changed.json();
    expect(survey).toMatchObject({ seed: 4242, minSeconds: 90 });
    const [audit] = await auditOf(survey.id, 'update');
    expect(audit).toMatchObject({ before: expect.objectContaining({ minSeconds: 60 }), after: expect.objectContaining({ seed: 4242, minSeconds: 90 }) });
    expect((await api(who.leader, 'PATCH', `/surveys/${survey.id}`, { version: survey.version, name: 'X' })).statusCode).toBe(403);
  });
});

describe('questionnaires', () => {
  it('are made for one of the cycle’s groups, with a code unique in the survey', async () => {
    const body = { code: 'ND-MC', title: 'Người dân đánh giá bộ phận một cửa', respondentGroup: 'nguoi-dan', respondentGroupLabel: 'Người dân, tổ chức', ratedGroupId: c.groupId };
    expect((await api(who.otherAdmin, 'POST', `/surveys/${survey.id}/questionnaires`, body)).statusCode).toBe(403);
    const created = await api(who.admin, 'POST', `/surveys/${survey.id}/questionnaires`, body);
    expect(created.statusCode, created.body).toBe(201);
    questionnaire = created.json();
    expect(questionnaire).toMatchObject({ current: null, versions: [], criteria: [{ key: 'dieu-tra', code: '2.1' }] });
    expect(questionnaire.units.map((u) => u.id).sort()).toEqual(c.units.map((u) => u.id).sort());
    expect((await api(who.admin, 'POST', `/surveys/${survey.id}/questionnaires`, body)).statusCode).toBe(409);
    const foreignGroup = await api(who.admin, 'POST', `/surveys/${survey.id}/questionnaires`, { ...body, code: 'X', ratedGroupId: c.cycleId });
    expect(foreignGroup.statusCode).toBe(400);
    expect(foreignGroup.json().error.details[0].path).toBe('ratedGroupId');
  });

  it('the survey does not open without a questionnaire that has content', async () => {
    const res = await api(who.admin, 'POST', `/surveys/${survey.id}/open`, { version: survey.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('ít nhất một phiếu hỏi');
  });

  it('a workbook with problems is refused with each one’s sheet, line and column, in Vietnamese, and nothing is saved', async () => {
    const sheets = goodSheets();
    sheets.survey[2]![8] = '1.1'; // a leaf that is not a survey criterion
    sheets.survey[4]![0] = 'so_nguyen'; // no such type
    sheets.choices[2]![3] = '1,5'; // weight above 1
    const res = await upload(who.admin, `${qUrl()}/upload`, 'phieu.xlsx', await workbook(sheets));
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { path: string; line: number; column?: string; message: string }[];
    expect(details).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'survey', line: 3, column: 'criterion' }),
      expect.objectContaining({ path: 'survey', line: 5, column: 'type' }),
      expect.objectContaining({ path: 'choices', line: 3, column: 'weight' }),
    ]));
    for (const d of details) expect(d.message).toMatch(/[àáảãạăâđêôơưộệếớờ]/i);
    const missing = await upload(who.admin, `${qUrl()}/upload`, 'phieu.xlsx', await workbook({ survey: sheets.survey }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ path: 'choices', line: 1, message: expect.stringContaining('choices') })]);
    const after = (await api(who.admin, 'GET', qUrl())).json() as QuestionnaireDetail;
    expect(after.versions).toEqual([]);
  });

  it('an uploaded workbook becomes version 1; downloaded and uploaded again it gives the same document (version 2)', async () => {
    const res = await upload(who.admin, `${qUrl()}/upload`, 'phieu-nguoi-dan.xlsx', await workbook(goodSheets()));
    expect(res.statusCode).toBe(200);
    questionnaire = res.json();
    expect(questionnaire.current).toMatchObject({ number: 1, fileName: 'phieu-nguoi-dan.xlsx' });
    const doc = questionnaire.current!.document;
    expect(doc.title).toBe('Phiếu khảo sát sự hài lòng của người dân');
    expect(doc.questions.find((q) => q.name === 'thai_do')).toMatchObject({ criterionKey: 'dieu-tra', list: 'muc_do', required: true });
    expect(doc.choices.muc_do!.map((x) => x.weight)).toEqual(['1', '0.6', '0.2', '0', undefined]);
    expect(await auditOf(questionnaire.id, 'upload_version')).toHaveLength(1);

    const file = await api(who.leader, 'GET', `${qUrl()}/versions/${questionnaire.current!.id}/xlsx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('phieu-ND-MC-v1.xlsx');
    const again = await upload(who.admin, `${qUrl()}/upload`, 'lai.xlsx', file.rawPayload);
    expect(again.statusCode).toBe(200);
    questionnaire = again.json();
    expect(questionnaire.current!.number).toBe(2);
    expect(questionnaire.current!.document).toEqual(doc);
    expect(questionnaire.versions.map((v) => v.number)).toEqual([2, 1]);
  });

  it('the template lists the rated group’s survey criteria in a fourth sheet and uploads as it is', async () => {
    const file = await api(who.admin, 'GET', `${qUrl()}/template`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['survey', 'choices', 'settings', 'tieu_chi']);
    expect(wb.getWorksheet('tieu_chi')!.getRow(2).values).toEqual([undefined, '2.1', 'dieu-tra', 'Điều tra xã hội học']);
    const res = await upload(who.admin, `${qUrl()}/upload`, 'mau.xlsx', file.rawPayload);
    expect(res.statusCode).toBe(200);
    questionnaire = res.json();
  });

  it('authored in the editor: checked by the core (422 with paths), stale versions refused (409), saved as a new version', async () => {
    const document = { ...questionnaire.current!.document, title: 'Phiếu sửa trên màn hình' };
    const bad = { ...document, questions: [...document.questions, { name: 'x y', type: 'likert', list: 'khong_co', label: '', required: false }] };
    const refused = await api(who.admin, 'PUT', `${qUrl()}/document`, { version: questionnaire.version, document: bad });
    expect(refused.statusCode).toBe(422);
    const paths = refused.json().error.details.map((d: { path: string }) => d.path);
    const last = document.questions.length;
    expect(paths).toEqual(expect.arrayContaining([`questions[${last}].name`, `questions[${last}].label`]));
    const stale = await api(who.admin, 'PUT', `${qUrl()}/document`, { version: questionnaire.version - 1, document });
    expect(stale.statusCode).toBe(409);
    const saved = await api(who.admin, 'PUT', `${qUrl()}/document`, { version: questionnaire.version, document });
    expect(saved.statusCode).toBe(200);
    const before = questionnaire.current!.number;
    questionnaire = saved.json();
    expect(questionnaire.current).toMatchObject({ number: before + 1, fileName: null, document: { title: 'Phiếu sửa trên màn hình' } });
    expect((await api(who.council, 'PUT', `${qUrl()}/document`, { version: questionnaire.version, document })).statusCode).toBe(403);
  });
});

describe('quotas, respondent lists and the sample', () => {
  const [u0, u1, u2] = [0, 1, 2];
  const code = (i: number) => c.units[i]!.code;
  const listRows = (): string[][] => [
    ...Array.from({ length: 6 }, (_, i) => [code(u0), `Nguyễn Văn ${i}`, `09120000${10 + i}`, `a${i}@vi.du`, `HS-${i}`]),
    ...Array.from({ length: 2 }, (_, i) => [code(u1), `Trần Thị ${i}`, '', '', `HS-B${i}`]),
  ];
  const csv = (rows: string[][]) => Buffer.from(['Mã đơn vị,Họ và tên,Điện thoại,Thư điện tử,Mã hồ sơ', ...rows.map((r) => r.join(','))].join('\n'), 'utf8');

  it('quotas: the same for every unit, or per unit; a unit outside the rated group is refused', async () => {
    const every = await api(who.admin, 'PUT', `${qUrl()}/quotas`, { version: questionnaire.version, every: 3 });
    expect(every.statusCode).toBe(200);
    questionnaire = every.json();
    expect(questionnaire.units.map((u) => u.quota)).toEqual([3, 3, 3]);
    const foreign = await api(who.admin, 'PUT', `${qUrl()}/quotas`, { version: questionnaire.version, quotas: [{ unitId: c.agencyUnits.STP.id, quota: 2 }] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('quotas.0.unitId');
    const list = await api(who.admin, 'PUT', `${qUrl()}/quotas`, { version: questionnaire.version, quotas: c.units.map((u, i) => ({ unitId: u.id, quota: [4, 5, 2][i]! })) });
    questionnaire = list.json();
    expect(questionnaire.quota).toBe(11);
    expect((await auditOf(questionnaire.id, 'set_quotas')).at(-1)!.after).toEqual({ quotas: { [code(u0)]: 4, [code(u1)]: 5, [code(u2)]: 2 } });
  });

  it('a list with problems is refused by line and column; nothing is saved', async () => {
    const rows = listRows();
    rows.push(['KHONG-CO', 'Ai đó', '', '', ''], [code(u1), 'Lê Văn', '12ab', 'khong-phai-thu', '']);
    const res = await upload(who.admin, `${qUrl()}/respondents`, 'danh-sach.csv', csv(rows));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ line: 10, column: 'Mã đơn vị' }),
      expect.objectContaining({ line: 11, column: 'Điện thoại' }),
      expect.objectContaining({ line: 11, column: 'Thư điện tử' }),
    ]);
    expect((await api(who.admin, 'GET', qUrl())).json().respondents).toBe(0);
    expect((await upload(who.leader, `${qUrl()}/respondents`, 'danh-sach.csv', csv(listRows()))).statusCode).toBe(403);
  });

  it('a list imports (a dry run first, which saves nothing), audited without anyone’s name', async () => {
    const dry = await upload(who.admin, `${qUrl()}/respondents?dryRun=true`, 'danh-sach.csv', csv(listRows()));
    expect(dry.json()).toEqual({ respondents: 8, units: 2, dryRun: true });
    expect((await api(who.admin, 'GET', qUrl())).json().respondents).toBe(0);
    const res = await upload(who.admin, `${qUrl()}/respondents`, 'danh-sach.csv', csv(listRows()));
    expect(res.json()).toEqual({ respondents: 8, units: 2, dryRun: false });
    const [audit] = await auditOf(questionnaire.id, 'import_respondents');
    expect(JSON.stringify(audit)).not.toContain('Nguyễn');
  });

  it('the sample: per unit min(quota, listed), one single-use link each; then the list is kept', async () => {
    const res = await api(who.admin, 'POST', `${qUrl()}/sample`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sampled: 6, invitations: 6 });
    questionnaire = (await api(who.admin, 'GET', qUrl())).json();
    expect(questionnaire.units.map((u) => [u.respondents, u.sampled])).toEqual([[6, 4], [2, 2], [0, 0]]);
    const invitations = await t.database.db.select().from(surveyInvitations).where(eq(surveyInvitations.questionnaireId, questionnaire.id));
    expect(invitations).toHaveLength(6);
    for (const i of invitations) {
      expect(i.channel).toBe('sample');
      expect(i.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    }
    expect(new Set(invitations.map((i) => i.token)).size).toBe(6);
    expect((await api(who.admin, 'POST', `${qUrl()}/sample`)).statusCode).toBe(422);
    const replace = await upload(who.admin, `${qUrl()}/respondents`, 'danh-sach.csv', csv(listRows()));
    expect(replace.statusCode).toBe(422);
    expect((await auditOf(questionnaire.id, 'draw_sample'))[0]!.after).toMatchObject({ seed: 4242, frame: 8, sampled: 6 });
  });

  it('the same seed and the same list (even re-sorted) draw the same people', async () => {
    const sampledNames = async (questionnaireId: string) =>
      (await t.database.db.select().from(surveyRespondents).where(and(eq(surveyRespondents.questionnaireId, questionnaireId), eq(surveyRespondents.sampled, true))))
        .map((r) => r.fullName).sort();
    const body = { code: 'ND-MC-2', title: 'Bản sao', respondentGroup: 'nguoi-dan', respondentGroupLabel: 'Người dân', ratedGroupId: c.groupId };
    let twin = (await api(who.admin, 'POST', `/surveys/${survey.id}/questionnaires`, body)).json() as QuestionnaireDetail;
    const twinUrl = `/surveys/${survey.id}/questionnaires/${twin.id}`;
    twin = (await api(who.admin, 'PUT', `${twinUrl}/quotas`, { version: twin.version, quotas: c.units.map((u, i) => ({ unitId: u.id, quota: [4, 5, 2][i]! })) })).json();
    expect((await upload(who.admin, `${twinUrl}/respondents`, 'ds.csv', csv(listRows().reverse()))).statusCode).toBe(200);
    expect((await api(who.admin, 'POST', `${twinUrl}/sample`)).statusCode).toBe(200);
    const first = await sampledNames(questionnaire.id);
    expect(first).toHaveLength(6);
    expect(await sampledNames(twin.id)).toEqual(first);
  });
});

describe('opening and personal data', () => {
  it('opens (audited), then the seed no longer changes', async () => {
    survey = (await api(who.admin, 'GET', `/surveys/${survey.id}`)).json();
    expect((await api(who.council, 'POST', `/surveys/${survey.id}/open`, { version: survey.version })).statusCode).toBe(403);
    const res = await api(who.admin, 'POST', `/surveys/${survey.id}/open`, { version: survey.version });
    expect(res.statusCode).toBe(200);
    survey = res.json();
    expect(survey.status).toBe('open');
    expect(survey.counts).toMatchObject({ sampled: 12, invitations: 12, respondents: 16 });
    expect(await auditOf(survey.id, 'open')).toHaveLength(1);
    const seed = await api(who.admin, 'PATCH', `/surveys/${survey.id}`, { version: survey.version, seed: 7 });
    expect(seed.statusCode).toBe(422);
    expect((await api(who.admin, 'POST', `/surveys/${survey.id}/purge-personal-data`)).statusCode).toBe(422);
  });

  it('personal data goes once the survey has been closed longer than its period, once (idempotent), audited', async () => {
    const db = t.database.db;
    const now = new Date('2031-01-01T00:00:00Z');
    await db.update(surveys).set({ status: 'closed', closedAt: new Date('2030-12-10T00:00:00Z') }).where(eq(surveys.id, survey.id));
    expect(await purgeSurveyPersonalData(db, now)).toEqual({ surveys: 0, respondents: 0 }); // 22 days < 30
    const later = new Date('2031-01-15T00:00:00Z');
    expect(await purgeSurveyPersonalData(db, later)).toEqual({ surveys: 1, respondents: 16 });
    expect(await purgeSurveyPersonalData(db, later)).toEqual({ surveys: 0, respondents: 0 });
    const left = await db.select().from(surveyRespondents);
    expect(left).toHaveLength(16);
    for (const r of left) expect([r.fullName, r.phone, r.email, r.reference, r.purgedAt?.toISOString()]).toEqual([null, null, null, null, later.toISOString()]);
    const detail = (await api(who.admin, 'GET', `/surveys/${survey.id}`)).json() as SurveyDetail;
    expect(detail.personalDataPurgedAt).toBe(later.toISOString());
    expect(await auditOf(survey.id, 'purge_personal_data')).toHaveLength(1);
    const now2 = await api(who.admin, 'POST', `/surveys/${survey.id}/purge-personal-data`);
    expect(now2.json()).toEqual({ respondents: 0 });
    expect((await api(who.otherAdmin, 'POST', `/surveys/${survey.id}/purge-personal-data`)).statusCode).toBe(403);
  });
});
