// The documents of a published group over HTTP: who may download them, the file names, and that the
// files are built from the snapshot (units, indexes with a decimal comma) by the cycle's owner.
import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionRecords, cycleUnits, cycles, suppliedPoints } from '../src/db/schema/cycles';
import { units } from '../src/db/schema/units';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { commandContext } from '../src/services/context';
import { publishGroup } from '../src/services/publication/publish';
import { createTestApp, type TestApp } from './support/app';
import { documentText, pdfText } from './support/documents';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { at, createPubCycle, type PubCycle } from './publication-fixtures';

let t: TestApp;
let c: PubCycle;
let admin: LoggedIn;
let council: LoggedIn;
let leader: LoggedIn;
let officer: LoggedIn;
let unpublished: PubCycle;

const url = (p: PubCycle, file: string) => `/api/cycles/${p.cycleId}/results/${p.groupId}/documents/${file}`;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db);
  unpublished = await createPubCycle(db);
  const root = await createUnit(db, { name: 'UBND tỉnh Lạng Sơn', typeCode: 'province' });
  await db.update(units).set({ parentId: root.id }).where(inArray(units.id, [...c.units, c.agencyUnits.SNV, c.agencyUnits.STP].map((u) => u.id)));
  // Names with ế ư ơ, as the province's units have.
  await db.update(units).set({ name: 'Sở Kế hoạch và Đầu tư' }).where(eq(units.id, c.units[0]!.id));
  const [x, y, z] = c.units.map((u) => u.id) as [string, string, string];
  const self = async (unitId: string, nodeKey: string, input: unknown) =>
    db.update(criterionRecords).set({ selfInput: input, status: 'pending' }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, unitId), eq(criterionRecords.nodeKey, nodeKey)));
  await self(x, 'ke-hoach', { kind: 'yes_no', value: true });
  await self(x, 'bao-cao', { kind: 'choice', option: 'du' });
  await self(y, 'ke-hoach', { kind: 'yes_no', value: true });
  await self(y, 'bao-cao', { kind: 'choice', option: 'tre' });
  await self(z, 'ke-hoach', { kind: 'yes_no', value: false });
  await self(z, 'bao-cao', { kind: 'choice', option: 'du' });
  await db.insert(suppliedPoints).values([
    { cycleId: c.cycleId, unitId: x, nodeKey: 'dieu-tra', points: '8', source: 'test' },
    { cycleId: c.cycleId, unitId: y, nodeKey: 'dieu-tra', points: '8.6', source: 'test' },
    { cycleId: c.cycleId, unitId: z, nodeKey: 'dieu-tra', points: '7.25', source: 'test' },
  ]);
  await db.update(cycleUnits).set({ state: 'approved' }).where(eq(cycleUnits.cycleId, c.cycleId));
  const a = await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id });
  const actor: Actor = { userId: a.id, username: a.username, unitId: a.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
  await publishGroup(commandContext(db, actor, () => new Date(at.publication)), { cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '45/QĐ-UBND' });
  const m = await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id });
  const l = await createUser(db, { roles: ['leader_viewer'], unitId: root.id });
  const o = await createUser(db, { roles: ['unit_officer'], unitId: x });
  admin = await loginAs(t.app, a.username, a.password);
  council = await loginAs(t.app, m.username, m.password);
  leader = await loginAs(t.app, l.username, l.password);
  officer = await loginAs(t.app, o.username, o.password);
});
afterAll(async () => t?.close());

