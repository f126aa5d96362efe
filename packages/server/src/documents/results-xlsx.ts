/**
 * Excel workbooks of the consolidated appraisal table (bảng tổng hợp kết quả thẩm định) and of
 * published results (kết quả công bố). Vietnamese headers; figures are written as numbers (the
 * exact decimal strings converted only here, for the spreadsheet) with a two-decimal format, so
 * Excel sums and sorts them; the exact values stay in the database and the JSON API.
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../files/lazy-modules';

export interface CouncilSheetRow {
  unit: { id: string; code: string; name: string };
  stateLabel: string;
  selfTotal: string;
  finalTotal: string;
  difference: string;
  applicableMax: string;
  index: string | null;
  rank: number | null;
  classLabel: string | null;
  disputed: { code: string; name: string; self: string | null; appraised: string | null; council: string | null; reasons: string[] }[];
}

export interface CouncilSheet {
  groupName: string;
  rows: CouncilSheetRow[];
}

export interface ResultsWorkbookInput {
  title: string;
  groupName: string;
  number: number;
  decisionNumber: string | null;
  reason: string | null;
  createdAt: string;
  indexDecimals: number;
  /** SHA-256 of the snapshot's canonical document, printed so a reader can check the table (docs/security.md). */
  hash: string | null;
  /** The block under the printed table (place and date, who drew it up, who signs). */
  signature?: WorkbookSignature;
  rows: {
    unitCode: string;
    unitName: string;
    achieved: string;
    bonus: string;
    applicableMax: string;
    index: string;
    rank: number;
    classLabel: string | null;
    fields: { fieldKey: string; code: string; name: string; achieved: string; componentIndex: string | null }[];
  }[];
}

const num = (s: string | null) => (s === null ? null : Number(s));

/** How anyone checks a downloaded table against the published hash (docs/security.md). */
export const hashHowTo =
  'Trên trang kết quả công bố, tải “Tệp kiểm tra” (.snapshot.json) và tính SHA-256 của tệp ' +
  '(Windows: certutil -hashfile TỆP SHA256; macOS/Linux: sha256sum TỆP): kết quả phải trùng mã trên, ' +
  'và số liệu trong bảng này phải trùng số liệu trong tệp (units[].index_value …).';

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(wb: ExcelJS.Workbook, wanted: string): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Nhom';
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base.slice(0, 27)} (${i})`;
  return name;
}


/**
 * A workbook written as it is built (exceljs's streaming writer): each row goes out, deflated,
 * once committed, so a table of thousands of units never sits whole in memory. Strings are
 * written inline (no shared-string table to hold); styles are on.
 */
async function streamingWorkbook(out: Writable): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'chiso';
  return wb;
}

/**
 * A sheet of a streamed workbook, under a valid unique name. exceljs's streaming writer leaves
 * out the print options (`<printOptions>`, just before the margins), so a table set to print
 * centred would print against the left margin: they are written here from the page setup.
 */
function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, options: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(wb, name), options);
  if (options.pageSetup?.horizontalCentered) {
    const writer = ws as unknown as { stream: { write(text: string): void }; _writePageMargins(): void };
    const margins = writer._writePageMargins.bind(writer);
    writer._writePageMargins = () => {
      writer.stream.write('<printOptions horizontalCentered="1"/>');
      margins();
    };
  }
  return ws;
}

/** Rows between two pauses of the writer: the event loop serves other requests and the zip stream drains. */
const ROWS_PER_SLICE = 256;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The bytes a writer puts into a stream, once it has finished. */
async function collect(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await Promise.all([write(out), finished(out)]);
  return Buffer.concat(chunks);
}

/** A writer's output as a readable stream (an HTTP reply's body); a failure destroys the stream. */
function readable(write: (out: Writable) => Promise<void>): Readable {
  const out = new PassThrough();
  write(out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** One sheet per group (the consolidated table) and one sheet of the disputed criteria, streamed into `out`. */
export async function writeCouncilXlsx(sheets: readonly CouncilSheet[], title: string, out: Writable): Promise<void> {
  const wb = await streamingWorkbook(out);
  const pointsFmt = viNumFmt(2);
  for (const s of sheets) {
    const ws = addSheet(wb, s.groupName, { views: [{ state: 'frozen', ySplit: 2 }], ...printLayout('2:2') });
    ws.columns = [6, 14, 40, 18, 14, 14, 12, 14, 12, 10, 14, 14].map((width) => ({ width }));
    ws.mergeCells(1, 1, 1, 12);
    ws.getCell(1, 1).value = `${title} — ${s.groupName}`;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    const header = ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Trạng thái', 'Điểm tự đánh giá', 'Điểm sau thẩm định', 'Chênh lệch', 'Điểm tối đa áp dụng', 'Chỉ số (%)', 'Xếp hạng', 'Xếp loại', 'Số tiêu chí có ý kiến khác'];
    styleHeader(ws.addRow(header));
    for (const [i, r] of s.rows.entries()) {
      const row = ws.addRow([i + 1, r.unit.code, r.unit.name, r.stateLabel, num(r.selfTotal), num(r.finalTotal), num(r.difference), num(r.applicableMax), num(r.index), r.rank, r.classLabel ?? '', r.disputed.length]);
      row.getCell(2).numFmt = '@';
      for (const c of [5, 6, 7, 8, 9]) row.getCell(c).numFmt = pointsFmt;
      row.commit();
      if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await pause();
    }
    ws.commit();
  }
  const ds = addSheet(wb, 'Tiêu chí có ý kiến khác', { views: [{ state: 'frozen', ySplit: 1 }], ...printLayout('1:1') });
  ds.columns = [20, 14, 36, 12, 50, 12, 12, 12, 60].map((width) => ({ width }));
  styleHeader(ds.addRow(['Nhóm', 'Mã đơn vị', 'Tên đơn vị', 'Mã tiêu chí', 'Tiêu chí', 'Tự đánh giá', 'Thẩm định', 'Hội đồng', 'Lý do']));
  for (const s of sheets) {
    for (const r of s.rows) {
      for (const d of r.disputed) {
        const row = ds.addRow([s.groupName, r.unit.code, r.unit.name, d.code, d.name, num(d.self), num(d.appraised), num(d.council), d.reasons.join('; ')]);
        row.alignment = { vertical: 'top', wrapText: true };
        for (const c of [6, 7, 8]) row.getCell(c).numFmt = pointsFmt;
        row.getCell(2).numFmt = '@';
        row.getCell(4).numFmt = '@';
        row.commit();
      }
    }
    await pause();
  }
  ds.commit();
  await wb.commit();
}

/** The consolidated table's bytes. */
export const councilToXlsx = (sheets: readonly CouncilSheet[], title: string): Promise<Buffer> => collect((out) => writeCouncilXlsx(sheets, title, out));

/** Vietnamese figures whatever the reader's locale: decimal comma, dot for thousands (LCID 042A, vi-VN). */
export const viNumFmt = (decimals: number) => `[$-42A]#,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;

