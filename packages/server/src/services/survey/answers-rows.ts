/**
 * The rows of an uploaded answers file, STREAMED (issue 13 §3: a million answers): csv-parse as a
 * stream, exceljs's streaming WorkbookReader for XLSX. One row at a time is in memory, never the
 * whole file as objects. The first row yielded is the header.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { detectTextEncoding } from '@chiso/core';
import { loadExcel } from '../../files/lazy-modules';
import { CSV_LINE_ENDS, cellText, firstCsvLine, notUtf8Message, unescapeCsvCell, type TabularFormat } from '../../files/tabular';

export interface FileRow {
  /** 1-based line (CSV, the record's last line) or row number (XLSX). */
  line: number;
  cells: string[];
}

/** A file that cannot be read at all (encoding, broken ZIP, unclosed quote), with the line when known. */
export class UnreadableFile extends Error {
  constructor(message: string, readonly line = 1) {
    super(message);
  }
}

/** An XLSX worksheet may hold more rows than this only as a bomb; the CSV is bounded by the upload size. */
export const MAX_XLSX_ROWS = 300_000;

/** Tells CSV from XLSX by the first bytes (XLSX is a ZIP archive), then by the name. */
export async function formatOfFile(path: string, fileName: string): Promise<TabularFormat | null> {
  const head = await readHead(path, 4096);
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName) || !head.includes(0)) return 'csv';
  return null;
}

export function fileRows(path: string, format: TabularFormat): AsyncGenerator<FileRow> {
  return format === 'csv' ? csvRows(path) : xlsxRows(path);
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function* csvRows(path: string): AsyncGenerator<FileRow> {
  // The encoding and the separator are read from the first 64 KiB, cut at its last complete line.
  const head = await readHead(path, 64 * 1024);
  const lastNewline = Math.max(head.lastIndexOf(0x0a), head.lastIndexOf(0x0d));
  const sample = lastNewline > 0 && head.length === 64 * 1024 ? head.subarray(0, lastNewline) : head;
  const encoding = detectTextEncoding(sample);
  if (encoding !== 'utf-8') throw new UnreadableFile(notUtf8Message(encoding));
  const firstLine = firstCsvLine(sample.toString('utf8').replace(/^\uFEFF/, ''));
  // Excel in a Vietnamese locale saves with semicolons; take whichever separator the header uses most.
  const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const parser = createReadStream(path).pipe(parse({ delimiter, record_delimiter: CSV_LINE_ENDS, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, cells: record.map((c) => unescapeCsvCell(c ?? '')) };
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    const line = (error as { lines?: number }).lines;
    throw new UnreadableFile(`Không đọc được tệp CSV: ${(error as Error).message}`, line ?? 1);
  }
}

async function* xlsxRows(path: string): AsyncGenerator<FileRow> {
  const Excel = await loadExcel();
  const reader = new Excel.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let count = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (++count > MAX_XLSX_ROWS) throw new UnreadableFile(`Trang tính có hơn ${MAX_XLSX_ROWS.toLocaleString('vi-VN')} dòng: quá giới hạn. Hãy chia nhỏ tệp.`, row.number);
        const values = row.values as ExcelJS.CellValue[];
        yield { line: row.number, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1] ?? null)) };
      }
      return; // the first sheet only: later sheets are instructions
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(`Không đọc được tệp Excel: ${(error as Error).message}`);
  }
}
