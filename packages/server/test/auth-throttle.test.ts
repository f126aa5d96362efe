import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { users } from '../src/db/schema/accounts';
import { auditEvents } from '../src/db/schema/audit';
import { login, type SessionDeps } from '../src/services/sessions';
import { AppError } from '../src/services/errors';

describe('lockout after repeated failed logins', () => {
  let t: TestApp;
  let unitId: string;
  beforeAll(async () => {
    t = await createTestApp({ CHISO_LOGIN_MAX_ATTEMPTS: '3', CHISO_LOGIN_LOCK_MINUTES: '15' });
    unitId = (await createUnit(t.database.db)).id;
  });
  afterAll(async () => t.close());

  /** The login service on a clock the test moves by hand. */
  function clocked(start: Date) {
    let now = start;
    const deps: SessionDeps = { db: t.database.db, config: t.config, clock: () => now };
    return {
      advanceMinutes: (minutes: number) => {
        now = new Date(now.getTime() + minutes * 60_000);
      },
      attempt: async (username: string, password: string) => {
        try {
          await login(deps, { username, password, ip: '203.0.113.5' });
          return 'ok';
        } catch (error) {
          if (error instanceof AppError) return error.code;
          throw error;
        }
      },
    };
  }

  it('locks on the Nth failure, refuses even the right password while locked, unlocks when the window ends', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId });
    const clock = clocked(new Date('2025-03-01T02:00:00Z'));
    expect(await clock.attempt(user.username, 'sai-mat-khau-1')).toBe('INVALID_CREDENTIALS');
    expect(await clock.attempt(user.username, 'sai-mat-khau-2')).toBe('INVALID_CREDENTIALS');
    expect(await clock.attempt(user.username, 'sai-mat-khau-3')).toBe('ACCOUNT_LOCKED');
    const [locked] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(locked!.lockedUntil!.toISOString()).toBe('2025-03-01T02:15:00.000Z');

    clock.advanceMinutes(14);
    expect(await clock.attempt(user.username, user.password)).toBe('ACCOUNT_LOCKED');
    clock.advanceMinutes(1);
    expect(await clock.attempt(user.username, user.password)).toBe('ok');
    const [unlocked] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(unlocked).toMatchObject({ failedLoginCount: 0, lockedUntil: null });

    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    expect(events.filter((e) => e.action === 'login_failed')).toHaveLength(3);
    const lock = events.filter((e) => e.action === 'lock');
    expect(lock).toHaveLength(1);
    expect(lock[0]).toMatchObject({ actorUserId: null, ip: '203.0.113.5', after: { lockedUntil: '2025-03-01T02:15:00.000Z', failedLoginCount: 3 } });
    expect(events.filter((e) => e.action === 'login')).toHaveLength(1);
  });

  it('after an expired lock the count starts afresh', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId });
    const clock = clocked(new Date('2025-03-02T02:00:00Z'));
    for (let i = 0; i < 3; i++) await clock.attempt(user.username, 'sai-mat-khau');
    clock.advanceMinutes(16);
    expect(await clock.attempt(user.username, 'sai-mat-khau')).toBe('INVALID_CREDENTIALS');
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ failedLoginCount: 1, lockedUntil: null });
    expect(await clock.attempt(user.username, 'sai-mat-khau')).toBe('INVALID_CREDENTIALS');
    expect(await clock.attempt(user.username, 'sai-mat-khau')).toBe('ACCOUNT_LOCKED');
  });

  it('answers 423 ACCOUNT_LOCKED over HTTP with the unlock time, in Vietnamese', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_head'], unitId });
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password }, remoteAddress: '203.0.113.77' });
    expect((await attempt('sai-mat-khau')).statusCode).toBe(401);
    expect((await attempt('sai-mat-khau')).statusCode).toBe(401);
    const locked = await attempt('sai-mat-khau');
    expect(locked.statusCode).toBe(423);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    const body = locked.json();
    expect(body.error.code).toBe('ACCOUNT_LOCKED');
    expect(body.error.message).toMatch(/tạm khóa.*\d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
    expect(body.error.details[0]).toMatchObject({ path: 'lockedUntil', current: row!.lockedUntil!.toISOString() });
    const stillLocked = await attempt(user.password);
    expect(stillLocked.statusCode).toBe(423);
    expect(stillLocked.cookies).toHaveLength(0);
    const lockEvents = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'lock')));
    expect(lockEvents).toHaveLength(1);
  });

  it('unknown user names are never locked and leave no trace in the users table', async () => {
    const clock = clocked(new Date('2025-03-03T02:00:00Z'));
    for (let i = 0; i < 5; i++) expect(await clock.attempt('khong.co.ai', 'sai')).toBe('INVALID_CREDENTIALS');
  });
});
