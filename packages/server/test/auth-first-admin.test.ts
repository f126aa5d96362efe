import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from './support/database';
import type { DatabaseHandle } from '../src/db/client';
import { loadConfig } from '../src/config/env';
import { ensureFirstAdmin } from '../src/services/first-admin';
import { users } from '../src/db/schema/accounts';
import { unitTypes, units } from '../src/db/schema/units';
import { auditEvents } from '../src/db/schema/audit';
import { verifyPassword } from '../src/auth/password';
import { buildApp } from '../src/http/app';

describe('first administrator', () => {
  let database: DatabaseHandle | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });
  const fixedClock = () => new Date('2025-06-30T20:00:00Z'); // 1 July in Hà Nội

  it('with CHISO_ADMIN_PASSWORD: creates the root unit and the admin with that password, once', async () => {
    database = await createTestDatabase();
    const config = loadConfig({ CHISO_ADMIN_USER: 'quantri', CHISO_ADMIN_PASSWORD: 'Mat-khau-quan-tri-1' }, '/');
    const result = await ensureFirstAdmin(database.db, config, fixedClock);
    expect(result).toEqual({ created: true, username: 'quantri' });

    const [admin] = await database.db.select().from(users);
    expect(admin).toMatchObject({ username: 'quantri', roles: ['admin'], mustChangePassword: false, active: true });
    expect(await verifyPassword(admin!.passwordHash, 'Mat-khau-quan-tri-1')).toBe(true);
    expect(admin!.passwordHash).toMatch(/^\$argon2id\$/);
    const [root] = await database.db.select().from(units).where(eq(units.id, admin!.unitId));
    expect(root).toMatchObject({ code: 'ROOT', name: 'UBND tỉnh (chưa đặt tên)', typeCode: 'province', validFrom: '2025-07-01', parentId: null });
    expect(await database.db.select().from(unitTypes).where(eq(unitTypes.code, 'province'))).toHaveLength(1);
    const audit = await database.db.select().from(auditEvents);
    expect(audit.map((e) => `${e.entityType}:${e.action}`).sort()).toEqual(['unit:create', 'user:create']);
    expect(JSON.stringify(audit)).not.toContain('Mat-khau-quan-tri-1');

    const again = await ensureFirstAdmin(database.db, config, fixedClock);
    expect(again).toEqual({ created: false, username: 'quantri' });
    expect(await database.db.select().from(users)).toHaveLength(1);
    expect(await database.db.select().from(units)).toHaveLength(1);
    expect(await database.db.select().from(auditEvents)).toHaveLength(2);
  });

  it('without it: a one-time password that must be changed at first login', async () => {
    database = await createTestDatabase();
    const config = loadConfig({ CHISO_LOG_LEVEL: 'silent' }, '/');
    const result = await ensureFirstAdmin(database.db, config);
    expect(result.created).toBe(true);
    expect(result.username).toBe('admin');
    expect(result.oneTimePassword).toMatch(/^[A-Za-z2-9]{14}$/);
    const [admin] = await database.db.select().from(users);
    expect(admin!.mustChangePassword).toBe(true);
    expect(await verifyPassword(admin!.passwordHash, result.oneTimePassword!)).toBe(true);

    // The one-time password works, and the session must change it first.
    const app = await buildApp({ config, database, webDist: null, logger: false });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: result.oneTimePassword } });
      expect(login.statusCode).toBe(200);
      expect(login.json().user).toMatchObject({ username: 'admin', roles: ['admin'], mustChangePassword: true, unit: { code: 'ROOT' } });
    } finally {
      await app.close();
    }

    const again = await ensureFirstAdmin(database.db, config);
    expect(again).toEqual({ created: false, username: 'admin' });
    expect(await database.db.select().from(users)).toHaveLength(1);
  });

  it('does nothing when users already exist, and reuses an existing ROOT unit otherwise', async () => {
    database = await createTestDatabase();
    await database.db.insert(unitTypes).values({ code: 'province', name: 'Tỉnh', level: 1 });
    const [root] = await database.db.insert(units).values({ code: 'ROOT', name: 'UBND tỉnh Lạng Sơn', typeCode: 'province', validFrom: '2020-01-01' }).returning();
    const config = loadConfig({ CHISO_ADMIN_PASSWORD: 'Mat-khau-quan-tri-1' }, '/');
    const [first, second] = await Promise.all([ensureFirstAdmin(database.db, config), ensureFirstAdmin(database.db, config)]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const all = await database.db.select().from(users);
    expect(all).toHaveLength(1);
    expect(all[0]!.unitId).toBe(root!.id);
    expect(await database.db.select().from(units)).toHaveLength(1);
  });
});