describe('documents of a published group', () => {
  it('gives the administrator the report and the decision as Word files named in Vietnamese, built from the snapshot', async () => {
    const report = await t.app.inject({ method: 'GET', url: url(c, 'appraisal-report.docx'), headers: admin.headers });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(report.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo kết quả thẩm định')}`);
    const { text: reportText } = await documentText(report.rawPayload);
    expect(reportText).toContain('UBND TỈNH LẠNG SƠN');
    expect(reportText).toContain('SỞ NỘI VỤ');
    expect(reportText).toContain('Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.');
    expect(reportText).toContain('Sở Kế hoạch và Đầu tư');

    const decision = await t.app.inject({ method: 'GET', url: url(c, 'publication-decision.docx'), headers: admin.headers });
    expect(decision.statusCode).toBe(200);
    expect(decodeURIComponent(decision.headers['content-disposition'] as string)).toContain(`Dự thảo Quyết định công bố`);
    const { text } = await documentText(decision.rawPayload);
    // A draft: its number and date are written in when it is signed, not taken from the publication.
    expect(text).toContain('Số:        /QĐ-UBND');
    expect(text).toContain('Lạng Sơn, ngày       tháng       năm 20…');
    expect(text).not.toContain('45/QĐ-UBND');
    expect(text).toContain('ỦY BAN NHÂN DÂNTỈNH LẠNG SƠN');
    // X: 4 + 6 + 8 = 18 of 20 → 90,00; rank 1 (points at the framework's decimals, decimal comma).
    expect(text).toContain('1Sở Kế hoạch và Đầu tư18,0020,0090,001');
  });

  it('gives the decision as PDF with its Vietnamese text', async () => {
    const pdf = await t.app.inject({ method: 'GET', url: url(c, 'publication-decision.pdf'), headers: admin.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(pdf.headers['content-disposition'] as string)).toMatch(/Quyết định công bố .*\.pdf$/);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Số: 45/QĐ-UBND');
    expect(text).toContain('Lạng Sơn, ngày 16 tháng 03 năm 2030');
    expect(text).toContain('Sở Kế hoạch và Đầu tư');
    expect(text).toContain('90,00');
  });

  it('is for the council and the leaders too; not for a unit officer, nor anonymously', async () => {
    expect((await t.app.inject({ method: 'GET', url: url(c, 'appraisal-report.docx'), headers: council.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: url(c, 'publication-decision.docx'), headers: leader.headers })).statusCode).toBe(200);
    const refused = await t.app.inject({ method: 'GET', url: url(c, 'publication-decision.pdf'), headers: officer.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/Hội đồng thẩm định/);
    expect((await t.app.inject({ method: 'GET', url: url(c, 'publication-decision.pdf') })).statusCode).toBe(401);
  });

  it('signs the printable results workbook with the place, the publication date and the decision\'s signer', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}/export` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kết quả')!;
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '5:5' });
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain('Lạng Sơn, ngày 16 tháng 03 năm 2030');
    expect(texts).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(texts).toContain('Sở Kế hoạch và Đầu tư');
  });

  it('exists only for a published group', async () => {
    const res = await t.app.inject({ method: 'GET', url: url(unpublished, 'publication-decision.docx'), headers: admin.headers });
    expect(res.statusCode).toBe(404);
  });

  it("is issued by the cycle's owning department when a department runs the cycle", async () => {
    await t.database.db.update(cycles).set({ ownerUnitId: c.agencyUnits.STP.id }).where(eq(cycles.id, c.cycleId));
    try {
      const decision = await t.app.inject({ method: 'GET', url: url(c, 'publication-decision.docx'), headers: admin.headers });
      const { text } = await documentText(decision.rawPayload);
      expect(text).toContain(c.agencyUnits.STP.name.toUpperCase());
      expect(text).toContain(`GIÁM ĐỐC ${c.agencyUnits.STP.name.toUpperCase()}`);
      expect(text).not.toContain('TM. ỦY BAN NHÂN DÂN');
      const report = await t.app.inject({ method: 'GET', url: url(c, 'appraisal-report.docx'), headers: admin.headers });
      const { text: reportText } = await documentText(report.rawPayload);
      expect(reportText).toContain(`${c.agencyUnits.STP.name.toUpperCase()}VĂN PHÒNG`);
      expect(reportText).toContain(`Kính gửi: Giám đốc ${c.agencyUnits.STP.name}.`);
      expect(reportText).toContain('CHÁNH VĂN PHÒNG');
    } finally {
      await t.database.db.update(cycles).set({ ownerUnitId: null }).where(eq(cycles.id, c.cycleId));
    }
  });

  it("is issued by a district's People's Committee for its communes, and appraised by its Phòng Nội vụ", async () => {
    const db = t.database.db;
    const root = (await db.select().from(units).where(eq(units.name, 'UBND tỉnh Lạng Sơn')))[0]!;
    const district = await createUnit(db, { name: 'UBND huyện Đình Lập', shortName: 'Huyện Đình Lập', typeCode: 'district', parentId: root.id });
    await createUnit(db, { name: 'Phòng Nội vụ huyện Đình Lập', shortName: 'Phòng Nội vụ', typeCode: 'sub_unit', parentId: district.id });
    await db.update(cycles).set({ ownerUnitId: district.id }).where(eq(cycles.id, c.cycleId));
    try {
      const decision = await t.app.inject({ method: 'GET', url: url(c, 'publication-decision.docx'), headers: admin.headers });
      const { text } = await documentText(decision.rawPayload);
      expect(text).toContain('ỦY BAN NHÂN DÂNHUYỆN ĐÌNH LẬP');
      expect(text).toContain('Đình Lập, ngày       tháng       năm 20…');
      expect(text).toContain('TM. ỦY BAN NHÂN DÂNKT. CHỦ TỊCHPHÓ CHỦ TỊCH');
      expect(text).not.toContain('UBND TỈNH LẠNG SƠN');
      expect(text).not.toContain('GIÁM ĐỐC');
      const report = await t.app.inject({ method: 'GET', url: url(c, 'appraisal-report.docx'), headers: admin.headers });
      const { text: reportText } = await documentText(report.rawPayload);
      expect(reportText).toContain('UBND HUYỆN ĐÌNH LẬPPHÒNG NỘI VỤ');
      expect(reportText).toContain('Kính gửi: Ủy ban nhân dân huyện Đình Lập.');
      expect(reportText).toContain('Phòng Nội vụ kính trình Ủy ban nhân dân huyện Đình Lập');
      expect(reportText).toContain('TRƯỞNG PHÒNG');
      const pdf = pdfText((await t.app.inject({ method: 'GET', url: url(c, 'publication-decision.pdf'), headers: admin.headers })).rawPayload);
      expect(pdf).toContain('Đình Lập, ngày 16 tháng 03 năm 2030');
    } finally {
      await db.update(cycles).set({ ownerUnitId: null }).where(eq(cycles.id, c.cycleId));
    }
  });
});
