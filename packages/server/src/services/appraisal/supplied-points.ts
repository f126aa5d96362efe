/**
 * Survey points supplied from outside (điều tra xã hội học run elsewhere): imported per unit and
 * survey criterion from CSV or XLSX, until the survey module exists. All or nothing: every bad row
 * is reported with its line and column, in Vietnamese. Consolidation reads them as `supplied`.
 */
import {
  type Framework, type FrameworkNode, type UnitInputs, compareRational, formatPoints, loadFramework, normalizeDecimal, parseDecimal,
  pointsToRational, pointsToString, rationalFromDecimal, resolveValue, unitsToPlain, walkNodes, cycleRefusal, type CycleStatus,
} from '@chiso/core';
import type { Database, Executor } from '../../db/client';
import { frameworkDocuments, importTargets, listSuppliedPoints, upsertSuppliedPoints, type ImportTargetUnit } from '../../db/repositories/supplied-points-repository';
import { listPublishedGroups } from '../../db/repositories/result-repository';
import type { Table } from '../../files/tabular';
import type { Actor } from '../actor';
import { assertAdministersCycleId } from '../cycles/owner';
import { recordAudit } from '../audit';
import { AppError, type ErrorDetail, msg, notFound, refusalError } from '../errors';
import { assertNoImportErrors, type ImportColumn, locateColumns, normaliseHeader, rowReader } from '../imports/table-import';

type Column = 'unit' | 'criterion' | 'points';
const columns: readonly ImportColumn<Column>[] = [
  { key: 'unit', vi: 'Mã đơn vị', aliases: ['unit', 'unitcode', 'unit code', 'đơn vị', 'mã đơn vị'] },
  { key: 'criterion', vi: 'Tiêu chí', aliases: ['criterion', 'criterion code', 'key', 'tiêu chí', 'mã tiêu chí'] },
  { key: 'points', vi: 'Điểm', aliases: ['points', 'điểm', 'điểm điều tra'] },
];
const normalise = normaliseHeader;

/** Decimals a supplied survey figure may have (the column's scale): an average such as 3,1875 stays exact. */
const SURVEY_DECIMALS = 6;

/** A supplied survey figure as canonical exact text ("3.1875"), or null when it is not one (negative, too many decimals). */
function surveyPoints(text: string): string | null {
  const d = parseDecimal(text);
  if (d === null || d.units < 0n) return null;
  const n = normalizeDecimal(d);
  return n.scale > SURVEY_DECIMALS ? null : unitsToPlain(n.units, n.scale);
}

export interface SuppliedImportResult {
  imported: number;
  /** Rows naming a unit and a survey criterion but no points (or, in a published group, the figure already stored): skipped. */
  blank: number;
  dryRun: boolean;
}

/** Leaves of a framework by key and by code (the importer then checks that the rule is a survey). */
function surveyLeaves(framework: Framework): { byKey: Map<string, FrameworkNode>; byCode: Map<string, FrameworkNode> } {
  const byKey = new Map<string, FrameworkNode>();
  const byCode = new Map<string, FrameworkNode>();
  for (const { node } of walkNodes(framework.nodes)) {
    if (node.children.length > 0) continue;
    byKey.set(node.key, node);
    byCode.set(normalise(node.code), node);
  }
  return { byKey, byCode };
}

function loadCycleFramework(document: unknown): Framework {
  const loaded = loadFramework(document);
  if (!loaded.ok) throw new Error('a published framework version failed to load');
  return loaded.framework;
}

/** The framework of each participating group, with its leaves, by framework version id. */
async function targetFrameworks(db: Executor, units: readonly ImportTargetUnit[]) {
  const docs = await frameworkDocuments(db, [...new Set(units.flatMap((u) => (u.frameworkVersionId ? [u.frameworkVersionId] : [])))]);
  return new Map([...docs].map(([id, doc]) => {
    const fw = loadCycleFramework(doc);
    return [id, { fw, leaves: surveyLeaves(fw) }] as const;
  }));
}

/**
 * Survey points of a published group are part of its published results: they are not imported again
 * (a row giving the stored figure is left as it is). A correction goes through an amendment.
 */
