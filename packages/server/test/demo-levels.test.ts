// The demo's levels (issue 10 "Demo"): Sở Y tế's own index, UBND huyện Đình Lập's published 2024
// commune index, the province's 2025 commune cycle over the merged communes, and each owner's accounts.
import { readFileSync } from 'node:fs';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { loginAs } from './support/login';
import { demoPassword, loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle } from '../src/demo/load-demo-cycle';
import { communeAccount, levels, loadDemoLevels, readDemoLevels, type DemoLevelsResult } from '../src/demo/load-demo-levels';
import { users } from '../src/db/schema/accounts';
import { cycleGroups, cycles, cycleUnits } from '../src/db/schema/cycles';
import { frameworks, frameworkVersions } from '../src/db/schema/frameworks';
import { groupSets } from '../src/db/schema/group-sets';
import { unitLineage, units } from '../src/db/schema/units';
import { auditEvents } from '../src/db/schema/audit';

let t: TestApp;
let demo: DemoLevelsResult;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await loadDemoProvince(db);
  await loadDemoFrameworks(db);
  await loadDemoCycle(db);
  demo = await loadDemoLevels(db);
  for (const u of await db.select({ id: units.id, code: units.code }).from(units)) ids.set(u.code, u.id);
}, 600_000);
afterAll(async () => t?.close());

const cycleRow = async (id: string) => (await t.database.db.select().from(cycles).where(eq(cycles.id, id)))[0]!;
const participantsOf = async (id: string) => (await t.database.db.select({ unitId: cycleUnits.unitId, state: cycleUnits.state }).from(cycleUnits).where(eq(cycleUnits.cycleId, id)));
/** The owner of the framework and of the group set a cycle uses. */
async function ownersOfSetUp(cycleId: string) {
  const db = t.database.db;
  const cycle = await cycleRow(cycleId);
  const [set] = await db.select().from(groupSets).where(eq(groupSets.id, cycle.groupSetId));
  const rows = await db
    .select({ ownerUnitId: frameworks.ownerUnitId, year: frameworks.year, status: frameworkVersions.status })
    .from(cycleGroups)
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, cycleGroups.frameworkVersionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(cycleGroups.cycleId, cycleId));
  return { groupSetOwner: set!.ownerUnitId, frameworks: rows };
}

