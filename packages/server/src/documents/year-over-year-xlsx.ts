/**
 * Excel workbook of a program's published results of one year with the change from the previous
 * year (`chiso results export --format xlsx`): one table, laid out to print (A4 landscape, one page
 * wide, header row repeated). Figures are written as numbers — the exact decimal strings converted
 * only here, for the spreadsheet — with Vietnamese number formats; empty where nothing compares.
 */
import ExcelJS from 'exceljs';

export interface YoyFigure {
  figure: string | null;
  decimals: number;
  signed?: boolean;
}

export interface YearOverYearSheet {
  title: string;
  subtitle: string;
  header: string[];
  /** Cells: text, a whole number, or a figure with its decimals (`signed`: a change, shown +/−) (null: empty). */
  rows: (string | number | YoyFigure | null)[][];
  /** Column widths, in characters. */
  widths: number[];
}

/** Vietnamese figures whatever the reader's locale (LCID 042A: decimal comma); a change carries its sign. */
function viFormat(decimals: number, signed = false): string {
  const body = `#,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
  return signed ? `[$-42A]+${body};[$-42A]-${body};[$-42A]${body}` : `[$-42A]${body}`;
}
/** Rough printed lines of a text in a column `width` characters wide (Excel does not size wrapped rows itself). */
const linesOf = (text: string, width: number) => Math.max(1, Math.ceil((text.length * 1.1) / Math.max(4, width - 1)));
const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

export async function yearOverYearToXlsx(sheet: YearOverYearSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chiso';
  const last = sheet.header.length;
  const headerRow = 4;
  const ws = wb.addWorksheet('So sánh năm trước', { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 3 }] });
  for (const [row, text, font] of [[1, sheet.title.toUpperCase(), { bold: true, size: 14 }], [2, sheet.subtitle, { italic: true, size: 11 }]] as const) {
    ws.mergeCells(row, 1, row, last);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  const head = ws.getRow(headerRow);
  head.values = sheet.header;
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.height = 48;
  head.eachCell((c) => {
    c.border = box;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const cells of sheet.rows) {
    const row = ws.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? (c.figure === null ? null : Number(c.figure)) : c)));
    row.alignment = { vertical: 'middle', wrapText: true };
    let lines = 1;
    cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = box;
      if (c !== null && typeof c === 'object') cell.numFmt = viFormat(c.decimals, c.signed);
      if ((c !== null && typeof c === 'object' && c.decimals === 0) || typeof c === 'number') cell.alignment = { horizontal: 'center', vertical: 'middle' };
      else if (typeof c === 'string') {
        cell.numFmt = '@';
        lines = Math.max(lines, linesOf(c, sheet.widths[i] ?? 10));
      }
    });
    row.height = 15 * lines;
  }
  ws.pageSetup = {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
    printTitlesRow: `${headerRow}:${headerRow}`, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C&9Trang &P/&N' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
