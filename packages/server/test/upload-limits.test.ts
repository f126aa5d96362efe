// Issue 8, items 6 and 7: an upload over its limit is refused whole (413, nothing imported or
// stored), and a workbook is checked (entries, inflated size, compression ratio, rows, cells)
// before ExcelJS parses it; parsed uploads are rate-limited per user.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { count as sqlCount } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { units } from '../src/db/schema/units';
import { fileURLToPath } from 'node:url';
import { loadFramework } from '@chiso/core';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { frameworkToXlsx, readFrameworkXlsx } from '../src/documents/framework-xlsx';
import { guardXlsx, loadXlsx, XlsxLimitError, xlsxLimits, type XlsxLimits } from '../src/files/xlsx-guard';
import { readTable } from '../src/files/tabular';
import { maxImportBytes, uploadsPerMinute } from '../src/http/imports/upload';
import { maxFrameworkFileBytes } from '../src/http/frameworks/routes';
import { maxScoreFileBytes } from '../src/http/frameworks/score-routes';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, ensureUnitType, type UnitRow } from './support/factories';
import { loginAs } from './support/login';
import { unzip, zip } from './support/zip';
import { pdfBytes } from './evidence-fixtures';
import { createCycle } from './assessments-fixtures';

const MiB = 1024 * 1024;

let t: TestApp;
let dataDir: string;
let root: UnitRow;
let admin: Record<string, string>;
let officer: Record<string, string>;
let versionId: string;
/** A cycle the administrator administers: the owner check comes before the upload is read. */
let cycleId: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-upload-limits-'));
  t = await createTestApp({ CHISO_DATA_DIR: dataDir, CHISO_UPLOAD_MAX_MB: '1' });
  const db = t.database.db;
  await ensureUnitType(db, 'province');
  await ensureUnitType(db, 'commune');
  root = await createUnit(db, { code: 'LIM', typeCode: 'province', validFrom: '2000-01-01' });
  const adminUser = await createUser(db, { unitId: root.id, roles: ['admin'] });
  admin = (await loginAs(t.app, adminUser.username, adminUser.password)).headers;
  const officerUser = await createUser(db, { unitId: root.id, roles: ['unit_officer'] });
  officer = (await loginAs(t.app, officerUser.username, officerUser.password)).headers;
  cycleId = (await createCycle(db, { unitIds: [root.id] })).cycleId;
  versionId = (await loadDemoFrameworks(db)).loaded.find((l) => l.file === 'departments-2025.json')!.versionId;
});

afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A multipart upload sent the way a browser's fetch sends it: the part headers in their own chunk,
 * then the file in 64 KiB chunks. Every limit here is a multiple of 64 KiB, so busboy's cut falls
 * between two chunks, where @fastify/multipart's `toBuffer()` returns the cut file without error.
 */
function upload(url: string, headers: Record<string, string>, file: { field?: string; name: string; content: Buffer }, fields: Record<string, string> = {}) {
  const boundary = `----chisoLimits${randomUUID()}`;
  const head = [
    ...Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  ].join('');
  const chunks: Buffer[] = [Buffer.from(head)];
  for (let at = 0; at < file.content.length; at += 64 * 1024) chunks.push(file.content.subarray(at, at + 64 * 1024));
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return t.app.inject({ method: 'POST', url, payload: Readable.from(chunks), headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

/**
 * A CSV whose first `limit` bytes are a complete, valid file (the rows of `before`, then blank
 * lines the reader skips) and whose rows of `after` lie past the limit: cut at the limit, it
 * still imports.
 */
function csvCutAtLimit(header: string, before: string[], after: string[], limit: number): Buffer {
  const head = `${header}\n${before.join('\n')}\n`;
  const pad = limit - Buffer.byteLength(head);
  const blank = `${' '.repeat(1023)}\n`;
  const rest = pad % 1024 ? `${' '.repeat((pad % 1024) - 1)}\n` : '';
  return Buffer.from(`${head}${blank.repeat(Math.floor(pad / 1024))}${rest}${after.join('\n')}\n`);
}

const unitCount = async () => (await t.database.db.select({ n: sqlCount() }).from(units))[0]!.n;

const expectTooLarge = (response: { statusCode: number; json(): unknown }) => {
  expect(response.statusCode).toBe(413);
  expect(response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/^Tệp quá lớn.*tối đa \d+ MB/) } });
};

