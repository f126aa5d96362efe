/**
 * Writes the demo's questionnaire workbooks (questionnaires.ts) next to this file: the sheets
 * survey, choices and settings that the questionnaire upload reads, and a sheet of instructions
 * for the official who starts a province's own questionnaire from them. The same rows give the
 * same sheets (only the zip's timestamps change). Run from the repository root after changing questionnaires.ts:
 *
 *   node --import tsx packages/server/src/demo/survey/generate.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { DEMO_QUESTIONNAIRES, type DemoQuestionnaireSource, type SheetRows } from './questionnaires';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Column widths (characters) by header: the label wide and wrapped, codes narrow. */
const WIDTHS: Record<string, number> = { type: 22, name: 22, label: 70, hint: 28, required: 10, relevant: 24, min: 6, max: 6, criterion: 10, list_name: 14, weight: 8, title: 90 };

const GUIDE = [
  ['Cách dùng tệp phiếu hỏi'],
  ['Trang “survey”: mỗi dòng một câu hỏi. type: likert <danh sách>, select_one <danh sách>, select_multiple <danh sách>, yes_no, integer, decimal, text, note.'],
  ['name: mã câu hỏi (chữ không dấu, số, dấu _), không trùng; là tên cột khi nhập câu trả lời từ tệp.'],
  ['required: “có” nếu bắt buộc trả lời. relevant: điều kiện hiện câu hỏi, ví dụ ${lam_viec} = \'co\' (câu yes_no trả lời co hoặc khong).'],
  ['min, max: giới hạn của câu trả lời là số. criterion: mã tiêu chí điều tra XHH mà câu hỏi tính điểm (ví dụ 1.6).'],
  ['Trang “choices”: các phương án của mỗi danh sách. weight: tỷ lệ điểm của phương án (1; 0,6; 0,2; 0); để trống nếu không tính điểm (Không đánh giá).'],
  ['Điểm của đơn vị ở một tiêu chí = trung bình tỷ lệ điểm của những người trả lời hợp lệ × điểm tối đa của tiêu chí.'],
  ['Trang “settings”: title là tên phiếu hiện cho người trả lời.'],
];

function addSheet(workbook: ExcelJS.Workbook, name: string, sheet: SheetRows): void {
  // Printed on landscape pages one sheet wide, as an official reviews a draft questionnaire on paper.
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = sheet.header.map((h) => ({ header: h, key: h, width: WIDTHS[h] ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  const label = sheet.header.indexOf('label');
  for (const row of sheet.rows) {
    // Excel and LibreOffice do not grow a row for wrapped text written by a program: give it the lines it needs.
    const lines = label < 0 ? 1 : Math.ceil((row[label]?.length ?? 0) / (WIDTHS.label! - 4));
    const added = ws.addRow([...row]);
    added.height = 15 * Math.max(1, lines);
    added.alignment = { wrapText: true, vertical: 'top' };
  }
}

/** The workbook of one questionnaire, as bytes. */
export async function questionnaireWorkbook(source: DemoQuestionnaireSource): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'chiso';
  workbook.created = workbook.modified = new Date(Date.UTC(2025, 0, 1));
  addSheet(workbook, 'survey', source.sheets.survey);
  addSheet(workbook, 'choices', source.sheets.choices);
  addSheet(workbook, 'settings', source.sheets.settings);
  const guide = workbook.addWorksheet('huong_dan', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  guide.columns = [{ width: 100 }];
  for (const line of GUIDE) {
    const row = guide.addRow(line);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = 15 * Math.ceil(line[0]!.length / 90);
  }
  guide.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Where a questionnaire's workbook is committed. */
export const questionnaireFile = (source: DemoQuestionnaireSource) => path.join(here, source.file);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const source of DEMO_QUESTIONNAIRES) writeFileSync(questionnaireFile(source), await questionnaireWorkbook(source));
  console.log(DEMO_QUESTIONNAIRES.map((q) => q.file).join(', '));
}
