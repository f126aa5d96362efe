/**
 * Excel workbook of a program's published results of one year with the change from the previous
 * year (`chiso results export --format xlsx`): one table, laid out to print (A4 landscape, one page
 * wide, header row repeated). Figures are written as numbers — the exact decimal strings converted
 * only here, for the spreadsheet — with Vietnamese number formats; empty where nothing compares.
 */
import ExcelJS from 'exceljs';

export interface YearOverYearSheet {
  title: string;
  subtitle: string;
  header: string[];
  /** Cells: text, or a figure with its decimals (null: empty). */
  rows: (string | number | { figure: string | null; decimals: number } | null)[][];
  /** Column widths, in characters. */
  widths: number[];
}

const viFormat = (decimals: number) => `[$-42A]#,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''};[$-42A]-#,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
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
    cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = box;
      if (c !== null && typeof c === 'object') cell.numFmt = viFormat(c.decimals);
      else if (typeof c === 'string') cell.numFmt = '@';
    });
  }
  ws.pageSetup = {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
    printTitlesRow: `${headerRow}:${headerRow}`, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C&9Trang &P/&N' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
