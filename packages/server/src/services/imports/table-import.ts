/**
 * The parts every spreadsheet import of per-unit × criterion figures shares: columns found by their
 * Vietnamese or English names, every problem located (line, column) in Vietnamese, all or nothing.
 */
import type { Table, TableRow } from '../../files/tabular';
import { AppError, type ErrorDetail, type ErrorMessage, msg } from '../errors';

export interface ImportColumn<K extends string> {
  key: K;
  /** The column's Vietnamese name, as the template writes it and errors name it. */
  vi: string;
  aliases: readonly string[];
  optional?: boolean;
}

export const normaliseHeader = (s: string) => s.normalize('NFC').replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');

/** Where each known column is; refuses the file when a required one is missing or it has no data rows. */
export function locateColumns<K extends string>(table: Table, columns: readonly ImportColumn<K>[]): Map<K, number> {
  const aliasOf = new Map(columns.flatMap((c) => [c.vi, ...c.aliases].map((a) => [normaliseHeader(a), c] as const)));
  const at = new Map<K, number>();
  table.header.forEach((h, i) => {
    const c = aliasOf.get(normaliseHeader(h));
    if (c && !at.has(c.key)) at.set(c.key, i);
  });
  const missing = columns.filter((c) => !c.optional && !at.has(c.key));
  if (missing.length > 0) {
    throw new AppError('IMPORT_INVALID', 'Tệp thiếu cột bắt buộc', missing.map((c) => ({ line: table.headerLine, column: c.vi, ...msg('import.missingColumn', { column: c.vi, key: c.key }) })));
  }
  if (table.rows.length === 0) throw new AppError('IMPORT_INVALID', 'Tệp không có dòng dữ liệu nào', [{ line: table.headerLine + 1, ...msg('import.noDataRow') }]);
  return at;
}

/** Reads one row's cells and records its problems with their line and column. */
export function rowReader<K extends string>(row: TableRow, at: Map<K, number>, columns: readonly ImportColumn<K>[], errors: ErrorDetail[]) {
  return {
    cell: (k: K) => {
      const i = at.get(k);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    },
    fail: (k: K, message: ErrorMessage) => {
      const m = typeof message === 'string' ? { message } : message;
      errors.push({ line: row.line, column: columns.find((c) => c.key === k)!.vi, ...m });
    },
  };
}

/** All or nothing: a file with problems imports no row. */
export function assertNoImportErrors(errors: readonly ErrorDetail[]): void {
  if (errors.length > 0) throw new AppError('IMPORT_INVALID', msg('error.importErrors', { count: errors.length }), [...errors]);
}
