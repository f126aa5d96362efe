/**
 * Results flow upward (issue 10 §4): a criterion of the province's framework takes a department's
 * sub-units' published indexes (their exact average, with its source), and the unit's own figure is
 * taken from the one cycle of the program it belongs to — the pulling cycle's owner first.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycles, cycleUnits, resultSnapshots, resultUnits } from '../src/db/schema/cycles';
import { dataFeedValues } from '../src/db/schema/data-feeds';
import { programs } from '../src/db/schema/frameworks';
import type { UnitRow } from '../src/db/repositories/unit-repository';
import { type CriterionRecord, consolidateGroup, frameworkToJson, loadFramework } from '@chiso/core';
import { systemActor } from '../src/services/actor';
import { dataFeedInputs } from '../src/services/data-feeds/feed-values';
import { writeSnapshot } from '../src/services/publication/write-snapshot';
import { frameworkToXlsx } from '../src/documents/framework-xlsx';
import { readFrameworkFile } from '../src/documents/framework-file';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';

const subProgram = 'cchc-don-vi-thuoc';
const ownProgram = 'nguon-chi-so-rieng';
const feedLeaf = (key: string, code: string, chiso: object) => ({
  key, code, name: `Tiêu chí ${code}`, maxPoints: '10', source: 'data_feed',
  rule: {
    type: 'data_feed', feed: `chiso.${key}`, numeratorLabel: 'Chỉ số (%)', denominatorLabel: 'Thang điểm', zeroDenominator: 'zero_points',
    scoring: { kind: 'proportional' }, chiso,
  },
});
/** The province's departments framework with a field taking chiso's published figures; points exact (shown to the thousandth). */
const provinceFramework = {
  ...pubFramework,
  settings: { ...pubFramework.settings, rounding: { indexDecimals: 2, mode: 'half_up' } },
  nodes: [
    ...pubFramework.nodes,
    {
      key: 'tu-chiso', code: '3', name: 'Số liệu từ chiso', maxPoints: '20', appraisingAgency: 'SNV',
      children: [
        feedLeaf('tb-don-vi-thuoc', '3.1', { program: subProgram, figure: 'index', source: 'units_under', aggregate: 'average' }),
        feedLeaf('chi-so-rieng', '3.2', { program: ownProgram, figure: 'index' }),
      ],
    },
  ],
};

let t: TestApp;
let p: PubCycle;
let admin: LoggedIn;
let year: number;
let dept: UnitRow;
let other: UnitRow;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  p = await createPubCycle(db, { document: provinceFramework, unitCount: 2 });
  [dept, other] = [p.units[0]!, p.units[1]!];
  year = (await db.select().from(cycles).where(eq(cycles.id, p.cycleId)))[0]!.year;
  await db.insert(programs).values([{ code: subProgram, name: 'Chỉ số CCHC các đơn vị thuộc' }, { code: ownProgram, name: 'Nguồn thử' }]).onConflictDoNothing();
  admin = await loginAs(t.app, ...(await user(['admin'], p.agencyUnits.SNV.id)));
});
afterAll(async () => t?.close());

async function user(roles: 'admin'[], unitId: string, scopeUnitId?: string): Promise<[string, string]> {
  const u = await createUser(t.database.db, { roles, unitId, ...(scopeUnitId ? { scopeUnitId } : {}) });
  return [u.username, u.password];
}

/** A cycle of `program` in the province cycle's year, organised by `owner` (null: the province), over new units or the given ones. */
async function cycleOf(program: string, owner: string | null, name: string, unitCount = 3): Promise<PubCycle> {
  const c = await createPubCycle(t.database.db, { unitCount, withRecords: false });
  await t.database.db.update(cycles).set({ programCode: program, year, ownerUnitId: owner, name }).where(eq(cycles.id, c.cycleId));
  return c;
}

