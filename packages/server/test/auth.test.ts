import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser } from './support/factories';
import { loginAs } from './support/login';
import { loginThrottles, sessions, users } from '../src/db/schema/accounts';
import { auditEvents } from '../src/db/schema/audit';
import { hashToken } from '../src/auth/tokens';
import { loginRateLimits } from '../src/http/auth/routes';

describe('auth: login, me, logout, password', () => {
  let t: TestApp;
  let officer: CreatedUser;
  let unitId: string;
  beforeAll(async () => {
    t = await createTestApp({ CHISO_LOGIN_MAX_ATTEMPTS: '3', CHISO_SESSION_HOURS: '2' });
    const unit = await createUnit(t.database.db, { name: 'Sở Tư pháp', code: 'STP' });
    unitId = unit.id;
    officer = await createUser(t.database.db, { roles: ['unit_officer'], unitId, username: 'stp.canbo', fullName: 'Nguyễn Văn A', email: 'a@example.invalid' });
  });
  afterAll(async () => t.close());

  const login = (username: string, password: string, remoteAddress = '192.0.2.1', headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });

  it('logs in: sets an HttpOnly SameSite=Lax cookie, stores only the token hash, answers Me and a CSRF token', async () => {
    const response = await login('stp.canbo', officer.password);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toEqual({
      id: officer.id,
      username: 'stp.canbo',
      fullName: 'Nguyễn Văn A',
      email: 'a@example.invalid',
      unit: { id: unitId, code: 'STP', name: 'Sở Tư pháp' },
      roles: ['unit_officer'],
      mustChangePassword: false,
      scope: null,
      may: { manageUnits: false, manageUsers: false, viewAudit: false, importUnits: false, manageFrameworks: false },
    });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.cookies.find((c) => c.name === 'chiso_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const stored = await t.database.db.select().from(sessions).where(eq(sessions.userId, officer.id));
    expect(stored.map((s) => s.tokenHash)).toContain(hashToken(cookie.value));
    expect(stored.map((s) => s.tokenHash)).not.toContain(cookie.value);
    const session = stored.find((s) => s.tokenHash === hashToken(cookie.value))!;
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(2 * 3_600_000);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, officer.id));
    expect(row!.lastLoginAt).not.toBeNull();
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'login'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: 'user', entityId: officer.id, actorUserId: officer.id, ip: '192.0.2.1' });
  });

  it('sets Secure when served over HTTPS (auto) and accepts user names in any case', async () => {
    const response = await login('STP.CANBO', officer.password, '192.0.2.2', { 'x-forwarded-proto': 'https' });
    expect(response.statusCode).toBe(200);
    // No proxy is trusted: the forwarded protocol is ignored, so still not Secure.
    expect(response.cookies.find((c) => c.name === 'chiso_session')!.secure).toBeFalsy();
    // The proxy is named (inject comes from 127.0.0.1).
    const proxied = await createTestApp({ CHISO_TRUST_PROXY: '127.0.0.1' });
    try {
      await createUser(proxied.database.db, { roles: ['admin'], unitId: (await createUnit(proxied.database.db)).id, username: 'https.user' });
      const secure = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'https.user', password: officer.password }, headers: { 'x-forwarded-proto': 'https' } });
      expect(secure.statusCode).toBe(200);
      expect(secure.cookies.find((c) => c.name === 'chiso_session')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('GET /me answers the user and the session’s CSRF token, or 401 without a session', async () => {
    const session = await loginAs(t.app, 'stp.canbo', officer.password);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: officer.id, username: 'stp.canbo' }, csrfToken: session.csrfToken });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    const forged = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'chiso_session=not-a-real-token' } });
    expect(forged.statusCode).toBe(401);
  });

  it('wrong password and unknown user get the same generic Vietnamese 401', async () => {
    const wrong = await login('stp.canbo', 'sai-mat-khau-roi', '192.0.2.3');
    const unknown = await login('khong.ton.tai', 'sai-mat-khau-roi', '192.0.2.3');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.', messageId: 'auth.invalidCredentials', params: {} },
      });
      expect(response.cookies).toHaveLength(0);
    }
    const counted = () => t.database.db.select().from(loginThrottles).where(and(eq(loginThrottles.address, '192.0.2.3'), eq(loginThrottles.account, 'stp.canbo')));
    expect(await counted()).toMatchObject([{ failures: 1, blockedUntil: null }]);
    // A success forgets the failures of that name at that address.
    expect((await login('stp.canbo', officer.password, '192.0.2.3')).statusCode).toBe(200);
    expect(await counted()).toEqual([]);
  });

  it('rejects an empty body with the validation envelope', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', password: '' }, remoteAddress: '192.0.2.4' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['password', 'username']);
  });

  it('an inactive user cannot log in, and an existing session of theirs stops working', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId });
    const session = await loginAs(t.app, user.username, user.password);
    await t.database.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    const response = await login(user.username, user.password, '192.0.2.5');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toContain('ngừng hoạt động');
    // A wrong password stays generic: nothing is revealed to a guesser.
    expect((await login(user.username, 'sai-mat-khau-roi', '192.0.2.5')).json().error.code).toBe('INVALID_CREDENTIALS');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('logout needs the CSRF token, deletes the session, clears the cookie and is audited', async () => {
    const session = await loginAs(t.app, 'stp.canbo', officer.password);
    const withoutToken = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('CSRF_INVALID');
    const wrongToken = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrongToken.statusCode).toBe(403);
    expect(wrongToken.json().error.code).toBe('CSRF_INVALID');

    const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.find((c) => c.name === 'chiso_session')!;
    expect(cleared.value).toBe('');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    const stored = await t.database.db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(session.cookie.split('=')[1]!)));
    expect(stored).toHaveLength(0);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'logout'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: officer.id, actorUserId: officer.id });
    // Without a session, logout is harmless.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('checks the Origin of the login request against the Host', async () => {
    const foreign = await login('stp.canbo', officer.password, '192.0.2.6', { origin: 'https://evil.example', host: 'chiso.example.gov.vn' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('CSRF_INVALID');
    const same = await login('stp.canbo', officer.password, '192.0.2.6', { origin: 'https://chiso.example.gov.vn', host: 'chiso.example.gov.vn' });
    expect(same.statusCode).toBe(200);
    const withPort = await login('stp.canbo', officer.password, '192.0.2.6', { origin: 'http://127.0.0.1:5173', host: '127.0.0.1:5173' });
    expect(withPort.statusCode).toBe(200);
  });

  it('changing the password checks the current one and the policy, and ends the other sessions', async () => {
    const user = await createUser(t.database.db, { roles: ['appraiser'], unitId, username: 'doi.matkhau' });
    const first = await loginAs(t.app, user.username, user.password);
    const second = await loginAs(t.app, user.username, user.password);
    const change = (payload: object, headers = first.headers) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload });

    const wrongCurrent = await change({ currentPassword: 'khong-dung-dau', newPassword: 'Mot-mat-khau-moi-1' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.details[0].path).toBe('currentPassword');
    const tooShort = await change({ currentPassword: user.password, newPassword: 'ngan' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.details[0].path).toBe('newPassword');
    const containsName = await change({ currentPassword: user.password, newPassword: 'doi.matkhau-2025' });
    expect(containsName.statusCode).toBe(400);
    expect(containsName.json().error.message).toContain('tên đăng nhập');
    const noCsrf = await change({ currentPassword: user.password, newPassword: 'Mot-mat-khau-moi-1' }, { cookie: first.cookie } as never);
    expect(noCsrf.statusCode).toBe(403);

    const ok = await change({ currentPassword: user.password, newPassword: 'Mot-mat-khau-moi-1' });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second.cookie } })).statusCode).toBe(401);
    expect((await login(user.username, user.password, '192.0.2.7')).statusCode).toBe(401);
    expect((await login(user.username, 'Mot-mat-khau-moi-1', '192.0.2.7')).statusCode).toBe(200);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'password_change'));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain('Mot-mat-khau-moi-1');
  });

  it('rate-limits all attempts from one address, whatever the account names', async () => {
    const { perAddress } = loginRateLimits;
    const statuses: number[] = [];
    for (let i = 0; i <= perAddress; i++) statuses.push((await login(`ten.${i}`, 'sai-mat-khau-roi', '198.51.100.20')).statusCode);
    expect(statuses.slice(0, perAddress).every((s) => s === 401)).toBe(true);
    expect(statuses[perAddress]).toBe(429);
    expect((await login('stp.canbo', officer.password, '198.51.100.20')).statusCode).toBe(429);
    expect((await login('stp.canbo', officer.password, '198.51.100.21')).statusCode).toBe(200);
  });
});
