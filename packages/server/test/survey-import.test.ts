import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { surveyAnswers, surveyImports, surveyResponses } from '../src/db/schema/surveys';
import { createTestApp, type TestApp } from './support/app';
import { surveyRowLocks, transactionStatements } from './support/statements';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';
import { createEntrySurvey, goodAnswers, questionColumns, type EntrySurvey } from './survey-entry-fixtures';

let t: TestApp;
let s: EntrySurvey;
let admin: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  s = await createEntrySurvey(t.database.db);
  const a = await createUser(t.database.db, { roles: ['admin'], unitId: s.agencyUnits.SNV.id });
  admin = await loginAs(t.app, a.username, a.password);
});
afterAll(async () => t?.close());

const header = ['Mã phiếu', 'Mã đơn vị', ...questionColumns];
const line = (key: string, unit: string, answers: Record<string, string> = goodAnswers()) => [key, unit, ...questionColumns.map((c) => answers[c] ?? '')];
const csv = (rows: string[][], separator = ',') => Buffer.from(`\uFEFF${[header, ...rows].map((r) => r.join(separator)).join('\r\n')}\r\n`, 'utf8');

const importFile = (bytes: Buffer, name: string, query: Record<string, string> = {}) => {
  const params = new URLSearchParams({ questionnaireId: s.questionnaireId, ...query });
  const body = multipartBody({}, { name, bytes });
  return t.app.inject({ method: 'POST', url: `/api/surveys/${s.surveyId}/imports?${params}`, payload: body.payload, headers: { ...admin.headers, ...body.headers } });
};
const importCount = async () => (await t.database.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, s.surveyId), eq(surveyResponses.channel, 'import')))).length;

describe('answers template', () => {
  it('has Mã phiếu, Mã đơn vị and one column per question name, a comment row of labels, and instructions with the rated units', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/questionnaires/${s.questionnaireId}/answers-template`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('mau-nhap-phieu-dn-so.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(header);
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^#/);
    expect(sheet.getRow(2).getCell(4).value).toBe('Mức hài lòng 1');
    const help = wb.getWorksheet('Hướng dẫn')!;
    const text = help.getSheetValues().flat().join(' ');
    expect(text).toContain(s.units[0]!.code);
    expect(text).toContain('A = Rất hài lòng');

    const asCsv = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/questionnaires/${s.questionnaireId}/answers-template?format=csv`, headers: admin.headers });
    expect(asCsv.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(header.join(','));
  });

  it('imports back as it is downloaded once rows are filled in (XLSX, the comment row skipped)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/questionnaires/${s.questionnaireId}/answers-template`, headers: admin.headers });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    sheet.addRow(line('X-1', s.units[0]!.code));
    // Excel keeps numbers as numbers: the integer answer comes back as 3.
    sheet.addRow(line('X-2', s.units[1]!.code.toLowerCase(), goodAnswers({ q1: 'd', so_lan: '' })).map((v, i) => (header[i] === 'so_lan' ? 3 : v)));
    const imported = await importFile(Buffer.from(await wb.xlsx.writeBuffer()), 'phieu.xlsx');
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ dryRun: false, fileName: 'phieu.xlsx', responses: 2, answers: 16, units: 2, importId: expect.any(String) });
    const [second] = await t.database.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, s.surveyId), eq(surveyResponses.clientKey, `${s.questionnaireId}:X-2`)));
    const stored = await t.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, second!.id));
    expect(Object.fromEntries(stored.map((a) => [a.question, a.value]))).toMatchObject({ q1: 'D', so_lan: '3' });
    expect(second).toMatchObject({ channel: 'import', unitId: s.units[1]!.id, batchId: imported.json().importId });
  });
});

