// CSV injection: text that a spreadsheet would run as a formula (= + - @, tab, CR first) is
// exported with a leading apostrophe; numbers stay numbers; the file imports back unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readTable, writeTable } from '../src/files/tabular';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, ensureUnitType } from './support/factories';
import { loginAs } from './support/login';
import { multipartBody } from './support/multipart';

const hostileNames = ['=HYPERLINK("http://x.example","Bấm vào")', '+84 912 345 678', "-2+3+cmd|' /C calc'!A0", '@SUM(A1:A9)', '\tSở có tab', '\rSở có CR'];

describe('CSV export', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    await ensureUnitType(db, 'province');
    const root = await createUnit(db, { code: 'LS', name: 'Tỉnh thử', typeCode: 'province', validFrom: '2000-01-01' });
    for (const [i, name] of hostileNames.entries()) await createUnit(db, { code: `H${i}`, name, parentId: root.id });
    const a = await createUser(db, { unitId: root.id, roles: ['admin'] });
    admin = (await loginAs(t.app, a.username, a.password)).headers;
  });
  afterAll(() => t.close());

  it('writes cells that start like a formula with a leading apostrophe, others as they are', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/units/export?format=csv', headers: admin });
    expect(response.statusCode).toBe(200);
    const records = parse(response.rawPayload.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const byCode = new Map(records.map((r) => [r.code, r]));
    for (const [i, name] of hostileNames.entries()) expect(byCode.get(`H${i}`)?.name).toBe(`'${name}`);
    expect(byCode.get('LS')?.name).toBe('Tỉnh thử');
  });

  it('imports its own export back without a change (the apostrophe is taken off again)', async () => {
    const exported = await t.app.inject({ method: 'GET', url: '/api/units/export?format=csv', headers: admin });
    const body = multipartBody({}, { name: 'don-vi.csv', bytes: exported.rawPayload });
    const response = await t.app.inject({ method: 'POST', url: '/api/units/import?dryRun=true', payload: body.payload, headers: { ...admin, ...body.headers } });
    expect(response.statusCode).toBe(200);
    // Only the two names that start with a tab or CR change: every import trims cells.
    expect(response.json()).toMatchObject({ created: 0, updated: 2, unchanged: hostileNames.length - 1 });
  });
});

describe('writeTable (the one CSV writer)', () => {
  it('keeps numbers numeric, negative ones and numbers written as text included; escapes only text', async () => {
    const file = await writeTable('csv', ['a', 'b', 'c', 'd'], [[-1.5, '-1,5', '=1+2', '+3'], [0, null, '-', 'Sở = Sở']]);
    expect(file.toString('utf8')).toBe('\uFEFFa,b,c,d\r\n-1.5,"-1,5",\'=1+2,+3\r\n0,,\'-,Sở = Sở\r\n');
    const back = await readTable(file, 'csv');
    expect(back.rows.map((r) => r.cells)).toEqual([['-1.5', '-1,5', '=1+2', '+3'], ['0', '', '-', 'Sở = Sở']]);
  });
});
