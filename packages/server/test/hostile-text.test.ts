// Text that PostgreSQL cannot store or the server cannot walk is refused with a 4xx and a
// Vietnamese message, never a 500: a NUL character in any JSON field, multipart field or imported
// cell; JSON nested thousands of levels deep; CSV and JSON files in Windows-1258 or TCVN3.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, ensureUnitType } from './support/factories';
import { loginAs } from './support/login';
import { multipartBody } from './support/multipart';

let t: TestApp;
let dataDir: string;
let admin: Record<string, string>;
let officer: Record<string, string>;
let ownUnitId: string;

// The same units file in three encodings (bytes from iconv -t WINDOWS-1258 / -t TCVN5712-1).
const unitsCsvText = 'code,name,type,parentCode,validFrom\r\nT01,Sở Tư pháp thử,department,LS,2025-01-01\r\n';
const unitsCsv = {
  windows1258: Buffer.from('636f64652c6e616d652c747970652c706172656e74436f64652c76616c696446726f6d0d0a5430312c53f5d22054fd207068e170207468fdd22c6465706172746d656e742c4c532c323032352d30312d30310d0a', 'hex'),
  tcvn3: Buffer.from('636f64652c6e616d652c747970652c706172656e74436f64652c76616c696446726f6d0d0a5430312c53eb2054ad207068b870207468f62c6465706172746d656e742c4c532c323032352d30312d30310d0a', 'hex'),
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-hostile-text-'));
  t = await createTestApp({ CHISO_DATA_DIR: dataDir });
  const db = t.database.db;
  await ensureUnitType(db, 'province');
  const root = await createUnit(db, { code: 'LS', typeCode: 'province', validFrom: '2000-01-01' });
  const own = await createUnit(db, { name: 'Sở thử văn bản' });
  ownUnitId = own.id;
  const a = await createUser(db, { unitId: root.id, roles: ['admin'] });
  const o = await createUser(db, { unitId: own.id, roles: ['unit_officer'] });
  admin = (await loginAs(t.app, a.username, a.password)).headers;
  officer = (await loginAs(t.app, o.username, o.password)).headers;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function upload(url: string, who: Record<string, string>, file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const body = multipartBody(fields, file);
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...who, ...body.headers } });
}
const unitCount = async () => (await t.app.inject({ method: 'GET', url: '/api/units', headers: admin })).json().items.length as number;

