/**
 * External indices (issue 12 §4): definitions as data (yearly editions), the province's values with
 * their change and the officials' sentence, units' monthly 766 values, the import (every bad row
 * with its line, all or nothing, dry run, a new year's edition from the previous one), component
 * links; every signed-in role reads, only the province's administrator writes, audited; stale
 * version → 409. The demo part is the fixture.
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalImported, ExternalIndexDetail, ExternalIndexSummary } from '@chiso/contract';
import { auditEvents } from '../src/db/schema/audit';
import { externalIndexValues } from '../src/db/schema/external-indices';
import { conclusionNotices, followUpTaskLinks, followUpTasks } from '../src/db/schema/follow-up-tasks';
import { componentLabel, provinceIndexValue } from '../src/db/repositories/external-index-repository';
import { readTable } from '../src/files/tabular';
import { loadDemoExternalIndices } from '../src/demo/follow-up/external-indices';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';

let t: TestApp;
let admin: LoggedIn;
let officer: LoggedIn;
let leader: LoggedIn;
let scopedAdmin: LoggedIn;
let snvId: string;

const url = (path = '') => `/api/follow-up/external-indices${path}`;
const get = (who: LoggedIn, path = '') => t.app.inject({ method: 'GET', url: url(path), headers: who.headers });
const put = (who: LoggedIn, path: string, payload: object) => t.app.inject({ method: 'PUT', url: url(path), headers: who.headers, payload });
const papi = async (who: LoggedIn = admin) => (await get(who, '/PAPI')).json() as ExternalIndexDetail;

function importCsv(who: LoggedIn, key: string, lines: string[], dryRun = false) {
  const body = multipartBody({}, { name: `${key}.csv`, bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), type: 'text/csv' });
  return t.app.inject({ method: 'POST', url: url(`/${key}/import${dryRun ? '?dryRun=true' : ''}`), headers: { ...who.headers, ...body.headers }, payload: body.payload });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const province = await createUnit(db, { code: 'LS', name: 'UBND tỉnh (thử)' });
  const snv = await createUnit(db, { code: 'SNV', name: 'Sở Nội vụ (thử)', parentId: province.id });
  snvId = snv.id;
  const stp = await createUnit(db, { code: 'STP', name: 'Sở Tư pháp (thử)', parentId: province.id });
  await createUnit(db, { code: 'STTTT', name: 'Sở Thông tin và Truyền thông (thử)', parentId: province.id });
  await loadDemoExternalIndices(db);
  const a = await createUser(db, { roles: ['admin'], unitId: snv.id });
  admin = await loginAs(t.app, a.username, a.password);
  const o = await createUser(db, { roles: ['unit_officer'], unitId: stp.id });
  officer = await loginAs(t.app, o.username, o.password);
  const l = await createUser(db, { roles: ['leader_viewer'], unitId: province.id });
  leader = await loginAs(t.app, l.username, l.password);
  const s = await createUser(db, { roles: ['admin'], unitId: stp.id, scopeUnitId: stp.id });
  scopedAdmin = await loginAs(t.app, s.username, s.password);
});

afterAll(async () => {
  await t?.close();
});

describe('reading', () => {
  it('lists the six indices with the province\'s latest value for every signed-in role, marked as sample data', async () => {
    const response = await get(officer);
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json() as ExternalIndexSummary[];
    expect(list.map((i) => i.key)).toEqual(['PAR_INDEX', 'SIPAS', 'PAPI', 'PCI', 'DTI', 'SERVICE_766']);
    const p = list.find((i) => i.key === 'PAPI')!;
    expect(p.source).toMatch(/DỮ LIỆU MINH HỌA/);
    expect(p.latest).toMatchObject({ period: '2024', rank: 16, rankOf: 63, valueChange: '0.96', rankChange: 5, sentence: 'PAPI 2024 xếp hạng 16/63, tăng 0,96 điểm, tăng 05 bậc' });
    expect(list.find((i) => i.key === 'SERVICE_766')!.latest?.period).toBe('2024-12');
    expect((await t.app.inject({ method: 'GET', url: url() })).statusCode).toBe(401);
  });

  it('writes the change as officials do: "PAPI 2023 xếp hạng 21/63, giảm 0,37 điểm, giảm 08 bậc", the value the exact sum of the dimensions', async () => {
    const detail = await papi(leader);
    expect(detail.may.manage).toBe(false);
    const y2023 = detail.values.find((v) => v.period === '2023')!;
    expect(y2023).toMatchObject({ value: '42.87', rank: 21, valueChange: '-0.37', rankChange: -8, sentence: 'PAPI 2023 xếp hạng 21/63, giảm 0,37 điểm, giảm 08 bậc' });
    expect(y2023.components.find((c) => c.key === 'P1')).toMatchObject({ value: '5.05', previousValue: '5.12', change: '-0.07', comparable: true, maxPoints: '10' });
    expect(detail.values.map((v) => v.period)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    expect(detail.links.filter((l) => l.componentKey === 'P8').map((l) => l.kind).sort()).toEqual(['criterion', 'unit']);
  });

  it('does not compare a field whose maximum changed (PAR INDEX 2022)', async () => {
    const detail = (await get(admin, '/PAR_INDEX')).json() as ExternalIndexDetail;
    const y2022 = detail.values.find((v) => v.period === '2022')!;
    expect(y2022.components.find((c) => c.key === 'L1')).toMatchObject({ comparable: false, change: null, note: 'Điểm tối đa đổi từ 10,5 thành 9' });
    expect(y2022.sentence).toMatch(/^PAR INDEX 2022 xếp hạng 33\/63, giảm 2,15 điểm phần trăm, giảm 03 bậc$/);
  });

  it('gives the monthly 766 values of the province and of units, each unit compared with its own previous month', async () => {
    const detail = (await get(officer, '/SERVICE_766')).json() as ExternalIndexDetail;
    expect(detail.values).toHaveLength(12);
    const snv = detail.unitValues.filter((v) => v.unit?.code === 'SNV');
    expect(snv).toHaveLength(12);
    expect(snv[1]).toMatchObject({ period: '2024-02', previousPeriod: '2024-01' });
    expect(snv[1]!.sentence).toMatch(/^Chỉ số 766 tháng 02\/2024 đạt [\d,]+ điểm, tăng [\d,]+ điểm$/);
  });

  it('lists the tasks of conclusion notices linked to a component, with their responsible unit', async () => {
    const db = t.database.db;
    const [notice] = await db.insert(conclusionNotices).values({ number: '9/TB-UBND', issuedOn: '2024-03-01', chairedBy: 'Chủ tịch UBND tỉnh', title: 'Kết luận (thử)', year: 2023 }).returning();
    const [task] = await db.insert(followUpTasks).values({ noticeId: notice!.id, title: 'Rút ngắn thời gian giải quyết TTHC', responsibleUnitId: snvId, deadline: '2024-12-31' }).returning();
    await db.insert(followUpTaskLinks).values({ taskId: task!.id, kind: 'external_component', indexKey: 'PAPI', componentKey: 'P5' });
    const link = (await papi(officer)).links.find((l) => l.kind === 'task');
    expect(link).toMatchObject({ id: task!.id, componentKey: 'P5', label: 'Rút ngắn thời gian giải quyết TTHC', note: 'Chưa thực hiện', unit: { code: 'SNV' } });
  });

  it('answers the other follow-up parts: the province\'s figure of a period and a component\'s label', async () => {
    const db = t.database.db;
    expect(await provinceIndexValue(db, 'PAPI', '2023')).toEqual({ value: '42.87', rank: 21, rankOf: 63, groupLabel: null });
    expect(await provinceIndexValue(db, 'PAPI', '2018')).toBeNull();
    expect(await componentLabel(db, 'PAPI', 'P5')).toBe('PAPI – Thủ tục hành chính công');
    expect(await componentLabel(db, 'PAPI', 'nope')).toBeNull();
  });
});

describe('recording', () => {
  it('lets only the province\'s administrator record a value, audited; a stale version answers 409', async () => {
    const body = { period: '2024', value: '43,5', rank: 15, rankOf: 63, components: { P1: '5,2' } };
    for (const who of [officer, leader, scopedAdmin]) expect((await put(who, '/PAPI/values', body)).statusCode).toBe(403);
    const current = (await papi()).values.find((v) => v.period === '2024')!;
    // Without a version: a new value, but 2024 already has one.
    expect((await put(admin, '/PAPI/values', body)).statusCode).toBe(409);
    const saved = await put(admin, '/PAPI/values', { ...body, value: current.value, components: Object.fromEntries(current.components.map((c) => [c.key, c.value!])), version: current.version, rank: 16, groupLabel: 'Nhóm trung bình cao' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as ExternalIndexDetail).values.at(-1)).toMatchObject({ groupLabel: 'Nhóm trung bình cao', version: current.version + 1 });
    const stale = await put(admin, '/PAPI/values', { ...body, version: current.version });
    expect(stale.statusCode).toBe(409);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'external_index_value'), eq(auditEvents.entityId, current.id)));
    expect(audit.map((a) => a.action)).toEqual(['update']);
  });

  it('refuses a component above its maximum, a rank above the number ranked and an unknown component, with the field', async () => {
    const response = await put(admin, '/PAPI/values', { period: '2019', value: '40', rank: 64, rankOf: 63, components: { P1: '10,5', X: '1' }, version: 1 });
    expect(response.statusCode).toBe(400);
    const paths = (response.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(['rank', 'components.P1', 'components.X']);
    expect((await put(admin, '/PAPI/values', { period: '2024-05', value: '40' })).json().error.details[0].message).toBe('Chỉ số PAPI theo năm: kỳ ghi dạng 2024');
    expect((await put(admin, '/PAPI/values', { period: '2024', value: '40', unitId: snvId, version: 1 })).json().error.details[0].path).toBe('unitId');
  });

  it('creates and edits a year\'s edition (components and maxima are data), 409 on a stale version', async () => {
    const edition = { components: [{ key: 'P1', name: 'Tham gia của người dân ở cấp cơ sở', maxPoints: '10' }, { key: 'P9', name: 'Thành phần thử', maxPoints: '12,5' }], maxValue: '92,5', rankOf: 34 };
    expect((await put(officer, '/PAPI/editions/2026', edition)).statusCode).toBe(403);
    const created = await put(admin, '/PAPI/editions/2026', edition);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ year: 2026, maxValue: '92.5', rankOf: 34, version: 1, components: [{ key: 'P1' }, { key: 'P9', maxPoints: '12.5' }] });
    expect((await put(admin, '/PAPI/editions/2026', edition)).statusCode).toBe(409);
    const updated = await put(admin, '/PAPI/editions/2026', { ...edition, note: 'Sửa đổi', version: 1 });
    expect(updated.json()).toMatchObject({ version: 2, note: 'Sửa đổi' });
    expect((await put(admin, '/PAPI/editions/2026', { ...edition, version: 1 })).statusCode).toBe(409);
    const dup = await put(admin, '/PAPI/editions/2027', { ...edition, components: [edition.components[0], edition.components[0]] });
    expect(dup.json().error.details[0]).toMatchObject({ path: 'components.1.key', message: 'Mã thành phần “P1” bị trùng' });
  });

  it('links a component to a unit and removes the link, audited', async () => {
    const added = await t.app.inject({ method: 'POST', url: url('/PCI/links'), headers: admin.headers, payload: { kind: 'unit', componentKey: 'lao-dong', unitId: snvId, note: 'Thử' } });
    expect(added.statusCode, added.body).toBe(200);
    const link = (added.json() as ExternalIndexDetail).links.find((l) => l.componentKey === 'lao-dong')!;
    expect(link).toMatchObject({ kind: 'unit', unit: { code: 'SNV' }, note: 'Thử' });
    expect((await t.app.inject({ method: 'POST', url: url('/PCI/links'), headers: admin.headers, payload: { kind: 'unit', componentKey: 'khong-co', unitId: snvId } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'DELETE', url: url(`/PCI/links/${link.id}`), headers: officer.headers })).statusCode).toBe(403);
    const removed = await t.app.inject({ method: 'DELETE', url: url(`/PCI/links/${link.id}`), headers: admin.headers });
    expect((removed.json() as ExternalIndexDetail).links.some((l) => l.id === link.id)).toBe(false);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, link.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete']);
  });
});

describe('import', () => {
  const header = 'Kỳ,Giá trị,Thứ hạng,Số tỉnh xếp hạng,Nhóm,Nguồn,Tham gia của người dân ở cấp cơ sở (P1),Quản trị điện tử (P8)';

  it('reports every bad row with its line and column and saves nothing', async () => {
    const before = await t.database.db.select().from(externalIndexValues).where(eq(externalIndexValues.indexKey, 'PAPI'));
    const response = await importCsv(admin, 'PAPI', [header, '2025,"44,1",70,63,,,"5,3","2,9"', '2025-01,44,1,63,,,,', '2018,40,1,63,,,,', ',,,,,,,', '2025,abc,1,34,,,"10,2",']);
    expect(response.statusCode).toBe(422);
    const details = (response.json() as { error: { details: { line: number; column: string; message: string }[] } }).error.details;
    expect(details.map((d) => [d.line, d.column])).toEqual([
      [2, 'Thứ hạng'], [3, 'Kỳ'], [4, 'Kỳ'], [6, 'Số tỉnh xếp hạng'], [6, 'Kỳ'], [6, 'Giá trị'],
    ]);
    expect(details[0]!.message).toBe('Thứ hạng 70 lớn hơn số tỉnh, thành phố xếp hạng (63)');
    expect(details[2]!.message).toBe('Chưa có thông tin chỉ số PAPI năm 2018 (thành phần, điểm tối đa): hãy khai báo trước');
    expect(details[3]!.message).toBe('Số tỉnh, thành phố xếp hạng năm 2025 khác nhau giữa các dòng: 34 ở dòng này, 63 ở dòng 2');
    expect(details[4]!.message).toBe('Trùng kỳ 2025 với dòng 2');
    expect(await t.database.db.select().from(externalIndexValues).where(eq(externalIndexValues.indexKey, 'PAPI'))).toHaveLength(before.length);
  });

  it('checks first (dry run), then imports a new year with the previous edition\'s components; the same file again changes nothing', async () => {
    const lines = [header, '2025,"43,9",9,34,Nhóm khá,,"5,3","2,9"'];
    expect((await importCsv(officer, 'PAPI', lines, true)).statusCode).toBe(403);
    const dry = await importCsv(admin, 'PAPI', lines, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ imported: 1, unchanged: 0, blank: 0, newEditions: [2025], dryRun: true } satisfies ExternalImported);
    expect((await papi()).values.some((v) => v.period === '2025')).toBe(false);
    const done = await importCsv(admin, 'PAPI', lines);
    expect(done.json()).toMatchObject({ imported: 1, newEditions: [2025], dryRun: false });
    const detail = await papi();
    // The components and maxima of 2024, the number ranked of the file's rows (34), not 2024's 63.
    expect(detail.editions.find((e) => e.year === 2025)).toMatchObject({ maxValue: '80', rankOf: 34, note: 'Theo thành phần và điểm tối đa năm 2024' });
    // 63 provinces in 2024, 34 in 2025: the ranks are not compared.
    expect(detail.values.at(-1)).toMatchObject({ period: '2025', value: '43.9', rank: 9, rankOf: 34, rankChange: null, rankNote: 'Số tỉnh, thành phố xếp hạng đổi từ 63 thành 34', source: 'Tệp PAPI.csv' });
    expect(detail.values.at(-1)!.sentence).toBe('PAPI 2025 xếp hạng 9/34, tăng 0,07 điểm');
    expect((await importCsv(admin, 'PAPI', lines)).json()).toMatchObject({ imported: 0, unchanged: 1, newEditions: [] });
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'external_index_edition'), eq(auditEvents.entityId, 'PAPI:2025')));
    expect(audit.map((a) => a.action)).toEqual(['import']);
  });

  it('gives a template of the year with what is stored; imported back, nothing changes', async () => {
    const response = await t.app.inject({ method: 'GET', url: url('/SERVICE_766/template?year=2024'), headers: admin.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const table = await readTable(response.rawPayload, 'xlsx');
    expect(table.header.slice(0, 4)).toEqual(['Kỳ', 'Mã đơn vị', 'Tên đơn vị', 'Giá trị']);
    expect(table.rows.filter((r) => r.cells[1] === 'SNV')).toHaveLength(12);
    expect((await t.app.inject({ method: 'GET', url: url('/SERVICE_766/template?year=2024'), headers: officer.headers })).statusCode).toBe(403);
    const body = multipartBody({}, { name: 'chi-so-766.xlsx', bytes: response.rawPayload, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const back = await t.app.inject({ method: 'POST', url: url('/SERVICE_766/import?dryRun=true'), headers: { ...admin.headers, ...body.headers }, payload: body.payload });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ imported: 0, unchanged: 12 * 3 });
  });

  it('reads the 766 months typed as Excel dates as those months; a new year takes its number ranked from the rows, and rows that disagree are refused', async () => {
    const header766 = ['Kỳ', 'Mã đơn vị', 'Giá trị', 'Thứ hạng', 'Số tỉnh xếp hạng'];
    const xlsx = async (rows: (string | number | Date | null)[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('766');
      sheet.addRow(header766);
      for (const r of rows) sheet.addRow(r);
      const bytes = Buffer.from(await book.xlsx.writeBuffer());
      return multipartBody({}, { name: 'chi-so-766-2025.xlsx', bytes, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    };
    const post = async (rows: (string | number | Date | null)[][], dryRun: boolean) => {
      const body = await xlsx(rows);
      return t.app.inject({ method: 'POST', url: url(`/SERVICE_766/import${dryRun ? '?dryRun=true' : ''}`), headers: { ...admin.headers, ...body.headers }, payload: body.payload });
    };
    const month = (m: number) => new Date(Date.UTC(2025, m - 1, 1));
    const mismatch = await post([[month(1), null, '85,2', 5, 34], [month(2), null, '86', 4, 63]], true);
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.details).toEqual([
      expect.objectContaining({ line: 3, column: 'Số tỉnh xếp hạng', message: 'Số tỉnh, thành phố xếp hạng năm 2025 khác nhau giữa các dòng: 63 ở dòng này, 34 ở dòng 2' }),
    ]);
    const rows = [[month(1), null, '85,2', 5, 34], [month(2), null, '86', 4, null], [month(2), 'SNV', '90,5', null, null]];
    const dry = await post(rows, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ imported: 3, newEditions: [2025] });
    expect((await post(rows, false)).statusCode).toBe(200);
    const detail = (await get(admin, '/SERVICE_766')).json() as ExternalIndexDetail;
    expect(detail.editions.find((e) => e.year === 2025)).toMatchObject({ rankOf: 34 });
    expect(detail.values.filter((v) => v.period.startsWith('2025')).map((v) => [v.period, v.value, v.rank, v.rankOf])).toEqual([['2025-01', '85.2', 5, 34], ['2025-02', '86', 4, 34]]);
    expect(detail.unitValues.filter((v) => v.period.startsWith('2025')).map((v) => [v.period, v.unit?.code, v.value])).toEqual([['2025-02', 'SNV', '90.5']]);
  });
});