/** Publishes (snapshot number `number`) the given indexes of a cycle's units, as the publication writes them. */
async function publish(c: PubCycle, indexes: Map<string, string>, number = 1, decisionNumber = `${number}/QĐ-SYT`) {
  const db = t.database.db;
  const [snap] = await db.insert(resultSnapshots)
    .values({ cycleId: c.cycleId, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, number, decisionNumber, ...(number > 1 ? { reason: 'Đính chính' } : {}) })
    .returning();
  let rank = 1;
  for (const [unitId, index] of indexes) {
    const code = unitId.slice(0, 8);
    await db.insert(resultUnits).values({ snapshotId: snap!.id, unitId, unitCode: `DV-${code}`, unitName: `Đơn vị ${code}`, achieved: index, bonus: '0', applicableMax: '100', indexValue: index, rank: rank++ });
    await db.update(cycleUnits).set({ state: 'published' }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, unitId)));
  }
  return snap!;
}

const pull = (who: LoggedIn = admin) => t.app.inject({ method: 'POST', url: `/api/cycles/${p.cycleId}/data-feeds/pull-chiso`, headers: who.headers });
type Skipped = { unit: string; criterion: string; message: string };
const skippedFor = (body: { skipped: Skipped[] }, unit: UnitRow, criterion: string) => body.skipped.filter((s) => s.unit === unit.code && s.criterion === criterion).map((s) => s.message);
const stored = async (unit: UnitRow, nodeKey: string) =>
  (await t.database.db.select().from(dataFeedValues).where(and(eq(dataFeedValues.cycleId, p.cycleId), eq(dataFeedValues.unitId, unit.id), eq(dataFeedValues.nodeKey, nodeKey))))[0];

let sub: PubCycle;

describe('a department\'s criterion "average index of its sub-units"', () => {
  it('is skipped, saying why, while the department organises no such cycle, or its cycle is not wholly published', async () => {
    const none = (await pull()).json();
    expect(skippedFor(none, dept, '3.1')).toEqual([`Đơn vị ${dept.code} chưa tổ chức kỳ đánh giá “${subProgram}” năm ${year} cho các đơn vị thuộc`]);

    sub = await cycleOf(subProgram, dept.id, `Chỉ số CCHC các đơn vị thuộc Sở năm ${year}`);
    const [a, b] = sub.units;
    await publish(sub, new Map([[a!.id, '81.33'], [b!.id, '79.5']]));
    const partly = (await pull()).json();
    expect(skippedFor(partly, dept, '3.1')).toEqual([`Kỳ “Chỉ số CCHC các đơn vị thuộc Sở năm ${year}” mới công bố kết quả của 2/3 đơn vị: chỉ lấy trung bình khi đã công bố đủ`]);
    expect(await stored(dept, 'tb-don-vi-thuoc')).toBeUndefined();
  });

  it('once every sub-unit is published, gives the department the exact average, with its source (cycle, snapshots, how many units)', async () => {
    const [, , c] = sub.units;
    // The third unit is in a second publication of the same group: its own latest snapshot is used.
    const second = await publish(sub, new Map([[c!.id, '90.01']]), 2);
    const res = await pull();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(skippedFor(body, dept, '3.1')).toEqual([]);
    // The other department organises nothing: skipped, not averaged over nothing.
    expect(skippedFor(body, other, '3.1')).toHaveLength(1);

    const row = (await stored(dept, 'tb-don-vi-thuoc'))!;
    expect(row).toMatchObject({ channel: 'chiso', period: String(year), snapshotId: second.id });
    // 81.33 + 79.5 + 90.01 = 250.84 over 3 × 100: exact, no float on the way.
    expect([row.numerator, row.denominator].map((x) => x.replace(/\.?0+$/, ''))).toEqual(['250.84', '300']);
    expect(row.source).toBe(`chiso: trung bình chỉ số của 3 đơn vị, Chỉ số CCHC các đơn vị thuộc Sở năm ${year}`);
    expect(row.chisoOrigin).toMatchObject({
      cycleId: sub.cycleId, year, programCode: subProgram, ownerUnitId: dept.id, ownerName: dept.name, source: 'units_under', aggregate: 'average', decimals: null,
    });
    expect(row.chisoOrigin!.figures.map((f) => [f.unitId, f.index.replace(/\.?0+$/, ''), f.snapshotNumber]).sort()).toEqual(
      [[sub.units[0]!.id, '81.33', 1], [sub.units[1]!.id, '79.5', 1], [sub.units[2]!.id, '90.01', 2]].sort(),
    );

    // What the unit sees: 10 × 250.84/300 = 8.36133… → 8.361 points, with the origin.
    const view = await t.app.inject({ method: 'GET', url: `/api/cycles/${p.cycleId}/units/${dept.id}/data-feeds`, headers: admin.headers });
    expect(view.statusCode).toBe(200);
    const leaf = (view.json() as { nodeKey: string; value: { points: string; origin: { cycleId: string; figures: unknown[] } } | null }[]).find((r) => r.nodeKey === 'tb-don-vi-thuoc')!;
    expect(leaf.value).toMatchObject({ points: '8.361', origin: { cycleId: sub.cycleId } });
    expect(leaf.value!.origin.figures).toHaveLength(3);

    // Pulling again changes nothing.
    const again = (await pull()).json();
    expect(again.unchanged).toBeGreaterThanOrEqual(1);
  });

  it('is skipped, naming them, when the department organises several cycles of the program that year', async () => {
    await cycleOf(subProgram, other.id, 'Kỳ thứ nhất');
    await cycleOf(subProgram, other.id, 'Kỳ thứ hai');
    const body = (await pull()).json();
    const [message] = skippedFor(body, other, '3.1');
    expect(message).toContain(`Đơn vị ${other.code} tổ chức 2 kỳ “${subProgram}” năm ${year}`);
    expect(message).toContain('“Kỳ thứ nhất”');
    expect(message).toContain('“Kỳ thứ hai”');
  });
});

