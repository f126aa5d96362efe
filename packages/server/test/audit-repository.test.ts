import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { listAuditEvents } from '../src/db/repositories/audit-repository';
import { recordAudit } from '../src/services/audit';
import { systemActor } from '../src/services/actor';
import { createTestDatabase } from './support/database';

describe('audit trail', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('is written in the caller’s transaction and rolled back with it', async () => {
    const { db } = database;
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, systemActor, { entityType: 'unit', entityId: 'u-rolled-back', action: 'create', after: { code: 'X' } });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    await db.transaction(async (tx) => {
      await recordAudit(tx, { ...systemActor, ip: '127.0.0.1' }, { entityType: 'unit', entityId: 'u-kept', action: 'update', before: { name: 'A' }, after: { name: 'B' }, reason: 'đổi tên' });
    });
    const all = await listAuditEvents(db, { offset: 0, limit: 50 });
    expect(all.items.map((event) => event.entityId)).toEqual(['u-kept']);
    expect(all.items[0]).toMatchObject({ actorUsername: 'system', action: 'update', before: { name: 'A' }, after: { name: 'B' }, reason: 'đổi tên', ip: '127.0.0.1' });
    expect(all.total).toBe(1);
  });

  it('filters by entity and paginates newest first', async () => {
    const { db } = database;
    await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await recordAudit(tx, systemActor, { entityType: 'user', entityId: `user-${i}`, action: 'create' });
    });
    const page = await listAuditEvents(db, { entityType: 'user', offset: 1, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect(page.items.every((event) => event.entityType === 'user')).toBe(true);
  });
});
