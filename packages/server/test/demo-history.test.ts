// The demo province's earlier years (issue 11 §2 "demo"): the published results of 2023 and 2024 of
// the departments, the districts and each district's pre-merger communes, imported as earlier years'
// results are, so that every year-over-year comparison has data.
import { readFileSync } from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRational, rationalFromInt, rationalToFixedString, parseRationalText, sumRational, divRational, mulRational } from '@chiso/core';
import { createTestApp, type TestApp } from './support/app';
import { loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle } from '../src/demo/load-demo-cycle';
import { levels, loadDemoLevels } from '../src/demo/load-demo-levels';
import { historyImporter, loadDemoHistory, readHistoryManifest } from '../src/demo/load-demo-history';
import { cycles, resultFields, resultSnapshots, resultUnits } from '../src/db/schema/cycles';
import { groupSets, unitGroupMembers, unitGroups } from '../src/db/schema/group-sets';
import { unitLineage, unitOperations, units } from '../src/db/schema/units';
import { auditEvents } from '../src/db/schema/audit';
import { frameworks, frameworkVersions } from '../src/db/schema/frameworks';

let t: TestApp;
const ids = new Map<string, string>();
const codeOf = new Map<string, string>();

type Province = { units: { code: string; type: string; parent: string | null; validFrom: string; validTo: string | null }[]; groupSets: { code: string; groups: { code: string; members: string[] }[] }[] };
const province = JSON.parse(readFileSync(new URL('../src/demo/province/lang-son.json', import.meta.url), 'utf8')) as Province;
const bands = (JSON.parse(readFileSync(new URL('../src/demo/frameworks/departments-2025.json', import.meta.url), 'utf8')) as { settings: { classification: { bands: { label: string; minPercent: string }[] } } }).settings.classification.bands;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await loadDemoProvince(db);
  await loadDemoFrameworks(db);
  await loadDemoCycle(db);
  await loadDemoLevels(db);
  await loadDemoHistory(db);
  for (const u of await db.select({ id: units.id, code: units.code }).from(units)) {
    ids.set(u.code, u.id);
    codeOf.set(u.id, u.code);
  }
}, 600_000);
afterAll(async () => t?.close());

/** Every published snapshot of a year's par-index cycles, with its cycle's owner and origin, and its units. */
async function publishedIn(year: number) {
  const db = t.database.db;
  const snapshots = await db
    .select({ id: resultSnapshots.id, groupCode: unitGroups.code, setCode: groupSets.code, owner: cycles.ownerUnitId, origin: cycles.origin, decision: resultSnapshots.decisionNumber, number: resultSnapshots.number })
    .from(resultSnapshots)
    .innerJoin(cycles, eq(cycles.id, resultSnapshots.cycleId))
    .innerJoin(unitGroups, eq(unitGroups.id, resultSnapshots.groupId))
    .innerJoin(groupSets, eq(groupSets.id, unitGroups.groupSetId))
    .where(and(eq(cycles.year, year), eq(cycles.programCode, 'par-index')));
  const rows = snapshots.length ? await db.select().from(resultUnits).where(inArray(resultUnits.snapshotId, snapshots.map((s) => s.id))) : [];
  return snapshots.map((s) => ({ ...s, owner: s.owner === null ? null : codeOf.get(s.owner)!, units: rows.filter((r) => r.snapshotId === s.id) }));
}

/** The units of the demo province under `parent` of the given types, valid on 31/12 of the year (from the province's file, not the database). */
const expectedUnder = (parent: string, year: number, types: string[]) =>
  province.units.filter((u) => u.parent === parent && types.includes(u.type) && u.validFrom <= `${year}-12-31` && (u.validTo === null || u.validTo >= `${year}-12-31`)).map((u) => u.code).sort();
const districts = province.groupSets.find((s) => s.code === 'par-2024')!.groups.find((g) => g.code === 'ubnd-cap-huyen')!.members;
const departments = province.groupSets.find((s) => s.code === 'par-2024')!.groups.find((g) => g.code === 'so-ban-nganh')!.members;

