import { randomUUID } from 'node:crypto';
import type { Database, Executor } from '../../db/client';
import { bulkUpdateUnits, insertUnits, listAllUnits, listUnits as readUnits, listUnitTypes, type UnitBulkUpdate, type UnitRow } from '../../db/repositories/unit-repository';
import { writeTable, type Table, type TabularFormat } from '../../files/tabular';
import type { Actor } from '../actor';
import { assertAdministrator } from '../access';
import { recordAudit, type AuditChange } from '../audit';
import { AppError, type ErrorDetail } from '../errors';
import { addDays, parseDay, showDay, today } from './dates';
import { isUniqueViolation } from './errors';
import { unitSnapshot } from './views';

/** The columns of unit files, in order, with the Vietnamese headers accepted (and written) alongside. */
export const unitColumns = [
  { key: 'code', vi: 'Mã', width: 18 },
  { key: 'name', vi: 'Tên', width: 50 },
  { key: 'shortName', vi: 'Tên ngắn', width: 30 },
  { key: 'type', vi: 'Loại', width: 16 },
  { key: 'parentCode', vi: 'Mã đơn vị cha', width: 18 },
  { key: 'validFrom', vi: 'Hiệu lực từ', width: 14 },
  { key: 'validTo', vi: 'Hiệu lực đến', width: 14 },
] as const;
type ColumnKey = (typeof unitColumns)[number]['key'];

const requiredColumns: ColumnKey[] = ['code', 'name', 'type', 'validFrom'];
export const maxImportRows = 20_000;

const normalise = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const headerAliases = new Map<string, ColumnKey>(
  unitColumns.flatMap((c) => [
    [normalise(c.key), c.key] as const,
    [normalise(c.vi), c.key] as const,
  ]),
);
headerAliases.set('typecode', 'type');
headerAliases.set('parent', 'parentCode');

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

interface ParsedRow {
  line: number;
  code: string;
  name: string;
  shortName: string | null | undefined;
  type: string;
  parentCode: string | null | undefined;
  validFrom: string;
  validTo: string | null;
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
  const columnIndex = new Map<ColumnKey, number>();
  const label = new Map<ColumnKey, string>();
  table.header.forEach((h, i) => {
    const key = headerAliases.get(normalise(h.replace(/^\uFEFF/, '')));
    if (key && !columnIndex.has(key)) {
      columnIndex.set(key, i);
      label.set(key, h);
    }
  });
  for (const key of requiredColumns) {
    if (!columnIndex.has(key)) {
      const column = unitColumns.find((c) => c.key === key)!;
      problems.push({ line: table.headerLine, column: column.vi, message: `Thiếu cột “${column.vi}” (${column.key}) ở dòng tiêu đề.` });
    }
  }
  if (problems.length) throw importInvalid(problems);
  if (table.rows.length === 0) throw importInvalid([{ line: table.headerLine + 1, message: 'Tệp không có dòng dữ liệu nào.' }]);
  if (table.rows.length > maxImportRows) throw importInvalid([{ line: table.headerLine, message: `Tệp có quá nhiều dòng (tối đa ${maxImportRows}).` }]);

