// The database itself keeps the audit trail and published results append-only (migration 0001):
// whatever a future bug or a hand-typed SQL statement tries, rows there are never changed.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { resultFields, resultLeaves, resultSnapshots, resultUnits } from '../src/db/schema/cycles';
import { auditEvents } from '../src/db/schema/audit';
import { recordAudit } from '../src/services/audit';
import { systemActor } from '../src/services/actor';
import { createCycle } from './assessments-fixtures';
import { createTestDatabase } from './support/database';
import { createUnit } from './support/factories';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

/** The error a statement fails with (drizzle wraps the driver's error as `cause`). */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  return 'accepted';
}

describe('append-only tables', () => {
  it('refuse UPDATE, DELETE and TRUNCATE of audit events, and keep the row as written', async () => {
    const { db } = database;
    await recordAudit(db, systemActor, { entityType: 'unit', entityId: 'u-1', action: 'update', before: { name: 'A' }, after: { name: 'B' } });
    expect(await refusal(db.update(auditEvents).set({ after: { name: 'C' } }))).toMatch(/audit_events is append-only \(UPDATE refused\)/);
    expect(await refusal(db.delete(auditEvents))).toMatch(/audit_events is append-only \(DELETE refused\)/);
    expect(await refusal(db.execute(sql`TRUNCATE audit_events`))).toMatch(/audit_events is append-only \(TRUNCATE refused\)/);
    const rows = await db.select().from(auditEvents);
    expect(rows.map((row) => [row.entityId, row.after])).toEqual([['u-1', { name: 'B' }]]);
  });

  it('refuse changes to a published snapshot', async () => {
    const { db } = database;
    const cycle = await createCycle(db, { unitIds: [] });
    const [snapshot] = await db
      .insert(resultSnapshots)
      .values({ cycleId: cycle.cycleId, groupId: cycle.groupId, frameworkVersionId: cycle.frameworkVersionId, number: 1, decisionNumber: '12/QĐ-UBND' })
      .returning();
    expect(await refusal(db.update(resultSnapshots).set({ decisionNumber: '13/QĐ-UBND' }))).toMatch(/result_snapshots is append-only/);
    expect(await refusal(db.delete(resultSnapshots))).toMatch(/result_snapshots is append-only/);
    const unit = await createUnit(db);
    const row = { snapshotId: snapshot!.id, unitId: unit.id };
    await db.insert(resultUnits).values({ ...row, unitCode: unit.code, unitName: unit.name, achieved: '80', bonus: '0', applicableMax: '100', indexValue: '80', rank: 1 });
    await db.insert(resultFields).values({ ...row, fieldKey: 'chi-dao', fieldCode: '1', fieldName: 'Chỉ đạo', achieved: '5', applicableMax: '6' });
    await db.insert(resultLeaves).values({ ...row, nodeKey: 'ke-hoach', effectivePoints: '2', level: 'appraised' });
    for (const table of ['result_units', 'result_fields', 'result_leaves']) {
      expect(await refusal(db.execute(sql.raw(`UPDATE ${table} SET unit_id = unit_id`)))).toMatch(new RegExp(`${table} is append-only \\(UPDATE`));
      expect(await refusal(db.execute(sql.raw(`DELETE FROM ${table}`)))).toMatch(new RegExp(`${table} is append-only`));
      expect(await refusal(db.execute(sql.raw(`TRUNCATE ${table}`)))).toMatch(new RegExp(`${table} is append-only`));
    }
    const [kept] = await db.select().from(resultSnapshots);
    expect(kept).toMatchObject({ id: snapshot!.id, decisionNumber: '12/QĐ-UBND' });
    expect((await db.select().from(resultUnits)).map((r) => r.indexValue)).toEqual(['80.0000']);
    expect(await db.$count(resultFields)).toBe(1);
    expect(await db.$count(resultLeaves)).toBe(1);
  });
});
