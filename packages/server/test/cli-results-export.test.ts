/**
 * `chiso results export` (issue 11 §8) on a database with 2024 and 2025 published: per unit the
 * previous year's index, the change, the previous rank, the rank change and the class change
 * (empty where nothing compares), as CSV, XLSX and JSON. Expected figures come from the published
 * snapshots, never written in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimalAverage, decimalDifference } from '@chiso/core';
import { type ResultSnapshot, type YearOverYear, yearOverYearExportSchema } from '@chiso/contract';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config/env';
import { ResultsCommandError, resultsCommand, resultsExportHeader } from '../src/cli/results';
import type { UnitRow } from '../src/db/repositories/unit-repository';
import { unitGroups } from '../src/db/schema/group-sets';
import { readTable, readWorkbookCells } from '../src/files/tabular';
import { createTestApp, type TestApp } from './support/app';
import { pubFramework, type PubCycle } from './publication-fixtures';
import { cycleOfYear, publishAnswers, recordLineage } from './year-over-year-fixtures';

let t: TestApp;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-cli-results-'));
const config = loadConfig({ CHISO_DATA_DIR: path.join(root, 'data'), CHISO_LOG_LEVEL: 'silent' }, root);
const printed: string[] = [];
const run = (...args: string[]) =>
  resultsCommand(args, config, { open: async () => ({ handle: t.database, lock: null, close: async () => {} }), print: (text) => void printed.push(text) });

let c2024: PubCycle;
let c2025: PubCycle;
let stays: UnitRow[];
let p1: UnitRow;
let p2: UnitRow;
let merged: UnitRow;
let fresh: UnitRow;
let s2024: ResultSnapshot;
let s2025: ResultSnapshot;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c2024 = await cycleOfYear(db, 2024, 4);
  [stays, p1, p2] = [c2024.units.slice(0, 2), c2024.units[2]!, c2024.units[3]!];
  await publishAnswers(db, c2024, pubFramework, [
    { unit: stays[0]!, yes: false, survey: '9' }, { unit: stays[1]!, yes: true, survey: '4' }, { unit: p1, yes: true, survey: '10' }, { unit: p2, yes: false, survey: '7.5' },
  ]);
  c2025 = await cycleOfYear(db, 2025, 2);
  // The same ranking cohort both years (same name, four units): ranks compare.
  await db.update(unitGroups).set({ name: c2024.groupName }).where(eq(unitGroups.id, c2025.groupId));
  c2025 = { ...c2025, groupName: c2024.groupName };
  [merged, fresh] = c2025.units as [UnitRow, UnitRow];
  await recordLineage(db, 'merge', '2025-07-01', [[p1, merged], [p2, merged]]);
  await publishAnswers(db, c2025, pubFramework, [
    { unit: stays[0]!, yes: true, survey: '10' }, { unit: stays[1]!, yes: false, survey: '6' }, { unit: merged, yes: true, survey: '8' }, { unit: fresh, yes: false, survey: '5' },
  ]);
  const snapshot = async (c: PubCycle) => (await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}` })).json<ResultSnapshot>();
  [s2024, s2025] = [await snapshot(c2024), await snapshot(c2025)];
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const rowOf = (s: ResultSnapshot, u: UnitRow) => s.rows.find((r) => r.unitId === u.id)!;
const column = (name: string) => resultsExportHeader.indexOf(name);

describe('chiso results export', () => {
  it('CSV: every unit of the year with its previous year, the changes, and empty cells where nothing compares', async () => {
    const out = path.join(root, 'ket-qua.csv');
    const result = await run('export', '--program', 'cchc', '--year', '2025', '--format', 'csv', '--out', out);
    expect(result).toEqual({ file: out, groups: 1, units: 4 });
    expect(printed.at(-1)).toContain(out);
    const table = await readTable(fs.readFileSync(out), 'csv');
    expect(table.header).toEqual(resultsExportHeader);
    expect(table.rows).toHaveLength(4);
    const line = (u: UnitRow) => table.rows.find((r) => r.cells[column('Mã đơn vị')] === u.code)!.cells;
    const cell = (u: UnitRow, name: string) => line(u)[column(name)];

    for (const u of stays) {
      const [now, before] = [rowOf(s2025, u), rowOf(s2024, u)];
      expect(cell(u, 'Nhóm')).toBe(c2025.groupName);
      expect(cell(u, 'Chỉ số (%)')).toBe(now.index);
      expect(cell(u, 'Xếp hạng')).toBe(String(now.rank));
      expect(cell(u, 'Năm so sánh')).toBe('2024');
      expect(cell(u, 'Chỉ số năm trước (%)')).toBe(before.index);
      expect(cell(u, 'Thay đổi chỉ số')).toBe(decimalDifference(now.index, before.index));
      expect(cell(u, 'Xếp hạng năm trước (hạng/số đơn vị)')).toBe(`${before.rank}/${s2024.rows.length}`);
      expect(cell(u, 'Thay đổi thứ hạng (bậc)')).toBe(String(before.rank - now.rank));
      expect(cell(u, 'Xếp loại năm trước')).toBe(before.classLabel);
      const order = pubFramework.settings.classification.bands.map((b) => b.label);
      const [from, to] = [order.indexOf(before.classLabel!), order.indexOf(now.classLabel!)];
      expect(cell(u, 'Thay đổi xếp loại')).toBe(to < from ? 'Tăng' : to > from ? 'Giảm' : 'Giữ nguyên');
    }
    // The merged commune: the average of its predecessors' 2024 indexes; rank and class do not compare.
    const average = decimalAverage([rowOf(s2024, p1).index, rowOf(s2024, p2).index], 2)!;
    expect(cell(merged, 'Chỉ số năm trước (%)')).toBe(average);
    expect(cell(merged, 'Thay đổi chỉ số')).toBe(decimalDifference(rowOf(s2025, merged).index, average));
    expect([cell(merged, 'Xếp hạng năm trước (hạng/số đơn vị)'), cell(merged, 'Thay đổi thứ hạng (bậc)'), cell(merged, 'Xếp loại năm trước'), cell(merged, 'Thay đổi xếp loại')]).toEqual(['', '', '', '']);
    expect(cell(merged, 'Cơ sở so sánh')).toContain(p1.name);
    expect(cell(merged, 'Cơ sở so sánh')).toContain(p2.name);
    // A unit without predecessor: every comparison cell is empty.
    expect(line(fresh).slice(column('Năm so sánh'))).toEqual(resultsExportHeader.slice(column('Năm so sánh')).map(() => ''));
  });

  it('XLSX: a printable table with the same figures as numbers', async () => {
    const out = path.join(root, 'ket-qua.xlsx');
    await run('export', '--program', 'cchc', '--year', '2025', '--group', c2025.groupName, '--format', 'xlsx', '--out', out);
    const [sheet] = await readWorkbookCells(fs.readFileSync(out));
    const headerRow = sheet!.rows.find((r) => [...r.cells.values()].includes('Mã đơn vị'))!;
    expect([...headerRow.cells.values()]).toEqual(resultsExportHeader);
    const body = sheet!.rows.filter((r) => r.line > headerRow.line);
    expect(body).toHaveLength(4);
    const first = body.find((r) => r.cells.get(column('Mã đơn vị') + 1) === stays[0]!.code)!;
    const [now, before] = [rowOf(s2025, stays[0]!), rowOf(s2024, stays[0]!)];
    expect(Number(first.cells.get(column('Chỉ số (%)') + 1))).toBe(Number(now.index));
    expect(Number(first.cells.get(column('Thay đổi chỉ số') + 1))).toBe(Number(decimalDifference(now.index, before.index)));
    expect(sheet!.rows[0]!.cells.get(1)).toContain('NĂM 2025');
  });

  it('JSON: the contract shape, the same as the public API', async () => {
    const out = path.join(root, 'ket-qua.json');
    await run('export', '--program', 'cchc', '--year', '2025', '--format', 'json', '--out', out);
    const data = yearOverYearExportSchema.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
    const api = (await t.app.inject({ method: 'GET', url: `/api/public/results/${c2025.cycleId}/${c2025.groupId}/year-over-year` })).json<YearOverYear>();
    expect(data).toEqual({ program: { code: 'cchc', name: 'Chỉ số cải cách hành chính' }, year: 2025, groups: [api] });
  });

  it('refuses with a Vietnamese message: unknown program, a year without publication, an unknown group, a bad format', async () => {
    await expect(run('export', '--program', 'khong-co', '--year', '2025')).rejects.toThrow(/Không có chương trình mã “khong-co”/);
    await expect(run('export', '--program', 'cchc', '--year', '2019')).rejects.toThrow(/chưa có kết quả công bố năm 2019/);
    const unknown = run('export', '--program', 'cchc', '--year', '2025', '--group', 'Không có');
    await expect(unknown).rejects.toBeInstanceOf(ResultsCommandError);
    await expect(unknown).rejects.toThrow(c2025.groupName);
    await expect(run('export', '--program', 'cchc', '--year', '2025', '--format', 'pdf')).rejects.toThrow(/chọn csv, xlsx hoặc json/);
  });
});
