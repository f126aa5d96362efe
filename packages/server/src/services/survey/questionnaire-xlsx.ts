/**
 * The questionnaire workbook (XLSForm-like, issue 13 §1): sheets `survey` (one row per question),
 * `choices` (the answer lists with their weights) and `settings` (the title). Reading hands the
 * sheets to the core (readQuestionnaireSheets), which finds every problem with its sheet, line and
 * column; writing gives back a version's workbook (uploaded again, it gives the same document) or
 * the blank template, whose fourth sheet `tieu_chi` lists the survey criteria a question may feed.
 */
import type ExcelJS from 'exceljs';
import { QUESTIONNAIRE_TEMPLATE_SHEETS, type Questionnaire, type SheetError, type SheetRow } from '@chiso/core';
import { loadExcel } from '../../files/lazy-modules';
import type { SheetCells } from '../../files/tabular';
import { readWorkbookCellsOffThread } from '../../files/xlsx-thread';

export type QuestionnaireSheets = { survey: SheetRow[]; choices: SheetRow[]; settings?: SheetRow[] };

export const SURVEY_COLUMNS = ['type', 'name', 'label', 'hint', 'required', 'relevant', 'min', 'max', 'criterion'] as const;
export const CHOICE_COLUMNS = ['list_name', 'name', 'label', 'weight'] as const;
export const SETTINGS_COLUMNS = ['title'] as const;
export const CRITERIA_SHEET = 'tieu_chi';

const WIDTHS: Record<string, number> = { type: 24, name: 22, label: 60, hint: 28, required: 10, relevant: 26, min: 8, max: 8, criterion: 12, list_name: 16, weight: 10, title: 70 };
/** The criteria sheet's name column is the long one. */
const CRITERIA_WIDTHS: Record<string, number> = { criterion: 12, key: 30, name: 60 };

const headerKey = (text: string) => text.normalize('NFC').trim().toLowerCase();

/** A sheet's rows keyed by its first row's headers (lower-cased, trimmed); the header row itself left out. */
export function sheetRows(sheet: SheetCells): SheetRow[] {
  const [head, ...body] = [...sheet.rows].sort((a, b) => a.line - b.line);
  if (!head) return [];
  const names = new Map([...head.cells].map(([col, text]) => [col, headerKey(text)]));
  return body.map((row) => {
    const cells: Record<string, string> = {};
    for (const [col, text] of row.cells) {
      const name = names.get(col);
      if (name) cells[name] = text;
    }
    return { line: row.line, cells };
  });
}

/** The three sheets of an uploaded workbook, or why it cannot be read (a sheet missing, not an XLSX file). */
export async function readQuestionnaireWorkbook(buffer: Buffer): Promise<{ sheets: QuestionnaireSheets } | { errors: SheetError[] }> {
  let worksheets: SheetCells[];
  try {
    worksheets = await readWorkbookCellsOffThread(buffer, (message) => new Error(message));
  } catch (error) {
    return { errors: [{ sheet: 'survey', line: 1, message: `Không đọc được tệp Excel (.xlsx): ${(error as Error).message}` }] };
  }
  const find = (name: string) => worksheets.find((w) => headerKey(w.name) === name);
  const survey = find('survey');
  const choices = find('choices');
  const settings = find('settings');
  const errors: SheetError[] = [];
  if (!survey) errors.push({ sheet: 'survey', line: 1, message: 'Tệp không có trang “survey” (mỗi dòng một câu hỏi).' });
  if (!choices) errors.push({ sheet: 'choices', line: 1, message: 'Tệp không có trang “choices” (các phương án trả lời).' });
  if (errors.length > 0) return { errors };
  return { sheets: { survey: sheetRows(survey!), choices: sheetRows(choices!), ...(settings ? { settings: sheetRows(settings) } : {}) } };
}

type Cell = string | number;

function addSheet(workbook: ExcelJS.Workbook, name: string, header: readonly string[], rows: readonly (readonly Cell[])[]): void {
  // Printed on landscape A4 pages one sheet wide, as an official reviews a questionnaire on paper.
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths = header.map((h) => (name === CRITERIA_SHEET ? CRITERIA_WIDTHS : WIDTHS)[h] ?? 16);
  ws.columns = header.map((h, i) => ({ header: h, key: h, width: widths[i] }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = ws.addRow([...row]);
    added.alignment = { wrapText: true, vertical: 'top' };
    // Excel and LibreOffice do not grow a row for wrapped text written by a program: give it the lines it needs.
    const lines = Math.max(1, ...row.map((cell, i) => Math.ceil(String(cell).length / Math.max(1, widths[i]! - 2))));
    added.height = 15 * lines;
  }
}

/** A criterion as the `tieu_chi` sheet and the `criterion` column name it. */
export interface CriterionRef {
  key: string;
  code: string;
  name: string;
}

const typeCell = (q: Questionnaire['questions'][number]) => (q.type === 'likert' || q.type === 'select_one' || q.type === 'select_multiple' ? `${q.type} ${q.list ?? ''}` : q.type);

/** The sheets' rows of a questionnaire (criterion by its code when the framework has it, else by its key). */
export function questionnaireSheetRows(q: Questionnaire, criteria: readonly CriterionRef[]): { survey: Cell[][]; choices: Cell[][]; settings: Cell[][] } {
  const codeOf = new Map(criteria.map((c) => [c.key, c.code]));
  const survey = q.questions.map((x) => [
    typeCell(x), x.name, x.label, x.hint ?? '', x.required ? 'yes' : '', x.relevant ?? '', x.min ?? '', x.max ?? '',
    x.criterionKey ? (codeOf.get(x.criterionKey) ?? x.criterionKey) : '',
  ]);
  const choices = Object.entries(q.choices).flatMap(([list, items]) => items.map((c) => [list, c.name, c.label, c.weight ?? '']));
  return { survey, choices, settings: [[q.title]] };
}

async function workbookBytes(fill: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = 'chiso';
  fill(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const criteriaSheet = (workbook: ExcelJS.Workbook, criteria: readonly CriterionRef[]) =>
  addSheet(workbook, CRITERIA_SHEET, ['criterion', 'key', 'name'], criteria.map((c) => [c.code, c.key, c.name]));

/** A version's workbook: uploaded again, it gives the same questionnaire. */
export function questionnaireToXlsx(q: Questionnaire, criteria: readonly CriterionRef[]): Promise<Buffer> {
  const rows = questionnaireSheetRows(q, criteria);
  return workbookBytes((workbook) => {
    addSheet(workbook, 'survey', SURVEY_COLUMNS, rows.survey);
    addSheet(workbook, 'choices', CHOICE_COLUMNS, rows.choices);
    addSheet(workbook, 'settings', SETTINGS_COLUMNS, rows.settings);
    criteriaSheet(workbook, criteria);
  });
}

/** The blank template: the core's header and example rows of each sheet, and the criteria of the rated group. */
export function questionnaireTemplate(criteria: readonly CriterionRef[]): Promise<Buffer> {
  return workbookBytes((workbook) => {
    // The examples' criterion ("1.6") becomes one of this framework's, so the template uploads as it is.
    const example = criteria[0]?.code ?? '';
    const criterion = SURVEY_COLUMNS.indexOf('criterion');
    for (const name of ['survey', 'choices', 'settings'] as const) {
      const [header, ...rows] = QUESTIONNAIRE_TEMPLATE_SHEETS[name];
      addSheet(workbook, name, header!, name === 'survey' ? rows.map((r) => r.map((c, i) => (i === criterion && c !== '' ? example : c))) : rows);
    }
    criteriaSheet(workbook, criteria);
  });
}
