// Unit import/export: all-or-nothing with every bad row reported, CSV and XLSX, round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { DatabaseHandle } from '../src/db/client';
import { listAuditEvents } from '../src/db/repositories/audit-repository';
import { listAllUnits } from '../src/db/repositories/unit-repository';
import { unitTypes } from '../src/db/schema/units';
import { detectFormat, readTable, writeTable } from '../src/files/tabular';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { AppError } from '../src/services/errors';
import { exportUnits, importUnits } from '../src/services/units/unit-import';
import { createTestDatabase } from './support/database';

const admin: Actor = { userId: '', username: 'snv.admin', unitId: '', roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
const csv = (text: string) => Buffer.from(text, 'utf8');

async function importCsv(database: DatabaseHandle, text: string, dryRun = false) {
  return importUnits(database.db, admin, await readTable(csv(text), 'csv'), { dryRun, source: 'test.csv', now: '2025-09-01' });
}
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('unit import and export', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(unitTypes).values([
      { code: 'province', name: 'Tỉnh', level: 1 },
      { code: 'department', name: 'Sở', level: 2 },
      { code: 'commune', name: 'Xã', level: 3 },
    ]);
  });
  afterAll(async () => database.close());

  it('reports every bad row with line, column and reason, and imports nothing', async () => {
    const text = [
      'code,name,shortName,type,parentCode,validFrom,validTo',
      'P,Tỉnh thử,,province,,2000-01-01,',
      'A,Sở A,,department,P,2020-01-01,',
      'A,Sở A lặp,,department,P,2020-01-01,', // line 4: duplicate code
      'B,Sở B,,department,NOPE,2020-01-01,', // line 5: unknown parent
      'C,Sở C,,department,P,31/02/2020,', // line 6: bad date
      'D,Sở D,,planet,P,2020-01-01,', // line 7: unknown type
      'E,,,department,P,2020-01-01,2019-01-01', // line 8: no name, end before start
    ].join('\n');
    const error = await failure(importCsv(database, text));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.status).toBe(422);
    const details = error.details!.map((d) => [d.line, d.column]);
    expect(details).toEqual([
      [4, 'code'],
      [5, 'parentCode'],
      [6, 'validFrom'],
      [7, 'type'],
      [8, 'name'],
      [8, 'validTo'],
    ]);
    expect(error.details![0]!.message).toContain('trùng với dòng 3');
    expect(error.details![1]!.message).toContain('NOPE');
    expect(await listAllUnits(database.db)).toHaveLength(0);
  });

  it('refuses cycles and parents that end before their children', async () => {
    const text = ['code,name,type,parentCode,validFrom,validTo', 'X,X,department,Y,2020-01-01,', 'Y,Y,department,X,2020-01-01,', 'Z,Z,department,W,2020-01-01,', 'W,W,province,,2000-01-01,2021-12-31'].join('\r\n');
    const error = await failure(importCsv(database, text));
    const lines = error.details!.map((d) => d.line);
    expect(lines).toEqual([2, 3, 4]);
    expect(error.details![0]!.message).toMatch(/vòng lặp/);
    expect(error.details![2]!.message).toMatch(/kết thúc ngày 31\/12\/2021/);
  });

  it('accepts Vietnamese headers, semicolons and dd/MM/yyyy; dry run writes nothing; then creates and updates', async () => {
    const text = '\uFEFFMã;Tên;Tên ngắn;Loại;Mã đơn vị cha;Hiệu lực từ;Hiệu lực đến\nP;UBND tỉnh;Tỉnh;province;;01/01/2000;\nSTP;Sở Tư pháp;STP;department;P;1/1/2020;\nX1;Xã Một;;commune;P;2020-01-01;30/06/2025\n';
    expect(await importCsv(database, text, true)).toEqual({ created: 3, updated: 0, unchanged: 0, dryRun: true });
    expect(await listAllUnits(database.db)).toHaveLength(0);
    expect(await importCsv(database, text)).toEqual({ created: 3, updated: 0, unchanged: 0, dryRun: false });
    const units = new Map((await listAllUnits(database.db)).map((u) => [u.code, u]));
    expect(units.get('STP')).toMatchObject({ name: 'Sở Tư pháp', shortName: 'STP', validFrom: '2020-01-01', validTo: null, parentId: units.get('P')!.id });
    expect(units.get('X1')!.validTo).toBe('2025-06-30');
    const second = 'code,name,type,parentCode,validFrom\nSTP,Sở Tư pháp tỉnh,department,P,2020-01-01\nP,UBND tỉnh,province,,2000-01-01\nSNV,Sở Nội vụ,department,P,2020-01-01\n';
    expect(await importCsv(database, second)).toEqual({ created: 1, updated: 1, unchanged: 1, dryRun: false });
    const stp = (await listAllUnits(database.db)).find((u) => u.code === 'STP')!;
    // Short name column absent: kept. The old name is remembered.
    expect(stp).toMatchObject({ name: 'Sở Tư pháp tỉnh', shortName: 'STP', version: 2, formerNames: [{ name: 'Sở Tư pháp', until: '2025-08-31' }] });
    const audit = await listAuditEvents(database.db, { entityType: 'unit', offset: 0, limit: 50 });
    expect(audit.items.filter((e) => e.action === 'create')).toHaveLength(4);
    expect(audit.items.filter((e) => e.action === 'update').map((e) => e.entityId)).toEqual([stp.id]);
  });

  it('exports CSV with a BOM and XLSX, and both import back unchanged', async () => {
    const csvFile = await exportUnits(database.db, 'csv', {});
    expect([...csvFile.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csvFile.toString('utf8');
    expect(csvText.split('\r\n')[0]).toBe('\uFEFFcode,name,shortName,type,parentCode,validFrom,validTo');
    expect(csvText).toContain('STP,Sở Tư pháp tỉnh,STP,department,P,2020-01-01,');
    const all = (await listAllUnits(database.db)).length;
    expect(await importUnits(database.db, admin, await readTable(csvFile, detectFormat(csvFile, 'x.csv')!), { dryRun: false })).toEqual({ created: 0, updated: 0, unchanged: all, dryRun: false });

    const xlsx = await exportUnits(database.db, 'xlsx', { at: '2025-07-01', vietnameseHeaders: true });
    expect(detectFormat(xlsx, 'whatever.bin')).toBe('xlsx');
    const table = await readTable(xlsx, 'xlsx');
    expect(table.header).toEqual(['Mã', 'Tên', 'Tên ngắn', 'Loại', 'Mã đơn vị cha', 'Hiệu lực từ', 'Hiệu lực đến']);
    // On 1 July 2025 commune X1 had ended.
    expect(table.rows.map((r) => r.cells[0]).sort()).toEqual(['P', 'SNV', 'STP']);
    expect(await importUnits(database.db, admin, table, { dryRun: false })).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('reads real Excel date cells and reports XLSX rows by their row number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Đơn vị');
    sheet.addRow(['code', 'name', 'type', 'parentCode', 'validFrom']);
    sheet.addRow(['SYT', 'Sở Y tế', 'department', 'P', new Date(Date.UTC(2021, 4, 1))]);
    sheet.addRow([]);
    sheet.addRow(['SXD', 'Sở Xây dựng', 'department', 'P', 'hôm qua']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const error = await failure(importUnits(database.db, admin, await readTable(buffer, 'xlsx'), { dryRun: false }));
    expect(error.details).toEqual([{ line: 4, column: 'validFrom', message: expect.stringContaining('hôm qua') }]);
    sheet.getRow(4).getCell(5).value = '2021-05-01';
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await importUnits(database.db, admin, await readTable(fixed, 'xlsx'), { dryRun: false })).toMatchObject({ created: 2 });
    expect((await listAllUnits(database.db)).find((u) => u.code === 'SYT')!.validFrom).toBe('2021-05-01');
  });

  it('refuses files without the required columns, and non-administrators', async () => {
    const error = await failure(importCsv(database, 'code,name\nA,B\n'));
    expect(error.details!.map((d) => d.column)).toEqual(['Loại', 'Hiệu lực từ']);
    const officer: Actor = { ...admin, roles: ['unit_officer'] };
    await expect(importUnits(database.db, officer, await readTable(csv('code\n'), 'csv'), { dryRun: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await writeTable('csv', ['a'], [['Lạng Sơn']])).toString('utf8')).toBe('\uFEFFa\r\nLạng Sơn\r\n');
  });
});
