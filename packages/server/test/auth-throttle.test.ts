import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser } from './support/factories';
import { loginAs } from './support/login';
import { loginThrottles } from '../src/db/schema/accounts';
import { auditEvents } from '../src/db/schema/audit';
import { login, type SessionDeps } from '../src/services/sessions';
import { accountFreeFailures, addressFreeFailures, firstDelaySeconds, throttleAddress } from '../src/services/login-throttle';
import { AppError } from '../src/services/errors';
import { buildApp } from '../src/http/app';

/** CHISO_LOGIN_MAX_ATTEMPTS in these tests: the third failure from one address starts the delays. */
const free = 3;

describe('login delays per account name and address (not a lock from anywhere)', () => {
  let t: TestApp;
  let unitId: string;
  beforeAll(async () => {
    t = await createTestApp({ CHISO_LOGIN_MAX_ATTEMPTS: String(free), CHISO_LOGIN_LOCK_MINUTES: '15' });
    unitId = (await createUnit(t.database.db)).id;
  });
  afterAll(async () => t.close());

  const attempt = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const answer = (r: LightMyRequestResponse) => ({ status: r.statusCode, retryAfter: r.headers['retry-after'], body: r.json() });
  /** Answers counting the remaining seconds down, compared without the number. */
  const withoutSeconds = (a: unknown) => JSON.stringify(a).replace(/\d+/g, 'N');

  it('an attacker’s wrong attempts from one address do not keep the real user out from another', async () => {
    const admin = await createUser(t.database.db, { roles: ['admin'], unitId });
    const statuses: number[] = [];
    for (let i = 0; i < free + 10; i++) statuses.push((await attempt(admin.username, `sai-mat-khau-${i}`, '203.0.113.66')).statusCode);
    expect(statuses).toEqual([...Array(free - 1).fill(401), ...Array(11).fill(429)]);
    // Held back at the attacker's address even with the right password: no cookie there.
    const held = await attempt(admin.username, admin.password, '203.0.113.66');
    expect(held.statusCode).toBe(429);
    expect(held.cookies).toHaveLength(0);
    // The real administrator, elsewhere, is neither locked nor delayed.
    expect((await attempt(admin.username, 'go-nham-mot-lan', '198.51.100.5')).statusCode).toBe(401);
    const real = await attempt(admin.username, admin.password, '198.51.100.5');
    expect(real.statusCode).toBe(200);
    expect(real.cookies.find((c) => c.name === 'chiso_session')).toBeDefined();
  });

  it('answers an unknown name exactly as an existing one: statuses, bodies, Retry-After', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId });
    const existing = [];
    const unknown = [];
    for (let i = 0; i < free + 2; i++) {
      existing.push(answer(await attempt(user.username, 'sai-mat-khau-roi', '203.0.113.80')));
      unknown.push(answer(await attempt('khong.ai.co.ten.nay', 'sai-mat-khau-roi', '203.0.113.80')));
    }
    expect(existing.map((a) => a.status)).toEqual([401, 401, 429, 429, 429]);
    expect(existing[0]!.body).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.', messageId: 'auth.invalidCredentials', params: {} },
    });
    // The failure that starts the delay answers the full first delay, for both names.
    expect(existing[free - 1]).toEqual({
      status: 429,
      retryAfter: String(firstDelaySeconds),
      body: {
        error: {
          code: 'RATE_LIMITED',
          message: `Đã nhập sai mật khẩu nhiều lần. Thử lại sau ${firstDelaySeconds} giây.`,
          messageId: 'auth.loginThrottled',
          params: { seconds: firstDelaySeconds },
          details: [{
            path: 'retryAfter', message: `Thử lại sau ${firstDelaySeconds} giây`, messageId: 'auth.retryAfter', params: { seconds: firstDelaySeconds },
            current: firstDelaySeconds,
          }],
        },
      },
    });
    // Later answers count the remaining seconds down: compare them without the number.
    expect(unknown.map(withoutSeconds)).toEqual(existing.map(withoutSeconds));
    expect(unknown.slice(0, free)).toEqual(existing.slice(0, free));
  });

  it('concurrent guesses through two server processes on one database get no more than the free failures', async () => {
    const user = await createUser(t.database.db, { roles: ['admin'], unitId });
    // A second app on the same database: its own memory, like a second process.
    const second = await buildApp({ config: t.config, database: t.database, webDist: null, logger: false });
    try {
      const guesses = Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? second : t.app).inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: `doan-${i}` }, remoteAddress: '203.0.113.40' }),
      );
      const statuses = (await Promise.all(guesses)).map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 401)).toHaveLength(free - 1);
      expect(statuses.filter((s) => s === 429)).toHaveLength(12 - (free - 1));
    } finally {
      await second.close();
    }
  });

  /** The login service on a clock the test moves by hand. */
  function clocked(start: Date, ip = '203.0.113.5') {
    let now = start;
    const deps: SessionDeps = { db: t.database.db, config: t.config, clock: () => now };
    return {
      advanceSeconds: (seconds: number) => {
        now = new Date(now.getTime() + seconds * 1000);
      },
      attempt: async (username: string, password: string, from = ip) => {
        try {
          await login(deps, { username, password, ip: from });
          return 'ok';
        } catch (error) {
          if (error instanceof AppError) return error.retryAfterSeconds === undefined ? error.code : `${error.code} ${error.retryAfterSeconds}`;
          throw error;
        }
      },
    };
  }

  it('delays double at each further failure up to CHISO_LOGIN_LOCK_MINUTES; waiting and the right password clear them', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId });
    const clock = clocked(new Date('2025-03-01T02:00:00Z'));
    expect(await clock.attempt(user.username, 'sai-1')).toBe('INVALID_CREDENTIALS');
    expect(await clock.attempt(user.username, 'sai-2')).toBe('INVALID_CREDENTIALS');
    expect(await clock.attempt(user.username, 'sai-3')).toBe('RATE_LIMITED 30');
    clock.advanceSeconds(29);
    expect(await clock.attempt(user.username, user.password)).toBe('RATE_LIMITED 1');
    clock.advanceSeconds(1);
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await clock.attempt(user.username, `sai-nua-${i}`);
      answers.push(answer);
      clock.advanceSeconds(Number(answer.split(' ')[1]));
    }
    expect(answers).toEqual([60, 120, 240, 480, 900, 900].map((seconds) => `RATE_LIMITED ${seconds}`));
    expect(await clock.attempt(user.username, user.password)).toBe('ok');
    // The success forgot the failures of that name at that address.
    expect(await clock.attempt(user.username, 'sai-sau-khi-vao')).toBe('INVALID_CREDENTIALS');

    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'login_failed')));
    expect(events.length).toBeGreaterThanOrEqual(free);
    expect(events.find((e) => (e.after as { failures: number }).failures === free)).toMatchObject({
      actorUserId: null,
      ip: '203.0.113.5',
      after: { failures: free, retryAfterSeconds: 30 },
    });
  });

  it('a day without failures starts the count afresh', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId });
    const clock = clocked(new Date('2025-03-02T02:00:00Z'));
    for (let i = 0; i < free - 1; i++) expect(await clock.attempt(user.username, 'sai')).toBe('INVALID_CREDENTIALS');
    clock.advanceSeconds(24 * 3600 + 1);
    for (let i = 0; i < free - 1; i++) expect(await clock.attempt(user.username, 'sai')).toBe('INVALID_CREDENTIALS');
    expect(await clock.attempt(user.username, 'sai')).toBe('RATE_LIMITED 30');
  });

  it('an address that failed too often in an hour (password spraying) delays the failures of every name there, but a right password still gets in (an office behind one address)', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId });
    const office = '203.0.113.99';
    await t.database.db.insert(loginThrottles).values({ address: office, account: '', failures: addressFreeFailures - 1, lastFailureAt: new Date() });
    expect((await attempt('ten.thu.tram', 'sai', office)).statusCode).toBe(429);
    // While the address waits, a wrong password answers 429 for a real name exactly as for an unknown one…
    const wrong = answer(await attempt(user.username, 'sai-mat-khau', office));
    const unknown = answer(await attempt('khong.ai.ten.nay', 'sai-mat-khau', office));
    expect(wrong.status).toBe(429);
    expect(withoutSeconds(unknown)).toEqual(withoutSeconds(wrong));
    // …and the officer with the right password gets in from the same address.
    const right = await attempt(user.username, user.password, office);
    expect(right.statusCode).toBe(200);
    expect(right.cookies.find((c) => c.name === 'chiso_session')).toBeDefined();
    expect((await attempt(user.username, 'sai-o-noi-khac', '203.0.113.100')).statusCode).toBe(401);
  });

  it(`after ${accountFreeFailures} failures of one name from many addresses in an hour, new addresses wait even with the right password; addresses the user logged in from do not`, async () => {
    const user = await createUser(t.database.db, { roles: ['admin'], unitId });
    await loginAs(t.app, user.username, user.password, { remoteAddress: '198.51.100.77' });
    const guesses: number[] = [];
    const unknownGuesses: number[] = [];
    for (let i = 0; i < accountFreeFailures; i++) {
      guesses.push((await attempt(user.username, `doan-${i}`, `192.0.2.${i + 1}`)).statusCode);
      unknownGuesses.push((await attempt('khong.ai.co.ten.phan.tan', `doan-${i}`, `192.0.2.${i + 1}`)).statusCode);
    }
    expect(guesses).toEqual([...Array(accountFreeFailures - 1).fill(401), 429]);
    expect(unknownGuesses).toEqual(guesses);
    // A new address: held, the right password too, and the same answer as for a name nobody has.
    const fresh = await attempt(user.username, user.password, '192.0.2.200');
    expect(fresh.statusCode).toBe(429);
    expect(fresh.cookies).toHaveLength(0);
    expect(withoutSeconds(answer(await attempt('khong.ai.co.ten.phan.tan', 'doan', '192.0.2.201')))).toEqual(
      withoutSeconds(answer(await attempt(user.username, 'doan', '192.0.2.202'))),
    );
    // The address the administrator logged in from before is not held: a typo is a plain 401, the password gets in.
    expect((await attempt(user.username, 'go-nham', '198.51.100.77')).statusCode).toBe(401);
    expect((await attempt(user.username, user.password, '198.51.100.77')).statusCode).toBe(200);
  });

  it('counts an IPv6 address as its /64: another address of the same /64 is the same guesser', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId });
    const statuses = [];
    for (let i = 0; i < free; i++) statuses.push((await attempt(user.username, 'sai', `2001:db8:1:2::${i + 1}`)).statusCode);
    expect(statuses).toEqual([...Array(free - 1).fill(401), 429]);
    expect((await attempt(user.username, user.password, '2001:db8:1:2:ffff:eeee:dddd:1')).statusCode).toBe(429);
    expect((await attempt(user.username, user.password, '2001:db8:1:3::1')).statusCode).toBe(200);
    expect(throttleAddress('2001:0db8:0001:0002:0:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('forgets rows without failures for a day on the next attempt, so random names cannot grow the table', async () => {
    const old = new Date(Date.now() - 25 * 3600 * 1000);
    await t.database.db.insert(loginThrottles).values({ address: '203.0.113.250', account: 'ten.ngau.nhien', failures: 2, lastFailureAt: old });
    await attempt('ten.khac', 'sai', '203.0.113.251');
    expect(await t.database.db.select().from(loginThrottles).where(eq(loginThrottles.address, '203.0.113.250'))).toEqual([]);
  });
});

