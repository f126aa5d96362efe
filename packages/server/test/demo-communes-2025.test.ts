// The demo's opt-in part (`chiso demo --communes-2025`): the province's 2025 commune cycle over the
// 65 communes merged on 1/7/2025, played through the real services to publication and closed, so
// that year over year compares the merged communes with their predecessors' 2024 results (imported
// by the demo history). Slow on purpose (the whole demo, then ~2 minutes of play).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { loadDemo } from '../src/demo/load-all';
import { communes2025Decision, loadDemoCommunes2025 } from '../src/demo/load-demo-communes-2025';
import { levels } from '../src/demo/load-demo-levels';
import { findCycleByName } from '../src/db/repositories/cycle-repository';
import { groupYearOverYear } from '../src/services/results/year-over-year';
import { auditEvents } from '../src/db/schema/audit';
import { cycleGroups, cycles, cycleUnits, resultSnapshots, resultUnits } from '../src/db/schema/cycles';
import { users } from '../src/db/schema/accounts';
import { unitLineage } from '../src/db/schema/units';

let t: TestApp;
let cycleId: string;
const progress: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const plain = await loadDemo(db);
  // The default demo leaves the cycle open.
  const row = await findCycleByName(db, { ownerUnitId: null, programCode: 'par-index', year: 2025, name: levels.communes.cycleName });
  expect(plain.lines.join('\n')).not.toContain('Kỳ cấp xã 2025');
  expect(row!.status).toBe('open');
  const opted = await loadDemo(db, { communes2025: true, progress: (text) => void progress.push(text) });
  cycleId = (await findCycleByName(db, { ownerUnitId: null, programCode: 'par-index', year: 2025, name: levels.communes.cycleName }))!.id;
  expect(opted.lines.at(-1)).toContain('Kỳ cấp xã 2025');
}, 900_000);
afterAll(async () => t?.close());

describe("the province's 2025 commune cycle, played", () => {
  it('is published (one snapshot, its decision) over the 65 merged communes, and closed; the console was told the progress', async () => {
    const db = t.database.db;
    const [cycle] = await db.select().from(cycles).where(eq(cycles.id, cycleId));
    expect(cycle).toMatchObject({ status: 'closed', year: 2025, ownerUnitId: null });
    const participants = await db.select().from(cycleUnits).where(eq(cycleUnits.cycleId, cycleId));
    expect(participants).toHaveLength(65);
    expect(participants.every((p) => p.state === 'published')).toBe(true);
    const snapshots = await db.select().from(resultSnapshots).where(eq(resultSnapshots.cycleId, cycleId));
    expect(snapshots.map((s) => [s.number, s.decisionNumber])).toEqual([[1, communes2025Decision]]);
    expect(await db.$count(resultUnits, eq(resultUnits.snapshotId, snapshots[0]!.id))).toBe(65);
    expect(progress).toContain('Kỳ cấp xã 2025: tự đánh giá 65/65 xã…');
    expect(progress.some((p) => /tự đánh giá \d+\/65 xã…/.test(p) && !p.includes('65/65'))).toBe(true);
  });

  it('gives the communes different results, over several classes; entries were made by their own officers', async () => {
    const db = t.database.db;
    const [group] = await db.select().from(cycleGroups).where(eq(cycleGroups.cycleId, cycleId));
    const yoy = await groupYearOverYear(db, cycleId, group!.groupId);
    expect(yoy.units).toHaveLength(65);
    expect(new Set(yoy.units.map((u) => u.index)).size).toBeGreaterThan(30);
    expect(new Set(yoy.units.map((u) => u.classLabel)).size).toBeGreaterThanOrEqual(3);
    const saves = await db.select({ actor: auditEvents.actorUsername }).from(auditEvents).where(eq(auditEvents.action, 'save_self'));
    expect(saves.some((e) => e.actor === 'xa.thatkhe.canbo')).toBe(true);
    expect(saves.some((e) => e.actor === 'x-chau-son.canbo')).toBe(true);
    expect((await db.select().from(users).where(eq(users.username, 'x-chau-son.lanhdao')))[0]).toMatchObject({ roles: ['unit_head'], active: true });
  });

  it("compares every merged commune with its predecessors' 2024 results (basis merged)", async () => {
    const db = t.database.db;
    const [group] = await db.select().from(cycleGroups).where(eq(cycleGroups.cycleId, cycleId));
    const yoy = await groupYearOverYear(db, cycleId, group!.groupId);
    const lineage = await db.select().from(unitLineage);
    const mergedUnits = yoy.units.filter((u) => lineage.filter((l) => l.successorId === u.unitId).length > 1);
    expect(mergedUnits.length).toBeGreaterThan(50);
    for (const u of mergedUnits) {
      expect(u.previous, u.unitCode).toMatchObject({ year: 2024, basis: 'merged' });
      const predecessors = new Set(lineage.filter((l) => l.successorId === u.unitId).map((l) => l.predecessorId));
      expect(u.previous!.results.length, u.unitCode).toBeGreaterThan(1);
      for (const r of u.previous!.results) expect(predecessors.has(r.unitId), u.unitCode).toBe(true);
      expect(u.change, u.unitCode).not.toBeNull();
    }
  });

  it('loading again leaves the published cycle alone', async () => {
    const db = t.database.db;
    const before = await db.$count(auditEvents);
    const again = await loadDemoCommunes2025(db);
    expect(again.cycleId).toBe(cycleId);
    expect(again.lines[0]).toContain('đã công bố');
    expect(await db.$count(auditEvents)).toBe(before);
  });
});
