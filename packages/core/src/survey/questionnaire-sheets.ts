/**
 * A questionnaire authored in Excel, XLSForm-like: a `survey` sheet (one question a row), a
 * `choices` sheet (one answer option a row, with its weight) and an optional `settings` sheet
 * (title). The server reads the workbook into rows; this turns them into a `Questionnaire` or
 * into errors by sheet, line and column, all at once.
 */
import {
  type ChoiceField, type CriterionResolver, type DraftPlace, type DraftQuestion, type QuestionField, buildQuestionnaire,
} from './questionnaire-check.ts';
import type { Questionnaire } from './questionnaire-types.ts';

/** One row of a sheet: its line in the workbook (1 = header) and its cells by header (lower-cased, trimmed). */
export interface SheetRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export type SheetName = 'survey' | 'choices' | 'settings';

export interface SheetError {
  readonly sheet: SheetName;
  readonly line: number;
  /** The column's header, when the error is in one cell. */
  readonly column?: string;
  /** Vietnamese. */
  readonly message: string;
}

export interface QuestionnaireSheets {
  readonly survey: readonly SheetRow[];
  readonly choices: readonly SheetRow[];
  readonly settings?: readonly SheetRow[];
}

/** Title used when the workbook has no settings sheet (or no title in it). */
export const DEFAULT_QUESTIONNAIRE_TITLE = 'Phiếu khảo sát';

const SURVEY_COLUMNS = ['type', 'name', 'label', 'hint', 'required', 'relevant', 'min', 'max', 'criterion'] as const;
const CHOICES_COLUMNS = ['list_name', 'name', 'label', 'weight'] as const;
const SETTINGS_COLUMNS = ['title'] as const;

/**
 * The downloadable template: each sheet's header row then example rows (Vietnamese). Criterion
 * codes in the examples ("1.6") are placeholders for the framework's own survey criteria.
 */
export const QUESTIONNAIRE_TEMPLATE_SHEETS: {
  readonly survey: readonly (readonly string[])[];
  readonly choices: readonly (readonly string[])[];
  readonly settings: readonly (readonly string[])[];
} = {
  survey: [
    SURVEY_COLUMNS,
    ['note', 'gioi_thieu', 'Xin ông/bà cho biết mức độ hài lòng khi giải quyết thủ tục hành chính.', '', '', '', '', '', ''],
    ['yes_no', 'da_giao_dich', 'Trong năm, ông/bà có giao dịch với đơn vị không?', '', 'yes', '', '', '', ''],
    ['likert muc_do', 'hai_long_thai_do', 'Thái độ của công chức khi tiếp nhận hồ sơ', 'Chọn một mức', 'yes', "${da_giao_dich} = 'co'", '', '', '1.6'],
    ['integer', 'so_lan', 'Số lần phải đi lại để hoàn thành hồ sơ', '', '', "${da_giao_dich} = 'co'", '1', '20', ''],
    ['text', 'gop_y', 'Góp ý của ông/bà', '', '', '', '', '', ''],
  ],
  choices: [
    CHOICES_COLUMNS,
    ['muc_do', 'A', 'Rất hài lòng', '1'],
    ['muc_do', 'B', 'Hài lòng', '0,6'],
    ['muc_do', 'C', 'Chưa hài lòng', '0,2'],
    ['muc_do', 'D', 'Không hài lòng', '0'],
    ['muc_do', 'KB', 'Không biết / không trả lời', ''],
  ],
  settings: [SETTINGS_COLUMNS, ['Phiếu khảo sát sự hài lòng của người dân, tổ chức']],
};

const cell = (row: SheetRow, column: string): string => row.cells[column]?.trim() ?? '';
const isBlank = (row: SheetRow): boolean => Object.values(row.cells).every((v) => v.trim() === '');

const QUESTION_COLUMN: Readonly<Record<QuestionField, string>> = {
  type: 'type', list: 'type', name: 'name', label: 'label', hint: 'hint', required: 'required',
  relevant: 'relevant', min: 'min', max: 'max', criterion: 'criterion',
};
const CHOICE_COLUMN: Readonly<Record<ChoiceField, string>> = { list_name: 'list_name', name: 'name', label: 'label', weight: 'weight' };

/** Required headers missing from a sheet that has rows (the header is line 1 unless rows say otherwise). */
function missingHeaders(sheet: SheetName, rows: readonly SheetRow[], required: readonly string[]): SheetError[] {
  const seen = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  const headerLine = Math.max(1, (rows[0]?.line ?? 2) - 1);
  return required.filter((c) => !seen.has(c)).map((c) => ({ sheet, line: headerLine, column: c, message: `Trang ${sheet} thiếu cột “${c}”` }));
}

export function readQuestionnaireSheets(
  sheets: QuestionnaireSheets, resolveCriterion: CriterionResolver,
): { questionnaire: Questionnaire } | { errors: SheetError[] } {
  const surveyRows = sheets.survey.filter((r) => !isBlank(r));
  const choiceRows = sheets.choices.filter((r) => !isBlank(r));
  const titleRow = (sheets.settings ?? []).find((r) => cell(r, 'title') !== '');
  const headerErrors = [
    ...(surveyRows.length > 0 ? missingHeaders('survey', surveyRows, ['type', 'name', 'label']) : []),
    ...(choiceRows.length > 0 ? missingHeaders('choices', choiceRows, ['list_name', 'name', 'label']) : []),
  ];
  if (headerErrors.length > 0) return { errors: headerErrors };

  const questions = surveyRows.map((row): DraftQuestion => {
    const [type = '', ...list] = cell(row, 'type').split(/\s+/);
    return {
      type, list: list.join(' '), name: cell(row, 'name'), label: cell(row, 'label'), hint: cell(row, 'hint'),
      required: cell(row, 'required'), relevant: cell(row, 'relevant'), min: cell(row, 'min'), max: cell(row, 'max'),
      criterion: cell(row, 'criterion'),
    };
  });
  const choices = choiceRows.map((row) => ({
    list: cell(row, 'list_name'), name: cell(row, 'name'), label: cell(row, 'label'), weight: cell(row, 'weight'),
  }));
  const result = buildQuestionnaire(
    { title: titleRow ? cell(titleRow, 'title') : DEFAULT_QUESTIONNAIRE_TITLE, questions, choices }, resolveCriterion,
  );
  if ('questionnaire' in result) return result;

  const locate = (place: DraftPlace): Omit<SheetError, 'message'> => {
    switch (place.kind) {
      case 'title':
        return { sheet: 'settings', line: titleRow?.line ?? 2, column: 'title' };
      case 'questions':
        return { sheet: 'survey', line: surveyRows[0]?.line ?? 2 };
      case 'question':
        return { sheet: 'survey', line: surveyRows[place.index]!.line, column: QUESTION_COLUMN[place.field] };
      case 'choice':
        return { sheet: 'choices', line: choiceRows[place.index]!.line, column: CHOICE_COLUMN[place.field] };
    }
  };
  const order: Record<SheetName, number> = { settings: 0, survey: 1, choices: 2 };
  return {
    errors: result.problems
      .map((p) => ({ ...locate(p.place), message: p.message }))
      .sort((a, b) => order[a.sheet] - order[b.sheet] || a.line - b.line),
  };
}
