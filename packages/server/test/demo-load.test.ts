// Loading the demo province: after ensureFirstAdmin, counts match the JSON, the root becomes LS, refusals.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { listAuditEvents } from '../src/db/repositories/audit-repository';
import { demoLoadedKey, readSetting } from '../src/db/repositories/settings-repository';
import { users } from '../src/db/schema/accounts';
import { unitGroupMembers } from '../src/db/schema/group-sets';
import { unitLineage, unitOperations, units } from '../src/db/schema/units';
import { demoPassword, loadDemoProvince, readDemoProvince } from '../src/demo/load-demo';
import { verifyPassword } from '../src/auth/password';
import { ensureFirstAdmin } from '../src/services/first-admin';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { listGroupSets } from '../src/services/group-sets';
import { getUnitLineage, listUnits } from '../src/services/units/unit-service';
import { createTestDatabase } from './support/database';

const data = readDemoProvince();
const viewer: Actor = { userId: '', username: 'viewer', unitId: '', roles: ['leader_viewer'], scope: PROVINCE_SCOPE, ip: null };

describe('demo province loader', () => {
  let database: DatabaseHandle;
  let rootId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureFirstAdmin(database.db, { adminUser: 'quantri', adminPassword: 'Mat-khau-quan-tri-2025' });
    rootId = (await database.db.select().from(units).where(eq(units.code, 'ROOT')))[0]!.id;
  });
  afterAll(async () => database.close());

  it('loads everything in one go after ensureFirstAdmin, taking the root over as LS', async () => {
    const result = await loadDemoProvince(database.db);
    console.log(`demo load (${database.kind}): ${result.durationMs} ms — ${result.summary}`);
    expect(result.loaded).toBe(true);
    const closings = data.units.filter((u) => u.validTo !== null && !data.operations.some((o) => (o.kind === 'merge' ? o.from.includes(u.code) : o.from === u.code))).length;
    expect(closings).toBe(11);
    expect(result.counts).toMatchObject({ units: data.units.length, operations: data.operations.length + closings, users: data.users.length, movedUsers: 1 });

    const db = database.db;
    expect(await db.$count(units)).toBe(data.units.length);
    expect(await db.$count(unitOperations)).toBe(data.operations.length + closings);
    const expectedLinks = data.operations.reduce((n, o) => n + (o.kind === 'merge' ? o.from.length : o.into.length), 0);
    expect(await db.$count(unitLineage)).toBe(expectedLinks);
    expect(await db.$count(unitGroupMembers)).toBe(data.groupSets.flatMap((s) => s.groups.flatMap((g) => g.members)).length);
    expect(await db.$count(users)).toBe(data.users.length + 1);
    expect(await readSetting(db, demoLoadedKey)).toBe(true);

    const [ls] = await db.select().from(units).where(eq(units.id, rootId));
    expect(ls).toMatchObject({ code: 'LS', name: 'UBND tỉnh Lạng Sơn', typeCode: 'province', parentId: null, validFrom: '2000-01-01' });
    const [admin] = await db.select().from(users).where(eq(users.username, 'quantri'));
    const [snv] = await db.select().from(units).where(eq(units.code, 'SNV'));
    expect(admin!.unitId).toBe(snv!.id);
    const [demoUser] = await db.select().from(users).where(eq(users.username, data.users[0]!.username));
    expect(await verifyPassword(demoUser!.passwordHash, demoPassword)).toBe(true);
    expect(demoUser!.mustChangePassword).toBe(false);

    const summary = await listAuditEvents(db, { entityType: 'demo', offset: 0, limit: 5 });
    expect(summary.total).toBe(1);
    expect((await listAuditEvents(db, { entityType: 'unit_operation', offset: 0, limit: 1 })).total).toBe(data.operations.length + closings);
  });

  it('shows the province as it was in each year, with lineage through the 2024 and 2025 mergers', async () => {
    const db = database.db;
    const countOn = async (at: string, types: string[]) => (await listUnits(db, viewer, { at })).filter((u) => types.includes(u.typeCode)).length;
    expect(await countOn('2024-12-31', ['department'])).toBe(20);
    expect(await countOn('2025-03-01', ['department'])).toBe(15);
    expect(await countOn('2025-06-30', ['district'])).toBe(11);
    expect(await countOn('2025-07-01', ['district'])).toBe(0);
    expect(await countOn('2024-01-01', ['commune', 'ward', 'town'])).toBe(200);
    expect(await countOn('2025-07-01', ['commune', 'ward', 'town'])).toBe(65);

    // A 2024 absorbing commune that itself merged in 2025: its lineage goes both ways.
    const absorbing = data.operations.find((o) => o.kind === 'merge' && o.date === '2024-12-01')!;
    const code = absorbing.kind === 'merge' ? absorbing.into : '';
    const [unit] = await db.select().from(units).where(eq(units.code, code));
    const lineage = await getUnitLineage(db, unit!.id);
    expect(lineage.ancestry.map((l) => l.date)).toEqual(['2024-12-01']);
    expect(lineage.descent.map((l) => l.date)).toEqual(['2025-07-01']);
    const [unitView] = (await listUnits(db, viewer, { at: '2025-01-01', q: code })).filter((u) => u.code === code);
    expect(unitView!.predecessors.map((p) => p.operation)).toEqual(['merge']);
    expect(unitView!.successors).toHaveLength(1);

    const sets = await listGroupSets(db);
    expect(sets.map((s) => [s.code, s.groups.map((g) => g.memberIds.length)])).toEqual(
      data.groupSets.map((s) => [s.code, [...s.groups].sort((a, b) => a.code.localeCompare(b.code)).map((g) => g.members.length)]),
    );
  });

  it('refuses a second load and a database that already holds units', async () => {
    const again = await loadDemoProvince(database.db);
    expect(again).toMatchObject({ loaded: false, skippedBecause: expect.stringContaining('đã được nạp') });

    const other = await createTestDatabase();
    try {
      await ensureFirstAdmin(other.db, { adminUser: 'quantri', adminPassword: 'Mat-khau-quan-tri-2025' });
      const [root] = await other.db.select().from(units);
      await other.db.insert(units).values({ code: 'SYT', name: 'Sở Y tế', typeCode: 'province', parentId: root!.id, validFrom: '2025-01-01' });
      const refused = await loadDemoProvince(other.db);
      expect(refused.loaded).toBe(false);
      expect(refused.skippedBecause).toContain('SYT');
      expect(await other.db.$count(units)).toBe(2);
      expect(await readSetting(other.db, demoLoadedKey)).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
