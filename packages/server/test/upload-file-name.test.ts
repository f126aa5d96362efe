// The name of an uploaded file is stored (framework source, data-feed source, audit): a NUL in it is
// a 400 naming the field, never a 500 from PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, ensureUnitType } from './support/factories';
import { loginAs } from './support/login';
import { multipartBody } from './support/multipart';

let t: TestApp;
let admin: Record<string, string>;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-upload-name-'));
  t = await createTestApp({ CHISO_DATA_DIR: dataDir });
  await ensureUnitType(t.database.db, 'province');
  const root = await createUnit(t.database.db, { code: 'LS', typeCode: 'province', validFrom: '2000-01-01' });
  const a = await createUser(t.database.db, { unitId: root.id, roles: ['admin'] });
  admin = (await loginAs(t.app, a.username, a.password)).headers;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const framework = Buffer.from(
  '{"formatVersion":1,"id":"ten-tep","name":"Bộ","nodes":[{"key":"a","code":"1","name":"A","maxPoints":"1","source":"self_assessment","rule":{"type":"yes_no","yesPoints":"1","noPoints":"0"}}]}',
  'utf8',
);
const importFramework = (fileName: string) => {
  const body = multipartBody({ programCode: 'par-index', year: '2047', groupLabel: 'Sở' }, { name: fileName, bytes: framework });
  return t.app.inject({ method: 'POST', url: '/api/frameworks/import', payload: body.payload, headers: { ...admin, ...body.headers } });
};

it('a NUL in an imported file’s name is a 400 naming it, and nothing is imported', async () => {
  const refused = await importFramework('bo\u0000.json');
  expect(refused.statusCode).toBe(400);
  expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'file.filename' }] });
  // Nothing half-saved: the same framework under a clean name is the first of its year and group.
  expect((await importFramework('bo.json')).statusCode).toBe(201);
});
