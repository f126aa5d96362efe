/**
 * The checks of a unit import, before anything is written: the columns of the file, each row on
 * its own, then the tree as it would be after the import. Pure (no database): every problem is
 * collected with its line and column, so that all of them are reported at once.
 */
import { randomUUID } from 'node:crypto';
import type { UnitRow } from '../../db/repositories/unit-repository';
import type { Table } from '../../files/tabular';
import type { ErrorDetail } from '../errors';
import { parseDay, showDay } from './dates';

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
export type ColumnKey = (typeof unitColumns)[number]['key'];

const requiredColumns: ColumnKey[] = ['code', 'name', 'type', 'validFrom'];

const normalise = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const headerAliases = new Map<string, ColumnKey>(
  unitColumns.flatMap((c) => [
    [normalise(c.key), c.key] as const,
    [normalise(c.vi), c.key] as const,
  ]),
);
headerAliases.set('typecode', 'type');
headerAliases.set('parent', 'parentCode');

export interface ParsedRow {
  line: number;
  code: string;
  name: string;
  shortName: string | null | undefined;
  type: string;
  parentCode: string | null | undefined;
  validFrom: string;
  validTo: string | null;
}

/** Where each column is in the file and the header it was written with; problems collected in `problems`. */
export class ImportColumns {
  private readonly index = new Map<ColumnKey, number>();
  private readonly label = new Map<ColumnKey, string>();

  constructor(
    table: Table,
    private readonly problems: ErrorDetail[],
  ) {
    table.header.forEach((h, i) => {
      const key = headerAliases.get(normalise(h.replace(/^\uFEFF/, '')));
      if (key && !this.index.has(key)) {
        this.index.set(key, i);
        this.label.set(key, h);
      }
    });
    for (const key of requiredColumns) {
      if (!this.index.has(key)) {
        const column = unitColumns.find((c) => c.key === key)!;
        problems.push({ line: table.headerLine, column: column.vi, message: `Thiếu cột “${column.vi}” (${column.key}) ở dòng tiêu đề.` });
      }
    }
  }

  /** A row's cell of this column, trimmed; undefined when the file has no such column. */
  cell(cells: string[], key: ColumnKey): string | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : (cells[i] ?? '').trim();
  }

  /** A problem of a row, named by the column's header as the file writes it. */
  problem(line: number, key: ColumnKey | null, message: string): void {
    this.problems.push(key ? { line, column: this.label.get(key) ?? key, message } : { line, message });
  }
}

/** Each row checked on its own; the rows without a problem, and the first line of each code in the file. */
export function parseRows(table: Table, columns: ImportColumns, types: ReadonlySet<string>): { rows: ParsedRow[]; firstLine: Map<string, number> } {
  const rows: ParsedRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const row = parseRow(line, cells, columns, types, firstLine);
    if (row) rows.push(row);
  }
  return { rows, firstLine };
}

function parseRow(line: number, cells: string[], columns: ImportColumns, types: ReadonlySet<string>, firstLine: Map<string, number>): ParsedRow | null {
  const cell = (key: ColumnKey) => columns.cell(cells, key);
  const code = cell('code') ?? '';
  const name = cell('name') ?? '';
  const type = cell('type') ?? '';
  const shortName = cell('shortName');
  const parentCode = cell('parentCode');
  const fromText = cell('validFrom') ?? '';
  const toText = cell('validTo') ?? '';
  let ok = true;
  const problem = (key: ColumnKey, message: string) => {
    columns.problem(line, key, message);
    ok = false;
  };
  if (!code) problem('code', 'Thiếu mã đơn vị.');
  else if (/\s/.test(code)) problem('code', `Mã “${code}” không được chứa khoảng trắng.`);
  else if (firstLine.has(code)) problem('code', `Mã “${code}” bị trùng với dòng ${firstLine.get(code)}.`);
  else firstLine.set(code, line);
  if (!name) problem('name', 'Thiếu tên đơn vị.');
  if (!type) problem('type', 'Thiếu loại đơn vị.');
  else if (!types.has(type)) problem('type', `Loại đơn vị “${type}” không có trong danh mục (${[...types].join(', ')}).`);
  const validFrom = parseDay(fromText);
  if (!fromText) problem('validFrom', 'Thiếu ngày bắt đầu hiệu lực.');
  else if (!validFrom) problem('validFrom', `Ngày “${fromText}” không hợp lệ (dùng YYYY-MM-DD hoặc dd/MM/yyyy).`);
  const validTo = toText ? parseDay(toText) : null;
  if (toText && !validTo) problem('validTo', `Ngày “${toText}” không hợp lệ (dùng YYYY-MM-DD hoặc dd/MM/yyyy).`);
  else if (validFrom && validTo && validTo < validFrom) problem('validTo', `Ngày kết thúc (${showDay(validTo)}) trước ngày bắt đầu (${showDay(validFrom)}).`);
  if (parentCode && parentCode === code) problem('parentCode', 'Đơn vị không thể là đơn vị cha của chính nó.');
  if (!ok) return null;
  return {
    line, code, name, type, validFrom: validFrom!, validTo,
    shortName: shortName === undefined ? undefined : shortName || null,
    parentCode: parentCode === undefined ? undefined : parentCode || null,
  };
}

