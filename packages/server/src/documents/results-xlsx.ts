/**
 * Excel workbooks of the consolidated appraisal table (bảng tổng hợp kết quả thẩm định) and of
 * published results (kết quả công bố). Vietnamese headers; figures are written as numbers (the
 * exact decimal strings converted only here, for the spreadsheet) with a two-decimal format, so
 * Excel sums and sorts them; the exact values stay in the database and the JSON API.
 */
import ExcelJS from 'exceljs';

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

const decimalsFormat = (d: number) => (d <= 0 ? '0' : `0.${'0'.repeat(d)}`);

/** One sheet per group (the consolidated table) and one sheet of the disputed criteria. */
export async function councilToXlsx(sheets: readonly CouncilSheet[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chiso';
  const pointsFmt = '0.00';
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(wb, s.groupName), { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.mergeCells(1, 1, 1, 12);
    ws.getCell(1, 1).value = `${title} — ${s.groupName}`;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    const header = ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Trạng thái', 'Điểm tự đánh giá', 'Điểm sau thẩm định', 'Chênh lệch', 'Điểm tối đa áp dụng', 'Chỉ số (%)', 'Xếp hạng', 'Xếp loại', 'Số tiêu chí có ý kiến khác'];
    styleHeader(ws.addRow(header));
    [6, 14, 40, 18, 14, 14, 12, 14, 12, 10, 14, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    s.rows.forEach((r, i) => {
      const row = ws.addRow([i + 1, r.unit.code, r.unit.name, r.stateLabel, num(r.selfTotal), num(r.finalTotal), num(r.difference), num(r.applicableMax), num(r.index), r.rank, r.classLabel ?? '', r.disputed.length]);
      row.getCell(2).numFmt = '@';
      for (const c of [5, 6, 7, 8, 9]) row.getCell(c).numFmt = pointsFmt;
    });
  }
  const ds = wb.addWorksheet(sheetName(wb, 'Tiêu chí có ý kiến khác'), { views: [{ state: 'frozen', ySplit: 1 }] });
  styleHeader(ds.addRow(['Nhóm', 'Mã đơn vị', 'Tên đơn vị', 'Mã tiêu chí', 'Tiêu chí', 'Tự đánh giá', 'Thẩm định', 'Hội đồng', 'Lý do']));
  [20, 14, 36, 12, 50, 12, 12, 12, 60].forEach((w, i) => (ds.getColumn(i + 1).width = w));
  for (const s of sheets) {
    for (const r of s.rows) {
      for (const d of r.disputed) {
        const row = ds.addRow([s.groupName, r.unit.code, r.unit.name, d.code, d.name, num(d.self), num(d.appraised), num(d.council), d.reasons.join('; ')]);
        row.alignment = { vertical: 'top', wrapText: true };
        for (const c of [6, 7, 8]) row.getCell(c).numFmt = pointsFmt;
        row.getCell(2).numFmt = '@';
        row.getCell(4).numFmt = '@';
      }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The published results of one group (one snapshot): ranking sheet, component indexes, and the record of the publication. */
export async function resultsToXlsx(input: ResultsWorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chiso';
  const indexFmt = decimalsFormat(input.indexDecimals);
  const fields = input.rows[0]?.fields ?? [];
  const ws = wb.addWorksheet(sheetName(wb, 'Kết quả'), { views: [{ state: 'frozen', ySplit: 2 }] });
  const header = ['Xếp hạng', 'Mã đơn vị', 'Tên đơn vị', 'Điểm đạt được', 'Điểm thưởng', 'Điểm tối đa áp dụng', 'Chỉ số (%)', 'Xếp loại', ...fields.map((f) => `${f.code}. ${f.name} (%)`)];
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = `${input.title} — ${input.groupName}${input.number > 1 ? ` (điều chỉnh lần ${input.number - 1})` : ''}`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  styleHeader(ws.addRow(header));
  [10, 14, 40, 14, 12, 14, 12, 14, ...fields.map(() => 16)].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const r of input.rows) {
    const byKey = new Map(r.fields.map((f) => [f.fieldKey, f]));
    const row = ws.addRow([r.rank, r.unitCode, r.unitName, num(r.achieved), num(r.bonus), num(r.applicableMax), num(r.index), r.classLabel ?? '', ...fields.map((f) => num(byKey.get(f.fieldKey)?.componentIndex ?? null))]);
    row.getCell(2).numFmt = '@';
    for (const c of [4, 5, 6]) row.getCell(c).numFmt = '0.00';
    row.getCell(7).numFmt = indexFmt;
    for (let c = 9; c < 9 + fields.length; c++) row.getCell(c).numFmt = indexFmt;
  }
  if (input.hash) {
    ws.addRow([]);
    const note = ws.addRow([`Mã kiểm tra (SHA-256) của bản công bố: ${input.hash} — cách kiểm tra: xem trang “Thông tin công bố”.`]);
    ws.mergeCells(note.number, 1, note.number, header.length);
    note.font = { italic: true, size: 9 };
  }
  const info = wb.addWorksheet(sheetName(wb, 'Thông tin công bố'));
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}
