// exceljs (~1,5 s of CPU to load) is imported where an XLSX is read or written, not with this module.
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { loadExcel } from './lazy-modules';
import { loadXlsx, XlsxLimitError } from './xlsx-guard';
import { readXlsxOffThread } from './xlsx-thread';
import { detectTextEncoding, textEncodingNames, type TextEncoding } from '@chiso/core';

/**
 * A small tabular adapter: reads CSV or XLSX into header + rows of strings (with the line each row
 * came from), and writes rows back as CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly) or
 * XLSX. Imports of any kind (units, users, frameworks…) build on it.
 */
export type TabularFormat = 'csv' | 'xlsx';

export interface TableRow {
  /** 1-based line (CSV) or row number (XLSX) in the file, for error messages. */
  line: number;
  cells: string[];
}

export interface Table {
  header: string[];
  headerLine: number;
  rows: TableRow[];
}

export class TabularError extends Error {
  /** The line (CSV) or row (XLSX) at fault, when there is one. */
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Why a text file that is not UTF-8 cannot be read, naming its encoding and how to convert it
 * (decoding it as UTF-8 would store "�" for every accented letter).
 */
export function notUtf8Message(encoding: Exclude<TextEncoding, 'utf-8'>, kind: 'csv' | 'json' = 'csv'): string {
  const file = kind === 'csv' ? 'Tệp CSV' : 'Tệp JSON';
  const saveAs = kind === 'csv' ? 'lưu lại với kiểu “CSV UTF-8” (Excel: Lưu thành › CSV UTF-8) rồi nhập lại.' : 'lưu lại với mã UTF-8 rồi nhập lại.';
  if (encoding === 'unknown') return `${file} không phải mã UTF-8. Hãy ${saveAs}`;
  const problem = `${file} dùng bảng mã ${textEncodingNames[encoding]}, không phải Unicode UTF-8, nên chữ có dấu sẽ bị lỗi.`;
  return encoding === 'tcvn3' ? `${problem} Hãy chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey), ${saveAs}` : `${problem} Hãy ${saveAs}`;
}

export const contentTypes: Record<TabularFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Tells CSV from XLSX by content (XLSX is a ZIP archive), falling back to the file name. */
export function detectFormat(buffer: Buffer, filename = ''): TabularFormat | null {
  if (buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04) return 'xlsx';
  if (/\.xlsx$/i.test(filename)) return 'xlsx';
  if (/\.(csv|txt)$/i.test(filename) || buffer.length === 0 || !buffer.subarray(0, 4096).includes(0)) return 'csv';
  return null;
}

export async function readTable(buffer: Buffer, format: TabularFormat): Promise<Table> {
  const table = format === 'csv' ? readCsv(buffer) : await readXlsxOffThread(buffer, (message, line) => new TabularError(message, line));
  refuseNul(table);
  if (format === 'xlsx') refuseLegacyFont(table);
  return table;
}

/**
 * Text typed in Excel with a TCVN3 font (.VnTime, the ABC keyboard) is stored as the Latin-1
 * characters of its bytes ("Së T− ph¸p" for "Sở Tư pháp"): a sheet with no character beyond
 * U+00FF whose bytes read as TCVN3 is refused (a Unicode sheet of Vietnamese has ư, ơ, đ, ạ…).
 */
function refuseLegacyFont(table: Table): void {
  const text = [table.header, ...table.rows.map((row) => row.cells)].map((cells) => cells.join('\t')).join('\n');
  if (/[\u0100-\uffff]/.test(text) || detectTextEncoding(Buffer.from(text, 'latin1')) !== 'tcvn3') return;
  throw new TabularError(
    `Tệp Excel có chữ gõ bằng phông ${textEncodingNames.tcvn3}, không phải Unicode, nên chữ có dấu sẽ bị lỗi. ` +
      'Hãy chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại.',
    table.headerLine,
  );
}

/** PostgreSQL cannot store U+0000 in text: a cell holding one is refused here, naming where it is. */
function refuseNul(table: Table): void {
  for (const row of [{ line: table.headerLine, cells: table.header }, ...table.rows]) {
    const column = row.cells.findIndex((cell) => cell.includes('\u0000'));
    if (column < 0) continue;
    const name = table.header[column]?.replaceAll('\u0000', '');
    throw new TabularError(`Dòng ${row.line}, ${name ? `cột “${name}”` : `cột thứ ${column + 1}`}: ô có ký tự NUL (mã 0), không lưu được. Hãy xóa ký tự này rồi nhập lại.`, row.line);
  }
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * Every line ending a CSV may mix (Excel's CRLF template with rows pasted or appended with LF, an old
 * Mac's CR): csv-parse otherwise keeps the first one it meets and reads the rest as one row.
 */
export const CSV_LINE_ENDS = ['\r\n', '\n', '\r'];
export const firstCsvLine = (text: string): string => text.split(/\r\n|\n|\r/, 1)[0] ?? '';

function readCsv(buffer: Buffer): Table {
  const encoding = detectTextEncoding(buffer);
  if (encoding !== 'utf-8') throw new TabularError(notUtf8Message(encoding), 1);
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = firstCsvLine(text);
  // Excel in a Vietnamese locale saves with semicolons; take whichever separator the header uses most.
  const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, record_delimiter: CSV_LINE_ENDS, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new TabularError(`Không đọc được tệp CSV: ${(error as Error).message}`);
  }
  const rows = records.map((r) => ({ line: r.info.lines, cells: r.record.map((c) => unescapeCsvCell(c ?? '')) })).filter((r) => !isBlank(r.cells));
  const [header, ...body] = rows;
  if (!header) return { header: [], headerLine: 1, rows: [] };
  return { header: header.cells.map((c) => c.trim()), headerLine: header.line, rows: body };
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    // An error, or a formula Excel never computed: no text (not "[object Object]").
    return '';
  }
  return String(value);
}

/** A worksheet as text: its name and its non-empty rows (line, column → text). Plain data: it crosses threads. */
export interface SheetCells {
  name: string;
  rows: { line: number; cells: Map<number, string> }[];
}

/** Every sheet of the workbook as text, read in this thread (the worker of xlsx-thread.ts runs it). */
export async function readWorkbookCells(buffer: Buffer): Promise<SheetCells[]> {
  const workbook = await loadXlsx(buffer);
  return workbook.worksheets.map((sheet) => {
    const rows: SheetCells['rows'] = [];
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      const cells = new Map<number, string>();
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const text = cellText(cell.value);
        if (text.trim() !== '') cells.set(col, text);
      });
      if (cells.size > 0) rows.push({ line, cells });
    });
    return { name: sheet.name, rows };
  });
}

