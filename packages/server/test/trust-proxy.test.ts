import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ConfigError, loadConfig } from '../src/config/env';
import { auditEvents } from '../src/db/schema/audit';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser } from './support/factories';

const trustProxy = (value: string) => loadConfig({ CHISO_TRUST_PROXY: value }, '/').trustProxy;

describe('CHISO_TRUST_PROXY names the proxies; it never trusts every client', () => {
  it('refuses “true” (and hop counts) at start-up, saying what to write instead', () => {
    for (const value of ['true', 'TRUE', 'yes', '1', '2']) {
      expect(() => trustProxy(value)).toThrow(ConfigError);
      expect(() => trustProxy(value)).toThrow(/CHISO_TRUST_PROXY: .*X-Forwarded-For|CHISO_TRUST_PROXY: .*proxy/);
      expect(() => trustProxy(value)).toThrow(/ví dụ CHISO_TRUST_PROXY=127\.0\.0\.1/);
    }
    expect(() => trustProxy('10.0.0.1,proxy.local')).toThrow(/“proxy.local” không phải địa chỉ IP/);
    expect(() => trustProxy('10.0.0.0/33')).toThrow(ConfigError);
  });

  it('takes addresses and CIDR ranges, or false', () => {
    expect(trustProxy('10.0.0.5, 10.0.1.0/24,::1')).toEqual(['10.0.0.5', '10.0.1.0/24', '::1']);
    expect(trustProxy('loopback')).toEqual(['loopback']);
    expect(trustProxy('false')).toBe(false);
    expect(loadConfig({}, '/').trustProxy).toBe(false);
  });
});

describe('X-Forwarded-For is believed only from a named proxy', () => {
  let t: TestApp;
  let user: CreatedUser;
  beforeAll(async () => {
    t = await createTestApp({ CHISO_TRUST_PROXY: '10.0.0.1', CHISO_LOGIN_MAX_ATTEMPTS: '3' });
    user = await createUser(t.database.db, { roles: ['unit_officer'], unitId: (await createUnit(t.database.db)).id });
  });
  afterAll(async () => t.close());

  const attempt = (password: string, remoteAddress: string, forwardedFor: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password }, remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
  const failedLoginIps = async () =>
    (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'login_failed')))).map((e) => e.ip);

  it('a client that forges the header is recorded and delayed under its own address', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('sai-mat-khau', '203.0.113.9', `198.51.100.${i + 1}`)).statusCode);
    // A new forged address each time does not escape the delays.
    expect(statuses).toEqual([401, 401, 429, 429, 429, 429]);
    expect(new Set(await failedLoginIps())).toEqual(new Set(['203.0.113.9']));
  });

  it('the named proxy’s header gives the client’s address (the last one the proxy appended)', async () => {
    const response = await attempt('sai-mat-khau', '10.0.0.1', '203.0.113.250, 192.0.2.44');
    expect(response.statusCode).toBe(401);
    expect(await failedLoginIps()).toContain('192.0.2.44');
    // That address is not the forger's, so it has its own count.
    expect((await attempt(user.password, '10.0.0.1', '192.0.2.44')).statusCode).toBe(200);
  });
});