describe('the three new cycles and their owners', () => {
  it("Sở Y tế's cycle: its own, open, over five of its units, with its own framework and group set; two units' entries under way", async () => {
    const cycle = await cycleRow(demo.healthCycleId);
    expect(cycle).toMatchObject({ ownerUnitId: ids.get('SYT'), programCode: 'par-index', year: 2025, name: levels.health.cycleName, status: 'open' });
    const participants = await participantsOf(demo.healthCycleId);
    expect(participants.map((p) => p.unitId).sort()).toEqual(levels.health.participants.map((c) => ids.get(c)!).sort());
    const under = await t.database.db.select({ parentId: units.parentId, typeCode: units.typeCode }).from(units).where(inArray(units.id, participants.map((p) => p.unitId)));
    expect(under.every((u) => u.parentId === ids.get('SYT') && u.typeCode === 'sub_unit')).toBe(true);
    expect(await ownersOfSetUp(demo.healthCycleId)).toEqual({ groupSetOwner: ids.get('SYT'), frameworks: [{ ownerUnitId: ids.get('SYT'), year: 2025, status: 'published' }] });
    const chair = (await t.database.db.select().from(users).where(eq(users.id, cycle.councilChairUserId!)))[0]!;
    expect(chair.username).toBe(levels.health.chair);

    const officer = await loginAs(t.app, 'syt-bvdk.canbo', demoPassword);
    const assessment = (await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.healthCycleId}/units/${ids.get('SYT-BVDK')}/assessment`, headers: officer.headers })).json();
    const entered = Object.values(assessment.records as Record<string, { self: { input: unknown } }>).filter((r) => r.self.input !== null);
    expect(entered.length).toBeGreaterThan(0);
    expect(assessment.records['syt-ke-hoach-cchc-nganh-y-te'].self.input).not.toBeNull();
    expect(participants.every((p) => p.state === 'draft')).toBe(true);
  });

  it("the district's 2024 cycle: its own framework and group set, its communes of 2024, published and closed", async () => {
    const cycle = await cycleRow(demo.districtCycleId);
    expect(cycle).toMatchObject({ ownerUnitId: ids.get('D-DL'), programCode: 'par-index', year: 2024, name: levels.district.cycleName, status: 'closed' });
    const participants = await participantsOf(demo.districtCycleId);
    expect(participants).toHaveLength(12);
    expect(participants.every((p) => p.state === 'published')).toBe(true);
    const communes = await t.database.db.select().from(units).where(inArray(units.id, participants.map((p) => p.unitId)));
    expect(communes.every((u) => u.parentId === ids.get('D-DL') && u.validTo === '2025-06-30' && ['commune', 'town'].includes(u.typeCode))).toBe(true);
    expect(await ownersOfSetUp(demo.districtCycleId)).toEqual({ groupSetOwner: ids.get('D-DL'), frameworks: [{ ownerUnitId: ids.get('D-DL'), year: 2024, status: 'published' }] });
    const chair = (await t.database.db.select().from(users).where(eq(users.id, cycle.councilChairUserId!)))[0]!;
    expect(chair).toMatchObject({ username: levels.district.chair, scopeUnitId: ids.get('D-DL') });
    // Set up, opened and closed by the district's own administrator (its scope: the district).
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, demo.districtCycleId));
    for (const action of ['create', 'open', 'close']) expect(events.find((e) => e.action === action)?.actorUsername, action).toBe(levels.district.admin);
  });

  it("the province's 2025 commune cycle: the province's own (owner null), open, over the 65 merged communes, with the province's communes framework", async () => {
    const cycle = await cycleRow(demo.communesCycleId);
    expect(cycle).toMatchObject({ ownerUnitId: null, programCode: 'par-index', year: 2025, name: levels.communes.cycleName, status: 'open' });
    expect(await participantsOf(demo.communesCycleId)).toHaveLength(65);
    expect(await ownersOfSetUp(demo.communesCycleId)).toEqual({ groupSetOwner: null, frameworks: [{ ownerUnitId: null, year: 2025, status: 'published' }] });
  });
});

describe("the district's published results", () => {
  it('rank the communes Tốt, Khá and Trung bình by the framework, and the trace reads down to the appraisal', async () => {
    const admin = await loginAs(t.app, 'snv.quantri', demoPassword);
    const [group] = await t.database.db.select().from(cycleGroups).where(eq(cycleGroups.cycleId, demo.districtCycleId));
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.districtCycleId}/results?groupId=${group!.groupId}`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const snapshot = res.json() as { number: number; decisionNumber: string; rows: { unitId: string; index: string; rank: number; classLabel: string | null }[] };
    expect(snapshot).toMatchObject({ number: 1, decisionNumber: '15/QĐ-UBND' });
    expect(snapshot.rows).toHaveLength(12);
    const classes = new Set(snapshot.rows.map((r) => r.classLabel));
    expect([...classes].sort()).toEqual(['Khá', 'Trung bình', 'Tốt']);
    const ranks = [...snapshot.rows].sort((a, b) => a.rank - b.rank);
    expect(Number(ranks[0]!.index)).toBeGreaterThan(Number(ranks.at(-1)!.index));
    // Public, like every published result (the district's cycle stays readable after 2025).
    expect((await t.app.inject({ method: 'GET', url: `/api/public/results/${demo.districtCycleId}/${group!.groupId}` })).statusCode).toBe(200);

    // A commune whose late plan Phòng Nội vụ huyện adjusted: the trace shows the decision and its reason.
    const adjusted = await Promise.all(snapshot.rows.map(async (row) => {
      const trace = await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.districtCycleId}/results/${group!.groupId}/units/${row.unitId}/trace`, headers: admin.headers });
      expect(trace.statusCode, trace.body).toBe(200);
      const leaves = trace.json().leaves as { code: string; level: string; decisions: { actor: string; action: string; reason: string | null }[] }[];
      // The district's own survey is in every commune's result.
      expect(leaves.filter((l) => l.level === 'supplied').length).toBe(8);
      return leaves.find((l) => l.code === '1.1.1' && l.level === 'appraised');
    }));
    const decisions = adjusted.flatMap((l) => l?.decisions ?? []).filter((d) => d.reason !== null);
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) expect(d).toMatchObject({ actor: levels.district.appraiser, action: 'decide', reason: expect.stringContaining('chậm so với thời hạn') });
  });
});

describe('history across the 2025 reorganisation', () => {
  it("every 2024 commune of the district has a successor among the province's 2025 commune cycle, and every successor's predecessors include them", async () => {
    const db = t.database.db;
    const before = (await participantsOf(demo.districtCycleId)).map((p) => p.unitId);
    const after = new Set((await participantsOf(demo.communesCycleId)).map((p) => p.unitId));
    const links = await db.select().from(unitLineage).where(inArray(unitLineage.predecessorId, before));
    for (const id of before) {
      const successors = links.filter((l) => l.predecessorId === id).map((l) => l.successorId);
      expect(successors.length, id).toBeGreaterThan(0);
      expect(successors.every((s) => after.has(s)), id).toBe(true);
    }
    const merged = [...new Set(links.map((l) => l.successorId))];
    const codes = (await db.select({ code: units.code }).from(units).where(inArray(units.id, merged))).map((u) => u.code).sort();
    expect(codes).toEqual(['X-CHAU-SON', 'X-DINH-LAP', 'X-KIEN-MOC', 'X-THAI-BINH']);
  });
});

describe("each owner's accounts", () => {
  it('carry the scope of their organisation; the dissolved district keeps its accounts, deactivated', async () => {
    const db = t.database.db;
    const data = readDemoLevels();
    const rows = await db.select().from(users).where(inArray(users.username, data.users.map((u) => u.username)));
    for (const spec of data.users) {
      const row = rows.find((r) => r.username === spec.username)!;
      expect(row, spec.username).toMatchObject({ unitId: ids.get(spec.unit), scopeUnitId: spec.scope ? ids.get(spec.scope) : null, roles: spec.roles, active: spec.active });
    }
    expect(rows.find((r) => r.username === levels.health.admin)).toMatchObject({ roles: ['admin'], scopeUnitId: ids.get('SYT'), active: true });
    expect(rows.find((r) => r.username === levels.district.admin)).toMatchObject({ roles: ['admin'], scopeUnitId: ids.get('D-DL'), active: false });

    const me = (await loginAs(t.app, levels.health.admin, demoPassword)).user as unknown as { scope: { code: string } | null };
    expect(me.scope?.code).toBe('SYT');
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: levels.district.admin, password: demoPassword }, remoteAddress: '10.200.0.1' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('ngừng hoạt động');
    const communeUsers = await db.select().from(users).where(eq(users.username, communeAccount('DL-BAC-XA', 'canbo')));
    expect(communeUsers[0]).toMatchObject({ roles: ['unit_officer'], active: false });
    // Deactivated as the accounts service does it: the audit says `deactivate`, not a mere update.
    const districtAdminId = rows.find((r) => r.username === levels.district.admin)!.id;
    const trail = await db.select().from(auditEvents).where(eq(auditEvents.entityId, districtAdminId));
    expect(trail.filter((e) => e.entityType === 'user').map((e) => e.action)).toContain('deactivate');
    expect(trail.find((e) => e.action === 'deactivate')).toMatchObject({ before: { active: true }, after: { active: false } });
    // The README lists every owner's account (the demo password is the README's one).
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const spec of data.users) expect(readme, spec.username).toContain(`\`${spec.username}\``);
    expect(readme).toContain(`\`${communeAccount('DL-BAC-XA', 'canbo')}\``);
  });
});

describe('loading again', () => {
  it('completes nothing more and changes nothing', async () => {
    const db = t.database.db;
    const count = async () => ({ cycles: await db.$count(cycles), users: await db.$count(users), units: await db.$count(units), audit: await db.$count(auditEvents) });
    const before = await count();
    const again = await loadDemoLevels(db);
    expect({ health: again.healthCycleId, district: again.districtCycleId, communes: again.communesCycleId }).toEqual({ health: demo.healthCycleId, district: demo.districtCycleId, communes: demo.communesCycleId });
    expect(await count()).toEqual(before);
  });
});
