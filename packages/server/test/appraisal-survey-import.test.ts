import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { resultSnapshots, suppliedPoints } from '../src/db/schema/cycles';
import { suppliedInputs } from '../src/services/appraisal/supplied-points';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createPubCycle, type PubCycle } from './publication-fixtures';

function multipart(file: { name: string; content: Buffer; type: string }, auth: Record<string, string> = {}) {
  const boundary = `----chiso${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const csv = (text: string, auth?: LoggedIn) => multipart({ name: 'dieu-tra.csv', content: Buffer.from(text, 'utf8'), type: 'text/csv' }, auth?.headers);

let t: TestApp;
let c: PubCycle;
let admin: LoggedIn;
let appraiser: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  c = await createPubCycle(t.database.db);
  const db = t.database.db;
  const a = await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id });
  const p = await createUser(db, { roles: ['appraiser'], unitId: c.agencyUnits.SNV.id });
  admin = await loginAs(t.app, a.username, a.password);
  appraiser = await loginAs(t.app, p.username, p.password);
});
afterAll(async () => t?.close());

const url = () => `/api/cycles/${c.cycleId}/supplied-points/import`;

describe('supplied survey points import', () => {
  it('reports every bad row with line and column, in Vietnamese, and imports nothing', async () => {
    const [u1, u2] = c.units;
    const body = [
      'Mã đơn vị;Tiêu chí;Điểm',
      `${u1!.code};2.1;8,5`,
      `KHONG-CO;2.1;5`,
      `${u2!.code};1.1;3`,
      `${u2!.code};2.1;10,5`,
      `${u2!.code};9.9;abc`,
      `${u1!.code};dieu-tra;7`,
    ].join('\n');
    const res = await t.app.inject({ method: 'POST', url: url(), ...csv(body, admin) });
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: 3, column: 'Mã đơn vị', message: expect.stringContaining('không tham gia') }),
      expect.objectContaining({ line: 4, column: 'Tiêu chí', message: expect.stringContaining('không phải tiêu chí điều tra') }),
      expect.objectContaining({ line: 5, column: 'Điểm', message: expect.stringContaining('vượt điểm tối đa 10') }),
      expect.objectContaining({ line: 6, column: 'Tiêu chí' }),
      expect.objectContaining({ line: 6, column: 'Điểm' }),
      expect.objectContaining({ line: 7, column: 'Tiêu chí', message: expect.stringContaining('Trùng với dòng 2') }),
    ]));
    const stored = await t.database.db.select().from(suppliedPoints).where(eq(suppliedPoints.cycleId, c.cycleId));
    expect(stored).toEqual([]);
  });

  it('refuses a file without the required columns', async () => {
    const res = await t.app.inject({ method: 'POST', url: url(), ...csv('unit,points\nX,1\n', admin) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ line: 1, column: 'Tiêu chí' })]);
  });

  it('dry run checks without storing; then imports XLSX with decimal comma or point, audited, fed to consolidation', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Điểm');
    ws.addRow(['unit', 'criterion', 'points']);
    ws.addRow([c.units[0]!.code, '2.1', '8,6']);
    ws.addRow([c.units[1]!.code, 'dieu-tra', 7.25]);
    const file = multipart({ name: 'dieu-tra.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()), type: 'application/octet-stream' }, admin.headers);
    const dry = await t.app.inject({ method: 'POST', url: `${url()}?dryRun=true`, ...file });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({ imported: 2, blank: 0, dryRun: true });
    expect(await t.database.db.select().from(suppliedPoints).where(eq(suppliedPoints.cycleId, c.cycleId))).toEqual([]);

    const res = await t.app.inject({ method: 'POST', url: url(), ...file });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 2, blank: 0, dryRun: false });
    const inputs = await suppliedInputs(t.database.db, c.cycleId);
    expect(inputs.get(c.units[0]!.id)).toEqual({ 'dieu-tra': { kind: 'survey', points: '8.6' } });
    expect(inputs.get(c.units[1]!.id)).toEqual({ 'dieu-tra': { kind: 'survey', points: '7.25' } });
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, c.cycleId), eq(auditEvents.action, 'import_supplied_points')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ source: 'dieu-tra.xlsx', rows: [{ criterion: '2.1', points: '8.6' }, { criterion: '2.1', points: '7.25' }] });

    // A second import replaces the figure and records the one before.
    const again = await t.app.inject({ method: 'POST', url: url(), ...csv(`unit,criterion,points\n${c.units[0]!.code},2.1,9\n`, admin) });
    expect(again.statusCode).toBe(200);
    expect((await suppliedInputs(t.database.db, c.cycleId)).get(c.units[0]!.id)).toEqual({ 'dieu-tra': { kind: 'survey', points: '9' } });
  });

  it('the template lists every unit × survey criterion with the points so far; filled back, blank rows are skipped', async () => {
    const before = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/supplied-points/template`, headers: admin.headers });
    expect(before.statusCode).toBe(200);
    expect(before.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(before.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Mã đơn vị', 'Tên đơn vị', 'Tiêu chí', 'Nội dung tiêu chí', 'Điểm tối đa', 'Điểm']);
    const stored = await suppliedInputs(t.database.db, c.cycleId);
    // An empty cell reads as undefined.
    const body = Array.from({ length: ws.rowCount - 1 }, (_, i) => (ws.getRow(i + 2).values as unknown[]).map((v) => (v === '' || v === null ? undefined : v)));
    // One row per unit (by code) for the one survey criterion; points as stored by the tests above, or blank.
    expect(body.map((r) => r[1])).toEqual(c.units.map((u) => u.code).sort());
    for (const row of body) {
      const unit = c.units.find((u) => u.code === row[1])!;
      const points = stored.get(unit.id)?.['dieu-tra'];
      expect(row.slice(2, 7)).toEqual([unit.name, '2.1', 'Điều tra xã hội học', 10, points && points.kind === 'survey' ? Number(points.points) : undefined]);
    }

    // The official fills one blank row with a decimal and leaves the others as they are.
    const blankRow = body.findIndex((r) => r[6] === undefined);
    expect(blankRow).toBeGreaterThanOrEqual(0);
    ws.getRow(blankRow + 2).getCell(6).value = 6.75;
    for (let i = 0; i < body.length; i++) if (i !== blankRow && body[i]![6] === undefined) ws.getRow(i + 2).getCell(6).value = null;
    const filled = multipart({ name: 'mau.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()), type: 'application/octet-stream' }, admin.headers);
    const res = await t.app.inject({ method: 'POST', url: url(), ...filled });
    expect(res.statusCode).toBe(200);
    const blanks = body.filter((r) => r[6] === undefined).length - 1;
    expect(res.json()).toEqual({ imported: body.length - blanks, blank: blanks, dryRun: false });
    const unit = c.units.find((u) => u.code === body[blankRow]![1])!;
    expect((await suppliedInputs(t.database.db, c.cycleId)).get(unit.id)).toEqual({ 'dieu-tra': { kind: 'survey', points: '6.75' } });
  });

  it('keeps a survey average exactly (3,1875 is not rounded), up to 6 decimals', async () => {
    const unit = c.units[2]!;
    const tooPrecise = await t.app.inject({ method: 'POST', url: url(), ...csv(`unit,criterion,points\n${unit.code},2.1,"3,1234567"\n`, admin) });
    expect(tooPrecise.statusCode).toBe(422);
    expect(tooPrecise.json().error.details[0].message).toBe('“3,1234567” không phải số điểm hợp lệ (số không âm, tối đa 6 chữ số thập phân, dấu phẩy hoặc dấu chấm)');
    const res = await t.app.inject({ method: 'POST', url: url(), ...csv(`unit,criterion,points\n${unit.code},2.1,"3,1875"\n`, admin) });
    expect(res.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(suppliedPoints).where(and(eq(suppliedPoints.cycleId, c.cycleId), eq(suppliedPoints.unitId, unit.id)));
    expect(row!.points).toBe('3.187500');
    expect((await suppliedInputs(t.database.db, c.cycleId)).get(unit.id)).toEqual({ 'dieu-tra': { kind: 'survey', points: '3.1875' } });
  });

  it('a file whose every row is blank imports nothing and says so', async () => {
    const res = await t.app.inject({ method: 'POST', url: url(), ...csv(`unit,criterion,points\n${c.units[0]!.code},2.1,\n`, admin) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ column: 'Điểm', message: 'Mọi dòng đều để trống điểm' })]);
  });

  it('only the administrator imports; anonymous gets 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/supplied-points/template`, headers: appraiser.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/cycles/${c.groupId}/supplied-points/template`, headers: admin.headers })).statusCode).toBe(404);
    const body = `unit,criterion,points\n${c.units[0]!.code},2.1,1\n`;
    expect((await t.app.inject({ method: 'POST', url: url(), ...csv(body, appraiser) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: url(), ...csv(body) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/cycles/${c.groupId}/supplied-points/import`, ...csv(body, admin) })).statusCode).toBe(404);
  });
});

describe('supplied survey points of a published group', () => {
  it('are not imported again: a changed figure is refused pointing to an amendment, an unchanged one is skipped', async () => {
    const db = t.database.db;
    const p = await createPubCycle(db);
    const [u1, u2] = p.units;
    const first = await t.app.inject({ method: 'POST', url: `/api/cycles/${p.cycleId}/supplied-points/import`, ...csv(`unit,criterion,points\n${u1!.code},2.1,8\n`, admin) });
    expect(first.statusCode).toBe(200);
    await db.insert(resultSnapshots).values({ cycleId: p.cycleId, groupId: p.groupId, frameworkVersionId: p.frameworkVersionId, number: 1 });

    const body = `unit,criterion,points\n${u1!.code},2.1,8\n${u2!.code},2.1,9\n`;
    for (const dryRun of [true, false]) {
      const res = await t.app.inject({ method: 'POST', url: `/api/cycles/${p.cycleId}/supplied-points/import${dryRun ? '?dryRun=true' : ''}`, ...csv(body, admin) });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ line: 3, column: 'Điểm', message: expect.stringMatching(new RegExp(`đã công bố kết quả: không nhập lại điểm điều tra của đơn vị ${u2!.code}.*đính chính`)) }),
      ]);
    }
    expect((await suppliedInputs(db, p.cycleId)).get(u2!.id)).toBeUndefined();

    const same = await t.app.inject({ method: 'POST', url: `/api/cycles/${p.cycleId}/supplied-points/import`, ...csv(`unit,criterion,points\n${u1!.code},2.1,"8,0"\n`, admin) });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.details).toEqual([expect.objectContaining({ message: 'Mọi dòng đều để trống điểm hoặc giữ nguyên điểm đã công bố' })]);
    const changed = await t.app.inject({ method: 'POST', url: `/api/cycles/${p.cycleId}/supplied-points/import`, ...csv(`unit,criterion,points\n${u1!.code},2.1,7\n`, admin) });
    expect(changed.statusCode).toBe(422);
    expect((await suppliedInputs(db, p.cycleId)).get(u1!.id)).toEqual({ 'dieu-tra': { kind: 'survey', points: '8' } });
  });
});