async function publishedGuard(db: Executor, cycleId: string) {
  const groups = new Map((await listPublishedGroups(db, cycleId)).map((g) => [g.groupId, g.groupName]));
  const stored = groups.size === 0 ? new Map<string, string | null>() : new Map((await listSuppliedPoints(db, cycleId)).map((r) => [`${r.unitId}\u0000${r.nodeKey}`, surveyPoints(r.points)]));
  return {
    /** Undefined: may import; 'unchanged': same figure as stored, skip; otherwise the refusal. */
    refuse(unit: ImportTargetUnit, id: string, points: string): string | 'unchanged' | undefined {
      const group = groups.get(unit.groupId);
      if (group === undefined) return undefined;
      if (stored.get(id) === points) return 'unchanged';
      return `Nhóm “${group}” đã công bố kết quả: không nhập lại điểm điều tra của đơn vị ${unit.code} được. ` +
        'Kết quả đã công bố chỉ được sửa bằng một lần đính chính có lý do (kỳ đánh giá › thẻ Công bố › Đính chính). Xóa dòng này khỏi tệp để nhập các dòng còn lại.';
    },
  };
}

/** Imports supplied survey points into a cycle (its administrator). */
export async function importSuppliedPoints(
  db: Database,
  actor: Actor,
  cycleId: string,
  table: Table,
  options: { dryRun?: boolean; source?: string; now?: Date } = {},
): Promise<SuppliedImportResult> {
  await assertAdministersCycleId(db, actor, cycleId);
  const targets = await importTargets(db, cycleId);
  if (!targets) throw notFound('kỳ đánh giá');
  const refused = cycleRefusal(targets.status as CycleStatus, 'import_supplied_points');
  if (refused) throw refusalError(refused);

  const at = locateColumns(table, columns);

  const frameworks = await targetFrameworks(db, targets.units);
  const unitByCode = new Map(targets.units.map((u) => [normalise(u.code), u]));
  const published = await publishedGuard(db, cycleId);

  const errors: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  const rows: { unitId: string; unitCode: string; nodeKey: string; nodeCode: string; points: string }[] = [];
  let blank = 0;
  let unchanged = 0;
  for (const row of table.rows) {
    const { cell, fail } = rowReader(row, at, columns, errors);
    const unitCode = cell('unit');
    const criterion = cell('criterion');
    const pointsText = cell('points');
    const unit = unitCode ? unitByCode.get(normalise(unitCode)) : undefined;
    if (!unitCode) fail('unit', msg('import.unitCodeMissing'));
    else if (!unit) fail('unit', msg('import.unitNotInCycle', { unit: unitCode }));
    const fw = unit?.frameworkVersionId ? frameworks.get(unit.frameworkVersionId) : undefined;
    if (unit && !fw) fail('unit', msg('import.unitWithoutFramework', { unit: unitCode }));
    let node: FrameworkNode | undefined;
    if (!criterion) fail('criterion', msg('import.criterionMissing'));
    else if (fw) {
      node = fw.leaves.byKey.get(criterion) ?? fw.leaves.byCode.get(normalise(criterion));
      if (!node) fail('criterion', msg('import.noSuchCriterion', { criterion }));
      else if (node.rule?.type !== 'survey') {
        fail('criterion', msg('import.notSurveyCriterion', { code: node.code }));
        node = undefined;
      }
    }
    // A row of the template left without points: not surveyed (yet), nothing to import.
    if (pointsText === '' && unit && node) {
      blank += 1;
      continue;
    }
    const p = pointsText === '' ? null : surveyPoints(pointsText);
    if (pointsText === '') fail('points', msg('import.pointsMissing'));
    else if (p === null) fail('points', msg('import.pointsInvalid', { text: pointsText, decimals: SURVEY_DECIMALS }));
    if (!unit || !node || !fw || p === null) continue;
    if (compareRational(rationalFromDecimal(parseDecimal(p)!), pointsToRational(node.maxPoints)) > 0) {
      fail('points', msg('import.pointsAboveMax', { code: node.code, points: p, max: formatPoints(node.maxPoints, { style: 'plain' }) }));
      continue;
    }
    const resolved = resolveValue(node, { input: { kind: 'survey', points: p } }, fw.fw.settings.rounding);
    if (!resolved.ok) {
      fail('points', resolved.error);
      continue;
    }
    const id = `${unit.unitId}\u0000${node.key}`;
    const refusal = published.refuse(unit, id, p);
    if (refusal === 'unchanged') {
      blank += 1;
      unchanged += 1;
      continue;
    }
    if (refusal) {
      fail('points', refusal);
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      fail('criterion', msg('import.duplicateRow', { line: earlier, unit: unit.code, code: node.code }));
      continue;
    }
    seen.set(id, row.line);
    rows.push({ unitId: unit.unitId, unitCode: unit.code, nodeKey: node.key, nodeCode: node.code, points: p });
  }
  assertNoImportErrors(errors);
  if (rows.length === 0) {
    throw new AppError('IMPORT_INVALID', 'Tệp chưa có điểm nào để nhập', [{ line: table.headerLine + 1, column: 'Điểm', ...msg(unchanged > 0 ? 'import.allBlankOrUnchangedPoints' : 'import.allBlankPoints') }]);
  }
  if (options.dryRun) return { imported: rows.length, blank, dryRun: true };

  const source = options.source?.trim() || 'import';
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    const before = await listSuppliedPoints(tx, cycleId, [...new Set(rows.map((r) => r.unitId))]);
    const beforeOf = new Map(before.map((b) => [`${b.unitId}\u0000${b.nodeKey}`, b.points]));
    await upsertSuppliedPoints(tx, rows.map((r) => ({
      cycleId, unitId: r.unitId, nodeKey: r.nodeKey, points: r.points, source, importedAt: now, importedBy: actor.userId || null,
    })));
    await recordAudit(tx, actor, {
      entityType: 'cycle',
      entityId: cycleId,
      action: 'import_supplied_points',
      before: rows.flatMap((r) => {
        const b = beforeOf.get(`${r.unitId}\u0000${r.nodeKey}`);
        return b === undefined ? [] : [{ unit: r.unitCode, criterion: r.nodeCode, points: surveyPoints(b) }];
      }),
      after: { source, rows: rows.map((r) => ({ unit: r.unitCode, criterion: r.nodeCode, points: r.points })) },
    });
  });
  return { imported: rows.length, blank, dryRun: false };
}

