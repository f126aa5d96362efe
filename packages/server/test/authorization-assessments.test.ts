// Authorization matrix over the self-assessment and evidence endpoints, over HTTP with real
// sessions: each role (users of the "own" unit) × own / other unit → expected status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/services/actor';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs } from './support/login';
import { createCycle, type CycleFixture } from './assessments-fixtures';

type Who = Role | 'anonymous' | 'assigned_appraiser';
const everyone: Who[] = ['admin', 'unit_officer', 'unit_head', 'appraiser', 'assigned_appraiser', 'council_member', 'leader_viewer', 'anonymous'];
type Scope = 'own' | 'other';

let t: TestApp;
let own: UnitRow;
let other: UnitRow;
let cycle: CycleFixture;
const headers = new Map<Who, Record<string, string>>();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  own = await createUnit(db);
  other = await createUnit(db);
  const agency = await createUnit(db);
  cycle = await createCycle(db, { unitIds: [own.id, other.id], agencies: { SNV: agency.id, STP: agency.id } });
  for (const who of everyone) {
    if (who === 'anonymous') continue;
    const user = who === 'assigned_appraiser' ? await createUser(db, { unitId: agency.id, roles: ['appraiser'] }) : await createUser(db, { unitId: own.id, roles: [who] });
    headers.set(who, (await loginAs(t.app, user.username, user.password)).headers);
  }
});
afterAll(async () => t.close());

const readers: Who[] = ['admin', 'council_member', 'leader_viewer'];
const ownPeople: Who[] = ['unit_officer', 'unit_head'];

function expected(who: Who, scope: Scope, rule: { ownPeople: number; readers: number; assigned: number }): number {
  if (who === 'anonymous') return 401;
  if (ownPeople.includes(who)) return scope === 'own' ? rule.ownPeople : 403;
  if (readers.includes(who)) return rule.readers;
  if (who === 'assigned_appraiser') return rule.assigned;
  return 403;
}

const matrix = (rule: { ownPeople: number; readers: number; assigned: number }) =>
  everyone.flatMap((who) => (['own', 'other'] as Scope[]).map((scope): [Who, Scope, number] => [who, scope, expected(who, scope, rule)]));

async function call(who: Who, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
  return t.app.inject({ method, url, payload, headers: headers.get(who) ?? {} });
}
const unitOf = (scope: Scope) => (scope === 'own' ? own : other);
const base = (scope: Scope) => `/api/cycles/${cycle.cycleId}/units/${unitOf(scope).id}`;

describe('GET …/assessment', () => {
  it.each(matrix({ ownPeople: 200, readers: 200, assigned: 200 }))('%s on %s unit → %i', async (who, scope, status) => {
    expect((await call(who, 'GET', `${base(scope)}/assessment`)).statusCode).toBe(status);
  });
});

describe('PUT …/criteria/:nodeKey (autosave)', () => {
  it.each(matrix({ ownPeople: 200, readers: 403, assigned: 403 }))('%s on %s unit → %i', async (who, scope, status) => {
    const view = (await call('admin', 'GET', `${base(scope)}/assessment`)).json();
    const response = await call(who, 'PUT', `${base(scope)}/criteria/ke-hoach`, { version: view.records['ke-hoach'].version, input: { kind: 'choice', option: 'cham' } });
    expect(response.statusCode).toBe(status);
  });
});

describe('POST …/criteria/:nodeKey/answer', () => {
  // No request is open: the unit's own people get the core's refusal (422), everyone else 403.
  it.each(matrix({ ownPeople: 422, readers: 403, assigned: 403 }))('%s on %s unit → %i', async (who, scope, status) => {
    const view = (await call('admin', 'GET', `${base(scope)}/assessment`)).json();
    expect((await call(who, 'POST', `${base(scope)}/criteria/ke-hoach/answer`, { version: view.records['ke-hoach'].version, text: 'Giải trình' })).statusCode).toBe(status);
  });
});

describe('GET …/report.docx', () => {
  it.each(matrix({ ownPeople: 200, readers: 200, assigned: 403 }))('%s on %s unit → %i', async (who, scope, status) => {
    expect((await call(who, 'GET', `${base(scope)}/report.docx`)).statusCode).toBe(status);
  });
});

describe('GET /api/units/:unitId/evidence', () => {
  it.each(matrix({ ownPeople: 200, readers: 200, assigned: 200 }))('%s on %s unit → %i', async (who, scope, status) => {
    expect((await call(who, 'GET', `/api/units/${unitOf(scope).id}/evidence`)).statusCode).toBe(status);
  });
});

describe('GET /api/my/assessments', () => {
  it.each(everyone)('%s', async (who) => {
    expect((await call(who, 'GET', '/api/my/assessments')).statusCode).toBe(who === 'anonymous' ? 401 : 200);
  });
});
