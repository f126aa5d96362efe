import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs } from './support/login';
import { sessions } from '../src/db/schema/accounts';
import { authenticate, login, type SessionDeps } from '../src/services/sessions';
import { hashToken } from '../src/auth/tokens';

describe('sessions: sliding expiry and scope of the auth plugin', () => {
  let t: TestApp;
  let unitId: string;
  beforeAll(async () => {
    t = await createTestApp({ CHISO_SESSION_HOURS: '2' });
    unitId = (await createUnit(t.database.db)).id;
  });
  afterAll(async () => t.close());

  it('each use slides the end of the session; an unused session expires', async () => {
    const user = await createUser(t.database.db, { roles: ['appraiser'], unitId });
    let now = new Date('2025-04-01T01:00:00Z');
    const deps: SessionDeps = { db: t.database.db, config: t.config, clock: () => now };
    const { token } = await login(deps, { username: user.username, password: user.password, ip: null });
    const at = (iso: string) => {
      now = new Date(iso);
    };

    at('2025-04-01T02:30:00Z');
    expect((await authenticate(deps, token))?.user.id).toBe(user.id);
    const [slid] = await t.database.db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(token)));
    expect(slid!.expiresAt.toISOString()).toBe('2025-04-01T04:30:00.000Z');

    at('2025-04-01T04:29:00Z'); // past the first end (03:00), within the slid one
    expect(await authenticate(deps, token)).toBeDefined();
    at('2025-04-01T06:29:00Z'); // exactly the new end: expired
    expect(await authenticate(deps, token)).toBeUndefined();
    expect(await authenticate(deps, 'not-a-token')).toBeUndefined();
  });

  it('guards every route under /api, including other modules: CSRF on mutations, forced password change', async () => {
    const admin = await createUser(t.database.db, { roles: ['admin'], unitId });
    const session = await loginAs(t.app, admin.username, admin.password);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/units', headers: { cookie: session.cookie }, payload: {} });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_INVALID');

    const pending = await createUser(t.database.db, { roles: ['admin'], unitId, mustChangePassword: true });
    const pendingSession = await loginAs(t.app, pending.username, pending.password);
    const units = await t.app.inject({ method: 'GET', url: '/api/units', headers: pendingSession.headers });
    expect(units.statusCode).toBe(403);
    expect(units.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // Health stays open to everyone.
    expect((await t.app.inject({ method: 'GET', url: '/api/health', headers: pendingSession.headers })).statusCode).toBe(200);
  });
});