describe('password change: wrong current passwords are delayed like logins', () => {
  let t: TestApp;
  let user: CreatedUser;
  beforeAll(async () => {
    t = await createTestApp({ CHISO_LOGIN_MAX_ATTEMPTS: String(free) });
    user = await createUser(t.database.db, { roles: ['unit_officer'], unitId: (await createUnit(t.database.db)).id });
  });
  afterAll(async () => t.close());

  it('throttles guesses of the current password per account, and counts them toward the login delays', async () => {
    const thief = await loginAs(t.app, user.username, user.password, { remoteAddress: '203.0.113.7' });
    const change = (session: typeof thief, currentPassword: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers: session.headers, remoteAddress, payload: { currentPassword, newPassword: 'Mat-khau-moi-2031' } });
    const statuses = [];
    for (let i = 0; i < free + 3; i++) statuses.push((await change(thief, `doan-mat-khau-${i}`, '203.0.113.7')).statusCode);
    expect(statuses).toEqual([400, 400, 429, 429, 429, 429]);
    const held = await change(thief, user.password, '203.0.113.7');
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    expect(held.json().error.message).toMatch(/Thử lại sau \d+ giây/);
    // The guesses count toward the login delays at that address…
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password }, remoteAddress: '203.0.113.7' })).statusCode).toBe(429);
    // …but the real user still logs in elsewhere; changing the password waits, from any address.
    const owner = await loginAs(t.app, user.username, user.password, { remoteAddress: '198.51.100.30' });
    expect((await change(owner, user.password, '198.51.100.30')).statusCode).toBe(429);
  });
});
