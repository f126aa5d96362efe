import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser } from './support/factories';
import { loginAs } from './support/login';
import { users } from '../src/db/schema/accounts';

describe('forced password change', () => {
  let t: TestApp;
  let user: CreatedUser;
  beforeAll(async () => {
    t = await createTestApp();
    const unit = await createUnit(t.database.db);
    user = await createUser(t.database.db, { roles: ['admin'], unitId: unit.id, mustChangePassword: true, username: 'moi.vao' });
  });
  afterAll(async () => t.close());

  it('allows only me, password and logout until the password is changed', async () => {
    const session = await loginAs(t.app, user.username, user.password);
    expect(session.user.mustChangePassword).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);

    for (const [method, url] of [
      ['GET', '/api/users'],
      ['GET', '/api/audit'],
      ['POST', '/api/users'],
      ['PATCH', `/api/users/${user.id}`],
      ['POST', `/api/users/${user.id}/reset-password`],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: session.headers, payload: method === 'GET' ? undefined : {} });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }

    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: session.headers,
      payload: { currentPassword: user.password, newPassword: 'Mat-khau-cua-toi-9' },
    });
    expect(changed.statusCode).toBe(204);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.mustChangePassword).toBe(false);

    // The same session now reaches everything the role allows.
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: session.headers });
    expect(list.statusCode).toBe(200);
    const meAfter = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    expect(meAfter.json().user.mustChangePassword).toBe(false);
  });

  it('logout works while the change is pending', async () => {
    const other = await createUser(t.database.db, { roles: ['unit_officer'], unitId: user.unitId, mustChangePassword: true });
    const session = await loginAs(t.app, other.username, other.password);
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(response.statusCode).toBe(204);
  });
});