/** A unit in the tree as it would be after the import (`line`: its row in the file, null for a unit left as it is). */
export interface TreeNode {
  id: string;
  code: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  line: number | null;
}

/** The units by code after the import: the system's, overwritten by the file's rows (a new unit gets its id here). */
export function treeAfterImport(existing: readonly UnitRow[], rows: readonly ParsedRow[]): Map<string, TreeNode> {
  const byId = new Map(existing.map((u) => [u.id, u]));
  const codeOfId = (id: string | null) => (id ? (byId.get(id)?.code ?? null) : null);
  const nodes = new Map<string, TreeNode>();
  for (const u of existing) nodes.set(u.code, { id: u.id, code: u.code, parentCode: codeOfId(u.parentId), validFrom: u.validFrom, validTo: u.validTo, line: null });
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
  return nodes;
}

/** The tree after the import: parents exist, cover their children's lives, and make no cycle. */
export function checkTree(nodes: ReadonlyMap<string, TreeNode>, rows: readonly ParsedRow[], fileCodes: ReadonlySet<string>, columns: ImportColumns): void {
  for (const r of rows) {
    const node = nodes.get(r.code)!;
    if (node.parentCode === null) continue;
    const parent = nodes.get(node.parentCode);
    if (!parent) {
      // A row that failed on its own is reported there; do not report its children twice.
      if (!fileCodes.has(node.parentCode)) columns.problem(r.line, 'parentCode', `Không tìm thấy đơn vị cha mã “${node.parentCode}” (trong tệp hay trong hệ thống).`);
      continue;
    }
    const coverage = parentCoverage(parent, node);
    if (coverage) columns.problem(r.line, 'parentCode', coverage);
    const cycle = cycleThrough(nodes, node, parent);
    if (cycle) columns.problem(r.line, 'parentCode', `Quan hệ đơn vị cha tạo vòng lặp (${cycle.join(' → ')}).`);
  }
  // Units of the system (not in the file) whose parent the file ends too early.
  for (const child of nodes.values()) {
    if (child.line !== null || child.parentCode === null || !fileCodes.has(child.parentCode)) continue;
    const parent = nodes.get(child.parentCode)!;
    const coverage = parent.line !== null ? parentCoverage(parent, child) : null;
    if (coverage) columns.problem(parent.line!, 'validTo', `Đơn vị trực thuộc ${child.code}: ${coverage}`);
  }
}

/** Walking up from `parent`: the codes met up to the first one met twice (a cycle), or null. */
function cycleThrough(nodes: ReadonlyMap<string, TreeNode>, node: TreeNode, parent: TreeNode): string[] | null {
  const seen = new Set([node.code]);
  for (let up: TreeNode | undefined = parent; up; up = up.parentCode ? nodes.get(up.parentCode) : undefined) {
    if (seen.has(up.code)) return [...seen, up.code];
    seen.add(up.code);
  }
  return null;
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
