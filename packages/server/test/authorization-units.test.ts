// Authorization matrix for the units, unit-types and group-sets endpoints, over HTTP with real sessions:
// each role × own unit / another unit → expected status. Also checks the HTTP shapes of docs/api.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/services/actor';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, ensureUnitType, type UnitRow } from './support/factories';
import { loginAs } from './support/login';

/** `scoped_admin`: an organisation's administrator whose scope is the own unit (and the units under it). */
type Who = Role | 'scoped_admin' | 'anonymous';
const everyone: Who[] = ['admin', 'scoped_admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer', 'anonymous'];
type Scope = 'own' | 'other';

let t: TestApp;
let root: UnitRow;
let own: UnitRow;
let other: UnitRow;
const headers = new Map<Who, Record<string, string>>();
let sequence = 0;
const fresh = () => `AZ${++sequence}`;

async function freshUnit(parent: UnitRow = root) {
  return createUnit(t.database.db, { code: fresh(), parentId: parent.id, typeCode: 'commune', validFrom: '2020-01-01' });
}

function multipart(filename: string, content: string) {
  const boundary = '----chisoBoundary';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function call(who: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, extraHeaders: Record<string, string> = {}) {
  return t.app.inject({ method, url, payload: payload as never, headers: { ...(headers.get(who) ?? {}), ...extraHeaders } });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await ensureUnitType(db, 'province');
  await ensureUnitType(db, 'commune');
  root = await createUnit(db, { code: 'LS', typeCode: 'province', validFrom: '2000-01-01' });
  own = await createUnit(db, { code: 'OWN', parentId: root.id });
  other = await createUnit(db, { code: 'OTHER', parentId: root.id });
  for (const who of everyone) {
    if (who === 'anonymous') continue;
    const user =
      who === 'scoped_admin'
        ? await createUser(db, { unitId: own.id, roles: ['admin'], scopeUnitId: own.id, username: 'u.scoped-admin' })
        : await createUser(db, { unitId: own.id, roles: [who], username: `u.${who}` });
    headers.set(who, (await loginAs(t.app, user.username, user.password)).headers);
  }
  await createUser(db, { unitId: other.id, roles: ['unit_officer'], username: 'other.officer' });
});
afterAll(async () => t.close());

const expected = (who: Who, ok: number, forOthers = 403) => (who === 'anonymous' ? 401 : who === 'admin' ? ok : forOthers);

describe('reading is open to every logged-in role', () => {
  it.each(everyone)('%s', async (who) => {
    const status = who === 'anonymous' ? 401 : 200;
    expect((await call(who, 'GET', '/api/units')).statusCode).toBe(status);
    expect((await call(who, 'GET', '/api/unit-types')).statusCode).toBe(status);
    expect((await call(who, 'GET', `/api/units/${own.id}`)).statusCode).toBe(status);
    expect((await call(who, 'GET', `/api/units/${other.id}`)).statusCode).toBe(status);
    expect((await call(who, 'GET', `/api/units/${other.id}/lineage`)).statusCode).toBe(status);
    expect((await call(who, 'GET', '/api/group-sets')).statusCode).toBe(status);
    expect((await call(who, 'GET', '/api/units/export?format=csv')).statusCode).toBe(status);
  });
});

// GET /api/units/:id/users — the administrator, and the unit's own officers and head.
const membersMatrix: [Who, Scope, number][] = everyone.flatMap((who) =>
  (['own', 'other'] as Scope[]).map((scope): [Who, Scope, number] => {
    if (who === 'anonymous') return [who, scope, 401];
    if (who === 'admin') return [who, scope, 200];
    if (who === 'scoped_admin' && scope === 'own') return [who, scope, 200];
    if ((who === 'unit_officer' || who === 'unit_head') && scope === 'own') return [who, scope, 200];
    return [who, scope, 403];
  }),
);

