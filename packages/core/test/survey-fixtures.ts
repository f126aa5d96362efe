/** Test helpers of the survey: sheet rows from arrays, a small questionnaire with skip logic and scored questions. */
import { type Questionnaire, type SheetRow, QUESTIONNAIRE_TEMPLATE_SHEETS, readQuestionnaireSheets } from '../src/index.ts';

/** Rows of a sheet written as arrays, header first; the header is line 1. */
export function sheetRows(sheet: readonly (readonly string[])[]): SheetRow[] {
  const [header = [], ...rows] = sheet;
  return rows.map((r, i) => ({ line: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])) }));
}

/** Criteria of the tests: codes 1.6 and 1.7 are survey leaves (keys hl-thai-do, hl-thoi-gian). */
export const resolveCriterion = (codeOrKey: string): string | null =>
  ({ '1.6': 'hl-thai-do', 'hl-thai-do': 'hl-thai-do', '1.7': 'hl-thoi-gian', 'hl-thoi-gian': 'hl-thoi-gian' })[codeOrKey] ?? null;

export function readSheets(survey: readonly (readonly string[])[], choices: readonly (readonly string[])[], settings?: readonly (readonly string[])[]) {
  return readQuestionnaireSheets({ survey: sheetRows(survey), choices: sheetRows(choices), ...(settings && { settings: sheetRows(settings) }) }, resolveCriterion);
}

function questionnaireOf(result: ReturnType<typeof readSheets>): Questionnaire {
  if ('errors' in result) throw new Error(result.errors.map((e) => `${e.sheet}:${e.line}:${e.column} ${e.message}`).join('\n'));
  return result.questionnaire;
}

export const templateQuestionnaire: Questionnaire = questionnaireOf(
  readSheets(QUESTIONNAIRE_TEMPLATE_SHEETS.survey, QUESTIONNAIRE_TEMPLATE_SHEETS.choices, QUESTIONNAIRE_TEMPLATE_SHEETS.settings),
);

const S = QUESTIONNAIRE_TEMPLATE_SHEETS.survey[0]!;
const C = QUESTIONNAIRE_TEMPLATE_SHEETS.choices[0]!;
const row = (o: Record<string, string>): string[] => S.map((h) => o[h] ?? '');

/**
 * Six likert questions on two criteria (a, b, c → 1.6; d, e → 1.7; f unscored), a yes/no gate
 * hiding d and e, a multiple choice, a bounded decimal and a text.
 */
export const scoredQuestionnaire: Questionnaire = questionnaireOf(readSheets(
  [
    S,
    row({ type: 'yes_no', name: 'gate', label: 'Có giao dịch?', required: 'có' }),
    row({ type: 'likert muc_do', name: 'a', label: 'Câu a', criterion: '1.6' }),
    row({ type: 'likert muc_do', name: 'b', label: 'Câu b', criterion: '1.6' }),
    row({ type: 'likert muc_do', name: 'c', label: 'Câu c', criterion: 'hl-thai-do' }),
    row({ type: 'likert muc_do', name: 'd', label: 'Câu d', criterion: '1.7', relevant: "${gate} = 'co'" }),
    row({ type: 'select_one muc_do', name: 'e', label: 'Câu e', criterion: '1.7', relevant: "${gate} = 'co'" }),
    row({ type: 'likert muc_do', name: 'f', label: 'Câu f' }),
    row({ type: 'select_multiple kenh', name: 'kenh', label: 'Kênh', relevant: "selected(${gate}, 'co')" }),
    row({ type: 'decimal', name: 'phi', label: 'Phí (nghìn đồng)', min: '0', max: '1000,5' }),
    row({ type: 'text', name: 'y_kien', label: 'Ý kiến' }),
  ],
  [
    C,
    ['muc_do', 'A', 'Rất hài lòng', '1'], ['muc_do', 'B', 'Hài lòng', '60%'], ['muc_do', 'C', 'Chưa hài lòng', '0,2'],
    ['muc_do', 'D', 'Không hài lòng', '0'], ['muc_do', 'KB', 'Không biết', ''],
    ['kenh', 'truc_tiep', 'Trực tiếp', ''], ['kenh', 'buu_chinh', 'Bưu chính', ''], ['kenh', 'truc_tuyen', 'Trực tuyến', ''],
  ],
));

export const LIKERT_CHOICES = ['A', 'B', 'C', 'D', 'KB'] as const;
/** Weights of the likert list as exact fractions (KB has none). */
export const LIKERT_WEIGHTS: Readonly<Record<string, [bigint, bigint]>> = { A: [1n, 1n], B: [3n, 5n], C: [1n, 5n], D: [0n, 1n] };