describe('the earlier years, per year and group', () => {
  it.each([2023, 2024])('%i: the 20 departments and the 11 districts published by the province, each district’s communes by the district', async (year) => {
    const published = await publishedIn(year);
    const province = published.filter((s) => s.owner === null);
    expect(province.map((s) => [s.groupCode, s.setCode, s.origin, s.number])).toEqual(expect.arrayContaining([['so-ban-nganh', `par-${year}`, 'imported', 1], ['ubnd-cap-huyen', `par-${year}`, 'imported', 1]]));
    expect(province).toHaveLength(2);
    expect(province.find((s) => s.groupCode === 'so-ban-nganh')!.units.map((u) => u.unitCode).sort()).toEqual([...departments].sort());
    expect(province.find((s) => s.groupCode === 'ubnd-cap-huyen')!.units.map((u) => u.unitCode).sort()).toEqual([...districts].sort());

    for (const district of districts) {
      const own = published.filter((s) => s.owner === district);
      expect(own, district).toHaveLength(1);
      // Đình Lập's 2024 is its own cycle played on chiso; every other is imported.
      expect(own[0]!.origin, district).toBe(district === levels.district.owner && year === 2024 ? 'chiso' : 'imported');
      expect(own[0]!.units.map((u) => u.unitCode).sort(), district).toEqual(expectedUnder(district, year, ['commune', 'ward', 'town']));
      expect(own[0]!.decision, district).toMatch(/\/QĐ-UBND$/);
    }
    expect(published).toHaveLength(2 + districts.length);
  });

  it('the communes merged on 1/12/2024 have a 2023 result and none in 2024', async () => {
    const merged = province.units.filter((u) => u.validTo === '2024-11-30').map((u) => u.code);
    expect(merged.length).toBeGreaterThan(0);
    const codes = async (year: number) => new Set((await publishedIn(year)).flatMap((s) => s.units.map((u) => u.unitCode)));
    const [y2023, y2024] = [await codes(2023), await codes(2024)];
    for (const code of merged) {
      expect(y2023.has(code), code).toBe(true);
      expect(y2024.has(code), code).toBe(false);
    }
  });
});

describe('the figures, as published', () => {
  const exact = (s: string) => parseRationalText(s)!;

  it('index = points / maximum × 100 half-up to 2 decimals, points = the fields’ sum, ranks from the indexes, classes by the bands', async () => {
    const db = t.database.db;
    for (const year of [2023, 2024]) {
      for (const snapshot of (await publishedIn(year)).filter((s) => s.origin === 'imported')) {
        const fields = await db.select().from(resultFields).where(eq(resultFields.snapshotId, snapshot.id));
        for (const u of snapshot.units) {
          const at = `${year} ${u.unitCode}`;
          expect(rationalToFixedString(mulRational(divRational(exact(u.achieved), exact(u.applicableMax)), rationalFromInt(100)), 2), at).toBe(rationalToFixedString(exact(u.indexValue), 2));
          const own = fields.filter((f) => f.unitId === u.unitId);
          expect(own, at).toHaveLength(8);
          expect(compareRational(sumRational(own.map((f) => exact(f.achieved))), exact(u.achieved)), at).toBe(0);
          expect(compareRational(sumRational(own.map((f) => exact(f.applicableMax))), exact(u.applicableMax)), at).toBe(0);
          // Each field carries its component index as chiso stores its own: points ÷ maximum × 100 half-up to 2 decimals.
          for (const f of own) {
            expect(f.componentIndex, `${at} ${f.fieldKey}`).not.toBeNull();
            expect(rationalToFixedString(exact(f.componentIndex!), 2), `${at} ${f.fieldKey}`)
              .toBe(rationalToFixedString(mulRational(divRational(exact(f.achieved), exact(f.applicableMax)), rationalFromInt(100)), 2));
          }
          // Rank: one more than the units with a higher index (ties share a rank).
          const higher = snapshot.units.filter((o) => compareRational(exact(o.indexValue), exact(u.indexValue)) > 0).length;
          expect(u.rank, at).toBe(higher + 1);
          const band = bands.find((b) => compareRational(exact(u.indexValue), exact(b.minPercent)) >= 0)!;
          expect(u.classLabel, at).toBe(band.label);
          expect(u.classKey, at).not.toBeNull();
        }
      }
    }
  });

  it('2023 weighs two fields differently from 2024, on the same stable keys', async () => {
    const db = t.database.db;
    const maxima = async (year: number) => {
      const [snapshot] = (await publishedIn(year)).filter((s) => s.owner === null && s.groupCode === 'so-ban-nganh');
      const rows = await db.select().from(resultFields).where(eq(resultFields.snapshotId, snapshot!.id));
      return new Map(rows.map((r) => [r.fieldKey, exact(r.applicableMax)]));
    };
    const [before, after] = [await maxima(2023), await maxima(2024)];
    expect([...before.keys()].sort()).toEqual([...after.keys()].sort());
    const changed = [...after.keys()].filter((k) => compareRational(before.get(k)!, after.get(k)!) !== 0);
    expect(changed.sort()).toEqual(['tac-dong-cua-cai-cach-hanh', 'xay-dung-va-phat-trien-chinh']);
  });

  it('each imported group names its year’s published framework, whose fields have the file’s maxima', async () => {
    const db = t.database.db;
    const rows = await db
      .select({ snapshotId: resultSnapshots.id, snapshotYear: cycles.year, frameworkYear: frameworks.year, owner: frameworks.ownerUnitId, status: frameworkVersions.status, document: frameworkVersions.document })
      .from(resultSnapshots)
      .innerJoin(cycles, eq(cycles.id, resultSnapshots.cycleId))
      .innerJoin(frameworkVersions, eq(frameworkVersions.id, resultSnapshots.frameworkVersionId))
      .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
      .where(eq(cycles.origin, 'imported'));
    expect(rows).toHaveLength(readHistoryManifest().length);
    for (const r of rows) {
      expect(r, r.snapshotId).toMatchObject({ frameworkYear: r.snapshotYear, owner: null, status: 'published' });
      const maxOf = new Map((r.document as { nodes: { key: string; maxPoints: string }[] }).nodes.map((n) => [n.key, exact(n.maxPoints)]));
      const fields = await db.select().from(resultFields).where(eq(resultFields.snapshotId, r.snapshotId));
      for (const f of fields) expect(compareRational(exact(f.applicableMax), maxOf.get(f.fieldKey)!), `${r.snapshotYear} ${f.fieldKey}`).toBe(0);
    }
  });
});