describe('a file over the limit is refused whole, never cut and half-imported', () => {
  it('units import: 413 and not one unit created (the first 5 MB alone were imported)', async () => {
    const row = (code: string) => `${code},Xã ${code},,commune,LIM,2025-07-01`;
    const file = csvCutAtLimit('code,name,shortName,type,parentCode,validFrom', [row('CUT1'), row('CUT2')], [row('CUT3'), row('CUT4')], maxImportBytes);
    expect(file.length).toBeGreaterThan(maxImportBytes);
    const before = await unitCount();
    expectTooLarge(await upload('/api/units/import', admin, { name: 'don-vi.csv', content: file }));
    expect(await unitCount()).toBe(before);
  });

  it('survey points and data-feed imports: 413 before the file is read', async () => {
    const file = csvCutAtLimit('unit,criterion,points', ['A,1.1,1'], ['B,1.1,1'], maxImportBytes);
    expectTooLarge(await upload(`/api/cycles/${cycleId}/supplied-points/import`, admin, { name: 'dieu-tra.csv', content: file }));
    expectTooLarge(await upload(`/api/cycles/${cycleId}/data-feeds/import`, admin, { name: 'so-lieu.csv', content: file }));
  });

  it('framework import (JSON): 413, and a form field cut at its limit is a 413 too', async () => {
    const fields = { programCode: 'cchc', year: '2031', groupLabel: 'Sở' };
    const json = Buffer.from(`{"name":"${'x'.repeat(maxFrameworkFileBytes)}"}`);
    expectTooLarge(await upload('/api/frameworks/import', admin, { name: 'bo-tieu-chi.json', content: json }, fields));
    const longField = await upload('/api/frameworks/import', admin, { name: 'bo-tieu-chi.json', content: Buffer.from('{}') }, { ...fields, name: 'x'.repeat(MiB + 10) });
    expect(longField.statusCode).toBe(413);
    expect(longField.json().error.message).toContain('“name” quá dài');
  });

  it('“Tính thử điểm”: an inputs file over the limit is a 413, nothing scored', async () => {
    const file = csvCutAtLimit('unit,criterion,value', ['STP,1.1,x'], ['SNV,1.1,x'], maxScoreFileBytes);
    expectTooLarge(await upload(`/api/framework-versions/${versionId}/score`, officer, { field: 'inputs', name: 'du-lieu.csv', content: file }));
  });

  it('evidence: a file over CHISO_UPLOAD_MAX_MB is a 413 and nothing is stored', async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(MiB, 0x20)]);
    const response = await upload(`/api/units/${root.id}/evidence`, officer, { name: 'ke-hoach.pdf', content: big }, { title: 'Kế hoạch' });
    expect(response.statusCode).toBe(413);
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files).toEqual([]);
    const list = await t.app.inject({ method: 'GET', url: `/api/units/${root.id}/evidence`, headers: officer });
    expect(list.json().items).toEqual([]);
  });
});

/** A real workbook ExcelJS wrote (the inputs header and one row), as ZIP entries to tamper with. */
async function workbookEntries() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Dữ liệu');
  sheet.addRow(['unit', 'criterion', 'value']);
  sheet.addRow(['STP', '1.1', 'x']);
  return unzip(Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** The same workbook with `rows` rows of one inline-string cell in its sheet. */
async function workbookWithRows(rows: number) {
  const entries = await workbookEntries();
  const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>STP</t></is></c></row>`).join('');
  sheet.data = Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`);
  return zip(entries);
}

