/**
 * Earlier years' published results imported from a file (issue 11 §2): a valid import becomes a
 * sealed snapshot of an imported, closed cycle, readable as every published result; every bad row
 * is reported with its line and nothing is saved; a re-import is an amendment with its reason; a
 * group chiso published itself is refused; who may import for which owner.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportedResults } from '@chiso/contract';
import { auditEvents } from '../src/db/schema/audit';
import { cycles, resultFields, resultSnapshots, resultUnits } from '../src/db/schema/cycles';
import { frameworks, frameworkVersions, programs } from '../src/db/schema/frameworks';
import { insertSnapshot } from '../src/db/repositories/result-repository';
import { systemContext } from '../src/services/context';
import { importedCycleName, importPublishedResults } from '../src/services/results/import-published';
import { verifyIntegrity } from '../src/services/integrity/verify';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';

let t: TestApp;
let admin: LoggedIn;
let districtAdmin: LoggedIn;
let pub: PubCycle;
let district: UnitRow;
let otherDistrict: UnitRow;
let communes: UnitRow[];
let dissolved: UnitRow;

const HEADER = 'Mã đơn vị,Tên đơn vị,Điểm đạt,Điểm tối đa,Chỉ số,Xếp hạng,Xếp loại,"1. Công tác chỉ đạo, điều hành (10)",2. Mức độ hài lòng (10)';
const csv = (...lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');

function post(who: LoggedIn, fields: Record<string, string>, bytes: Buffer, name = 'ket-qua-2023.csv') {
  const body = multipartBody(fields, { name, bytes, type: 'text/csv' });
  return t.app.inject({ method: 'POST', url: '/api/results/imports', headers: { ...who.headers, ...body.headers }, payload: body.payload });
}

const importedCycles = (programCode: string, year: number) =>
  t.database.db.select().from(cycles).where(and(eq(cycles.programCode, programCode), eq(cycles.year, year), eq(cycles.origin, 'imported')));

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pub = await createPubCycle(db, { unitCount: 3, withRecords: false });
  // The fixture draws the cycle's year at random (1950–2849): keep it off the years this file imports for the group (2009–2018).
  await db.update(cycles).set({ year: 2045, name: `Chỉ số CCHC năm 2045 (${pub.groupId.slice(0, 8)})` }).where(eq(cycles.id, pub.cycleId));
  const province = await createUnit(db, { name: 'Sở Nội vụ (thử nhập)' });
  const a = await createUser(db, { roles: ['admin'], unitId: province.id });
  admin = await loginAs(t.app, a.username, a.password);
  district = await createUnit(db, { code: 'HSC', name: 'UBND huyện Sông Cầu' });
  otherDistrict = await createUnit(db, { code: 'HDX', name: 'UBND huyện Đồng Xuân' });
  communes = [
    await createUnit(db, { code: 'XA1', name: 'Xã An Dân', parentId: district.id }),
    await createUnit(db, { code: 'XA2', name: 'Xã An Hòa', parentId: district.id }),
  ];
  dissolved = await createUnit(db, { code: 'XA3', name: 'Xã An Ninh (đã sáp nhập)', parentId: district.id, validFrom: '2000-01-01', validTo: '2025-06-30' });
  const d = await createUser(db, { roles: ['admin'], unitId: district.id, scopeUnitId: district.id });
  districtAdmin = await loginAs(t.app, d.username, d.password);
});

afterAll(async () => {
  await t?.close();
});

describe('a valid import', () => {
  it('stores the published table exactly as a sealed snapshot of a closed, imported cycle, public like every result', async () => {
    const [u1, u2, u3] = pub.units;
    const response = await post(admin, { programCode: 'cchc', year: '2019', groupId: pub.groupId, decisionNumber: '123/QĐ-UBND', publishedOn: '2020-03-15' }, csv(
      `${u1!.code},${u1!.name},"73,79",100,"73,79",2,Khá,"7,5","8,25"`,
      `${u2!.code},${u2!.name},81.5,100,81.50,1,Tốt,9,8`,
      `${u3!.code},${u3!.name},"60,333","95,5","63,18",3,Trung bình,,`,
      ',,,,,,,,',
    ));
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as ImportedResults;
    expect(body).toMatchObject({ cycleCreated: true, number: 1, units: 3, indexDecimals: 2, decisionNumber: '123/QĐ-UBND', publishedOn: '2020-03-15', groupName: pub.groupName });
    expect(body.fields).toEqual([
      { fieldKey: 'code-1', code: '1', name: 'Công tác chỉ đạo, điều hành', maxPoints: '10' },
      { fieldKey: 'code-2', code: '2', name: 'Mức độ hài lòng', maxPoints: '10' },
    ]);

    const [cycle] = await importedCycles('cchc', 2019);
    expect(cycle).toMatchObject({ status: 'closed', origin: 'imported', groupSetId: expect.any(String), ownerUnitId: null });
    expect(cycle!.name).toBe('Chỉ số cải cách hành chính năm 2019 (kết quả đã công bố, nhập từ tệp)');
    expect(cycle!.publicationDate.toISOString()).toBe('2020-03-14T17:00:00.000Z');

    // The public table: ranks, classes, the index with the file's decimals.
    const table = await t.app.inject({ method: 'GET', url: `/api/public/results/${body.cycleId}/${pub.groupId}` });
    expect(table.statusCode, table.body).toBe(200);
    const rows = (table.json() as { rows: { unitCode: string; index: string; rank: number; classLabel: string; achieved: string; applicableMax: string; fields: { code: string; achieved: string; componentIndex: string | null }[] }[] }).rows;
    expect(rows.map((r) => [r.unitCode, r.index, r.rank, r.classLabel])).toEqual([[u2!.code, '81.50', 1, 'Tốt'], [u1!.code, '73.79', 2, 'Khá'], [u3!.code, '63.18', 3, 'Trung bình']]);
    expect(rows[2]).toMatchObject({ achieved: '60.333', applicableMax: '95.5', fields: [] });
    expect(rows[1]!.fields.map((f) => [f.code, f.achieved])).toEqual([['1', '7.5'], ['2', '8.25']]);
    // Each field's component index as chiso stores its own: points ÷ maximum × 100 at the file's index decimals.
    expect(rows[1]!.fields.map((f) => f.componentIndex)).toEqual(['75.00', '82.50']);
    expect(rows[0]!.fields.map((f) => f.componentIndex)).toEqual(['90.00', '80.00']);

    // The cycles list marks it; the snapshot is in the seal chain and verifies; the import is audited.
    const list = await t.app.inject({ method: 'GET', url: '/api/cycles', headers: admin.headers });
    expect((list.json() as { items: { id: string; origin: string; status: string }[] }).items.find((c) => c.id === body.cycleId)).toMatchObject({ origin: 'imported', status: 'closed' });
    // Read-only: its page opens (no reopening offered), a reopening or a change is refused.
    const view = await t.app.inject({ method: 'GET', url: `/api/cycles/${body.cycleId}`, headers: admin.headers });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ origin: 'imported', may: { edit: false, reopen: false, close: false } });
    const reopen = await t.app.inject({ method: 'POST', url: `/api/cycles/${body.cycleId}/reopen`, headers: admin.headers, payload: { version: cycle!.version, reason: 'Thử mở lại' } });
    expect(reopen.statusCode).toBe(422);
    expect(reopen.body).toMatch(/nhập từ tệp: chỉ để xem/);
    const report = await verifyIntegrity(t.database.db);
    expect(report.problems).toEqual([]);
    expect(report.snapshots.entries).toBeGreaterThan(0);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, body.snapshotId));
    expect(events.map((e) => e.action)).toEqual(['publish']);
    expect(events[0]!.after).toMatchObject({ imported: true, source: 'ket-qua-2023.csv', number: 1 });
  });

  it('takes field keys and names from a framework version, and rows held in memory (the demo loader)', async () => {
    const [u1, u2] = pub.units;
    const result = await importPublishedResults(systemContext(t.database.db), {
      programCode: 'cchc', year: 2018, groupId: pub.groupId, frameworkVersionId: pub.frameworkVersionId, publishedOn: '2019-02-01',
      table: {
        header: ['Mã đơn vị', 'Điểm đạt', 'Điểm tối đa', 'Chỉ số', 'Xếp hạng', 'Xếp loại', '1. Chỉ đạo (10)', 'STT'],
        rows: [[u1!.code, 15.5, 20, '77,500', 1, 'khá', 7, 1], [u2!.code, '12', '20', 60, 2, null, null, 2]],
      },
    });
    expect(result).toMatchObject({ units: 2, indexDecimals: 3, ignoredColumns: ['STT'], fields: [{ fieldKey: 'chi-dao', code: '1', name: 'Công tác chỉ đạo, điều hành', maxPoints: '10' }] });
    const units = await t.database.db.select().from(resultUnits).where(eq(resultUnits.snapshotId, result.snapshotId));
    expect(units.find((u) => u.unitId === u1!.id)).toMatchObject({ indexValue: '77.5000', classKey: 'kha', classLabel: 'Khá', achieved: '15.500' });
    const [head] = await t.database.db.select().from(resultSnapshots).where(eq(resultSnapshots.id, result.snapshotId));
    expect(head).toMatchObject({ frameworkVersionId: pub.frameworkVersionId, indexDecimals: 3 });
    const fields = await t.database.db.select().from(resultFields).where(eq(resultFields.snapshotId, result.snapshotId));
    expect(fields.map((f) => [f.fieldKey, f.achieved, f.componentIndex])).toEqual([['chi-dao', '7.000', '70.0000']]);
  });
});

describe('class labels', () => {
  it('are stored as the framework’s band or the usual label, whatever their case and accents, so that one class counts once', async () => {
    const [u1, u2, u3] = pub.units;
    const labels = async (year: number, classes: string[], frameworkVersionId?: string) => {
      const result = await importPublishedResults(systemContext(t.database.db), {
        programCode: 'cchc', year, groupId: pub.groupId, publishedOn: `${year + 1}-02-01`, frameworkVersionId,
        table: { header: ['Mã đơn vị', 'Điểm đạt', 'Điểm tối đa', 'Chỉ số', 'Xếp hạng', 'Xếp loại'], rows: [u1, u2, u3].map((u, i) => [u!.code, 90 - i * 10, 100, 90 - i * 10, i + 1, classes[i]!]) },
      });
      const units = await t.database.db.select().from(resultUnits).where(eq(resultUnits.snapshotId, result.snapshotId));
      return [u1, u2, u3].map((u) => units.find((r) => r.unitId === u!.id)).map((r) => [r!.classKey, r!.classLabel]);
    };
    expect(await labels(2011, ['KHÁ', 'kha', 'Hoàn thành tốt'])).toEqual([['kha', 'Khá'], ['kha', 'Khá'], ['hoàn thành tốt', 'Hoàn thành tốt']]);
    expect(await labels(2010, ['xuat sac', ' TRUNG BÌNH ', 'Kém'], pub.frameworkVersionId)).toEqual([['xuat-sac', 'Xuất sắc'], ['trung-binh', 'Trung bình'], ['kem', 'Kém']]);
    const unknown = importPublishedResults(systemContext(t.database.db), {
      programCode: 'cchc', year: 2009, groupId: pub.groupId, publishedOn: '2010-02-01', frameworkVersionId: pub.frameworkVersionId,
      table: { header: ['Mã đơn vị', 'Điểm đạt', 'Điểm tối đa', 'Chỉ số', 'Xếp hạng', 'Xếp loại'], rows: [[u1!.code, 90, 100, 90, 1, 'Hoàn thành tốt']] },
    });
    await expect(unknown).rejects.toMatchObject({ details: [{ line: 2, column: 'Xếp loại', message: expect.stringMatching(/Xếp loại “Hoàn thành tốt” không có trong bộ tiêu chí đã chọn \(có: Xuất sắc, Tốt, Khá, Trung bình, Yếu\)/) }] });
    expect(await importedCycles('cchc', 2009)).toEqual([]);
  });
});

describe('a file with errors', () => {
  it('answers every error with its line and column, in Vietnamese, and saves nothing', async () => {
    const [u1, u2] = pub.units;
    const before = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents);
    const response = await post(admin, { programCode: 'cchc', year: '2017', groupId: pub.groupId, publishedOn: '2018-03-01' }, csv(
      `${u1!.code},,80,100,80,1,Tốt,"7,5",8`,
      'KHONGCO,,70,100,70,2,Khá,,',
      `${u1!.code},,70,100,70,3,Khá,,`,
      `${u2!.code},,110,100,abc,9,Khá,11,"8,1234"`,
    ));
    expect(response.statusCode, response.body).toBe(422);
    const error = (response.json() as { error: { code: string; details: { line: number; column: string; message: string }[] } }).error;
    expect(error.code).toBe('IMPORT_INVALID');
    const at = (line: number, column: string) => error.details.filter((d) => d.line === line && d.column === column).map((d) => d.message);
    expect(at(3, 'Mã đơn vị')[0]).toMatch(/Không có đơn vị mã “KHONGCO”/);
    expect(at(4, 'Mã đơn vị')[0]).toMatch(/đã có ở dòng 2/);
    expect(at(5, 'Điểm đạt')[0]).toMatch(/lớn hơn điểm tối đa/);
    expect(at(5, 'Chỉ số')[0]).toMatch(/“abc” không phải là số/);
    expect(at(5, 'Xếp hạng')[0]).toMatch(/từ 1 đến 4/);
    expect(at(5, '1. Công tác chỉ đạo, điều hành (10)')[0]).toMatch(/lớn hơn điểm tối đa 10/);
    expect(at(5, '2. Mức độ hài lòng (10)')[0]).toMatch(/quá 3 chữ số thập phân/);
    expect(error.details).toHaveLength(7);

    expect(await importedCycles('cchc', 2017)).toEqual([]);
    const after = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses an index that is not achieved ÷ maximum × 100 at the file’s decimals, and ranks out of the index order', async () => {
    const [u1, u2, u3] = pub.units;
    const response = await post(admin, { programCode: 'cchc', year: '2008', groupId: pub.groupId, publishedOn: '2009-03-01' }, csv(
      // 60,333 ÷ 95,5 × 100 = 63,1759… → 63,18 at 2 decimals (63,17 is not); 81,5 ÷ 100 → 81,50 (81,5 is the same number).
      `${u1!.code},,"60,333","95,5","63,17",3,,,`,
      `${u2!.code},,"81,5",100,"81,5",1,,,`,
      // 73,785 → 73,79 half up; equal indexes share a rank: rank 2 for both, 3 is wrong.
      `${u3!.code},,"73,785",100,"73,79",2,,,`,
    ));
    expect(response.statusCode, response.body).toBe(422);
    const details = (response.json() as { error: { details: { line: number; column: string; message: string }[] } }).error.details;
    expect(details).toEqual([{ line: 2, column: 'Chỉ số', message: 'Dòng 2: chỉ số 63,17 khác với điểm đạt ÷ điểm tối đa × 100 = 60,333 ÷ 95,5 × 100 = 63,18 (làm tròn 2 chữ số thập phân).' }]);
    const ranks = await post(admin, { programCode: 'cchc', year: '2008', groupId: pub.groupId, publishedOn: '2009-03-01' }, csv(
      `${u1!.code},,80,100,80,1,,,`, `${u2!.code},,70,100,70,2,,,`, `${u3!.code},,70,100,70,3,,,`,
    ));
    expect(ranks.statusCode).toBe(422);
    expect((ranks.json() as { error: { details: { line: number; column: string; message: string }[] } }).error.details).toEqual([
      { line: 4, column: 'Xếp hạng', message: 'Dòng 4: xếp hạng 3 không theo thứ tự chỉ số: chỉ số 70 có 1 đơn vị cao hơn và 1 đơn vị bằng nên xếp hạng 2 (chỉ số bằng nhau cùng hạng).' },
    ]);
    const swapped = await post(admin, { programCode: 'cchc', year: '2008', groupId: pub.groupId, publishedOn: '2009-03-01' }, csv(
      `${u1!.code},,80,100,80,2,,,`, `${u2!.code},,70,100,70,1,,,`, `${u3!.code},,60,100,60,3,,,`,
    ));
    expect((swapped.json() as { error: { details: { line: number }[] } }).error.details.map((d) => d.line)).toEqual([2, 3]);
    const tied = await post(admin, { programCode: 'cchc', year: '2008', groupId: pub.groupId, publishedOn: '2009-03-01' }, csv(
      `${u1!.code},,80,100,80,1,,,`, `${u2!.code},,70,100,70,2,,,`, `${u3!.code},,70,100,70,2,,,`,
    ));
    expect(tied.statusCode, tied.body).toBe(200);
  });

  it('refuses a missing column, a field column of unknown form, and a field code the framework version lacks', async () => {
    const [u1] = pub.units;
    const missing = await post(admin, { programCode: 'cchc', year: '2016', groupId: pub.groupId, publishedOn: '2017-03-01' }, Buffer.from(`Mã đơn vị,Điểm đạt,Điểm tối đa,Xếp hạng\r\n${u1!.code},1,2,1\r\n`));
    expect(missing.statusCode).toBe(422);
    expect((missing.json() as { error: { details: { column: string }[] } }).error.details.map((d) => d.column)).toEqual(['Chỉ số']);
    const fields = await post(admin, { programCode: 'cchc', year: '2016', groupId: pub.groupId, publishedOn: '2017-03-01', frameworkVersionId: pub.frameworkVersionId },
      Buffer.from(`Mã đơn vị,Điểm đạt,Điểm tối đa,Chỉ số,Xếp hạng,9. Không có (5),Chỉ đạo (10)\r\n${u1!.code},1,2,50,1,,\r\n`));
    expect(fields.statusCode).toBe(422);
    const messages = (fields.json() as { error: { details: { line: number; message: string }[] } }).error.details;
    expect(messages.map((d) => d.line)).toEqual([1, 1]);
    expect(messages[0]!.message).toMatch(/không có lĩnh vực mã 9/);
    expect(messages[1]!.message).toMatch(/phải viết “<mã>\. <tên lĩnh vực> \(<điểm tối đa>\)”/);
    expect(await importedCycles('cchc', 2016)).toEqual([]);
  });
});

describe('a re-import', () => {
  it('is an amendment that needs a reason; the earlier number stays', async () => {
    const [u1, u2] = pub.units;
    const file = (i: string) => csv(`${u1!.code},,"${i}",100,"${i}",1,Khá,,`, `${u2!.code},,60,100,60,2,Trung bình,,`);
    const fields = { programCode: 'cchc', year: '2015', groupId: pub.groupId, publishedOn: '2016-03-01' };
    // A check first (?dryRun=true): the answer of an import, nothing saved.
    const body = multipartBody(fields, { name: 'a.csv', bytes: file('70'), type: 'text/csv' });
    const check = await t.app.inject({ method: 'POST', url: '/api/results/imports?dryRun=true', headers: { ...admin.headers, ...body.headers }, payload: body.payload });
    expect(check.json()).toMatchObject({ dryRun: true, number: 1, units: 2 });
    expect(await importedCycles('cchc', 2015)).toEqual([]);
    expect((await post(admin, fields, file('70'))).statusCode).toBe(200);
    const noReason = await post(admin, fields, file('70,5'));
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toMatch(/cần nêu lý do/);
    const amended = await post(admin, { ...fields, reason: 'Sửa chỉ số theo Quyết định điều chỉnh', publishedOn: '2016-04-01' }, file('70,5'));
    expect(amended.statusCode, amended.body).toBe(200);
    const result = amended.json() as ImportedResults;
    expect(result).toMatchObject({ number: 2, cycleCreated: false, indexDecimals: 1, dryRun: false });
    expect(await importedCycles('cchc', 2015)).toHaveLength(1);
    const first = await t.app.inject({ method: 'GET', url: `/api/public/results/${result.cycleId}/${pub.groupId}?number=1` });
    expect((first.json() as { rows: { index: string }[] }).rows[0]!.index).toBe('70');
    const latest = await t.app.inject({ method: 'GET', url: `/api/public/results/${result.cycleId}/${pub.groupId}` });
    expect(latest.json()).toMatchObject({ number: 2, reason: 'Sửa chỉ số theo Quyết định điều chỉnh', rows: [{ index: '70.5' }, { index: '60.0' }] });
  });

  it('is refused (409) when chiso itself published the group that year', async () => {
    await t.database.db.update(cycles).set({ year: 2012 }).where(eq(cycles.id, pub.cycleId));
    await t.database.db.transaction((tx) => insertSnapshot(tx, {
      snapshot: { cycleId: pub.cycleId, groupId: pub.groupId, frameworkVersionId: pub.frameworkVersionId, number: 1 },
      units: [], fields: [], leaves: [],
    }));
    const response = await post(admin, { programCode: 'cchc', year: '2012', groupId: pub.groupId, publishedOn: '2020-01-01' }, csv(`${pub.units[0]!.code},,70,100,70,1,Khá,,`));
    expect(response.statusCode).toBe(409);
    expect(response.body).toMatch(/đã được công bố trên chiso/);
  });
});

describe('the same year on chiso', () => {
  it('is refused (409) while a cycle run on chiso for that owner, program and year includes the group, before it publishes', async () => {
    const running = await createPubCycle(t.database.db, { unitCount: 1, withRecords: false });
    const [cycle] = await t.database.db.update(cycles).set({ year: 2006 }).where(eq(cycles.id, running.cycleId)).returning();
    const response = await post(admin, { programCode: 'cchc', year: String(cycle!.year), groupId: running.groupId, publishedOn: '2020-01-01' }, csv(`${running.units[0]!.code},,70,100,70,1,Khá,,`));
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.message).toBe(`Nhóm “${running.groupName}” đang được đánh giá trên chiso trong kỳ “${cycle!.name}” năm ${cycle!.year}: kết quả của nhóm sẽ do kỳ đó công bố, không nhập từ tệp.`);
  });

  it('answers 409 in Vietnamese when the imported cycle is created meanwhile (its unique name taken), nothing saved', async () => {
    const other = await createPubCycle(t.database.db, { unitCount: 1, withRecords: false });
    const [program] = await t.database.db.select().from(programs).where(eq(programs.code, 'cchc'));
    await t.database.db.update(cycles).set({ year: 2007, name: importedCycleName(program!.name, 2007) }).where(eq(cycles.id, other.cycleId));
    const response = await post(admin, { programCode: 'cchc', year: '2007', groupId: pub.groupId, publishedOn: '2008-01-01' }, csv(`${pub.units[0]!.code},,70,100,70,1,Khá,,`));
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.message).toMatch(/^Kỳ kết quả nhập của năm 2007 vừa được tạo bởi một lần nhập khác/);
    expect(await importedCycles('cchc', 2007)).toEqual([]);
  });
});

describe('who may import', () => {
  it('lets a district administrator import its own communes (a dissolved one included), not another district nor the province', async () => {
    const file = Buffer.from(`Mã đơn vị,Điểm đạt,Điểm tối đa,Chỉ số,Xếp hạng\r\nxa1,80,100,80,1\r\nXA2,70,100,70,2\r\n${dissolved.code},60,100,60,3\r\n`);
    const fields = { programCode: 'cchc', year: '2024', groupId: pub.groupId, publishedOn: '2025-02-01' };
    const own = await post(districtAdmin, fields, file);
    expect(own.statusCode, own.body).toBe(200);
    const [cycle] = await importedCycles('cchc', 2024);
    expect(cycle!.ownerUnitId).toBe(district.id);
    expect((await post(districtAdmin, { ...fields, ownerUnitId: otherDistrict.id }, file)).statusCode).toBe(403);

    // The province's import names units anywhere; a district's unit outside the district is a row error.
    const outside = await post(districtAdmin, { ...fields, year: '2023' }, Buffer.from(`Mã đơn vị,Điểm đạt,Điểm tối đa,Chỉ số,Xếp hạng\r\n${pub.units[0]!.code},80,100,80,1\r\n`));
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toMatch(/không thuộc UBND huyện Sông Cầu/);
    const province = await post(admin, { ...fields, year: '2023', ownerUnitId: district.id }, file);
    expect(province.statusCode, province.body).toBe(200);
    expect(communes).toHaveLength(2);
  });

  it('refuses anyone but an administrator', async () => {
    const officer = await createUser(t.database.db, { roles: ['unit_officer'], unitId: communes[0]!.id });
    const who = await loginAs(t.app, officer.username, officer.password);
    const response = await post(who, { programCode: 'cchc', year: '2022', groupId: pub.groupId, publishedOn: '2023-02-01' }, Buffer.from('Mã đơn vị\r\n'));
    expect(response.statusCode).toBe(403);
  });
});

describe('the template', () => {
  it('is an Excel file with the columns, and one column per field of a named framework version', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/results/imports/template.xlsx?frameworkVersionId=${pub.frameworkVersionId}`, headers: admin.headers });
    expect(response.statusCode).toBe(200);
    const { readTable } = await import('../src/files/tabular');
    const table = await readTable(response.rawPayload, 'xlsx');
    expect(table.header).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Điểm đạt', 'Điểm tối đa', 'Chỉ số', 'Xếp hạng', 'Xếp loại', '1. Công tác chỉ đạo, điều hành (10)', '2. Mức độ hài lòng (10)']);
  });

  it('for a group lists its member units and explains the columns; filled in, it imports', async () => {
    const response = await t.app.inject({
      method: 'GET', url: `/api/results/imports/template.xlsx?groupId=${pub.groupId}&frameworkVersionId=${pub.frameworkVersionId}`, headers: admin.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [sheet, guide] = workbook.worksheets;
    expect(guide!.name).toBe('Hướng dẫn');
    const guideText = guide!.getColumn(1).values.join(' ');
    for (const column of ['Mã đơn vị', 'Điểm đạt', 'Xếp hạng', 'Xếp loại']) expect(guideText).toContain(column);
    const listed = [2, 3, 4].map((line) => [String(sheet!.getCell(line, 1).value), String(sheet!.getCell(line, 2).value)]);
    expect(listed).toEqual([...pub.units].sort((a, b) => a.code.localeCompare(b.code)).map((u) => [u.code, u.name]));
    expect(sheet!.getCell(5, 1).value).toBeNull();
    // Fill the figures as an official would (decimal commas as text, numbers as numbers), ranks by index.
    const figures = [['80,5', 1], ['70,25', 2], ['60', 3]] as const;
    figures.forEach(([points, rank], i) => {
      const row = sheet!.getRow(i + 2);
      row.getCell(3).value = points;
      row.getCell(4).value = 100;
      row.getCell(5).value = points;
      row.getCell(6).value = rank;
      row.getCell(8).value = 5;
      row.getCell(9).value = '4,5';
      row.commit();
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const body = multipartBody(
      { programCode: 'cchc', year: '2016', groupId: pub.groupId, frameworkVersionId: pub.frameworkVersionId, publishedOn: '2017-02-01' },
      { name: 'mau-da-dien.xlsx', bytes: filled, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    );
    const imported = await t.app.inject({ method: 'POST', url: '/api/results/imports', headers: { ...admin.headers, ...body.headers }, payload: body.payload });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ units: 3, number: 1 });
  });

  it('lists a group only for an owner the caller administers', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/results/imports/template.xlsx?groupId=${pub.groupId}&ownerUnitId=${otherDistrict.id}`, headers: districtAdmin.headers });
    expect(response.statusCode).toBe(403);
  });

  it('names only a published version the caller reads: another owner’s is refused, a draft is not a template', async () => {
    const db = t.database.db;
    const version = async (ownerUnitId: string | null, status: 'draft' | 'published') => {
      const [framework] = await db.insert(frameworks).values({ programCode: 'cchc', year: 2019, groupLabel: `Thử mẫu ${status}`, name: `Bộ ${status} ${ownerUnitId ?? 'tỉnh'}`, ownerUnitId }).returning();
      const [v] = await db.insert(frameworkVersions).values({ frameworkId: framework!.id, number: 1, status, document: pubFramework, publishedAt: status === 'published' ? new Date() : null }).returning();
      return v!.id;
    };
    const template = (who: LoggedIn, id: string) => t.app.inject({ method: 'GET', url: `/api/results/imports/template.xlsx?frameworkVersionId=${id}`, headers: who.headers });
    const otherOwners = await version(otherDistrict.id, 'published');
    const refused = await template(districtAdmin, otherOwners);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/đơn vị tổ chức đánh giá khác/);
    expect((await template(districtAdmin, await version(district.id, 'published'))).statusCode).toBe(200);
    expect((await template(districtAdmin, pub.frameworkVersionId)).statusCode).toBe(200);
    const draft = await template(admin, await version(null, 'draft'));
    expect(draft.statusCode).toBe(400);
    expect(draft.json().error.message).toMatch(/đã ban hành/);
    expect((await template(districtAdmin, await version(otherDistrict.id, 'draft'))).statusCode).toBe(403);
  });
});
