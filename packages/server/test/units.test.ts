// Organisation units: create, update, close, merge, split, as-of-date queries and lineage (services on a real database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { listAuditEvents } from '../src/db/repositories/audit-repository';
import { unitTypes } from '../src/db/schema/units';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { AppError } from '../src/services/errors';
import {
  closeUnit,
  createUnit,
  getUnit,
  getUnitLineage,
  listUnits,
  mergeUnits,
  splitUnit,
  updateUnit,
} from '../src/services/units/unit-service';
import { createTestDatabase } from './support/database';

const admin: Actor = { userId: '', username: 'snv.admin', unitId: '', roles: ['admin'], scope: PROVINCE_SCOPE, ip: '127.0.0.1' };
const officer: Actor = { userId: '', username: 'officer', unitId: '', roles: ['unit_officer'], scope: PROVINCE_SCOPE, ip: null };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('organisation units', () => {
  let database: DatabaseHandle;
  let rootId: string;
  const make = (code: string, parentId: string | null, validFrom = '2020-01-01', typeCode = 'department') =>
    createUnit(database.db, admin, { code, name: `Đơn vị ${code}`, typeCode, parentId, validFrom });

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(unitTypes).values([
      { code: 'province', name: 'Tỉnh', level: 1 },
      { code: 'department', name: 'Sở, ban, ngành', level: 2 },
      { code: 'district', name: 'UBND cấp huyện', level: 2 },
      { code: 'commune', name: 'Xã', level: 3 },
    ]);
    rootId = (await make('P', null, '2000-01-01', 'province')).id;
  });
  afterAll(async () => database.close());

  it('creates a unit with its type name and abilities, and audits it', async () => {
    const unit = await createUnit(database.db, admin, { code: ' SYT ', name: 'Sở Y tế', shortName: 'SYT', typeCode: 'department', parentId: rootId, validFrom: '2020-01-01' });
    expect(unit).toMatchObject({ code: 'SYT', name: 'Sở Y tế', typeCode: 'department', typeName: 'Sở, ban, ngành', parentId: rootId, validFrom: '2020-01-01', validTo: null, version: 1, formerNames: [], predecessors: [], successors: [] });
    expect(unit.may).toEqual({ edit: true, close: true, merge: true, split: true });
    expect((await getUnit(database.db, officer, unit.id)).may).toEqual({ edit: false, close: false, merge: false, split: false });
    const audit = await listAuditEvents(database.db, { entityType: 'unit', entityId: unit.id, offset: 0, limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual(['create']);
  });

  it('refuses duplicate codes, unknown types, missing parents and non-administrators', async () => {
    await make('DUP', rootId);
    expect((await failure(make('DUP', rootId))).code).toBe('DUPLICATE');
    expect((await failure(make('T1', rootId, '2020-01-01', 'galaxy'))).details?.[0]?.path).toBe('typeCode');
    expect((await failure(make('T2', '00000000-0000-4000-8000-000000000000'))).details?.[0]?.path).toBe('parentId');
    // The parent did not exist yet on that day.
    expect((await failure(make('T3', rootId, '1999-01-01'))).code).toBe('RULE_VIOLATION');
    expect((await failure(createUnit(database.db, officer, { code: 'T4', name: 'x', typeCode: 'department', parentId: rootId, validFrom: '2020-01-01' }))).code).toBe('FORBIDDEN');
  });

  it('updates with optimistic versions, keeps former names and refuses cycles', async () => {
    const unit = await make('SVH', rootId);
    const renamed = await updateUnit(database.db, admin, unit.id, { version: 1, name: 'Sở Văn hóa, Thể thao và Du lịch', reason: 'đổi tên' }, '2025-03-01');
    expect(renamed.version).toBe(2);
    expect(renamed.formerNames).toEqual([{ name: 'Đơn vị SVH', until: '2025-02-28' }]);
    const stale = await failure(updateUnit(database.db, admin, unit.id, { version: 1, name: 'Khác' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details?.[0]?.current).toMatchObject({ id: unit.id, version: 2, name: 'Sở Văn hóa, Thể thao và Du lịch' });
    const child = await make('SVH-TT', unit.id, '2020-01-01', 'commune');
    const cycle = await failure(updateUnit(database.db, admin, unit.id, { version: 2, parentId: child.id }));
    expect(cycle.code).toBe('RULE_VIOLATION');
    expect(cycle.message).toMatch(/vòng lặp/);
    const moved = await updateUnit(database.db, admin, child.id, { version: 1, parentId: rootId });
    expect(moved.parentId).toBe(rootId);
  });

  it('closes a unit the day before the date, refusing while open children remain and naming them', async () => {
    const parent = await make('D1', rootId, '2020-01-01', 'district');
    const child = await make('D1-X1', parent.id, '2020-01-01', 'commune');
    const refused = await failure(closeUnit(database.db, admin, parent.id, { date: '2025-07-01', reason: 'bỏ cấp huyện' }));
    expect(refused.code).toBe('RULE_VIOLATION');
    expect(refused.message).toContain('D1-X1 (Đơn vị D1-X1)');
    await closeUnit(database.db, admin, child.id, { date: '2025-07-01', reason: 'sắp xếp' });
    const closed = await closeUnit(database.db, admin, parent.id, { date: '2025-07-01', reason: 'bỏ cấp huyện' });
    expect(closed).toMatchObject({ validTo: '2025-06-30', version: 2, may: { edit: true, close: false, merge: false, split: false } });
    expect((await failure(closeUnit(database.db, admin, parent.id, { date: '2025-08-01', reason: 'lần nữa' }))).code).toBe('RULE_VIOLATION');
    // Units as they were: on 30/6 the district is there, on 1/7 it is gone.
    const codesOn = async (at: string) => (await listUnits(database.db, officer, { at })).map((u) => u.code);
    expect(await codesOn('2025-06-30')).toContain('D1');
    expect(await codesOn('2025-07-01')).not.toContain('D1');
    expect((await listUnits(database.db, officer, { at: '2025-07-01', includeClosed: true })).map((u) => u.code)).toContain('D1');
  });

  it('merges two units into a new one and records lineage both ways', async () => {
    const a = await make('SKHDT', rootId);
    const b = await make('STC', rootId);
    const result = await mergeUnits(database.db, admin, {
      sourceIds: [a.id, b.id],
      date: '2025-03-01',
      into: { code: 'STC2', name: 'Sở Tài chính (mới)', typeCode: 'department', parentId: rootId },
      reason: 'Nghị quyết HĐND',
    });
    expect(result.unit).toMatchObject({ code: 'STC2', validFrom: '2025-03-01', validTo: null });
    expect(result.unit.predecessors.map((p) => [p.code, p.operation, p.date]).sort()).toEqual([
      ['SKHDT', 'merge', '2025-03-01'],
      ['STC', 'merge', '2025-03-01'],
    ]);
    const source = await getUnit(database.db, officer, a.id);
    expect(source.validTo).toBe('2025-02-28');
    expect(source.successors).toEqual([{ id: result.unit.id, code: 'STC2', name: 'Sở Tài chính (mới)', operation: 'merge', date: '2025-03-01' }]);
    // Earlier years still show the units as they were.
    const in2024 = (await listUnits(database.db, officer, { at: '2024-12-31' })).map((u) => u.code);
    expect(in2024).toEqual(expect.arrayContaining(['SKHDT', 'STC']));
    expect(in2024).not.toContain('STC2');
    const in2025 = (await listUnits(database.db, officer, { at: '2025-03-01' })).map((u) => u.code);
    expect(in2025).toContain('STC2');
    expect(in2025).not.toContain('SKHDT');
    const audit = await listAuditEvents(database.db, { entityType: 'unit_operation', entityId: result.operationId, offset: 0, limit: 5 });
    expect(audit.items[0]).toMatchObject({ action: 'merge', reason: 'Nghị quyết HĐND' });
  });

  it('merges into an existing absorbing unit, which later closes: lineage follows the whole chain', async () => {
    const absorbed = await make('X-VT', rootId, '2020-01-01', 'commune');
    const absorbing = await make('X-KL', rootId, '2020-01-01', 'commune');
    const other = await make('X-OT', rootId, '2020-01-01', 'commune');
    const first = await mergeUnits(database.db, admin, { sourceIds: [absorbed.id], date: '2024-12-01', into: { existingId: absorbing.id }, reason: 'sắp xếp 2024' });
    expect(first.unit).toMatchObject({ id: absorbing.id, validTo: null, version: 1 });
    expect(first.unit.predecessors.map((p) => p.code)).toEqual(['X-VT']);
    const second = await mergeUnits(database.db, admin, {
      sourceIds: [absorbing.id, other.id],
      date: '2025-07-01',
      into: { code: 'X-NEW', name: 'Xã mới', typeCode: 'commune', parentId: rootId },
      reason: 'sắp xếp 2025',
    });
    const lineage = await getUnitLineage(database.db, second.unit.id);
    expect(lineage.ancestry.map((l) => `${l.predecessorCode}>${l.successorCode}`).sort()).toEqual(['X-KL>X-NEW', 'X-OT>X-NEW', 'X-VT>X-KL']);
    const forward = await getUnitLineage(database.db, absorbed.id);
    expect(forward.descent.map((l) => `${l.predecessorCode}>${l.successorCode}`)).toEqual(['X-VT>X-KL', 'X-KL>X-NEW']);
    // The absorbing unit still shows in 2024 with its 2024 predecessor.
    const in2024 = await listUnits(database.db, officer, { at: '2024-12-15', q: 'X-' });
    expect(in2024.map((u) => u.code).sort()).toEqual(['X-KL', 'X-OT']);
  });

  it('validates merges: dates, closed sources, open children (or moves them on request)', async () => {
    const a = await make('M-A', rootId, '2020-01-01', 'district');
    const b = await make('M-B', rootId, '2020-01-01', 'district');
    const child = await make('M-A-1', a.id, '2020-01-01', 'commune');
    const into = { code: 'M-AB', name: 'Huyện mới', typeCode: 'district', parentId: rootId };
    expect((await failure(mergeUnits(database.db, admin, { sourceIds: [a.id], date: '2025-01-01', into, reason: 'x' }))).details?.[0]?.path).toBe('sourceIds');
    expect((await failure(mergeUnits(database.db, admin, { sourceIds: [a.id, b.id], date: '2020-01-01', into, reason: 'x' }))).code).toBe('RULE_VIOLATION');
    expect((await failure(mergeUnits(database.db, admin, { sourceIds: [a.id, b.id], date: '2025-01-01', into: { ...into, code: 'P' }, reason: 'x' }))).code).toBe('DUPLICATE');
    const blocked = await failure(mergeUnits(database.db, admin, { sourceIds: [a.id, b.id], date: '2025-01-01', into, reason: 'x' }));
    expect(blocked.code).toBe('RULE_VIOLATION');
    expect(blocked.message).toContain('M-A-1');
    // Nothing was written by the refused attempts.
    expect((await getUnit(database.db, admin, a.id)).validTo).toBeNull();
    expect((await listUnits(database.db, admin, { at: '2025-01-01', q: 'M-AB' })).length).toBe(0);
    const merged = await mergeUnits(database.db, admin, { sourceIds: [a.id, b.id], date: '2025-01-01', into, reason: 'x', moveOpenChildren: true });
    expect((await getUnit(database.db, admin, child.id)).parentId).toBe(merged.unit.id);
    expect((await failure(mergeUnits(database.db, admin, { sourceIds: [a.id], date: '2026-01-01', into: { existingId: merged.unit.id }, reason: 'x' }))).message).toMatch(/đã kết thúc/);
  });

  it('splits one unit into new ones', async () => {
    const source = await make('S-SRC', rootId, '2020-01-01', 'commune');
    const result = await splitUnit(database.db, admin, source.id, {
      date: '2025-07-01',
      into: [
        { code: 'S-N1', name: 'Xã một', typeCode: 'commune', parentId: rootId },
        { code: 'S-N2', name: 'Xã hai', typeCode: 'commune', parentId: rootId },
      ],
      reason: 'chia tách',
    });
    expect(result.units.map((u) => [u.code, u.validFrom, u.predecessors[0]?.code, u.predecessors[0]?.operation])).toEqual([
      ['S-N1', '2025-07-01', 'S-SRC', 'split'],
      ['S-N2', '2025-07-01', 'S-SRC', 'split'],
    ]);
    const after = await getUnit(database.db, admin, source.id);
    expect(after.validTo).toBe('2025-06-30');
    expect(after.successors.map((s) => s.code)).toEqual(['S-N1', 'S-N2']);
    const other = await make('S-SRC2', rootId, '2020-01-01', 'commune');
    const dup = await failure(splitUnit(database.db, admin, other.id, { date: '2025-07-01', into: [{ code: 'S-Z', name: 'a', typeCode: 'commune', parentId: rootId }, { code: 'S-Z', name: 'b', typeCode: 'commune', parentId: rootId }], reason: 'x' }));
    expect(dup.code).toBe('DUPLICATE');
    const onlyOne = await failure(splitUnit(database.db, admin, other.id, { date: '2025-07-01', into: [{ code: 'S-Y', name: 'a', typeCode: 'commune', parentId: rootId }], reason: 'x' }));
    expect(onlyOne.code).toBe('VALIDATION_FAILED');
    const intoSelf = await failure(splitUnit(database.db, admin, other.id, { date: '2025-07-01', into: [{ code: 'S-Y', name: 'a', typeCode: 'commune', parentId: other.id }, { code: 'S-W', name: 'b', typeCode: 'commune', parentId: rootId }], reason: 'x' }));
    expect(intoSelf.code).toBe('RULE_VIOLATION');
  });
});
