import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { roles, type Role } from '../src/services/actor';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';

/** A multipart/form-data body with text fields first, then the file. */
function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----chiso${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** `scoped_admin`: an organisation's administrator (scope: its unit); the frameworks under test are the province's, its templates. */
type Who = Role | 'scoped_admin' | 'anonymous';
const everyone: Who[] = [...roles, 'scoped_admin', 'anonymous'];
type Expectation = Partial<Record<Who, number>> & { others: number };

interface Request {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}

interface Case {
  name: string;
  request: (who: Who) => Promise<Request>;
  expect: Expectation;
}

describe('authorization matrix: framework endpoints × roles', () => {
  let t: TestApp;
  const sessions = new Map<Exclude<Who, 'anonymous'>, LoggedIn>();
  let unitId: string;
  let frameworkId: string;
  let publishedId: string;
  let year = 2100;

  beforeAll(async () => {
    t = await createTestApp();
    const unit = await createUnit(t.database.db);
    unitId = unit.id;
    for (const role of roles) {
      const user = await createUser(t.database.db, { roles: [role], unitId: unit.id });
      sessions.set(role, await loginAs(t.app, user.username, user.password));
    }
    const scoped = await createUser(t.database.db, { roles: ['admin'], unitId: unit.id, scopeUnitId: unit.id });
    sessions.set('scoped_admin', await loginAs(t.app, scoped.username, scoped.password));
    const demo = await loadDemoFrameworks(t.database.db);
    frameworkId = demo.loaded[0]!.frameworkId;
    publishedId = demo.loaded[0]!.versionId;
  });
  afterAll(async () => t.close());

  /** A fresh draft (created directly as the admin) for requests that change one. */
  const freshDraft = async () => {
    const admin = sessions.get('admin')!;
    const r = await t.app.inject({ method: 'POST', url: '/api/frameworks', headers: admin.headers, payload: { programCode: 'par-index', year: ++year, groupLabel: 'Nhóm thử', name: 'Thử' } });
    const versionId = r.json().versions[0].id as string;
    return { frameworkId: r.json().id as string, versionId, version: 1 };
  };

  const cases: Case[] = [
    { name: 'GET /programs', request: async () => ({ method: 'GET', url: '/api/programs' }), expect: { others: 200, anonymous: 401 } },
    { name: 'GET /frameworks', request: async () => ({ method: 'GET', url: '/api/frameworks?program=par-index' }), expect: { others: 200, anonymous: 401 } },
    { name: 'GET /framework-versions/:id', request: async () => ({ method: 'GET', url: `/api/framework-versions/${publishedId}` }), expect: { others: 200, anonymous: 401 } },
    {
      name: 'GET /framework-versions/diff',
      request: async () => ({ method: 'GET', url: `/api/framework-versions/diff?from=${publishedId}&to=${publishedId}` }),
      expect: { others: 200, anonymous: 401 },
    },
    { name: 'GET /framework-versions/:id/export?format=json', request: async () => ({ method: 'GET', url: `/api/framework-versions/${publishedId}/export?format=json` }), expect: { others: 200, anonymous: 401 } },
    { name: 'GET /framework-versions/:id/export?format=xlsx', request: async () => ({ method: 'GET', url: `/api/framework-versions/${publishedId}/export?format=xlsx` }), expect: { others: 200, anonymous: 401 } },
    {
      name: 'POST /frameworks',
      request: async () => ({ method: 'POST', url: '/api/frameworks', payload: { programCode: 'par-index', year: ++year, groupLabel: 'Nhóm', name: 'Mới' } }),
      expect: { admin: 201, scoped_admin: 201, others: 403, anonymous: 401 },
    },
    { name: 'POST /frameworks/:id/copy', request: async () => ({ method: 'POST', url: `/api/frameworks/${frameworkId}/copy`, payload: { year: ++year } }), expect: { admin: 201, others: 403, anonymous: 401 } },
    {
      name: 'POST /frameworks/:id/adopt (the province’s template, for the unit’s organisation)',
      request: async () => ({ method: 'POST', url: `/api/frameworks/${frameworkId}/adopt`, payload: { year: ++year, ownerUnitId: unitId } }),
      expect: { admin: 201, scoped_admin: 201, others: 403, anonymous: 401 },
    },
    {
      name: 'POST /frameworks/:id/versions',
      request: async () => ({ method: 'POST', url: `/api/frameworks/${frameworkId}/versions`, payload: { fromVersionId: publishedId, reason: 'Điều chỉnh' } }),
      expect: { admin: 201, others: 403, anonymous: 401 },
    },
    {
      name: 'PUT /framework-versions/:id (draft)',
      request: async () => {
        const d = await freshDraft();
        return { method: 'PUT', url: `/api/framework-versions/${d.versionId}`, payload: { version: d.version, document: { formatVersion: 1, id: 'x', name: 'Sửa', nodes: [] } } };
      },
      expect: { admin: 200, others: 403, anonymous: 401 },
    },
    {
      name: 'POST /framework-versions/:id/publish (draft with errors: admin reaches the check)',
      request: async () => {
        const d = await freshDraft();
        return { method: 'POST', url: `/api/framework-versions/${d.versionId}/publish`, payload: { version: d.version } };
      },
      expect: { admin: 422, others: 403, anonymous: 401 },
    },
    {
      name: 'POST /frameworks/import',
      request: async () => {
        const json = (await t.app.inject({ method: 'GET', url: `/api/framework-versions/${publishedId}/export?format=json`, headers: sessions.get('admin')!.headers })).body;
        const form = multipart({ programCode: 'par-index', year: String(++year), groupLabel: 'Nhóm' }, { name: 'f.json', content: Buffer.from(json), type: 'application/json' });
        return { method: 'POST', url: '/api/frameworks/import', payload: form.payload, headers: form.headers };
      },
      expect: { admin: 201, scoped_admin: 201, others: 403, anonymous: 401 },
    },
  ];

  const rows = cases.flatMap((c) => everyone.map((who) => ({ c, who, status: c.expect[who] ?? c.expect.others })));

  it.each(rows.map((r) => [r.c.name, r.who, r.status, r] as const))('%s as %s → %i', async (_name, who, status, row) => {
    const req = await row.c.request(who);
    const session = who === 'anonymous' ? null : sessions.get(who)!;
    const response = await t.app.inject({
      method: req.method,
      url: req.url,
      headers: { ...(session ? session.headers : {}), ...(req.headers ?? {}) },
      ...(req.payload ? { payload: req.payload } : {}),
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
  });
});