describe('GET /api/units/:id/users', () => {
  it.each(membersMatrix)('%s on %s unit → %i', async (who, scope, status) => {
    const unit = scope === 'own' ? own : other;
    const response = await call(who, 'GET', `/api/units/${unit.id}/users`);
    expect(response.statusCode).toBe(status);
    if (status === 200) {
      const items = response.json().items as { username: string; unit: { code: string } }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((u) => u.unit.code === unit.code)).toBe(true);
    }
  });
});

// Every change to the tree: the province's administrator, whatever the unit; the own unit's
// organisation administrator below its unit (the units import stays the province's).
const mutations: { name: string; run: (who: Who, scope: Scope) => Promise<{ statusCode: number }>; ok: number }[] = [
  {
    name: 'PATCH /api/units/:id',
    ok: 200,
    run: async (who, scope) => {
      const unit = await freshUnit(scope === 'own' ? own : other);
      return call(who, 'PATCH', `/api/units/${unit.id}`, { version: 1, shortName: 'mới' });
    },
  },
  { name: 'POST /api/units', ok: 201, run: async (who, scope) => call(who, 'POST', '/api/units', { code: fresh(), name: 'Xã mới', typeCode: 'commune', parentId: (scope === 'own' ? own : other).id, validFrom: '2025-07-01' }) },
  {
    name: 'POST /api/units/:id/close',
    ok: 200,
    run: async (who, scope) => call(who, 'POST', `/api/units/${(await freshUnit(scope === 'own' ? own : other)).id}/close`, { date: '2025-07-01', reason: 'thử' }),
  },
  {
    name: 'POST /api/units/merge',
    ok: 200,
    run: async (who, scope) => {
      const parent = scope === 'own' ? own : other;
      const [a, b] = [await freshUnit(parent), await freshUnit(parent)];
      return call(who, 'POST', '/api/units/merge', { sourceIds: [a.id, b.id], date: '2025-07-01', into: { code: fresh(), name: 'Xã hợp nhất', typeCode: 'commune', parentId: parent.id }, reason: 'thử' });
    },
  },
  {
    name: 'POST /api/units/:id/split',
    ok: 200,
    run: async (who, scope) => {
      const parent = scope === 'own' ? own : other;
      const source = await freshUnit(parent);
      const spec = () => ({ code: fresh(), name: 'Xã tách', typeCode: 'commune', parentId: parent.id });
      return call(who, 'POST', `/api/units/${source.id}/split`, { date: '2025-07-01', into: [spec(), spec()], reason: 'thử' });
    },
  },
  {
    name: 'POST /api/units/import?dryRun=true',
    ok: 200,
    run: async (who, scope) => {
      const file = multipart('units.csv', `code,name,type,parentCode,validFrom\n${fresh()},Xã nhập,commune,${scope === 'own' ? 'OWN' : 'OTHER'},2025-07-01\n`);
      return call(who, 'POST', '/api/units/import?dryRun=true', file.payload, file.headers);
    },
  },
  {
    name: 'POST /api/group-sets',
    ok: 201,
    run: async (who, scope) => call(who, 'POST', '/api/group-sets', { code: fresh(), name: 'Bộ nhóm', ownerUnitId: (scope === 'own' ? own : other).id }),
  },
];

const scopedExpected = (name: string, scope: Scope, ok: number) => (scope === 'own' && !name.includes('/import') ? ok : 403);
const mutationMatrix = mutations.flatMap((m) =>
  everyone.flatMap((who) =>
    (['own', 'other'] as Scope[]).map((scope) => [m.name, who, scope, who === 'scoped_admin' ? scopedExpected(m.name, scope, m.ok) : expected(who, m.ok)] as const),
  ),
);

describe('changes to the organisation', () => {
  it.each(mutationMatrix)('%s by %s on %s unit → %i', async (name, who, scope, status) => {
    const mutation = mutations.find((m) => m.name === name)!;
    const response = await mutation.run(who, scope);
    expect(response.statusCode, JSON.stringify((response as { body?: string }).body)).toBe(status);
  });
});

