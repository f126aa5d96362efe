import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { auditEvents } from '../src/db/schema/audit';
import { users } from '../src/db/schema/accounts';
import { recordAudit } from '../src/services/audit';
import { PROVINCE_SCOPE, systemActor } from '../src/services/actor';
import { updateUser } from '../src/services/accounts';

describe('audit API', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let session: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    const unit = await createUnit(t.database.db);
    admin = await createUser(t.database.db, { roles: ['admin'], unitId: unit.id, username: 'quantri' });
    session = await loginAs(t.app, admin.username, admin.password);
  });
  afterAll(async () => t.close());

  const get = (query = '') => t.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: session.headers });

  it('lists events newest first with the actor, filters, and pages', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers,
      payload: { username: 'nguoi.moi', fullName: 'Người Mới', unitId: admin.unitId, roles: ['appraiser'] },
    });
    const userId = created.json().user.id as string;
    await t.database.db.transaction(async (tx) => {
      await recordAudit(tx, systemActor, { entityType: 'unit', entityId: 'u-1', action: 'create', after: { code: 'X' } });
    });

    const all = await get();
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.total).toBe(3);
    expect(body.items.map((e: { action: string }) => e.action)).toEqual(['create', 'create', 'login']);
    expect(body.items[0]).toMatchObject({ actor: null, entityType: 'unit', entityId: 'u-1', after: { code: 'X' }, before: null, reason: null });
    expect(body.items[1]).toMatchObject({ actor: { id: admin.id, username: 'quantri' }, entityType: 'user', entityId: userId, action: 'create' });
    expect(body.items[1].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(typeof body.items[1].id).toBe('number');

    expect((await get('?entityType=user&action=create')).json().items.map((e: { entityId: string }) => e.entityId)).toEqual([userId]);
    expect((await get(`?entityId=${userId}`)).json().total).toBe(1);
    expect((await get('?actor=quantri')).json().total).toBe(2);
    const page = (await get('?page=2&pageSize=2')).json();
    expect(page).toMatchObject({ total: 3 });
    expect(page.items.map((e: { action: string }) => e.action)).toEqual(['login']);
    expect((await get('?from=2000-01-01&to=2000-12-31')).json().total).toBe(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    expect((await get(`?from=${today}&to=${today}`)).json().total).toBe(3);
    expect((await get('?from=hom-qua')).statusCode).toBe(400);
    expect((await get('?pageSize=100000')).statusCode).toBe(400);
  });

  it('writes the audit row with the change, and neither when the change fails', async () => {
    const user = await createUser(t.database.db, { roles: ['unit_officer'], unitId: admin.unitId });
    const actor = { userId: admin.id, username: admin.username, unitId: admin.unitId, roles: ['admin' as const], scope: PROVINCE_SCOPE, ip: null };
    // A present() that fails after the version check: the update and its audit row roll back together.
    const failingDb = new Proxy(t.database.db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver);
        return (work: (tx: unknown) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            await work(tx);
            const written = await tx.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
            expect(written).toHaveLength(1); // written inside the same transaction
            throw new Error('commit refused');
          });
      },
    });
    await expect(updateUser({ db: failingDb }, actor, user.id, { version: 1, fullName: 'Không lưu' })).rejects.toThrow('commit refused');
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ fullName: user.fullName, version: 1 });
    expect(await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id))).toHaveLength(0);

    // A refused change over HTTP leaves no audit row either.
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers,
      payload: { username: user.username, fullName: 'Trùng', unitId: admin.unitId, roles: ['appraiser'] },
    });
    expect(duplicate.statusCode).toBe(409);
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: session.headers, payload: { version: 7, fullName: 'Cũ' } });
    expect(stale.statusCode).toBe(409);
    expect(await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id))).toHaveLength(0);

    const ok = await t.app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: session.headers, payload: { version: 1, fullName: 'Đã lưu' } });
    expect(ok.statusCode).toBe(200);
    expect(await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id))).toHaveLength(1);
  });
});