/** The first sheet, read in this thread (the worker of xlsx-thread.ts runs it). */
export async function readXlsx(buffer: Buffer): Promise<Table> {
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await loadXlsx(buffer);
  } catch (error) {
    throw new TabularError(error instanceof XlsxLimitError ? error.message : `Không đọc được tệp Excel: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], headerLine: 1, rows: [] };
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(row.getCell(i).value));
    if (!isBlank(cells)) rows.push({ line: rowNumber, cells });
  });
  const [header, ...body] = rows;
  if (!header) return { header: [], headerLine: 1, rows: [] };
  return { header: header.cells.map((c) => c.trim()), headerLine: header.line, rows: body };
}

export interface WriteOptions {
  sheetName?: string;
  /** Column widths for XLSX, in characters. */
  widths?: number[];
  /** XLSX: columns (0-based) whose long texts wrap inside their width instead of being cut off. */
  wrapColumns?: number[];
  /** XLSX: further sheets after the data (e.g. instructions), rows of text; readers take only the first sheet. */
  extraSheets?: { name: string; rows: (string | number)[][]; widths?: number[] }[];
}

/**
 * CSV injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or CR, which some strip
 * first) as a formula. Such a text cell is written with a leading apostrophe, so it opens as text.
 * Numbers stay numbers: a JS number is written as it is (negative ones too), and so is text that is
 * a plain number ("-1,5", "+3"), which no spreadsheet runs. XLSX needs none of this: exceljs writes
 * strings as strings, never formulas.
 */
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?\d+([.,]\d+)?$/;

export function escapeCsvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
}

/** The reverse on import, so an exported file imports back unchanged. */
export const unescapeCsvCell = (cell: string) => (cell.startsWith("'") && escapeCsvCell(cell.slice(1)) === cell ? cell.slice(1) : cell);

/** The one CSV and XLSX writer of the server (exports, templates, `chiso score --out`). */
export async function writeTable(format: TabularFormat, header: string[], rows: (string | number | null)[][], options: WriteOptions = {}): Promise<Buffer> {
  if (format === 'csv') {
    const body = stringify([header, ...rows].map((r) => r.map(escapeCsvCell)), { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
    return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(body, 'utf8')]);
  }
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = 'chiso';
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  const wrap = new Set(options.wrapColumns ?? []);
  sheet.columns = header.map((h, i) => ({
    header: h, width: options.widths?.[i] ?? Math.max(12, h.length + 2),
    ...(wrap.has(i) ? { style: { alignment: { wrapText: true, vertical: 'top' as const } } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(row.map((c) => (c === null ? '' : c)));
    // Spreadsheets do not grow a row for wrapped text they did not lay out: give it its lines' height.
    if (wrap.size > 0) {
      const lines = Math.max(1, ...[...wrap].map((i) => Math.ceil(String(row[i] ?? '').length / Math.max(1, (options.widths?.[i] ?? 12) - 2))));
      if (lines > 1) added.height = 15 * lines;
    }
  }
  for (const extra of options.extraSheets ?? []) {
    const more = workbook.addWorksheet(extra.name);
    more.columns = (extra.widths ?? []).map((width) => ({ width }));
    for (const row of extra.rows) more.addRow(row);
    more.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
