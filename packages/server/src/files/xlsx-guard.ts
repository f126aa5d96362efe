import { inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { loadExcel } from './lazy-modules';
import { zipDirectoryEntries, zipEnd, zipTailLength, type ZipDirectoryEntry } from './zip-directory';

/**
 * Checks an XLSX file (a ZIP archive) before ExcelJS loads it: ExcelJS inflates every entry and
 * builds every cell in memory, so a small file can cost seconds of CPU and gigabytes (a ~10 MB
 * workbook stalled the server for 26 s). The ZIP central directory is read first (entry count,
 * declared sizes, compression ratio); then each entry is inflated with a hard output cap, so a
 * directory that lies about sizes is caught too, and the worksheets' rows and cells are counted
 * from their XML. Every workbook the server reads is opened with `loadXlsx`.
 */
export const xlsxLimits = {
  /** An ordinary workbook has 10–30 entries; pictures add some. */
  maxEntries: 1_000,
  /** Sum of the inflated entries. */
  maxUncompressedBytes: 32 * 1024 * 1024,
  /** Inflated ÷ compressed, for entries above `ratioFromBytes`; worksheet XML is usually 5–30. */
  maxRatio: 100,
  ratioFromBytes: 1024 * 1024,
  /** Rows and cells over all worksheets (the largest import, 20,000 units × 12 columns, fits). */
  maxRows: 50_000,
  maxCells: 300_000,
};

export type XlsxLimits = typeof xlsxLimits;

/** A workbook over a limit or not a readable ZIP; the message is Vietnamese and names the limit. */
export class XlsxLimitError extends Error {}

const MiB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;
const count = (n: number) => n.toLocaleString('vi-VN');

/** The central directory: where each entry is and what it declares. */
function centralDirectory(zip: Buffer, limits: XlsxLimits): ZipDirectoryEntry[] {
  const broken = () => new XlsxLimitError('Tệp Excel bị hỏng (không đọc được mục lục ZIP). Hãy mở và lưu lại bằng Excel rồi tải lên lại.');
  const end = zipEnd(zip.subarray(Math.max(0, zip.length - zipTailLength)));
  if (!end) throw broken();
  if (end.entries > limits.maxEntries) throw new XlsxLimitError(`Tệp Excel có ${count(end.entries)} mục nén, quá giới hạn ${count(limits.maxEntries)} mục.`);
  const entries = zipDirectoryEntries(zip.subarray(end.directoryOffset, end.directoryOffset + end.directorySize), end.entries);
  if (!entries) throw broken();
  return entries;
}

/** The entry's inflated bytes, never more than it declared. */
function inflate(zip: Buffer, entry: ZipDirectoryEntry): Buffer {
  const header = entry.localOffset;
  if (header + 30 > zip.length || zip.readUInt32LE(header) !== 0x04034b50) throw new XlsxLimitError(`Tệp Excel bị hỏng (mục “${entry.name}”).`);
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new XlsxLimitError(`Tệp Excel dùng kiểu nén không hỗ trợ (mục “${entry.name}”).`);
  try {
    // One byte over what it declared is enough to know the directory lies.
    return inflateRawSync(data, { maxOutputLength: entry.size + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new XlsxLimitError(`Tệp Excel khai sai kích thước giải nén (mục “${entry.name}”): đây là dạng “bom nén”, không được nhận.`);
    }
    throw new XlsxLimitError(`Tệp Excel bị hỏng (mục “${entry.name}” không giải nén được).`);
  }
}

/** Occurrences of an XML element, with or without a namespace prefix (`<row …>`, `<x:c …/>`). */
function elements(xml: string, name: string): number {
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}[\\s>/]`, 'g');
  let n = 0;
  while (pattern.exec(xml)) n++;
  return n;
}

/** Refuses a workbook over any limit, before anything parses it. */
export function guardXlsx(zip: Buffer, limits: XlsxLimits = xlsxLimits): void {
  const entries = centralDirectory(zip, limits);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw new XlsxLimitError(`Tệp Excel khi giải nén lớn ${mb(declared)}, quá giới hạn ${mb(limits.maxUncompressedBytes)}. Hãy chia nhỏ tệp.`);
  }
  for (const e of entries) {
    if (e.size > limits.ratioFromBytes && e.size > limits.maxRatio * Math.max(1, e.compressedSize)) {
      throw new XlsxLimitError(`Tệp Excel có mục “${e.name}” nén quá ${limits.maxRatio} lần (${count(Math.round(e.size / Math.max(1, e.compressedSize)))} lần): đây là dạng “bom nén”, không được nhận.`);
    }
  }
  let rows = 0;
  let cells = 0;
  for (const e of entries) {
    const bytes = inflate(zip, e);
    if (!/worksheets\/[^/]+\.xml$/i.test(e.name)) continue;
    const xml = bytes.toString('latin1');
    rows += elements(xml, 'row');
    cells += elements(xml, 'c');
  }
  if (rows > limits.maxRows) throw new XlsxLimitError(`Tệp Excel có ${count(rows)} dòng, quá giới hạn ${count(limits.maxRows)} dòng. Hãy chia nhỏ tệp.`);
  if (cells > limits.maxCells) throw new XlsxLimitError(`Tệp Excel có ${count(cells)} ô, quá giới hạn ${count(limits.maxCells)} ô. Hãy xóa các cột, dòng thừa hoặc chia nhỏ tệp.`);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * The workbook, once `guardXlsx` let it through (else `XlsxLimitError`). One parse at a time in
 * this process: even within the limits a parse takes a second or two and a few hundred MB, so
 * simultaneous uploads wait their turn instead of adding up. ExcelJS's own errors pass through.
 */
export async function loadXlsx(buffer: Buffer, limits: XlsxLimits = xlsxLimits): Promise<ExcelJS.Workbook> {
  guardXlsx(buffer, limits);
  const parse = async () => {
    const Excel = await loadExcel();
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return workbook;
  };
  const run = queue.then(parse, parse);
  queue = run.catch(() => undefined);
  return run;
}
