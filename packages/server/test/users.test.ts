import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { loginThrottles, users } from '../src/db/schema/accounts';
import { auditEvents } from '../src/db/schema/audit';
import { verifyPassword } from '../src/auth/password';

describe('users API', () => {
  let t: TestApp;
  let stp: UnitRow;
  let syt: UnitRow;
  let admin: CreatedUser;
  let session: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    stp = await createUnit(t.database.db, { code: 'STP', name: 'Sở Tư pháp' });
    syt = await createUnit(t.database.db, { code: 'SYT', name: 'Sở Y tế' });
    admin = await createUser(t.database.db, { roles: ['admin'], unitId: stp.id, username: 'quantri' });
    session = await loginAs(t.app, admin.username, admin.password);
  });
  afterAll(async () => t.close());

  const auditOf = (entityId: string) => t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId));
  const post = (url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: session.headers, payload });
  const patch = (id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: session.headers, payload });

  it('creates a user with a generated one-time password, returned once, never the hash', async () => {
    const response = await post('/api/users', { username: 'STP.CanBo', fullName: '  Trần Thị B ', email: 'b@example.invalid', unitId: stp.id, roles: ['unit_officer'] });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.temporaryPassword).toMatch(/^[A-Za-z2-9]{14}$/);
    expect(body.user).toMatchObject({
      username: 'stp.canbo',
      fullName: 'Trần Thị B',
      email: 'b@example.invalid',
      unit: { id: stp.id, code: 'STP', name: 'Sở Tư pháp' },
      roles: ['unit_officer'],
      active: true,
      lockedUntil: null,
      mustChangePassword: true,
      lastLoginAt: null,
      version: 1,
      may: { edit: true, resetPassword: true },
    });
    expect(response.body).not.toMatch(/argon2|passwordHash/);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, body.user.id));
    expect(await verifyPassword(row!.passwordHash, body.temporaryPassword)).toBe(true);
    const audit = await auditOf(body.user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actorUserId: admin.id, actorUsername: 'quantri', after: { username: 'stp.canbo', roles: ['unit_officer'] } });
    expect(JSON.stringify(audit[0])).not.toMatch(/argon2|temporaryPassword|passwordHash/);

    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'stp.canbo', password: body.temporaryPassword }, remoteAddress: '10.9.9.9' });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it('creates a user with a chosen password (policy checked), without a forced change', async () => {
    const weak = await post('/api/users', { username: 'syt.canbo', fullName: 'Lê C', unitId: syt.id, roles: ['unit_officer'], password: 'ngan' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'password' }] });
    const response = await post('/api/users', { username: 'syt.canbo', fullName: 'Lê C', unitId: syt.id, roles: ['unit_officer', 'unit_officer'], password: 'Mat-khau-rieng-7' });
    expect(response.statusCode).toBe(201);
    expect(response.json().temporaryPassword).toBeUndefined();
    expect(response.json().user).toMatchObject({ mustChangePassword: false, roles: ['unit_officer'] });
    await loginAs(t.app, 'syt.canbo', 'Mat-khau-rieng-7');
  });

  it('validates the body in Vietnamese and refuses duplicates with 409 DUPLICATE', async () => {
    const bad = await post('/api/users', { username: 'Ab', fullName: '', unitId: 'not-a-uuid', roles: [], email: 'khong-phai-email' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['email', 'fullName', 'roles', 'unitId', 'username']);
    const badRole = await post('/api/users', { username: 'ok.name', fullName: 'X', unitId: stp.id, roles: ['superuser'] });
    expect(badRole.statusCode).toBe(400);
    const noUnit = await post('/api/users', { username: 'ok.name', fullName: 'X', unitId: '00000000-0000-4000-8000-000000000000', roles: ['appraiser'] });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.details[0]).toMatchObject({ path: 'unitId', message: 'Đơn vị không tồn tại hoặc đã giải thể.' });

    const duplicate = await post('/api/users', { username: 'stp.canbo', fullName: 'Trùng', unitId: stp.id, roles: ['unit_officer'] });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'username' }] });
    expect(await t.database.db.select().from(users).where(eq(users.fullName, 'Trùng'))).toHaveLength(0);
  });

  it('lists with filters: unit, role, text', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/users', headers: session.headers });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((u: { username: string }) => u.username)).toEqual(['quantri', 'stp.canbo', 'syt.canbo']);
    const byUnit = await t.app.inject({ method: 'GET', url: `/api/users?unitId=${syt.id}`, headers: session.headers });
    expect(byUnit.json().items.map((u: { username: string }) => u.username)).toEqual(['syt.canbo']);
    const byRole = await t.app.inject({ method: 'GET', url: '/api/users?role=admin', headers: session.headers });
    expect(byRole.json().items.map((u: { username: string }) => u.username)).toEqual(['quantri']);
    const byText = await t.app.inject({ method: 'GET', url: `/api/users?q=${encodeURIComponent('trần')}`, headers: session.headers });
    expect(byText.json().items.map((u: { username: string }) => u.username)).toEqual(['stp.canbo']);
    const wildcard = await t.app.inject({ method: 'GET', url: '/api/users?q=%25', headers: session.headers });
    expect(wildcard.json().items).toEqual([]);
    const badRole = await t.app.inject({ method: 'GET', url: '/api/users?role=boss', headers: session.headers });
    expect(badRole.statusCode).toBe(400);
  });

  it('updates with the version; a stale version gets 409 CONFLICT with the current record', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId: stp.id, fullName: 'Tên cũ' });
    const first = await patch(user.id, { version: 1, fullName: 'Tên mới', roles: ['unit_officer', 'unit_head'], unitId: syt.id, email: 'moi@example.invalid', reason: 'điều chuyển' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ fullName: 'Tên mới', roles: ['unit_officer', 'unit_head'], unit: { id: syt.id, code: 'SYT' }, email: 'moi@example.invalid', version: 2 });

    const stale = await patch(user.id, { version: 1, fullName: 'Ghi đè' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(stale.json().error.details[0].current).toMatchObject({ id: user.id, fullName: 'Tên mới', version: 2, may: { edit: true } });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ fullName: 'Tên mới', version: 2 });

    const audit = await auditOf(user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'update',
      reason: 'điều chuyển',
      before: { fullName: 'Tên cũ', roles: ['unit_officer'], unitId: stp.id, email: null },
      after: { fullName: 'Tên mới', roles: ['unit_officer', 'unit_head'], unitId: syt.id, email: 'moi@example.invalid' },
    });

    const clearEmail = await patch(user.id, { version: 2, email: null });
    expect(clearEmail.json()).toMatchObject({ email: null, version: 3 });
    const unchanged = await patch(user.id, { version: 3, fullName: 'Tên mới' });
    expect(unchanged.json().version).toBe(3);
    expect(await auditOf(user.id)).toHaveLength(2);
    const missing = await patch('00000000-0000-4000-8000-000000000000', { version: 1, fullName: 'X' });
    expect(missing.statusCode).toBe(404);
  });

  it('deactivates with active:false: sessions end, login refused; reactivates', async () => {
    const user = await createUser(t.database.db, { roles: ['appraiser'], unitId: syt.id });
    const theirs = await loginAs(t.app, user.username, user.password);
    const response = await patch(user.id, { version: 1, active: false, reason: 'nghỉ hưu' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ active: false, version: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: theirs.headers })).statusCode).toBe(401);
    await expect(loginAs(t.app, user.username, user.password)).rejects.toThrow(/403/);
    const audit = await auditOf(user.id);
    expect(audit.map((e) => e.action)).toContain('deactivate');
    expect(audit.find((e) => e.action === 'deactivate')).toMatchObject({ before: { active: true }, after: { active: false, sessionsEnded: 1 }, reason: 'nghỉ hưu' });

    expect((await patch(user.id, { version: 2, active: true })).json().active).toBe(true);
    await loginAs(t.app, user.username, user.password);
  });

  it('keeps one active administrator and refuses self-deactivation (nothing written)', async () => {
    const self = await patch(admin.id, { version: 1, active: false });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('RULE_VIOLATION');
    const demote = await patch(admin.id, { version: 1, roles: ['unit_officer'] });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().error.message).toContain('ít nhất một quản trị viên');
    const [row] = await t.database.db.select().from(users).where(eq(users.id, admin.id));
    expect(row).toMatchObject({ roles: ['admin'], version: 1, active: true });
    expect((await auditOf(admin.id)).filter((e) => e.action !== 'login')).toHaveLength(0);

    const second = await createUser(t.database.db, { roles: ['admin'], unitId: stp.id });
    const demoteOther = await patch(second.id, { version: 1, roles: ['leader_viewer'] });
    expect(demoteOther.statusCode).toBe(200);
  });

  it('resets a password: new one-time password, forced change, lock lifted, sessions ended', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId: stp.id });
    const theirs = await loginAs(t.app, user.username, user.password);
    // Logins to the account held back from one address.
    const heldUntil = new Date(Date.now() + 3_600_000);
    await t.database.db.insert(loginThrottles).values({ address: '203.0.113.1', account: user.username, failures: 9, lastFailureAt: new Date(), blockedUntil: heldUntil });
    const list = await t.app.inject({ method: 'GET', url: `/api/users?q=${user.username}`, headers: session.headers });
    expect(list.json().items[0].lockedUntil).toBe(heldUntil.toISOString());

    const response = await post(`/api/users/${user.id}/reset-password`);
    expect(response.statusCode).toBe(200);
    const { temporaryPassword } = response.json();
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{14}$/);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ mustChangePassword: true });
    expect(await t.database.db.select().from(loginThrottles).where(eq(loginThrottles.account, user.username))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: theirs.headers })).statusCode).toBe(401);
    await expect(loginAs(t.app, user.username, user.password)).rejects.toThrow(/401/);
    const again = await loginAs(t.app, user.username, temporaryPassword);
    expect(again.user.mustChangePassword).toBe(true);
    const audit = (await auditOf(user.id)).find((e) => e.action === 'reset_password');
    expect(audit).toMatchObject({ actorUserId: admin.id, after: { mustChangePassword: true, sessionsEnded: 1 } });
    expect(JSON.stringify(audit)).not.toContain(temporaryPassword);

    const withReason = await post(`/api/users/${user.id}/reset-password`, { reason: 'quên mật khẩu' });
    expect(withReason.statusCode).toBe(200);
    const own = await post(`/api/users/${admin.id}/reset-password`);
    expect(own.statusCode).toBe(422);
    expect((await post('/api/users/00000000-0000-4000-8000-000000000000/reset-password')).statusCode).toBe(404);
  });
});
