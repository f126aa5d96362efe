import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { copyDatabase, parentsFirst, tablesInDependencyOrder } from '../src/db/copy-database';
import { listAuditEvents } from '../src/db/repositories/audit-repository';
import { unitTypes, units } from '../src/db/schema/units';
import { recordAudit } from '../src/services/audit';
import { systemActor } from '../src/services/actor';
import { createTestDatabase } from './support/database';
import { getTableName } from 'drizzle-orm';

describe('copying the embedded database to another one', () => {
  let source: DatabaseHandle;
  let target: DatabaseHandle;
  beforeAll(async () => {
    source = await createTestDatabase();
    target = await createTestDatabase();
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('orders tables so that referenced tables come first', () => {
    const names = tablesInDependencyOrder().map(getTableName);
    expect(names.indexOf('unit_types')).toBeLessThan(names.indexOf('units'));
    expect(names.indexOf('units')).toBeLessThan(names.indexOf('users'));
  });

  it('puts each row of a tree after the row it points to', () => {
    const rows = [
      { id: 'c', parentId: 'b' },
      { id: 'b', parentId: 'a' },
      { id: 'a', parentId: null },
      { id: 'd', parentId: null },
    ];
    expect(parentsFirst(units, rows).map((row) => row.id)).toEqual(['a', 'd', 'b', 'c']);
    expect(() => parentsFirst(units, [{ id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }])).toThrow(/vòng/);
  });

  it('copies every row, children after parents, and continues sequences', async () => {
    const { db } = source;
    await db.insert(unitTypes).values([{ code: 'province', name: 'Tỉnh', level: 1 }, { code: 'department', name: 'Sở', level: 2 }]);
    const [root] = await db.insert(units).values({ code: 'LS', name: 'UBND tỉnh', typeCode: 'province', validFrom: '2000-01-01' }).returning();
    const [dept] = await db.insert(units).values({ code: 'STP', name: 'Sở Tư pháp', typeCode: 'department', parentId: root!.id, validFrom: '2000-01-01' }).returning();
    await db.transaction((tx) => recordAudit(tx, systemActor, { entityType: 'unit', entityId: dept!.id, action: 'create', after: { code: 'STP' } }));

    const copied = await copyDatabase(source.db, target.db);
    expect(copied.find((entry) => entry.table === 'units')?.rows).toBe(2);
    const copiedUnits = await target.db.select().from(units).orderBy(units.code);
    expect(copiedUnits.map((unit) => [unit.code, unit.parentId])).toEqual([
      ['LS', null],
      ['STP', root!.id],
    ]);
    // A new audit event on the target gets an id after the copied ones.
    await target.db.transaction((tx) => recordAudit(tx, systemActor, { entityType: 'unit', entityId: 'x', action: 'update' }));
    const events = await listAuditEvents(target.db, { offset: 0, limit: 10 });
    expect(new Set(events.items.map((event) => event.id)).size).toBe(2);
  });

  it('refuses a target that already holds data', async () => {
    await expect(copyDatabase(source.db, target.db)).rejects.toThrow(/không trống/);
  });
});