describe('the trace of the published figure', () => {
  it('shows the data-feed leaf\'s figures with their source and origin (the sub-unit cycle, each index and snapshot)', async () => {
    const db = t.database.db;
    const loaded = loadFramework(provinceFramework);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const supplied = await dataFeedInputs(db, p.cycleId);
    const record = (nodeKey: string, input: NonNullable<CriterionRecord['self']['input']>): CriterionRecord => ({ nodeKey, status: 'pending', self: { input }, requests: [] });
    const consolidation = consolidateGroup(loaded.framework, [dept, other].map((u) => ({
      unitId: u.id, profile: {},
      records: { 'ke-hoach': record('ke-hoach', { kind: 'yes_no', value: true }), 'bao-cao': record('bao-cao', { kind: 'choice', option: 'du' }) },
      supplied: { ...supplied.get(u.id), 'dieu-tra': { kind: 'survey', points: '8' } },
    })));
    await db.transaction((tx) => writeSnapshot(tx, systemActor, {
      cycleId: p.cycleId, groupId: p.groupId, frameworkVersionId: p.frameworkVersionId, framework: loaded.framework, consolidation,
      units: [dept, other].map((u) => ({ unitId: u.id, code: u.code, name: u.name })), refs: new Map(), number: 1, decisionNumber: '99/QĐ-UBND', now: new Date(),
    }));
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${p.cycleId}/results/${p.groupId}/units/${dept.id}/trace`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const leaf = res.json().leaves.find((l: { nodeKey: string }) => l.nodeKey === 'tb-don-vi-thuoc');
    // 10 × 250.84/300 exactly, and where it came from.
    expect(leaf).toMatchObject({ effectiveExact: '6271/750', effectivePoints: '8.361' });
    expect(leaf.feed).toMatchObject({ numerator: '250.84', denominator: '300', channel: 'chiso', source: expect.stringContaining('trung bình chỉ số của 3 đơn vị') });
    expect(leaf.feed.origin).toMatchObject({ cycleId: sub.cycleId, ownerUnitId: dept.id, aggregate: 'average' });
    expect(leaf.feed.origin.figures).toHaveLength(3);
    // A leaf that is not a data feed has none.
    expect(res.json().leaves.find((l: { nodeKey: string }) => l.nodeKey === 'ke-hoach').feed).toBeNull();
  });
});

describe('the unit\'s own figure when several cycles of the program exist that year', () => {
  it('takes the cycle organised by the pulling cycle\'s owner first, and says so when two are equally possible', async () => {
    const db = t.database.db;
    // The department takes part in its own sub-unit cycle of ownProgram (owner: itself) and in the province's.
    const byDept = await cycleOf(ownProgram, dept.id, 'Kỳ của Sở', 1);
    const byProvince = await cycleOf(ownProgram, null, 'Kỳ của tỉnh', 1);
    for (const c of [byDept, byProvince]) await db.insert(cycleUnits).values({ cycleId: c.cycleId, unitId: dept.id, groupId: c.groupId });
    const provinceSnap = await publish(byProvince, new Map([[dept.id, '72.5']]));
    await publish(byDept, new Map([[dept.id, '99']]));
    await pull();
    const row = (await stored(dept, 'chi-so-rieng'))!;
    expect(row).toMatchObject({ snapshotId: provinceSnap.id, source: 'chiso: Kỳ của tỉnh, công bố (QĐ 1/QĐ-SYT)' });
    expect(row.numerator.replace(/\.?0+$/, '')).toBe('72.5');
    expect(row.chisoOrigin).toMatchObject({ cycleId: byProvince.cycleId, ownerUnitId: null, source: 'same_unit', aggregate: null, figures: [{ index: expect.stringMatching(/^72\.50*$/) }] });

    // A second province cycle with the other department: that one is ambiguous, the first is not.
    const second = await cycleOf(ownProgram, null, 'Kỳ bổ sung của tỉnh', 1);
    const third = await cycleOf(ownProgram, null, 'Kỳ khác của tỉnh', 1);
    for (const c of [second, third]) await db.insert(cycleUnits).values({ cycleId: c.cycleId, unitId: other.id, groupId: c.groupId });
    const body = (await pull()).json();
    expect(skippedFor(body, other, '3.2')).toEqual([
      `Đơn vị ${other.code} có trong 2 kỳ “${ownProgram}” năm ${year} (“Kỳ bổ sung của tỉnh”, “Kỳ khác của tỉnh”): chưa rõ lấy chỉ số từ kỳ nào. Hãy nhập số liệu này bằng tệp`,
    ]);
    expect(skippedFor(body, dept, '3.2')).toEqual([]);
  });
});

describe('the rule in the framework workbook', () => {
  it('keeps source, aggregate and decimals through XLSX and back (rule line “Lấy từ chiso: … | index | đơn vị thuộc | trung bình | 2”)', async () => {
    const doc = structuredClone(provinceFramework);
    (doc.nodes[2]!.children![0]!.rule as { chiso: object }).chiso = { program: subProgram, figure: 'index', source: 'units_under', aggregate: 'average', decimals: 2 };
    const loaded = loadFramework(JSON.stringify(doc));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const back = await readFrameworkFile(await frameworkToXlsx(loaded.framework));
    if (!back.ok) throw new Error(back.problems.map((x) => x.message).join('\n'));
    expect(frameworkToJson(back.framework)).toEqual(frameworkToJson(loaded.framework));
    const rule = back.framework.nodes[2]!.children[0]!.rule;
    expect(rule?.type === 'data_feed' && rule.chiso).toEqual({ program: subProgram, figure: 'index', source: 'units_under', aggregate: 'average', decimals: 2 });
  });
});

describe('who may pull', () => {
  it('the province\'s administrator may; a department\'s administrator may not pull into the province\'s cycle', async () => {
    const deptAdmin = await loginAs(t.app, ...(await user(['admin'], dept.id, dept.id)));
    expect((await pull(deptAdmin)).statusCode).toBe(403);
    expect((await pull()).statusCode).toBe(200);
  });

  it('a department\'s administrator pulls into a cycle the department organises', async () => {
    const own = await createPubCycle(t.database.db, { document: provinceFramework, unitCount: 1 });
    await t.database.db.update(cycles).set({ ownerUnitId: dept.id, name: 'Kỳ riêng của Sở' }).where(eq(cycles.id, own.cycleId));
    const deptAdmin = await loginAs(t.app, ...(await user(['admin'], dept.id, dept.id)));
    const res = await t.app.inject({ method: 'POST', url: `/api/cycles/${own.cycleId}/data-feeds/pull-chiso`, headers: deptAdmin.headers });
    expect(res.statusCode).toBe(200);
  });
});