describe('HTTP behaviour', () => {
  it('lists units as they were on a date, with the Unit shape and abilities per actor', async () => {
    const closing = await freshUnit();
    await call('admin', 'POST', `/api/units/${closing.id}/close`, { date: '2024-01-01', reason: 'giải thể' });
    const before = (await call('leader_viewer', 'GET', '/api/units?at=2023-12-31')).json().items as { code: string; may: Record<string, boolean> }[];
    expect(before.map((u) => u.code)).toContain(closing.code);
    expect(before[0]!.may).toEqual({ edit: false, close: false, merge: false, split: false });
    const after = (await call('admin', 'GET', '/api/units?at=2024-01-01')).json().items as { code: string; may: Record<string, boolean> }[];
    expect(after.map((u) => u.code)).not.toContain(closing.code);
    expect(after.find((u) => u.code === 'OWN')!.may).toEqual({ edit: true, close: true, merge: true, split: true });
    const one = (await call('admin', 'GET', `/api/units/${own.id}`)).json();
    expect(Object.keys(one).sort()).toEqual(['code', 'formerNames', 'id', 'may', 'name', 'parentId', 'predecessors', 'shortName', 'successors', 'typeCode', 'typeName', 'validFrom', 'validTo', 'version']);
  });

  it('answers 409 with the current record on a stale version, 400 on a bad body, 404 on an unknown unit', async () => {
    const unit = await freshUnit();
    expect((await call('admin', 'PATCH', `/api/units/${unit.id}`, { version: 1, name: 'Tên mới' })).statusCode).toBe(200);
    const stale = await call('admin', 'PATCH', `/api/units/${unit.id}`, { version: 1, name: 'Tên khác' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].current).toMatchObject({ id: unit.id, version: 2, name: 'Tên mới' });
    const bad = await call('admin', 'POST', '/api/units', { code: 'has space', name: '', typeCode: 'commune', parentId: root.id, validFrom: '2025-13-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['code', 'name', 'validFrom']);
    expect((await call('admin', 'GET', '/api/units/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('imports a multipart CSV all-or-nothing: 422 IMPORT_INVALID lists every bad row', async () => {
    const bad = multipart('bad.csv', 'code,name,type,parentCode,validFrom\nQ1,Xã,commune,LS,2025-07-01\nQ1,Xã lặp,commune,LS,2025-07-01\nQ2,Xã,commune,NOPE,2025-07-01\n');
    const refused = await call('admin', 'POST', '/api/units/import', bad.payload, bad.headers);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'IMPORT_INVALID', details: [{ line: 3, column: 'code' }, { line: 4, column: 'parentCode' }] });
    const good = multipart('good.csv', 'code,name,type,parentCode,validFrom\nQ1,Xã,commune,LS,2025-07-01\n');
    const done = await call('admin', 'POST', '/api/units/import', good.payload, good.headers);
    expect(done.json()).toEqual({ created: 1, updated: 0, unchanged: 0, dryRun: false });
    const exported = await call('admin', 'GET', '/api/units/export?format=xlsx');
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    expect(exported.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps a unit in one group per set over HTTP (409)', async () => {
    const set = (await call('admin', 'POST', '/api/group-sets', { code: 'par-2025', name: '2025' })).json();
    const withGroups = (await call('admin', 'POST', `/api/group-sets/${set.id}/groups`, { code: 'a', name: 'A' })).json();
    const groupA = withGroups.groups[0];
    const both = (await call('admin', 'POST', `/api/group-sets/${set.id}/groups`, { code: 'b', name: 'B' })).json();
    const groupB = both.groups.find((g: { code: string }) => g.code === 'b');
    expect((await call('admin', 'PUT', `/api/group-sets/${set.id}/groups/${groupA.id}/members`, { version: 1, memberIds: [own.id] })).statusCode).toBe(200);
    const clash = await call('admin', 'PUT', `/api/group-sets/${set.id}/groups/${groupB.id}/members`, { version: 1, memberIds: [own.id] });
    expect(clash.statusCode).toBe(409);
    expect((await call('unit_head', 'PUT', `/api/group-sets/${set.id}/groups/${groupB.id}/members`, { version: 1, memberIds: [] })).statusCode).toBe(403);
  });
});