describe('the merged communes (1/7/2025)', () => {
  it('every predecessor of each of the 65 merged communes has a 2024 result', async () => {
    const db = t.database.db;
    const merged = province.groupSets.find((s) => s.code === 'par-2025')!.groups.find((g) => g.code === 'ubnd-cap-xa')!.members;
    expect(merged).toHaveLength(65);
    const links = await db
      .select({ predecessorId: unitLineage.predecessorId, successorId: unitLineage.successorId })
      .from(unitLineage)
      .innerJoin(unitOperations, eq(unitOperations.id, unitLineage.operationId))
      .where(and(inArray(unitLineage.successorId, merged.map((c) => ids.get(c)!)), eq(unitOperations.date, '2025-07-01')));
    const y2024 = new Set((await publishedIn(2024)).flatMap((s) => s.units.map((u) => u.unitId)));
    for (const code of merged) {
      const predecessors = links.filter((l) => l.successorId === ids.get(code)).map((l) => l.predecessorId);
      expect(predecessors.length, code).toBeGreaterThan(1);
      for (const p of predecessors) expect(y2024.has(p), `${code} ← ${codeOf.get(p)}`).toBe(true);
    }
  });
});

describe('who imported', () => {
  it('the province’s administrator, audited as every import; the group sets of the districts are theirs', async () => {
    const db = t.database.db;
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'result_snapshot'), eq(auditEvents.action, 'publish')));
    const imported = events.filter((e) => (e.after as { imported?: boolean } | null)?.imported === true);
    expect(imported).toHaveLength(readHistoryManifest().length);
    expect(new Set(imported.map((e) => e.actorUsername))).toEqual(new Set([historyImporter]));
    const sets = await db.select({ code: groupSets.code, owner: groupSets.ownerUnitId }).from(groupSets);
    for (const entry of readHistoryManifest()) {
      const set = sets.find((s) => s.code === entry.groupSet.code)!;
      expect(set.owner === null ? null : codeOf.get(set.owner), entry.file).toBe(entry.owner);
    }
    // The DỮ LIỆU MINH HỌA mark on the data.
    expect(readFileSync(new URL('../src/demo/history/manifest.json', import.meta.url), 'utf8')).toContain('DỮ LIỆU MINH HỌA');
  });
});

describe('loading again', () => {
  it('imports nothing more and changes nothing', async () => {
    const db = t.database.db;
    const count = async () => ({
      cycles: await db.$count(cycles), snapshots: await db.$count(resultSnapshots), results: await db.$count(resultUnits), fields: await db.$count(resultFields),
      sets: await db.$count(groupSets), members: await db.$count(unitGroupMembers), frameworks: await db.$count(frameworkVersions), audit: await db.$count(auditEvents),
    });
    const before = await count();
    const again = await loadDemoHistory(db);
    expect(again).toMatchObject({ imported: 0, kept: readHistoryManifest().length });
    expect(await count()).toEqual(before);
  });
});
