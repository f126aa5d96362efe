import type { Database, Executor } from '../../db/client';
import { bulkUpdateUnits, insertUnits, listAllUnits, listUnits as readUnits, listUnitTypes, type UnitBulkUpdate, type UnitRow } from '../../db/repositories/unit-repository';
import { writeTable, type Table, type TabularFormat } from '../../files/tabular';
import type { Actor } from '../actor';
import { assertAdministrator } from '../policies/roles';
import { recordAudit, type AuditChange } from '../audit';
import { AppError, type ErrorDetail } from '../errors';
import { addDays, today } from './dates';
import { isUniqueViolation } from './errors';
import { ImportColumns, type ParsedRow, type TreeNode, checkTree, parseRows, treeAfterImport, unitColumns } from './unit-import-check';
import { unitSnapshot } from './views';

export { unitColumns } from './unit-import-check';

export const maxImportRows = 20_000;

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

const importInvalid = (details: ErrorDetail[]) =>
  new AppError(
    'IMPORT_INVALID',
    `Tệp có ${new Set(details.map((d) => d.line)).size} dòng không hợp lệ; chưa nhập dòng nào. Hãy sửa các dòng được liệt kê rồi nhập lại.`,
    details.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  );

/**
 * Imports units from a table: every row is checked first; if any row is wrong nothing is written
 * and every problem is reported with its line and column. New codes are created, known codes updated.
 */
export async function importUnits(db: Database, actor: Actor, table: Table, options: { dryRun: boolean; source?: string; now?: string }): Promise<ImportResult> {
  assertAdministrator(actor);
  const now = options.now ?? today();
  const problems: ErrorDetail[] = [];
  const columns = new ImportColumns(table, problems);
  if (problems.length) throw importInvalid(problems);
  if (table.rows.length === 0) throw importInvalid([{ line: table.headerLine + 1, message: 'Tệp không có dòng dữ liệu nào.' }]);
  if (table.rows.length > maxImportRows) throw importInvalid([{ line: table.headerLine, message: `Tệp có quá nhiều dòng (tối đa ${maxImportRows}).` }]);

  return db.transaction(async (tx) => {
    const types = new Set((await listUnitTypes(tx)).map((t) => t.code));
    const existing = await listAllUnits(tx);
    // 1. Each row on its own. 2. The tree as it would be after the import.
    const { rows, firstLine } = parseRows(table, columns, types);
    const nodes = treeAfterImport(existing, rows);
    checkTree(nodes, rows, new Set(firstLine.keys()), columns);
    if (problems.length) throw importInvalid(problems);

    // 3. Write: one multi-row insert, one set-based update, audit events in batches.
    const plan = planImport(rows, nodes, new Map(existing.map((u) => [u.code, u])), now, options.source ? `Nhập từ tệp ${options.source}` : 'Nhập từ tệp');
    const result = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, dryRun: options.dryRun };
    if (options.dryRun) return result;
    try {
      await insertUnits(tx, plan.creates);
      await bulkUpdateUnits(tx, plan.updates);
    } catch (error) {
      if (isUniqueViolation(error, 'units_code_key')) throw new AppError('CONFLICT', 'Một mã đơn vị vừa được người khác tạo trong lúc nhập. Hãy nhập lại.');
      throw error;
    }
    for (let i = 0; i < plan.audits.length; i += 2000) await recordAudit(tx, actor, ...plan.audits.slice(i, i + 2000));
    return result;
  });
}

interface ImportPlan {
  creates: UnitRow[];
  updates: UnitBulkUpdate[];
  audits: AuditChange[];
  unchanged: number;
}

/** What the checked rows change: units to create, units to update (a renamed one keeps its former name), their audit. */
function planImport(rows: readonly ParsedRow[], nodes: ReadonlyMap<string, TreeNode>, byCode: ReadonlyMap<string, UnitRow>, now: string, reason: string): ImportPlan {
  const plan: ImportPlan = { creates: [], updates: [], audits: [], unchanged: 0 };
  for (const r of rows) {
    const node = nodes.get(r.code)!;
    const parentId = node.parentCode === null ? null : nodes.get(node.parentCode)!.id;
    const before = byCode.get(r.code);
    if (!before) {
      plan.creates.push({ id: node.id, code: r.code, name: r.name, shortName: r.shortName ?? null, typeCode: r.type, parentId, validFrom: r.validFrom, validTo: r.validTo, formerNames: [], version: 1, createdAt: new Date(), updatedAt: new Date() });
      continue;
    }
    const next = updateOf(before, r, parentId, now);
    if (!next) {
      plan.unchanged++;
      continue;
    }
    plan.updates.push(next);
    plan.audits.push({ entityType: 'unit', entityId: before.id, action: 'update', before: unitSnapshot(before), after: { ...unitSnapshot(before), ...next, version: before.version + 1, code: before.code }, reason });
  }
  for (const c of plan.creates) plan.audits.push({ entityType: 'unit', entityId: c.id, action: 'create', after: unitSnapshot(c), reason });
  return plan;
}

/** A known unit as the row describes it, or null when the row changes nothing; a new name keeps the old one until yesterday. */
function updateOf(before: UnitRow, r: ParsedRow, parentId: string | null, now: string): UnitBulkUpdate | null {
  const next: UnitBulkUpdate = {
    id: before.id,
    name: r.name,
    shortName: r.shortName === undefined ? before.shortName : r.shortName,
    typeCode: r.type,
    parentId,
    validFrom: r.validFrom,
    validTo: r.validTo,
    formerNames: before.formerNames,
  };
  const same =
    next.name === before.name && next.shortName === before.shortName && next.typeCode === before.typeCode && next.parentId === before.parentId && next.validFrom === before.validFrom && next.validTo === before.validTo;
  if (same) return null;
  if (next.name !== before.name) {
    const until = addDays(before.validTo && before.validTo < now ? addDays(before.validTo, 1) : now, -1);
    if (until >= before.validFrom) next.formerNames = [...before.formerNames, { name: before.name, until }];
  }
  return next;
}

/** The unit file: all units, or those existing on `at`, ordered by code. */
export async function exportUnits(db: Executor, format: TabularFormat, options: { at?: string; vietnameseHeaders?: boolean }): Promise<Buffer> {
  const rows = options.at ? await readUnits(db, { at: options.at }) : await listAllUnits(db);
  const all = options.at ? await listAllUnits(db) : rows;
  const codeOf = new Map(all.map((u) => [u.id, u.code]));
  const header = unitColumns.map((c) => (options.vietnameseHeaders ? c.vi : c.key));
  const body = rows.map((u) => [u.code, u.name, u.shortName, u.typeCode, u.parentId ? (codeOf.get(u.parentId) ?? null) : null, u.validFrom, u.validTo]);
  return writeTable(format, header, body, { sheetName: 'Don vi', widths: unitColumns.map((c) => c.width) });
}
