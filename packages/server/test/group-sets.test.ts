// Group sets (ranking cohorts): a unit belongs to at most one group of a set — checked by the service and by the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { unitGroupMembers } from '../src/db/schema/group-sets';
import { unitTypes, units } from '../src/db/schema/units';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { createGroup, createGroupSet, listGroupSets, setGroupMembers, updateGroupSet } from '../src/services/group-sets';
import { createTestDatabase } from './support/database';

const admin: Actor = { userId: '', username: 'snv.admin', unitId: '', roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };

describe('group sets', () => {
  let database: DatabaseHandle;
  let ids: string[];
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(unitTypes).values({ code: 'department', name: 'Sở', level: 2 });
    const rows = await database.db
      .insert(units)
      .values(['S1', 'S2', 'S3'].map((code) => ({ code, name: code, typeCode: 'department', validFrom: '2020-01-01' })))
      .returning();
    ids = rows.map((r) => r.id);
  });
  afterAll(async () => database.close());

  it('creates sets and groups, renames with versions, and keeps a unit in one group per set', async () => {
    const set = await createGroupSet(database.db, admin, { code: 'par-2025', name: 'Chỉ số CCHC 2025' });
    await expect(createGroupSet(database.db, admin, { code: 'par-2025', name: 'lặp' })).rejects.toMatchObject({ code: 'DUPLICATE' });
    await expect(updateGroupSet(database.db, admin, set.id, { version: 9, name: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await updateGroupSet(database.db, admin, set.id, { version: 1, name: 'Chỉ số CCHC năm 2025' })).version).toBe(2);
    await createGroup(database.db, admin, set.id, { code: 'so', name: 'Sở, ban, ngành' });
    const withGroups = await createGroup(database.db, admin, set.id, { code: 'khac', name: 'Khác' });
    await expect(createGroup(database.db, admin, set.id, { code: 'so', name: 'lặp' })).rejects.toMatchObject({ code: 'DUPLICATE' });
    const [khac, so] = withGroups.groups;
    expect([khac!.code, so!.code]).toEqual(['khac', 'so']);

    const filled = await setGroupMembers(database.db, admin, set.id, so!.id, { version: 1, memberIds: [ids[0]!, ids[1]!] });
    expect(filled.groups.find((g) => g.code === 'so')).toMatchObject({ version: 2, memberIds: [ids[0], ids[1]] });
    // S2 is already in “so”: refused with its code, nothing changed.
    const refused = setGroupMembers(database.db, admin, set.id, khac!.id, { version: 1, memberIds: [ids[1]!, ids[2]!] });
    await expect(refused).rejects.toMatchObject({ code: 'DUPLICATE', status: 409, message: expect.stringContaining('S2') });
    expect((await listGroupSets(database.db)).find((s) => s.code === 'par-2025')!.groups.find((g) => g.code === 'khac')!.memberIds).toEqual([]);
    // Stale group version.
    await expect(setGroupMembers(database.db, admin, set.id, so!.id, { version: 1, memberIds: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Another set may hold the same unit.
    const other = await createGroupSet(database.db, admin, { code: 'par-2024', name: '2024' });
    const otherGroup = (await createGroup(database.db, admin, other.id, { code: 'so', name: 'Sở' })).groups[0]!;
    expect((await setGroupMembers(database.db, admin, other.id, otherGroup.id, { version: 1, memberIds: [ids[1]!] })).groups[0]!.memberIds).toEqual([ids[1]]);
    await expect(createGroupSet(database.db, { ...admin, roles: ['leader_viewer'] }, { code: 'x', name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is guaranteed by the database even without the service', async () => {
    const set = (await listGroupSets(database.db)).find((s) => s.code === 'par-2025');
    const khac = set!.groups.find((g) => g.code === 'khac')!;
    await expect(database.db.insert(unitGroupMembers).values({ groupSetId: set!.id, groupId: khac.id, unitId: ids[0]! })).rejects.toThrow();
    // A membership cannot claim a set its group does not belong to.
    const other = (await listGroupSets(database.db)).find((s) => s.code === 'par-2024')!;
    await expect(database.db.insert(unitGroupMembers).values({ groupSetId: other.id, groupId: khac.id, unitId: ids[2]! })).rejects.toThrow();
  });
});