describe('answers import', () => {
  it('dry run checks and counts, saves nothing; the import saves every row, records the import and audits it', async () => {
    const before = await importCount();
    const rows = [line('C-1', s.units[0]!.code), line('C-2', s.units[1]!.code, goodAnswers({ khieu_nai: 'khong', so_lan: '' })), line('C-3', s.units[1]!.code, goodAnswers({ q1: 'A', q2: 'A', q3: 'A', q4: 'A', q5: 'A' }))];
    const dry = await importFile(csv(rows, ';'), 'phieu.csv', { dryRun: 'true' });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({ dryRun: true, fileName: 'phieu.csv', responses: 3, answers: 23, units: 2, importId: null, rescored: null });
    expect(await importCount()).toBe(before);

    const res = await importFile(csv(rows, ';'), 'phieu.csv', { progressKey: 'tien-do-001' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, responses: 3, answers: 23, rescored: expect.any(Object) });
    expect(await importCount()).toBe(before + 3);
    const [record] = await t.database.db.select().from(surveyImports).where(eq(surveyImports.id, res.json().importId));
    expect(record).toMatchObject({ fileName: 'phieu.csv', responses: 3, answers: 23 });
    const [straight] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.clientKey, `${s.questionnaireId}:C-3`));
    expect(straight!.flags).toEqual(['straight_lining']);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'survey_import'), eq(auditEvents.entityId, res.json().importId)));
    expect(audit).toHaveLength(1);

    const progress = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/imports/progress/tien-do-001`, headers: admin.headers });
    expect(progress.json()).toEqual({ phase: 'done', rows: 3 });
    const list = await t.app.inject({ method: 'GET', url: `/api/surveys/${s.surveyId}/imports`, headers: admin.headers });
    expect(list.json().items[0]).toMatchObject({ id: res.json().importId, fileName: 'phieu.csv', responses: 3 });

    // The same row keys again: refused, line by line.
    const again = await importFile(csv(rows), 'lai.csv');
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details).toEqual([2, 3, 4].map((n) => expect.objectContaining({ line: n, column: 'Mã phiếu', message: expect.stringContaining('lần nhập trước') })));
    expect(await importCount()).toBe(before + 3);
  });

  it('names every bad row by line and column, and imports nothing', async () => {
    const before = await importCount();
    const rows = [
      line('E-1', s.units[0]!.code), // line 2: fine
      line('E-2', 'KHONG-CO'), // 3: unknown unit
      line('E-3', s.agencyUnits.STP.code), // 4: a unit the questionnaire does not rate
      line('E-4', s.units[0]!.code, goodAnswers({ q2: 'E' })), // 5: not a choice
      line('E-5', s.units[0]!.code, goodAnswers({ so_lan: '30' })), // 6: above max
      line('E-6', s.units[0]!.code, goodAnswers({ gioi_tinh: '' })), // 7: required
      line('E-1', s.units[0]!.code), // 8: key repeated
      line('', s.units[0]!.code), // 9: no key
      [...line('E-9', s.units[0]!.code), 'thừa'], // 10: a cell under no column
    ];
    const res = await importFile(csv(rows), 'loi.csv');
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('chưa nhập phiếu nào');
    expect(error.details.map((d: { line: number; column: string }) => [d.line, d.column])).toEqual([
      [3, 'Mã đơn vị'], [4, 'Mã đơn vị'], [5, 'q2'], [6, 'so_lan'], [7, 'gioi_tinh'], [8, 'Mã phiếu'], [9, 'Mã phiếu'], [10, 'cột thứ 12'],
    ]);
    expect(error.details[0].message).toContain('Không có đơn vị mã “KHONG-CO”');
    expect(error.details[1].message).toContain('không được đánh giá bằng phiếu hỏi DN-SO');
    expect(error.details[5].message).toContain('trùng với dòng 2');
    expect(await importCount()).toBe(before);
  });

  it('refuses a header without the key, with an unknown question or missing question columns (line 1)', async () => {
    const bad = Buffer.from(`Mã đơn vị,${questionColumns.slice(1).join(',')},la\r\n${s.units[0]!.code}\r\n`, 'utf8');
    const res = await importFile(bad, 'tieu-de.csv');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { line: number; column: string }) => [d.line, d.column])).toEqual([[1, 'la'], [1, 'Mã phiếu'], [1, 'gioi_tinh']]);
  });

  it('is all or nothing across chunks: an error on the last of 2 500 rows leaves nothing saved', async () => {
    const before = await importCount();
    const rows = Array.from({ length: 2500 }, (_, i) => line(`B-${i}`, s.units[i % 3]!.code, i === 2499 ? goodAnswers({ q5: 'X' }) : goodAnswers()));
    const res = await importFile(csv(rows), 'lon.csv');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ line: 2501, column: 'q5' })]);
    expect(await importCount()).toBe(before);
    expect(await t.database.db.select().from(surveyImports).where(eq(surveyImports.fileName, 'lon.csv'))).toEqual([]);
  });

  it('lists the first 200 errors and counts the rest', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => line(`M-${i}`, 'KHONG-CO'));
    const res = await importFile(csv(rows), 'nhieu-loi.csv');
    const details = res.json().error.details;
    expect(details).toHaveLength(201);
    expect(details[200].message).toContain('50 lỗi khác');
    expect(res.json().error.message).toContain('250 lỗi');
  });

  it('refuses a file that is not UTF-8 and a file that is neither CSV nor XLSX', async () => {
    const latin = Buffer.from(`${header.join(',')}\r\nP-1,${s.units[0]!.code},n\u1eef\r\n`, 'utf8').toString('latin1');
    const res = await importFile(Buffer.from(`Mã phiếu;Tên đơn vị\r\nP-1;Sở Tư pháp\r\n`, 'latin1'), 'latin.csv');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0]).toMatchObject({ line: 1, message: expect.stringContaining('UTF-8') });
    expect(latin.length).toBeGreaterThan(0);
    const binary = await importFile(Buffer.from([0, 1, 2, 3, 0, 0]), 'anh.png');
    expect(binary.statusCode).toBe(422);
  });
});

describe('an import and the survey’s other writers', () => {
  it('serialises imports of one survey by the writer lock, holds the survey’s row only for share while rows go in, and locks it for update only to rescore', async () => {
    const statements = await transactionStatements(t.database, async () => {
      const res = await importFile(csv([line('V-1', s.units[0]!.code), line('V-2', s.units[1]!.code)]), 'khoa.csv');
      expect(res.statusCode, res.body).toBe(200);
    });
    if (t.database.kind !== 'pglite') return; // one connection: the locks are checked in the statements
    const at = (test: (s: string) => boolean) => statements!.findIndex(test);
    const writerLock = at((q) => q.includes('pg_advisory_xact_lock'));
    const shared = at((q) => surveyRowLocks([q], 'share').length > 0);
    const lastInsert = statements!.findLastIndex((q) => /insert into "?survey_responses"?/i.test(q));
    const update = at((q) => surveyRowLocks([q], 'update').length > 0);
    expect(writerLock).toBeGreaterThanOrEqual(0);
    expect(shared).toBeGreaterThan(writerLock);
    expect(lastInsert).toBeGreaterThan(shared);
    expect(update).toBeGreaterThan(lastInsert);
  });
});