/** Supplied survey inputs of a cycle's units, per unit, for consolidation (`GroupMember.supplied`). */
export async function suppliedInputs(executor: Executor, cycleId: string, unitIds?: readonly string[]): Promise<Map<string, UnitInputs>> {
  const out = new Map<string, Record<string, UnitInputs[string]>>();
  for (const r of await listSuppliedPoints(executor, cycleId, unitIds)) {
    const m = out.get(r.unitId) ?? {};
    m[r.nodeKey] = { kind: 'survey', points: surveyPoints(r.points)! };
    out.set(r.unitId, m);
  }
  return out as Map<string, UnitInputs>;
}

/** The import template's columns; the importer reads the ones it knows and ignores the rest. */
export const templateHeader = ['Mã đơn vị', 'Tên đơn vị', 'Tiêu chí', 'Nội dung tiêu chí', 'Điểm tối đa', 'Điểm'] as const;

/**
 * The import template of a cycle (its administrator): one row per participating unit and survey
 * criterion of its group's framework, with the points stored so far (blank where none yet).
 */
export async function suppliedPointsTemplate(db: Database, actor: Actor, cycleId: string): Promise<(string | number | null)[][]> {
  await assertAdministersCycleId(db, actor, cycleId);
  const targets = await importTargets(db, cycleId);
  if (!targets) throw notFound('kỳ đánh giá');
  const frameworks = await targetFrameworks(db, targets.units);
  const stored = new Map((await listSuppliedPoints(db, cycleId)).map((r) => [`${r.unitId}\u0000${r.nodeKey}`, r.points]));
  const rows: (string | number | null)[][] = [];
  for (const unit of targets.units) {
    const fw = unit.frameworkVersionId ? frameworks.get(unit.frameworkVersionId) : undefined;
    if (!fw) continue;
    for (const { node } of walkNodes(fw.fw.nodes)) {
      if (node.children.length > 0 || node.rule?.type !== 'survey') continue;
      const points = stored.get(`${unit.unitId}\u0000${node.key}`);
      // Numbers for Excel: at most 6 decimals, which a double's shortest form writes back exactly.
      rows.push([unit.code, unit.name, node.code, node.name, Number(pointsToString(node.maxPoints)), points === undefined ? null : Number(points)]);
    }
  }
  return rows;
}