  return db.transaction(async (tx) => {
    const types = new Set((await listUnitTypes(tx)).map((t) => t.code));
    const existing = await listAllUnits(tx);
    const byCode = new Map(existing.map((u) => [u.code, u]));
    const byId = new Map(existing.map((u) => [u.id, u]));

    const problem = (line: number, key: ColumnKey | null, message: string) =>
      problems.push(key ? { line, column: label.get(key) ?? key, message } : { line, message });
    const cell = (cells: string[], key: ColumnKey): string | undefined => {
      const i = columnIndex.get(key);
      return i === undefined ? undefined : (cells[i] ?? '').trim();
    };

    // 1. Each row on its own.
    const rows: ParsedRow[] = [];
    const firstLine = new Map<string, number>();
    for (const { line, cells } of table.rows) {
      const code = cell(cells, 'code') ?? '';
      const name = cell(cells, 'name') ?? '';
      const type = cell(cells, 'type') ?? '';
      const shortName = cell(cells, 'shortName');
      const parentCode = cell(cells, 'parentCode');
      const fromText = cell(cells, 'validFrom') ?? '';
      const toText = cell(cells, 'validTo') ?? '';
      let ok = true;
      if (!code) {
        problem(line, 'code', 'Thiếu mã đơn vị.');
        ok = false;
      } else if (/\s/.test(code)) {
        problem(line, 'code', `Mã “${code}” không được chứa khoảng trắng.`);
        ok = false;
      } else if (firstLine.has(code)) {
        problem(line, 'code', `Mã “${code}” bị trùng với dòng ${firstLine.get(code)}.`);
        ok = false;
      } else firstLine.set(code, line);
      if (!name) {
        problem(line, 'name', 'Thiếu tên đơn vị.');
        ok = false;
      }
      if (!type) {
        problem(line, 'type', 'Thiếu loại đơn vị.');
        ok = false;
      } else if (!types.has(type)) {
        problem(line, 'type', `Loại đơn vị “${type}” không có trong danh mục (${[...types].join(', ')}).`);
        ok = false;
      }
      const validFrom = parseDay(fromText);
      if (!fromText) {
        problem(line, 'validFrom', 'Thiếu ngày bắt đầu hiệu lực.');
        ok = false;
      } else if (!validFrom) {
        problem(line, 'validFrom', `Ngày “${fromText}” không hợp lệ (dùng YYYY-MM-DD hoặc dd/MM/yyyy).`);
        ok = false;
      }
      const validTo = toText ? parseDay(toText) : null;
      if (toText && !validTo) {
        problem(line, 'validTo', `Ngày “${toText}” không hợp lệ (dùng YYYY-MM-DD hoặc dd/MM/yyyy).`);
        ok = false;
      } else if (validFrom && validTo && validTo < validFrom) {
        problem(line, 'validTo', `Ngày kết thúc (${showDay(validTo)}) trước ngày bắt đầu (${showDay(validFrom)}).`);
        ok = false;
      }
      if (parentCode && parentCode === code) {
        problem(line, 'parentCode', 'Đơn vị không thể là đơn vị cha của chính nó.');
        ok = false;
      }
      if (ok) rows.push({ line, code, name, shortName: shortName === undefined ? undefined : shortName || null, type, parentCode: parentCode === undefined ? undefined : parentCode || null, validFrom: validFrom!, validTo });
    }

    // 2. The tree as it would be after the import: parents exist, cover their children, no cycles.
    interface Node {
      id: string;
      code: string;
      parentCode: string | null;
      validFrom: string;
      validTo: string | null;
      line: number | null;
    }
    const nodes = new Map<string, Node>();
    const codeOfId = (id: string | null) => (id ? (byId.get(id)?.code ?? null) : null);
    for (const u of existing) nodes.set(u.code, { id: u.id, code: u.code, parentCode: codeOfId(u.parentId), validFrom: u.validFrom, validTo: u.validTo, line: null });
    const fileCodes = new Set(firstLine.keys());
    for (const r of rows) {
      const before = nodes.get(r.code);
      nodes.set(r.code, {
        id: before?.id ?? randomUUID(),
        code: r.code,
        parentCode: r.parentCode === undefined ? (before?.parentCode ?? null) : r.parentCode,
        validFrom: r.validFrom,
        validTo: r.validTo,
        line: r.line,
      });
    }
    for (const r of rows) {
      const node = nodes.get(r.code)!;
      if (node.parentCode === null) continue;
      const parent = nodes.get(node.parentCode);
      if (!parent) {
        // A row that failed on its own is reported there; do not report its children twice.
        if (!fileCodes.has(node.parentCode)) problem(r.line, 'parentCode', `Không tìm thấy đơn vị cha mã “${node.parentCode}” (trong tệp hay trong hệ thống).`);
        continue;
      }
      const coverage = parentCoverage(parent, node);
      if (coverage) problem(r.line, 'parentCode', coverage);
      // Walk up: a cycle brings us back to this code.
      const seen = new Set([node.code]);
      for (let up: Node | undefined = parent; up; up = up.parentCode ? nodes.get(up.parentCode) : undefined) {
        if (seen.has(up.code)) {
          problem(r.line, 'parentCode', `Quan hệ đơn vị cha tạo vòng lặp (${[...seen, up.code].join(' → ')}).`);
          break;
        }
        seen.add(up.code);
      }
    }
    // Units of the system (not in the file) whose parent the file ends too early.
    for (const child of nodes.values()) {
      if (child.line !== null || child.parentCode === null || !fileCodes.has(child.parentCode)) continue;
      const parent = nodes.get(child.parentCode)!;
      const coverage = parent.line !== null ? parentCoverage(parent, child) : null;
      if (coverage) problem(parent.line!, 'validTo', `Đơn vị trực thuộc ${child.code}: ${coverage}`);
    }
    if (problems.length) throw importInvalid(problems);

    // 3. Write: one multi-row insert, one set-based update, audit events in batches.
    const creates: UnitRow[] = [];
    const updates: UnitBulkUpdate[] = [];
    const audits: AuditChange[] = [];
    const reason = options.source ? `Nhập từ tệp ${options.source}` : 'Nhập từ tệp';
    let unchanged = 0;
    for (const r of rows) {
      const node = nodes.get(r.code)!;
      const parentId = node.parentCode === null ? null : nodes.get(node.parentCode)!.id;
      const before = byCode.get(r.code);
      if (!before) {
        creates.push({ id: node.id, code: r.code, name: r.name, shortName: r.shortName ?? null, typeCode: r.type, parentId, validFrom: r.validFrom, validTo: r.validTo, formerNames: [], version: 1, createdAt: new Date(), updatedAt: new Date() });
        continue;
      }
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
      if (same) {
        unchanged++;
        continue;
      }
      if (next.name !== before.name) {
        const until = addDays(before.validTo && before.validTo < now ? addDays(before.validTo, 1) : now, -1);
        if (until >= before.validFrom) next.formerNames = [...before.formerNames, { name: before.name, until }];
      }
      updates.push(next);
      audits.push({ entityType: 'unit', entityId: before.id, action: 'update', before: unitSnapshot(before), after: { ...unitSnapshot(before), ...next, version: before.version + 1, code: before.code }, reason });
    }
    for (const c of creates) audits.push({ entityType: 'unit', entityId: c.id, action: 'create', after: unitSnapshot(c), reason });
    const result = { created: creates.length, updated: updates.length, unchanged, dryRun: options.dryRun };
    if (options.dryRun) return result;
    try {
      await insertUnits(tx, creates);
      await bulkUpdateUnits(tx, updates);
    } catch (error) {
      if (isUniqueViolation(error, 'units_code_key')) throw new AppError('CONFLICT', 'Một mã đơn vị vừa được người khác tạo trong lúc nhập. Hãy nhập lại.');
      throw error;
    }
    for (let i = 0; i < audits.length; i += 2000) await recordAudit(tx, actor, ...audits.slice(i, i + 2000));
    return result;
  });
}

/** Why `parent` cannot hold `child` over the child's life (null when it can): an open child needs an open parent. */
function parentCoverage(parent: { code: string; validFrom: string; validTo: string | null }, child: { validFrom: string; validTo: string | null }): string | null {
  const childEnd = child.validTo;
  if (parent.validTo !== null && (childEnd === null || childEnd > parent.validTo)) {
    return `Đơn vị cha ${parent.code} kết thúc ngày ${showDay(parent.validTo)}, trước khi đơn vị này kết thúc.`;
  }
  const lastDay = childEnd ?? '9999-12-31';
  if (parent.validFrom > lastDay) return `Đơn vị cha ${parent.code} bắt đầu ngày ${showDay(parent.validFrom)}, sau khi đơn vị này đã kết thúc.`;
  return null;
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
