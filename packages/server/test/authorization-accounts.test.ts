import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { users } from '../src/db/schema/accounts';
import { roles, type Role } from '../src/services/actor';

/**
 * `scoped_admin`: an administrator of the own unit's organisation (its scope: the own unit and the
 * unit below it), not the province's. The own unit's accounts with unit roles are the province's.
 */
type Who = Role | 'scoped_admin' | 'anonymous';
const everyone: Who[] = [...roles, 'scoped_admin', 'anonymous'];

/** Expected status per role; `others` covers every logged-in role not named. */
type Expectation = Partial<Record<Who, number>> & { others: number };

interface Case {
  name: string;
  /** Builds the request for this role (fresh data where the request changes something). */
  request: (who: Who) => Promise<{ method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object }>;
  expect: Expectation;
  /** Use a session of its own (the request ends it). */
  ownSession?: boolean;
}

describe('authorization matrix: accounts endpoints × roles × own/other unit', () => {
  let t: TestApp;
  let ownUnit: UnitRow;
  let otherUnit: UnitRow;
  const actors = new Map<Exclude<Who, 'anonymous'>, CreatedUser>();
  const sessions = new Map<Exclude<Who, 'anonymous'>, LoggedIn>();
  let ownMember: CreatedUser;
  let otherMember: CreatedUser;
  let belowUnit: UnitRow;
  let belowMember: CreatedUser;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ownUnit = await createUnit(t.database.db, { code: 'OWN', name: 'Đơn vị mình' });
    otherUnit = await createUnit(t.database.db, { code: 'OTHER', name: 'Đơn vị khác' });
    for (const role of roles) {
      const user = await createUser(t.database.db, { roles: [role], unitId: ownUnit.id, username: `actor.${role.replace('_', '-')}` });
      actors.set(role, user);
      sessions.set(role, await loginAs(t.app, user.username, user.password));
    }
    const scoped = await createUser(t.database.db, { roles: ['admin'], unitId: ownUnit.id, scopeUnitId: ownUnit.id, username: 'actor.scoped-admin' });
    actors.set('scoped_admin', scoped);
    sessions.set('scoped_admin', await loginAs(t.app, scoped.username, scoped.password));
    ownMember = await createUser(t.database.db, { roles: ['unit_officer'], unitId: ownUnit.id, username: 'own.member' });
    otherMember = await createUser(t.database.db, { roles: ['unit_officer'], unitId: otherUnit.id, username: 'other.member' });
    belowUnit = await createUnit(t.database.db, { code: 'OWN-1', name: 'Đơn vị thuộc đơn vị mình', parentId: ownUnit.id });
    belowMember = await createUser(t.database.db, { roles: ['unit_officer'], unitId: belowUnit.id, username: 'below.member' });
  });
  afterAll(async () => t.close());

  const versionOf = async (id: string) => (await t.database.db.select({ version: users.version }).from(users).where(eq(users.id, id)))[0]!.version;
  const newUser = (unit: () => UnitRow) => async () => ({
    method: 'POST' as const,
    url: '/api/users',
    payload: { username: `new.user-${++counter}`, fullName: 'Người mới', unitId: unit().id, roles: ['unit_officer'] },
  });
  const patchOf = (target: () => CreatedUser) => async (who: Who) => ({
    method: 'PATCH' as const,
    url: `/api/users/${target().id}`,
    payload: { version: await versionOf(target().id), fullName: `Sửa bởi ${who}` },
  });

  const cases: Case[] = [
    { name: 'GET /auth/me', request: async () => ({ method: 'GET', url: '/api/auth/me' }), expect: { others: 200, anonymous: 401 } },
    { name: 'POST /auth/logout', ownSession: true, request: async () => ({ method: 'POST', url: '/api/auth/logout' }), expect: { others: 204, anonymous: 204 } },
    {
      name: 'POST /auth/password (wrong current password reaches the check)',
      request: async () => ({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'khong-dung-dau', newPassword: 'Mat-khau-moi-hop-le-1' } }),
      expect: { others: 400, anonymous: 401 },
    },
    { name: 'GET /users', request: async () => ({ method: 'GET', url: '/api/users' }), expect: { admin: 200, scoped_admin: 200, unit_head: 200, others: 403, anonymous: 401 } },
    {
      name: 'GET /users?unitId=own',
      request: async () => ({ method: 'GET', url: `/api/users?unitId=${ownUnit.id}` }),
      expect: { admin: 200, scoped_admin: 200, unit_head: 200, others: 403, anonymous: 401 },
    },
    {
      name: 'GET /users?unitId=other',
      request: async () => ({ method: 'GET', url: `/api/users?unitId=${otherUnit.id}` }),
      expect: { admin: 200, others: 403, anonymous: 401 },
    },
    { name: 'POST /users (own unit)', request: newUser(() => ownUnit), expect: { admin: 201, others: 403, anonymous: 401 } },
    { name: 'POST /users (unit below)', request: newUser(() => belowUnit), expect: { admin: 201, scoped_admin: 201, others: 403, anonymous: 401 } },
    { name: 'POST /users (other unit)', request: newUser(() => otherUnit), expect: { admin: 201, others: 403, anonymous: 401 } },
    { name: 'PATCH /users/:id (own unit)', request: patchOf(() => ownMember), expect: { admin: 200, others: 403, anonymous: 401 } },
    { name: 'PATCH /users/:id (unit below)', request: patchOf(() => belowMember), expect: { admin: 200, scoped_admin: 200, others: 403, anonymous: 401 } },
    { name: 'PATCH /users/:id (other unit)', request: patchOf(() => otherMember), expect: { admin: 200, others: 403, anonymous: 401 } },
    {
      name: 'POST /users/:id/reset-password (own unit)',
      request: async () => ({ method: 'POST', url: `/api/users/${ownMember.id}/reset-password` }),
      expect: { admin: 200, others: 403, anonymous: 401 },
    },
    {
      name: 'POST /users/:id/reset-password (unit below)',
      request: async () => ({ method: 'POST', url: `/api/users/${belowMember.id}/reset-password` }),
      expect: { admin: 200, scoped_admin: 200, others: 403, anonymous: 401 },
    },
    {
      name: 'POST /users/:id/reset-password (other unit)',
      request: async () => ({ method: 'POST', url: `/api/users/${otherMember.id}/reset-password` }),
      expect: { admin: 200, others: 403, anonymous: 401 },
    },
    { name: 'GET /audit', request: async () => ({ method: 'GET', url: '/api/audit' }), expect: { admin: 200, others: 403, anonymous: 401 } },
  ];

  const table = cases.flatMap((c) => everyone.map((who) => ({ c, who, status: c.expect[who] ?? (who === 'anonymous' ? 401 : c.expect.others) })));

  it.each(table.map((row) => [row.c.name, row.who, row.status, row] as const))('%s as %s → %i', async (_name, who, status, row) => {
    let headers: Record<string, string> = {};
    if (who !== 'anonymous') {
      const actor = actors.get(who)!;
      headers = row.c.ownSession ? (await loginAs(t.app, actor.username, actor.password)).headers : sessions.get(who)!.headers;
    }
    const request = await row.c.request(who);
    const response = await t.app.inject({ ...request, headers });
    expect(response.statusCode, response.body).toBe(status);
    if (status === 403) expect(response.json().error.code).toBe('FORBIDDEN');
    if (status === 401) expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('a unit head sees only the own unit, whatever the filters', async () => {
    const head = sessions.get('unit_head')!;
    const response = await t.app.inject({ method: 'GET', url: '/api/users', headers: head.headers });
    const items = response.json().items as { unit: { id: string }; may: { edit: boolean; resetPassword: boolean } }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((u) => u.unit.id === ownUnit.id)).toBe(true);
    expect(items.every((u) => !u.may.edit && !u.may.resetPassword)).toBe(true);
    const byRole = await t.app.inject({ method: 'GET', url: '/api/users?role=unit_officer', headers: head.headers });
    expect((byRole.json().items as { username: string }[]).map((u) => u.username)).not.toContain('other.member');
  });

  it('the abilities in Me follow the role and the scope', async () => {
    for (const role of roles) {
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: sessions.get(role)!.headers });
      const admin = role === 'admin';
      expect(me.json().user.may, role).toEqual({ manageUnits: admin, manageUsers: admin, viewAudit: admin, importUnits: admin, manageFrameworks: admin });
      expect(me.json().user.scope).toBeNull();
    }
    const scoped = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: sessions.get('scoped_admin')!.headers })).json().user;
    expect(scoped.may).toEqual({ manageUnits: true, manageUsers: true, viewAudit: false, importUnits: false, manageFrameworks: true });
    expect(scoped.scope).toEqual({ id: ownUnit.id, code: 'OWN', name: 'Đơn vị mình' });
  });
});