/** Who signs under the printed table; defaults leave the place and date to fill in. */
export interface WorkbookSignature {
  /** "Lạng Sơn, ngày 16 tháng 03 năm 2030". */
  dateLine?: string;
  /** Left: who drew up the table. */
  preparer?: string;
  /** Right: the authority and title lines. */
  signer?: string[];
}

const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Print layout of a sheet (worksheet options, given when the sheet is added: a streamed sheet
 * writes them first): A4 landscape, one page wide, the header rows repeated on every page,
 * margins in inches, centred, "Trang x/y" in the footer.
 */
function printLayout(titleRows: string): Pick<Partial<ExcelJS.AddWorksheetOptions>, 'pageSetup' | 'headerFooter'> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: titleRows,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&9Trang &P/&N' },
  };
}

/**
 * The styles of a results row's cells, column by column: one object per column, shared by every
 * row, so the writer's style table recognises it by identity instead of serialising each cell's.
 */
function resultsCellStyles(last: number, pointsFmt: string, indexFmt: string): Partial<ExcelJS.Style>[] {
  const wrapped: Partial<ExcelJS.Alignment> = { vertical: 'middle', wrapText: true };
  const centred: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle' };
  const points: Partial<ExcelJS.Style> = { alignment: wrapped, border: box, numFmt: pointsFmt };
  const field: Partial<ExcelJS.Style> = { alignment: wrapped, border: box, numFmt: indexFmt };
  const styles: Partial<ExcelJS.Style>[] = [
    { alignment: centred, border: box },
    { alignment: wrapped, border: box, numFmt: '@' },
    { alignment: wrapped, border: box },
    points,
    points,
    points,
    { alignment: wrapped, border: box, numFmt: indexFmt, font: { bold: true } },
    { alignment: centred, border: box },
  ];
  for (let c = styles.length + 1; c <= last; c++) styles.push(field);
  return styles;
}

/**
 * The published results of one group (one snapshot), laid out to print: title, ranking, signature;
 * then the record of the publication. Streamed into `out` (a file, an HTTP reply), which it ends.
 */
