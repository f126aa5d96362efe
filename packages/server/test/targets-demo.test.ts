// The demo's targets (issue 12 §3): 18 targets of an illustrative resolution, 10 met or exceeded in
// 2024, the ranks taken from the demo's external indices; loading again changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoExternalIndices } from '../src/demo/follow-up/external-indices';
import { DEMO_TARGET_PLAN, loadDemoTargets } from '../src/demo/follow-up/targets';
import { systemActor } from '../src/services/actor';
import { getTargetHistory, listTargetPlans } from '../src/services/follow-up/targets';
import { createTestDatabase } from './support/database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoProvince(database.db);
  await loadDemoExternalIndices(database.db);
});
afterAll(async () => database.close());

describe('demo targets', () => {
  it('loads 18 targets, 10 met or exceeded in 2024, marked as sample data', async () => {
    const { lines } = await loadDemoTargets(database.db);
    expect(lines[0]).toContain('10/18');
    const [plan] = await listTargetPlans(database.db, systemActor);
    expect(plan).toMatchObject({ name: expect.stringContaining('DỮ LIỆU MINH HỌA'), documentNumber: DEMO_TARGET_PLAN.documentNumber, summary: { year: 2024, met: 10, total: 18 } });
    expect(plan!.targets.filter((t) => t.responsibleUnit === null)).toEqual([]);
    const statuses = plan!.targets.map((t) => t.years.find((y) => y.year === 2024)!.status);
    expect(statuses.filter((s) => s === 'exceeded').length + statuses.filter((s) => s === 'met').length).toBe(10);
    expect(statuses.filter((s) => s === 'not_met')).toHaveLength(8);

    // PAR INDEX rank from the external index; target 2's corrected 2024 value keeps both entries.
    const par = plan!.targets.find((t) => t.sourceIndexKey === 'PAR_INDEX')!;
    const parHistory = await getTargetHistory(database.db, systemActor, par.id);
    expect(parHistory.values.find((v) => v.year === 2024)).toMatchObject({ value: '22', source: 'chiso' });
    const second = await getTargetHistory(database.db, systemActor, plan!.targets[1]!.id);
    expect(second.values.filter((v) => v.year === 2024).map((v) => v.value)).toEqual(['46', '45.5']);

    expect((await loadDemoTargets(database.db)).lines).toEqual([]);
    expect(await listTargetPlans(database.db, systemActor)).toHaveLength(1);
  });
});
