/**
 * Year over year of published results (issue 11 §1), against the database: the 2025 group next to
 * 2024 (and 2023) through the units' lineage — the same unit, communes merged on 1 July 2025, a
 * unit split in two — a framework whose field maximum changed and with a new field, class counts.
 * Expected figures are taken from the published snapshots themselves, never written in.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimalAverage, decimalDifference } from '@chiso/core';
import type { ResultSnapshot, YearOverYear } from '@chiso/contract';
import { cycles } from '../src/db/schema/cycles';
import type { UnitRow } from '../src/db/repositories/unit-repository';
import { insertSnapshot } from '../src/db/repositories/result-repository';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { pubFramework, type PubCycle } from './publication-fixtures';
import { changedFrameworkDocument as framework2025Document, cycleOfYear as cycleOf, publishAnswers, recordLineage, type Answer } from './year-over-year-fixtures';


let t: TestApp;
let admin: LoggedIn;
let c2023: PubCycle;
let c2024: PubCycle;
let c2025: PubCycle;
/** 2024's units: two that stay, two communes merged in 2025, one split in two in 2025. */
let stays: UnitRow[];
let p1: UnitRow;
let p2: UnitRow;
let splitSource: UnitRow;
/** 2025's new units. */
let merged: UnitRow;
let splitA: UnitRow;
let splitB: UnitRow;
/** A unit whose 2024 result was imported from a file (no framework version, one decimal). */
let importedUnit: UnitRow;
const IMPORTED = { achieved: '14.5', applicableMax: '20', index: '72.5', rank: 1, classLabel: 'Khá' };

