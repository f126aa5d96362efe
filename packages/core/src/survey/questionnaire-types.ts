/**
 * A questionnaire (phiếu hỏi) of the sociological survey, as chiso stores it once validated: the
 * XLSForm-like workbook's `survey` and `choices` sheets, typed. Shared by the server (import,
 * storage, scoring), the web (form, editor) and the paper entry.
 */

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/**
 * Question types. `likert`, `select_one`, `select_multiple` name a choice list; `yes_no` uses the
 * built-in list `co_khong` (co = Có, khong = Không); `note` is text shown without an answer.
 */
export const QUESTION_TYPES = ['likert', 'select_one', 'select_multiple', 'yes_no', 'integer', 'decimal', 'text', 'note'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A choice of a list: its name (stored in answers), label, and for scored lists its weight. */
export interface SurveyChoice {
  readonly name: string;
  readonly label: string;
  /** Share of the criterion's points this answer is worth, a decimal in [0, 1] as text ("0.6"); absent: not scored (e.g. "Không biết"). */
  readonly weight?: string;
}

export interface SurveyQuestion {
  /** Unique in the questionnaire; the answer column in imports. Letters, digits, `_`. */
  readonly name: string;
  readonly type: QuestionType;
  readonly label: string;
  readonly hint?: string;
  /** The choice list of likert/select questions (`co_khong` for yes_no). */
  readonly list?: string;
  readonly required: boolean;
  /** Skip logic (XLSForm `relevant`): shown only when true, e.g. `${da_giao_dich} = 'co'`. */
  readonly relevant?: string;
  /** Bounds of integer/decimal answers, inclusive, as decimal text. */
  readonly min?: string;
  readonly max?: string;
  /** Stable key of the survey criterion this scored question feeds (a `survey` leaf of the rated group's framework). */
  readonly criterionKey?: string;
}

export interface Questionnaire {
  readonly formatVersion: 1;
  readonly title: string;
  readonly questions: readonly SurveyQuestion[];
  /** Choice lists by name. */
  readonly choices: Readonly<Record<string, readonly SurveyChoice[]>>;
}

/** One response's answers: question name → value (a choice name; several, space-separated; a decimal; text). */
export type SurveyAnswers = Readonly<Record<string, string>>;

/** Quality flags a response may carry. */
export const SURVEY_FLAGS = ['too_fast', 'straight_lining', 'duplicate'] as const;
export type SurveyFlag = (typeof SURVEY_FLAGS)[number];

/** How an answer reached chiso. */
export const SURVEY_CHANNELS = ['link', 'paper', 'import'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

/** The built-in list of yes/no questions. */
export const YES_NO_LIST = 'co_khong';
export const YES_NO_CHOICES: readonly SurveyChoice[] = [
  { name: 'co', label: 'Có' },
  { name: 'khong', label: 'Không' },
];
