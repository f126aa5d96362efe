/**
 * Year over year of a published group (issue 11 §1): its snapshot (the latest, or the number
 * asked for) next to the same units' published results in the program's earlier years, found
 * through the unit itself or its predecessors (unit lineage). The figures are the core's
 * (`earlierYears`, `yearOverYear`); this reads the snapshots and the lineage. Published results
 * are public, so this is too.
 */
import {
  type Framework, type YoyDatedResult, type YoyEarlierResult, type YoyFieldResult, type YoyUnit, type YoyUnitYear, earlierYears, lineageLink, loadFramework, pointsToString,
  USUAL_CLASS_ORDER, yearOverYear,
} from '@chiso/core';
import type { UnitYear, UnitYearOverYear, YearOverYear } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { findVersion } from '../../db/repositories/framework-repository';
import { listAncestors } from '../../db/repositories/history-repository';
import { findSnapshotHead, listPublishedGroups, readSnapshotBody, type SnapshotHead } from '../../db/repositories/result-repository';
import { type EarlierResultRow, listEarlierPublishedResults, listSplitLinks } from '../../db/repositories/year-over-year-repository';
import { notFound } from '../errors';
import { indexText, pointsText, presentSnapshot, type ResultSnapshotView } from '../publication/snapshot';

function earlierResult(r: EarlierResultRow): YoyEarlierResult {
  return {
    unitId: r.unitId, unitCode: r.unitCode, unitName: r.unitName, cycleId: r.cycleId, groupId: r.groupId, groupName: r.groupName,
    achieved: pointsText(r.achieved), applicableMax: pointsText(r.applicableMax), index: indexText(r.indexValue, r.indexDecimals),
    rank: r.rank, rankedUnits: r.rankedUnits, classLabel: r.classLabel,
    fields: r.fields.map((f) => ({
      fieldKey: f.fieldKey, code: f.fieldCode, name: f.fieldName, achieved: pointsText(f.achieved), applicableMax: pointsText(f.applicableMax),
      componentIndex: f.componentIndex === null ? null : indexText(f.componentIndex, r.indexDecimals),
      maxPoints: f.maxPoints === null ? null : pointsText(f.maxPoints),
    })),
  };
}

async function frameworkOfSnapshot(db: Executor, versionId: string | null): Promise<Framework | null> {
  const version = versionId ? await findVersion(db, versionId) : undefined;
  if (!version) return null;
  const loaded = loadFramework(version.document);
  return loaded.ok ? loaded.framework : null;
}

/**
 * Per unit, its earlier years in the program before `year` (newest first), through its lineage.
 * Three statements whatever the number of units.
 */
export async function earlierYearsOfUnits(db: Executor, programCode: string, year: number, unitIds: readonly string[]) {
  const ancestors = await listAncestors(db, unitIds);
  const predecessorIds = [...new Set(ancestors.map((a) => a.unitId))];
  const [found, splits] = await Promise.all([
    listEarlierPublishedResults(db, { programCode, beforeYear: year, unitIds: [...new Set([...unitIds, ...predecessorIds])] }),
    listSplitLinks(db, predecessorIds),
  ]);
  const results = new Map<string, YoyDatedResult[]>();
  for (const r of found) results.set(r.unitId, [...(results.get(r.unitId) ?? []), { year: r.year, result: earlierResult(r) }]);
  const splitLinks = new Set(splits.map((s) => lineageLink(s.predecessorId, s.successorId)));
  return new Map(unitIds.map((unitId) => [unitId, earlierYears({
    unitId, splitLinks, results,
    ancestors: ancestors.filter((a) => a.startId === unitId).map((a) => ({ unitId: a.unitId, successorId: a.successorId })),
  })]));
}

/** A published group as read once: its snapshot, framework (null for an imported one), program and year. */
export interface PublishedGroupRead {
  head: SnapshotHead;
  view: ResultSnapshotView;
  framework: Framework | null;
  programCode: string;
  year: number;
}

/** The core's year over year of a read group; only the given units are compared (all by default), against the whole group's cohort. */
async function figuresOf(db: Executor, g: PublishedGroupRead, unitIds?: ReadonlySet<string>) {
  const maxOf = new Map(g.framework?.nodes.map((n) => [n.key, pointsToString(n.maxPoints)]) ?? []);
  const rows = unitIds ? g.view.rows.filter((r) => unitIds.has(r.unitId)) : g.view.rows;
  return yearOverYear({
    year: g.year,
    indexDecimals: g.head.indexDecimals,
    classOrder: g.framework ? g.framework.settings.classification.bands.map((b) => b.label) : USUAL_CLASS_ORDER,
    rows: rows.map((r) => ({ ...r, fields: r.fields.map((f): YoyFieldResult => ({ ...f, maxPoints: maxOf.get(f.fieldKey) ?? null })) })),
    earlier: await earlierYearsOfUnits(db, g.programCode, g.year, rows.map((r) => r.unitId)),
    // The ranking cohort, named and counted as the earlier results' are (the group's name, every unit of the snapshot).
    groupName: g.head.groupName, rankedUnits: g.view.rows.length,
  });
}

/** Year over year of a published group (GET …/results/:groupId/year-over-year). */
export async function groupYearOverYear(db: Executor, cycleId: string, groupId: string, number?: number): Promise<YearOverYear> {
  const head = await findSnapshotHead(db, cycleId, groupId, number);
  if (!head) throw notFound(number === undefined ? 'kết quả đã công bố của nhóm này' : `kết quả công bố lần ${number} của nhóm này`);
  const [group] = (await listPublishedGroups(db, cycleId)).filter((g) => g.groupId === groupId);
  const view = presentSnapshot(head, await readSnapshotBody(db, head.id));
  const framework = await frameworkOfSnapshot(db, head.frameworkVersionId);
  const figures = await figuresOf(db, { head, view, framework, programCode: group!.programCode, year: group!.year });
  return {
    cycleId, groupId, groupName: head.groupName, program: { code: group!.programCode, name: group!.programName }, year: group!.year, snapshotNumber: head.number,
    ...figures,
    // The contract's shapes carry no framework maximum: it only decided what compares.
    units: figures.units.map(unitView),
  };
}

/** One unit of a group already read (its report card): its change from the earlier years, the group's cohort deciding whether ranks compare. */
export async function unitYearOverYear(db: Executor, g: PublishedGroupRead, unitId: string): Promise<UnitYearOverYear | null> {
  const [unit] = (await figuresOf(db, g, new Set([unitId]))).units;
  return unit ? unitView(unit) : null;
}

const unitView = (u: YoyUnit): UnitYearOverYear => ({ ...u, previous: u.previous && stripYear(u.previous), history: u.history.map(stripYear) });

function stripYear(y: YoyUnitYear): UnitYear {
  return { ...y, results: y.results.map((r) => ({ ...r, fields: r.fields.map(({ maxPoints: _m, ...f }) => f) })) };
}