export async function writeResultsXlsx(input: ResultsWorkbookInput, out: Writable): Promise<void> {
  const wb = await streamingWorkbook(out);
  const indexFmt = viNumFmt(input.indexDecimals);
  const pointsFmt = viNumFmt(2);
  const fields = input.rows[0]?.fields ?? [];
  const header = ['Xếp hạng', 'Mã đơn vị', 'Tên đơn vị', 'Điểm đạt được', 'Điểm thưởng', 'Điểm tối đa áp dụng', 'Chỉ số (%)', 'Xếp loại', ...fields.map((f) => `${f.code}. ${f.name} (%)`)];
  const last = header.length;
  const headerRow = 5;
  const ws = addSheet(wb, 'Kết quả', { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 3 }], ...printLayout(`${headerRow}:${headerRow}`) });
  ws.columns = [7, 11, 34, 10, 9, 10, 9, 11, ...fields.map(() => 12)].map((width) => ({ width }));
  const titleLine = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, last);
    const c = ws.getCell(row, 1);
    c.value = text;
    c.font = font;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  titleLine(1, input.title.toUpperCase(), { bold: true, size: 14 });
  titleLine(2, `Nhóm: ${input.groupName}`, { bold: true, size: 12 });
  const decision = input.decisionNumber ? `Kèm theo Quyết định số ${input.decisionNumber}` : 'Kết quả công bố';
  titleLine(3, `(${decision}${input.number > 1 ? ` — điều chỉnh lần ${input.number - 1}` : ''}; công bố ngày ${publishedDay(input.createdAt)})`, { italic: true, size: 11 });
  ws.getRow(1).height = 22;
  const head = ws.getRow(headerRow);
  head.values = header;
  styleHeader(head);
  // Tall enough for the longest wrapped heading (about 11 characters a line in a field column).
  head.height = Math.max(48, ...header.map((h) => Math.ceil(h.length / 11) * 14 + 8));
  head.eachCell((c) => (c.border = box));
  head.commit();
  const styles = resultsCellStyles(last, pointsFmt, indexFmt);
  let lastRow = headerRow;
  for (const [i, r] of input.rows.entries()) {
    const byKey = new Map(r.fields.map((f) => [f.fieldKey, f]));
    const row = ws.getRow(++lastRow);
    row.alignment = styles[2]!.alignment!;
    row.values = [r.rank, r.unitCode, r.unitName, num(r.achieved), num(r.bonus), num(r.applicableMax), num(r.index), r.classLabel ?? '', ...fields.map((f) => num(byKey.get(f.fieldKey)?.componentIndex ?? null))];
    for (let c = 1; c <= last; c++) row.getCell(c).style = styles[c - 1]!;
    // Wrapped names need the height set: a printed sheet does not grow rows by itself.
    row.height = 16 * Math.max(1, Math.ceil(r.unitName.length / 36));
    row.commit();
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await pause();
  }
  if (input.hash) {
    const note = ws.getRow(++lastRow);
    note.values = [`Mã kiểm tra (SHA-256) của bản công bố: ${input.hash} — cách kiểm tra: xem trang “Thông tin công bố”.`];
    ws.mergeCells(note.number, 1, note.number, last);
    note.font = { italic: true, size: 9 };
  }
  signatureRows(ws, lastRow, last, input.signature ?? {});
  ws.commit();
  const info = addSheet(wb, 'Thông tin công bố', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  info.columns = [{ width: 28 }, { width: 70 }];
  const lines: [string, string | number][] = [
    ['Kỳ đánh giá', input.title],
    ['Nhóm', input.groupName],
    ['Lần công bố', input.number === 1 ? 'Công bố lần đầu (1)' : `Điều chỉnh (${input.number})`],
    ['Số quyết định', input.decisionNumber ?? ''],
    ['Lý do điều chỉnh', input.reason ?? ''],
    ['Thời điểm', input.createdAt],
    ['Mã kiểm tra (SHA-256)', input.hash ?? 'chưa niêm phong'],
    ['Cách kiểm tra', hashHowTo],
  ];
  for (const [k, v] of lines) info.addRow([k, v]).getCell(1).font = { bold: true };
  info.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  info.commit();
  await wb.commit();
}

/** The results workbook as a stream, for an HTTP reply. */
export const resultsXlsxStream = (input: ResultsWorkbookInput): Readable => readable((out) => writeResultsXlsx(input, out));

/** The results workbook's bytes (tests, callers that need them whole). */
export const resultsToXlsx = (input: ResultsWorkbookInput): Promise<Buffer> => collect((out) => writeResultsXlsx(input, out));

/** "2030-03-16T02:00:00.000Z" → "16/03/2030" (Vietnam time). */
function publishedDay(iso: string): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso)).split('-');
  return `${d}/${m}/${y}`;
}

/** Place and date, the preparer on the left and the signer on the right, two rows under the table. */
function signatureRows(ws: ExcelJS.Worksheet, lastRow: number, last: number, s: WorkbookSignature): void {
  const split = Math.max(3, Math.floor(last / 2));
  const start = lastRow + 2;
  const put = (row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, from, row, to);
    const c = ws.getCell(row, from);
    c.value = text;
    c.font = font;
    c.alignment = { horizontal: 'center' };
  };
  put(start, split + 1, last, s.dateLine ?? '………, ngày …… tháng …… năm ……', { italic: true, size: 12 });
  put(start + 1, 1, split, s.preparer ?? 'NGƯỜI LẬP BIỂU', { bold: true, size: 12 });
  const signer = s.signer ?? ['THỦ TRƯỞNG ĐƠN VỊ'];
  signer.forEach((line, i) => put(start + 1 + i, split + 1, last, line, { bold: true, size: 12 }));
  put(start + 2 + signer.length, 1, split, '(Ký, ghi rõ họ tên)', { italic: true, size: 11 });
  put(start + 2 + signer.length, split + 1, last, '(Ký, ghi rõ họ tên, đóng dấu)', { italic: true, size: 11 });
}