const cycleOfYear = (year: number, unitCount: number, document?: object, name?: string) => cycleOf(t.database.db, year, unitCount, document, name);
const publish = (c: PubCycle, document: unknown, answers: Answer[]) => publishAnswers(t.database.db, c, document, answers);
const lineage = (kind: 'merge' | 'split', date: string, links: [UnitRow, UnitRow][]) => recordLineage(t.database.db, kind, date, links);
const snapshot = async (c: PubCycle) => (await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}` })).json<ResultSnapshot>();
const rowOf = (s: ResultSnapshot, unit: UnitRow) => s.rows.find((r) => r.unitId === unit.id)!;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const u = await createUser(db, { roles: ['admin'], unitId: (await createUnit(db, { name: 'Sở Nội vụ' })).id });
  admin = await loginAs(t.app, u.username, u.password);

  c2024 = await cycleOfYear(2024, 5);
  [stays, p1, p2, splitSource] = [c2024.units.slice(0, 2), c2024.units[2]!, c2024.units[3]!, c2024.units[4]!];
  c2023 = await cycleOfYear(2023, 1);
  await publish(c2023, pubFramework, [{ unit: stays[0]!, yes: true, survey: '5' }, { unit: stays[1]!, yes: true, survey: '6' }]);
  await publish(c2024, pubFramework, [
    { unit: stays[0]!, yes: false, survey: '9' }, { unit: stays[1]!, yes: true, survey: '3' },
    { unit: p1, yes: true, survey: '10' }, { unit: p2, yes: false, survey: '7.5' }, { unit: splitSource, yes: true, survey: '8' },
  ]);

  // An earlier year imported from a file: its own cycle (origin imported), a snapshot without framework version.
  const imported = await cycleOfYear(2024, 1, undefined, 'Chỉ số CCHC năm 2024 (nhập từ tệp)');
  importedUnit = imported.units[0]!;
  await db.update(cycles).set({ origin: 'imported', status: 'closed' }).where(eq(cycles.id, imported.cycleId));
  await insertSnapshot(db, {
    snapshot: { cycleId: imported.cycleId, groupId: imported.groupId, frameworkVersionId: null, indexDecimals: 1, number: 1, decisionNumber: '30/QĐ-UBND' },
    units: [{ unitId: importedUnit.id, unitCode: importedUnit.code, unitName: importedUnit.name, achieved: IMPORTED.achieved, bonus: '0', applicableMax: IMPORTED.applicableMax, indexValue: IMPORTED.index, rank: IMPORTED.rank, classLabel: IMPORTED.classLabel }],
    fields: [
      { unitId: importedUnit.id, fieldKey: 'chi-dao', fieldCode: '1', fieldName: 'Công tác chỉ đạo, điều hành', achieved: '8', applicableMax: '10', componentIndex: '80.0' },
      { unitId: importedUnit.id, fieldKey: 'hai-long', fieldCode: '2', fieldName: 'Mức độ hài lòng', achieved: '6.5', applicableMax: '10', componentIndex: '65.0' },
    ],
    leaves: [],
  });

  c2025 = await cycleOfYear(2025, 3, framework2025Document);
  [merged, splitA, splitB] = c2025.units as [UnitRow, UnitRow, UnitRow];
  await lineage('merge', '2025-07-01', [[p1, merged], [p2, merged]]);
  await lineage('split', '2025-01-01', [[splitSource, splitA], [splitSource, splitB]]);
  await publish(c2025, framework2025Document, [
    { unit: stays[0]!, yes: true, survey: '12', dvc: true }, { unit: stays[1]!, yes: false, survey: '4', dvc: false },
    { unit: merged, yes: true, survey: '9', dvc: true }, { unit: splitA, yes: true, survey: '6', dvc: false }, { unit: splitB, yes: false, survey: '11', dvc: true },
    { unit: importedUnit, yes: true, survey: '8', dvc: false },
  ]);
});
afterAll(async () => t?.close());

describe('year over year of a published group', () => {
  let yoy: YearOverYear;
  let s2024: ResultSnapshot;
  let s2025: ResultSnapshot;
  beforeAll(async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/results/${c2025.cycleId}/${c2025.groupId}/year-over-year` });
    expect(res.statusCode).toBe(200);
    yoy = res.json<YearOverYear>();
    [s2024, s2025] = [await snapshot(c2024), await snapshot(c2025)];
  });
  const unit = (u: UnitRow) => yoy.units.find((x) => x.unitId === u.id)!;

  it('names the group, program, year and the year compared against', () => {
    expect(yoy).toMatchObject({ cycleId: c2025.cycleId, groupId: c2025.groupId, program: { code: 'cchc' }, year: 2025, snapshotNumber: 1, previousYear: 2024 });
    expect(yoy.units.map((u) => u.unitId)).toEqual(s2025.rows.map((r) => r.unitId));
  });

  it('the same unit: index, rank and class changes from its own 2024 result; points do not compare (the maximum changed); 2023 is in its history', () => {
    for (const u of stays) {
      const now = rowOf(s2025, u);
      const before = rowOf(s2024, u);
      const y = unit(u);
      expect(y.previous).toMatchObject({ year: 2024, basis: 'same', index: before.index, rank: before.rank, classLabel: before.classLabel, achieved: before.achieved });
      // Each year's fixture ranks its own group (another name): another cohort, so both ranks are shown and no change is given.
      expect(y.previous).toMatchObject({ rank: before.rank, rankedUnits: s2024.rows.length });
      expect(y.change).toMatchObject({ index: decimalDifference(now.index, before.index), rank: null, points: null });
      expect(y.history.map((h) => [h.year, h.basis])).toEqual([[2024, 'same'], [2023, 'same']]);
    }
    const order = pubFramework.settings.classification.bands.map((b) => b.label);
    const first = unit(stays[0]!);
    const [from, to] = [order.indexOf(rowOf(s2024, stays[0]!).classLabel!), order.indexOf(rowOf(s2025, stays[0]!).classLabel!)];
    expect(first.change!.classChange).toBe(to < from ? 'up' : to > from ? 'down' : 'same');
  });

  it('communes merged on 1 July 2025: their 2024 indexes averaged, rank and class not compared', () => {
    const y = unit(merged);
    const expected = decimalAverage([rowOf(s2024, p1).index, rowOf(s2024, p2).index], 2)!;
    expect(y.previous).toMatchObject({ year: 2024, basis: 'merged', index: expected, rank: null, classLabel: null, achieved: null });
    expect(y.previous!.results.map((r) => r.unitId).sort()).toEqual([p1.id, p2.id].sort());
    expect(y.change).toEqual({ index: decimalDifference(rowOf(s2025, merged).index, expected), points: null, rank: null, classChange: null });
  });

  it('a unit split in two: both compare with the former unit\'s index, counted once in the 2024 figures', () => {
    for (const u of [splitA, splitB]) {
      expect(unit(u).previous).toMatchObject({ year: 2024, basis: 'split', index: rowOf(s2024, splitSource).index, rank: null });
      expect(unit(u).change!.rank).toBeNull();
    }
    // Every 2024 unit is behind some 2025 comparison (the split one once), and the imported one.
    const before = [...s2024.rows.map((r) => r.index), IMPORTED.index];
    expect(yoy.previousAverageIndex).toBe(decimalAverage(before, 2));
    expect(yoy.averageIndex).toBe(decimalAverage(s2025.rows.map((r) => r.index), 2));
    expect(yoy.averageIndexChange).toBe(decimalDifference(yoy.averageIndex, yoy.previousAverageIndex!));
  });

  it('fields by stable key: unchanged compares, a changed maximum and a new field say why', () => {
    const y = unit(stays[0]!);
    const field = (key: string) => y.fields.find((f) => f.fieldKey === key)!;
    const now = rowOf(s2025, stays[0]!).fields.find((f) => f.fieldKey === 'chi-dao')!;
    const before = rowOf(s2024, stays[0]!).fields.find((f) => f.fieldKey === 'chi-dao')!;
    expect(field('chi-dao')).toMatchObject({ comparable: true, index: now.componentIndex, previousIndex: before.componentIndex, change: decimalDifference(now.componentIndex!, before.componentIndex!) });
    expect(field('hai-long')).toMatchObject({ comparable: false, change: null, note: 'Điểm tối đa đổi từ 10 thành 12' });
    expect(field('so-hoa')).toMatchObject({ comparable: false, previousIndex: null, note: 'Lĩnh vực mới năm 2025' });
    expect(yoy.fields.map((f) => [f.fieldKey, f.comparable])).toEqual([['chi-dao', true], ['hai-long', false], ['so-hoa', false]]);
  });

  it('class counts this year and in 2024, with their change', () => {
    for (const c of yoy.classes) {
      const count = s2025.rows.filter((r) => r.classLabel === c.label).length;
      const previousCount = s2024.rows.filter((r) => r.classLabel === c.label).length + Number(IMPORTED.classLabel === c.label);
      expect(c).toEqual({ label: c.label, count, previousCount, change: count - previousCount });
    }
    expect(yoy.classes.reduce((sum, c) => sum + c.count, 0)).toBe(s2025.rows.length);
    expect(yoy.classes.map((c) => c.label)).toEqual(pubFramework.settings.classification.bands.map((b) => b.label));
  });

  it('an imported earlier year (no framework version, its own decimals) compares like any other; fields by their maximum as imported', () => {
    const y = unit(importedUnit);
    const now = rowOf(s2025, importedUnit);
    expect(y.previous).toMatchObject({ year: 2024, basis: 'same', index: IMPORTED.index, rank: IMPORTED.rank, classLabel: IMPORTED.classLabel, applicableMax: IMPORTED.applicableMax });
    expect(y.previous!.results[0]).toMatchObject({ unitId: importedUnit.id, rankedUnits: 1, fields: [expect.objectContaining({ fieldKey: 'chi-dao', componentIndex: '80.0' }), expect.objectContaining({ fieldKey: 'hai-long', componentIndex: '65.0' })] });
    expect(y.change).toMatchObject({ index: decimalDifference(now.index, IMPORTED.index), rank: null });
    const chiDao = now.fields.find((f) => f.fieldKey === 'chi-dao')!.componentIndex!;
    expect(y.fields.find((f) => f.fieldKey === 'chi-dao')).toMatchObject({ comparable: true, previousIndex: '80.0', change: decimalDifference(chiDao, '80.0') });
    expect(y.fields.find((f) => f.fieldKey === 'hai-long')).toMatchObject({ comparable: false, note: 'Điểm tối đa đổi từ 10 thành 12' });
  });

  it('logged in answers the same; without a session the logged-in route is 401; an unknown group is 404', async () => {
    const logged = await t.app.inject({ method: 'GET', url: `/api/cycles/${c2025.cycleId}/results/${c2025.groupId}/year-over-year?number=1`, headers: admin.headers });
    expect(logged.statusCode).toBe(200);
    expect(logged.json()).toEqual(yoy);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/cycles/${c2025.cycleId}/results/${c2025.groupId}/year-over-year` });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await t.app.inject({ method: 'GET', url: `/api/public/results/${c2025.cycleId}/00000000-0000-4000-8000-000000000000/year-over-year` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('Không tìm thấy');
  });

  it('the first year has nothing to compare with', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/results/${c2023.cycleId}/${c2023.groupId}/year-over-year` });
    expect(res.json()).toMatchObject({ previousYear: null, previousAverageIndex: null, averageIndexChange: null });
    expect(res.json<YearOverYear>().units.every((u) => u.previous === null && u.change === null)).toBe(true);
  });
});