describe('a NUL character', () => {
  it('in a JSON field is a 400 naming the field, and nothing is saved', async () => {
    const before = await unitCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: admin,
      payload: { code: 'NUL1', name: 'Sở\u0000 thử', typeCode: 'department', parentId: null, validFrom: '2025-01-01' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'name' }] });
    expect(response.json().error.message).toContain('NUL');
    expect(await unitCount()).toBe(before);
  });

  it('in a JSON key or a nested value is a 400 too', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/frameworks', headers: admin, payload: { programCode: 'par-index', year: 2041, groupLabel: 'Sở', name: 'Khóa NUL' } });
    const versionId = created.json().versions[0].id as string;
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/framework-versions/${versionId}`,
      headers: admin,
      payload: { version: 1, document: { formatVersion: 1, id: 'x', name: 'x', nodes: [{ 'na\u0000me': 'a' }] } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('document.nodes.0.na\\0me');
  });

  it('in an imported CSV cell is refused naming the line and column, and nothing is imported', async () => {
    const before = await unitCount();
    const csv = Buffer.from('code,name,type,parentCode,validFrom\r\nN01,Sở một,department,LS,2025-01-01\r\nN02,Sở\u0000 hai,department,LS,2025-01-01\r\n', 'utf8');
    const response = await upload('/api/units/import', admin, { name: 'don-vi.csv', bytes: csv });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'IMPORT_INVALID', details: [{ line: 3 }] });
    expect(response.json().error.message).toContain('Dòng 3, cột “name”');
    expect(await unitCount()).toBe(before);
  });

  it('in an evidence form field is a 400, and no document is stored', async () => {
    const response = await upload(
      `/api/units/${ownUnitId}/evidence`,
      officer,
      { name: 'a.png', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f10000000049454e44ae426082', 'hex') },
      { title: 'Kế hoạch\u0000' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('title');
    const list = await t.app.inject({ method: 'GET', url: `/api/units/${ownUnitId}/evidence`, headers: officer });
    expect(list.json().items).toEqual([]);
  });
});

describe('a NUL character in a multipart form field', () => {
  it('of a framework import is a 400 naming the field, nothing imported', async () => {
    const file = Buffer.from('{"formatVersion":1,"id":"nul","name":"Bộ","nodes":[]}', 'utf8');
    const response = await upload('/api/frameworks/import', admin, { name: 'bo.json', bytes: file }, { programCode: 'par-index', year: '2045', groupLabel: 'Sở\u0000' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([expect.objectContaining({ path: 'groupLabel' })]);
  });
});

describe('deep nesting', () => {
  const deepNode = (levels: number) => {
    let node = '{"key":"k","code":"1","name":"Lá","maxPoints":"1"}';
    for (let i = 0; i < levels; i++) node = `{"key":"k${i}","code":"${i}","name":"Nhóm","maxPoints":"1","children":[${node}]}`;
    return node;
  };

  it('a framework nested 5,000 levels deep sent as JSON is a 400', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/frameworks', headers: admin, payload: { programCode: 'par-index', year: 2042, groupLabel: 'Sở', name: 'Sâu' } });
    const versionId = created.json().versions[0].id as string;
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/framework-versions/${versionId}`,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: `{"version":1,"document":{"formatVersion":1,"id":"sau","name":"Sâu","nodes":[${deepNode(5000)}]}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('lồng nhau quá sâu');
  });

  it('a framework file nested 5,000 levels deep is refused with the depth limit, nothing imported', async () => {
    const file = Buffer.from(`{"formatVersion":1,"id":"sau","name":"Sâu","nodes":[${deepNode(5000)}]}`, 'utf8');
    const response = await upload('/api/frameworks/import', admin, { name: 'sau.json', bytes: file }, { programCode: 'par-index', year: '2043', groupLabel: 'Sở' });
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(response.json().error.details)).toContain('tối đa 8 cấp');
  });
});

describe('legacy Vietnamese encodings', () => {
  it('a units CSV in Windows-1258 is refused naming the encoding, nothing imported', async () => {
    const before = await unitCount();
    const response = await upload('/api/units/import', admin, { name: 'don-vi.csv', bytes: unitsCsv.windows1258 });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('Windows-1258');
    expect(await unitCount()).toBe(before);
  });

  it('a units CSV in TCVN3 (ABC) is refused naming the encoding', async () => {
    const response = await upload('/api/units/import', admin, { name: 'don-vi.csv', bytes: unitsCsv.tcvn3 });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('TCVN3');
  });

  it('a units workbook typed with a TCVN3 font (.VnTime: "Së T− ph¸p") is refused naming the font', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Don vi');
    // The TCVN3 bytes as the Latin-1 characters Excel stores for a .VnTime font.
    for (const line of unitsCsv.tcvn3.toString('latin1').trim().split('\r\n')) sheet.addRow(line.split(','));
    const response = await upload('/api/units/import', admin, { name: 'don-vi.xlsx', bytes: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('TCVN3');
  });

  it('the same file in UTF-8 imports', async () => {
    const response = await upload('/api/units/import', admin, { name: 'don-vi.csv', bytes: Buffer.from(unitsCsvText, 'utf8') });
    expect(response.statusCode).toBe(200);
    const units = (await t.app.inject({ method: 'GET', url: '/api/units', headers: admin })).json().items as { code: string; name: string }[];
    expect(units.find((u) => u.code === 'T01')?.name).toBe('Sở Tư pháp thử');
  });

  it('a framework JSON file in Windows-1258 is refused naming the encoding, never stored with "�"', async () => {
    // A valid framework ("Bộ tiêu chí thử", one leaf "Có kế hoạch") in Windows-1258 (iconv): read as
    // UTF-8 it would be imported with "�" in its names.
    const file = Buffer.from(
      '7b22666f726d617456657273696f6e223a312c226964223a2277222c226e616d65223a2242f4f2207469ea75206368ed207468fdd2222c226e6f646573223a5b7b226b6579223a2261222c22636f6465223a2231222c226e616d65223a2243f3206beaec20686f61f26368222c226d6178506f696e7473223a2231222c22736f75726365223a2273656c665f6173736573736d656e74222c2272756c65223a7b2274797065223a227965735f6e6f222c22796573506f696e7473223a2231222c226e6f506f696e7473223a2230227d7d5d7d',
      'hex',
    );
    const response = await upload('/api/frameworks/import', admin, { name: 'bo.json', bytes: file }, { programCode: 'par-index', year: '2044', groupLabel: 'Sở' });
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(response.json().error.details)).toContain('Windows-1258');
  });
});
