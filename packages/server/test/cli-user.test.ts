import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env';
import { userCommand, type ResetPasswordResult } from '../src/cli/user';
import { auditEvents } from '../src/db/schema/audit';
import { loginThrottles } from '../src/db/schema/accounts';
import { acquireDataDirLock, DataDirLockedError } from '../src/storage/data-dir-lock';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs } from './support/login';

let t: TestApp;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-cli-user-'));
const config = loadConfig({ CHISO_DATA_DIR: path.join(root, 'data'), CHISO_LOG_LEVEL: 'silent' }, root);
const printed: string[] = [];
/** The command with the test's database (the real opening is tested with the lock below). */
const run = (...args: string[]) =>
  userCommand(args, config, { open: async () => ({ handle: t.database, lock: null, close: async () => {} }), print: (text) => void printed.push(text) });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('chiso user reset-password', () => {
  it('prints a one-time password once, forces a change, lifts the lock, ends the sessions, audits the command line', async () => {
    const db = t.database.db;
    const unit = await createUnit(db);
    const admin = await createUser(db, { roles: ['admin'], unitId: unit.id });
    const session = await loginAs(t.app, admin.username, admin.password);
    await db.insert(loginThrottles).values({ address: '203.0.113.1', account: admin.username, failures: 9, lastFailureAt: new Date(), blockedUntil: new Date(Date.now() + 3_600_000) });

    const result = (await run('reset-password', admin.username)) as ResetPasswordResult;
    expect(result).toMatchObject({ username: admin.username, sessionsEnded: 1, wasLocked: true, active: true });
    const password = result.oneTimePassword!;
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(printed.join('\n').split(password)).toHaveLength(2);
    expect(printed.join('\n')).toContain('Đã kết thúc 1 phiên');

    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).statusCode).toBe(401);
    const again = await loginAs(t.app, admin.username, password);
    expect(again.user).toMatchObject({ mustChangePassword: true });
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, admin.id), eq(auditEvents.action, 'reset_password')));
    expect(audit).toMatchObject({ actorUsername: 'command-line', actorUserId: null, before: expect.objectContaining({ heldBackAddresses: 1 }), after: expect.objectContaining({ sessionsEnded: 1, heldBackAddresses: 0 }) });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('takes a password given with --password (at least 10 characters), still forcing a change', async () => {
    const db = t.database.db;
    const unit = await createUnit(db);
    const user = await createUser(db, { roles: ['admin'], unitId: unit.id });
    await expect(run('reset-password', user.username, '--password', 'ngan')).rejects.toThrow(/ít nhất 10 ký tự/);
    const result = (await run('reset-password', user.username, '--password', 'Mat-khau-moi-2030')) as ResetPasswordResult;
    expect(result.oneTimePassword).toBeUndefined();
    expect((await loginAs(t.app, user.username, 'Mat-khau-moi-2030')).user).toMatchObject({ mustChangePassword: true });
  });

  it('refuses an unknown account, a wrong usage, and while chiso holds the data folder', async () => {
    await expect(run('reset-password', 'khong.co.ai')).rejects.toThrow(/Không có tài khoản “khong.co.ai”/);
    await expect(run('reset-password')).rejects.toThrow(/Cách dùng: chiso user reset-password/);
    const lock = acquireDataDirLock(config.dataDir);
    try {
      await expect(userCommand(['reset-password', 'admin'], config, { print: () => {} })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      lock.release();
    }
  });
});

describe('chiso user unlock', () => {
  it('lets the account log in again from an address its delays held back, and audits the command line', async () => {
    const db = t.database.db;
    const user = await createUser(db, { roles: ['admin'], unitId: (await createUnit(db)).id });
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password }, remoteAddress: '203.0.113.60' });
    for (let i = 0; i < t.config.loginMaxAttempts; i++) await attempt(`sai-mat-khau-${i}`);
    expect((await attempt(user.password)).statusCode).toBe(429);

    printed.length = 0;
    expect(await run('unlock', user.username)).toEqual({ username: user.username, heldBackAddresses: 1, active: true });
    expect(printed.join('\n')).toContain(`Đã mở khóa đăng nhập của tài khoản ${user.username} (từ 1 địa chỉ đang bị tạm chặn).`);
    expect((await attempt(user.password)).statusCode).toBe(200);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'unlock')));
    expect(audit).toMatchObject({ actorUsername: 'command-line', actorUserId: null, before: { heldBackAddresses: 1 }, after: { heldBackAddresses: 0 } });
  });

  it('says so when nothing was held back, and refuses an unknown account or a wrong usage', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId: (await createUnit(t.database.db)).id });
    printed.length = 0;
    await run('unlock', user.username);
    expect(printed.join('\n')).toContain('không bị tạm chặn đăng nhập');
    await expect(run('unlock', 'khong.co.ai')).rejects.toThrow(/Không có tài khoản “khong.co.ai”/);
    await expect(run('unlock')).rejects.toThrow(/chiso user unlock TÊN_ĐĂNG_NHẬP/);
    await expect(run('unlock', user.username, '--password', 'Mat-khau-moi-2030')).rejects.toThrow(/Cách dùng/);
  });

  it('--address lifts the delays of every name at one address (an office behind one public address), audited', async () => {
    const db = t.database.db;
    const unitId = (await createUnit(db)).id;
    const [a, b] = [await createUser(db, { roles: ['unit_officer'], unitId }), await createUser(db, { roles: ['unit_officer'], unitId })];
    const office = '2001:db8:77:1::10';
    const attempt = (username: string, password: string, remoteAddress = office) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
    for (const user of [a, b]) for (let i = 0; i < t.config.loginMaxAttempts; i++) await attempt(user.username, `sai-mat-khau-${i}`);
    expect((await attempt(a.username, a.password)).statusCode).toBe(429);
    await db.insert(loginThrottles).values({ address: '203.0.113.61', account: b.username, failures: 9, lastFailureAt: new Date(), blockedUntil: new Date(Date.now() + 600_000) });

    printed.length = 0;
    // Another address of the office's /64 names the same counts.
    expect(await run('unlock', '--address', '2001:db8:77:1::99')).toEqual({ address: '2001:db8:77:1::/64', heldBack: 2 });
    expect(printed.join('\n')).toContain('Đã mở khóa đăng nhập từ địa chỉ 2001:db8:77:1::/64 (2 mục đang bị tạm chặn');
    expect((await attempt(a.username, a.password)).statusCode).toBe(200);
    expect((await attempt(b.username, b.password)).statusCode).toBe(200);
    // Other addresses keep their delays.
    expect((await attempt(b.username, b.password, '203.0.113.61')).statusCode).toBe(429);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'login_address'), eq(auditEvents.entityId, '2001:db8:77:1::/64')));
    expect(audit).toMatchObject({ action: 'unlock', actorUsername: 'command-line', actorUserId: null, before: { heldBack: 2 }, after: { heldBack: 0 } });
  });

  it('--address refuses what is not an IP address, and a name given with it', async () => {
    await expect(run('unlock', '--address', 'van-phong-so')).rejects.toThrow(/“van-phong-so” không phải địa chỉ IP/);
    await expect(run('unlock', 'admin', '--address', '203.0.113.5')).rejects.toThrow(/chiso user unlock --address ĐỊA_CHỈ_IP/);
    await expect(run('reset-password', '--address', '203.0.113.5')).rejects.toThrow(/Cách dùng/);
  });
});