/** A 30 MB run of zeros that deflates to some 30 KB, beside the real parts. */
async function zipBomb() {
  return zip([...(await workbookEntries()), { name: 'xl/media/image1.png', data: Buffer.alloc(30 * MiB) }]);
}

describe('a workbook is checked before it is parsed', () => {
  it('“Tính thử điểm”: a zip bomb is refused (422) naming the ratio limit', async () => {
    const response = await upload(`/api/framework-versions/${versionId}/score`, officer, { field: 'inputs', name: 'du-lieu.xlsx', content: await zipBomb() });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].message).toContain(`nén quá ${xlsxLimits.maxRatio} lần`);
  });

  it('“Tính thử điểm”: a workbook over the row limit is refused (422) naming the limit', async () => {
    const response = await upload(`/api/framework-versions/${versionId}/score`, officer, { field: 'inputs', name: 'du-lieu.xlsx', content: await workbookWithRows(xlsxLimits.maxRows + 1) });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].message).toContain(`quá giới hạn ${xlsxLimits.maxRows.toLocaleString('vi-VN')} dòng`);
  });

  it('table imports and framework import: a zip bomb is refused (422), nothing imported', async () => {
    const before = await unitCount();
    const unitsResponse = await upload('/api/units/import', admin, { name: 'don-vi.xlsx', content: await zipBomb() });
    expect(unitsResponse.statusCode).toBe(422);
    expect(unitsResponse.json().error.message).toContain('bom nén');
    expect(await unitCount()).toBe(before);
    const frameworkResponse = await upload('/api/frameworks/import', admin, { name: 'bo-tieu-chi.xlsx', content: await zipBomb() }, { programCode: 'cchc', year: '2032', groupLabel: 'Sở' });
    expect(frameworkResponse.statusCode).toBe(422);
    expect(JSON.stringify(frameworkResponse.json())).toContain('bom nén');
  });

  const small: XlsxLimits = { maxEntries: 20, maxUncompressedBytes: MiB, maxRatio: 100, ratioFromBytes: 64 * 1024, maxRows: 10, maxCells: 20 };
  const refusal = (file: Buffer, limits = small) => {
    try {
      guardXlsx(file, limits);
    } catch (error) {
      expect(error).toBeInstanceOf(XlsxLimitError);
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('guardXlsx: entry count, inflated size, ratio, rows and cells, each naming its limit', async () => {
    const entries = await workbookEntries();
    expect(refusal(zip(entries))).toBe('accepted');
    const many = [...entries, ...Array.from({ length: 20 }, (_, i) => ({ name: `xl/media/p${i}.png`, data: Buffer.from('x') }))];
    expect(refusal(zip(many))).toMatch(/có \d+ mục nén, quá giới hạn 20 mục/);
    const noisy = Buffer.from(Array.from({ length: 2 * MiB }, (_, i) => (i * 7919) % 251));
    expect(refusal(zip([...entries, { name: 'xl/media/big.png', data: noisy }]))).toMatch(/khi giải nén lớn 2 MB, quá giới hạn 1 MB/);
    expect(refusal(zip([...entries, { name: 'xl/media/zeros.png', data: Buffer.alloc(512 * 1024) }]))).toMatch(/nén quá 100 lần/);
    expect(refusal(await workbookWithRows(11))).toMatch(/có 11 dòng, quá giới hạn 10 dòng/);
    const wide = await workbookEntries();
    const cells = Array.from({ length: 21 }, (_, i) => `<x:c r="A${i + 1}"/>`).join('');
    wide.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.data = Buffer.from(`<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1">${cells}</x:row></x:sheetData></x:worksheet>`);
    expect(refusal(zip(wide))).toMatch(/có 21 ô, quá giới hạn 20 ô/);
  });

  it('guardXlsx: a directory that declares a small size for a large entry is caught while inflating', async () => {
    const lying = zip([...(await workbookEntries()), { name: 'xl/media/image1.png', data: Buffer.alloc(5 * MiB), declaredSize: 60 * 1024 }]);
    expect(refusal(lying, { ...small, maxUncompressedBytes: 64 * MiB, maxRatio: 10_000 })).toMatch(/khai sai kích thước giải nén.*bom nén/);
    expect(refusal(Buffer.from('PK\u0003\u0004 không phải ZIP'))).toMatch(/bị hỏng/);
  });
});

