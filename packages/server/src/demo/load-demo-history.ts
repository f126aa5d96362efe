/**
 * The demo province's earlier years (issue 11 §2 "demo"): its published Chỉ số CCHC results of 2023
 * and 2024, imported as any earlier year's published results are (services/results/import-published):
 * - the province's: the departments of the time (20, the ones merged in 2025 included) and the 11
 *   districts, one imported cycle per year with both groups (group sets par-2023, par-2024);
 * - each district's own commune index over its communes of that year, one imported cycle per
 *   district and year, owned by the district (its own group set). Đình Lập's 2024 is played on
 *   chiso itself (play-district-2024.ts): only its 2023 is imported.
 * The figures are DỮ LIỆU MINH HỌA from history/generate.ts (history/manifest.json lists the files);
 * each year's import names that year's framework (history/frameworks.ts: 2023 weighs two fields
 * otherwise), published by the province first.
 * Done by the province's administrator (snv.quantri), audited as every import. Idempotent: a group
 * already imported is kept; a run cut short is completed by the next.
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../db/client';
import { findCycleByName, programName } from '../db/repositories/cycle-repository';
import { latestSnapshotNumber } from '../db/repositories/result-repository';
import { readTable } from '../files/tabular';
import { commandContext } from '../services/context';
import { importedCycleName, importPublishedResults } from '../services/results/import-published';
import { ensureFramework, ensureGroupSet } from './load-demo-levels';
import { historyFramework, historyGroupLabel, type HistoryKind } from './history/frameworks';
import { demoActor, unitIdsOf } from './levels/shared';

const PROGRAM = 'par-index';
/** Who imports: the province's administrator (Sở Nội vụ). */
export const historyImporter = 'snv.quantri';

export interface HistoryFile {
  file: string;
  year: number;
  /** The organising unit's code; null: the province's. */
  owner: string | null;
  groupSet: { code: string; name: string };
  group: { code: string; name: string };
  /** The year's framework (history/frameworks.ts): its field codes give the stable field keys. */
  framework: HistoryKind;
  decisionNumber: string;
  publishedOn: string;
  units: number;
  fields: { key: string; code: string; name: string; maxPoints: string }[];
}

const here = (file: string) => new URL(`./history/${file}`, import.meta.url);

export function readHistoryManifest(): HistoryFile[] {
  return (JSON.parse(readFileSync(here('manifest.json'), 'utf8')) as { files: HistoryFile[] }).files;
}

export interface DemoHistoryResult {
  /** Groups imported by this run. */
  imported: number;
  /** Groups that were there already. */
  kept: number;
  lines: string[];
}

export async function loadDemoHistory(db: Database, now: Date = new Date()): Promise<DemoHistoryResult> {
  const admin = await demoActor(db, historyImporter);
  const context = commandContext(db, admin, () => now);
  const program = await programName(db, PROGRAM);
  if (!program) throw new Error(`Chưa có chương trình ${PROGRAM} của tỉnh mẫu.`);
  // The year's frameworks, imported and published by the province (kept if they exist).
  const versions = new Map<string, string>();
  const versionOf = async (kind: HistoryKind, year: number) => {
    const key = `${kind}-${year}`;
    if (!versions.has(key)) versions.set(key, await ensureFramework(db, admin, null, { year, groupLabel: historyGroupLabel[kind], document: historyFramework(kind, year) }));
    return versions.get(key)!;
  };

  let imported = 0;
  let kept = 0;
  const perYear = new Map<number, { groups: number; units: number }>();
  for (const entry of readHistoryManifest()) {
    const table = await readTable(readFileSync(here(entry.file)), 'csv');
    const ownerUnitId = entry.owner === null ? null : (await unitIdsOf(db, [entry.owner]))[0]!;
    const codes = table.rows.map((r) => r.cells[0]!.trim());
    const { groupId } = await ensureGroupSet(db, admin, ownerUnitId, {
      code: entry.groupSet.code, name: entry.groupSet.name, group: entry.group.code, groupName: entry.group.name, members: await unitIdsOf(db, codes),
    });
    const cycle = await findCycleByName(db, { ownerUnitId: ownerUnitId, programCode: PROGRAM, year: entry.year, name: importedCycleName(program, entry.year) });
    if (cycle && (await latestSnapshotNumber(db, cycle.id, groupId)) > 0) {
      kept++;
    } else {
      await importPublishedResults(context, {
        programCode: PROGRAM, year: entry.year, groupId, ownerUnitId: ownerUnitId, frameworkVersionId: await versionOf(entry.framework, entry.year),
        decisionNumber: entry.decisionNumber, publishedOn: entry.publishedOn, table, source: `ket-qua-minh-hoa/${entry.file}`,
      });
      imported++;
    }
    const year = perYear.get(entry.year) ?? { groups: 0, units: 0 };
    perYear.set(entry.year, { groups: year.groups + 1, units: year.units + codes.length });
  }
  const years = [...perYear].map(([year, n]) => `${year}: ${n.groups} nhóm, ${n.units} đơn vị`).join('; ');
  return { imported, kept, lines: [`Kết quả các năm trước (minh họa): ${years}; ${imported} nhóm nhập mới${kept ? `, ${kept} nhóm đã có` : ''}`] };
}