/** Counts ExcelJS loads in this thread (and the most at once) while `run` runs. */
async function countLoads(run: () => Promise<unknown>) {
  const xlsxPrototype = Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as { load: (...args: unknown[]) => Promise<unknown> };
  const original = xlsxPrototype.load;
  let active = 0;
  const seen = { calls: 0, most: 0 };
  const spy = vi.spyOn(xlsxPrototype, 'load').mockImplementation(async function (this: unknown, ...args: unknown[]) {
    seen.calls++;
    seen.most = Math.max(seen.most, ++active);
    try {
      return await original.apply(this, args);
    } finally {
      active--;
    }
  });
  try {
    return { result: await run(), ...seen };
  } finally {
    spy.mockRestore();
  }
}

describe('workbook parsing', () => {
  it('simultaneous loads wait their turn instead of adding up', async () => {
    const file = zip(await workbookEntries());
    const { result, calls, most } = await countLoads(() => Promise.all([loadXlsx(file), loadXlsx(file), loadXlsx(file)]));
    expect((result as ExcelJS.Workbook[]).map((w) => w.worksheets[0]!.getCell('A2').value)).toEqual(['STP', 'STP', 'STP']);
    expect(calls).toBe(3);
    expect(most).toBe(1);
  });

  it('an imported table is parsed in the worker thread, not on the event loop', async () => {
    const file = zip(await workbookEntries());
    const { result, calls } = await countLoads(() => readTable(file, 'xlsx'));
    expect(result).toMatchObject({ header: ['unit', 'criterion', 'value'], rows: [{ line: 2, cells: ['STP', '1.1', 'x'] }] });
    expect(calls).toBe(0);
  });

  it('an imported framework workbook is parsed in the worker thread too, and read as before', async () => {
    const text = fs.readFileSync(fileURLToPath(new URL('../../../docs/examples/bo-tieu-chi-vi-du.json', import.meta.url)), 'utf8');
    const loaded = loadFramework(text);
    if (!loaded.ok) throw new Error('the example framework does not load');
    const file = await frameworkToXlsx(loaded.framework);
    const { result, calls } = await countLoads(() => readFrameworkXlsx(file));
    expect(result).toMatchObject({ ok: true, document: { id: loaded.framework.id } });
    expect(calls).toBe(0);
    // The worker's refusal reaches the import as a problem, worded as before.
    const { result: broken } = await countLoads(() => readFrameworkXlsx(Buffer.from('PK\u0003\u0004 không phải ZIP')));
    expect(broken).toMatchObject({ ok: false, problems: [{ sheet: '', message: expect.stringMatching(/bị hỏng/) }] });
  });
});

describe('parsed uploads are rate-limited per user', () => {
  it(`“Tính thử điểm”: upload ${uploadsPerMinute + 1} in a minute is a 429 with Retry-After; another user is not held back`, async () => {
    const user = await createUser(t.database.db, { unitId: root.id, roles: ['unit_officer'] });
    const busy = (await loginAs(t.app, user.username, user.password)).headers;
    const file = { field: 'inputs', name: 'du-lieu.csv', content: Buffer.from('unit,criterion,value\nNOPE,1.1,x\n') };
    const url = `/api/framework-versions/${versionId}/score`;
    for (let i = 0; i < uploadsPerMinute; i++) expect((await upload(url, busy, file)).statusCode).toBe(422);
    const refused = await upload(url, busy, file);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.json().error.message).toContain(`quá ${uploadsPerMinute} tệp trong một phút`);
    expect((await upload(url, officer, file)).statusCode).toBe(422);
  });
});
