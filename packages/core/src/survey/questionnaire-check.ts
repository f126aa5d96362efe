/**
 * The rules of a questionnaire, shared by its two ways in: the Excel workbook (survey/choices
 * sheets) and the JSON the editor sends. Each way turns its input into a draft of plain texts and
 * says where each field came from; the rules here build the `Questionnaire` or list the problems
 * by place, which the caller turns into "line 7, column relevant" or "questions[6].relevant".
 */
import { normalizeDecimal, parseDecimal } from '../decimal/parse.ts';
import { compareRational, rationalFromDecimal, unitsToPlain } from '../decimal/rational.ts';
import {
  QUESTION_TYPES, type QuestionType, type Questionnaire, type SurveyChoice, type SurveyQuestion, YES_NO_CHOICES, YES_NO_LIST,
} from './questionnaire-types.ts';
import { parseRelevance, relevanceReferences, relevanceSelections } from './relevance.ts';

export type QuestionField = 'type' | 'list' | 'name' | 'label' | 'hint' | 'required' | 'relevant' | 'min' | 'max' | 'criterion';
export type ChoiceField = 'list_name' | 'name' | 'label' | 'weight';

/** Where a problem is: the title, the questions as a whole, a question's field, or a choice's field (index in draft order). */
export type DraftPlace =
  | { readonly kind: 'title' }
  | { readonly kind: 'questions' }
  | { readonly kind: 'question'; readonly index: number; readonly field: QuestionField }
  | { readonly kind: 'choice'; readonly index: number; readonly field: ChoiceField };

export interface DraftProblem {
  readonly place: DraftPlace;
  /** Vietnamese. */
  readonly message: string;
}

export interface DraftQuestion {
  readonly type: string;
  readonly list?: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  /** A boolean (JSON) or the sheet's text: yes/có/true/1, or blank/no/không/false/0. */
  readonly required?: string | boolean;
  readonly relevant?: string;
  readonly min?: string;
  readonly max?: string;
  /** Code ("1.6") or stable key of a survey criterion. */
  readonly criterion?: string;
}

export interface DraftChoice {
  readonly list: string;
  readonly name: string;
  readonly label: string;
  /** Decimal in [0, 1] ("0,6", "0.6") or a percentage ("60%"); blank: not scored. */
  readonly weight?: string;
}

export interface QuestionnaireDraft {
  readonly title: string;
  readonly questions: readonly DraftQuestion[];
  readonly choices: readonly DraftChoice[];
}

/** Resolves a criterion's code or key to the stable key of a survey leaf, or null when there is none. */
export type CriterionResolver = (codeOrKey: string) => string | null;

export type DraftResult = { readonly questionnaire: Questionnaire } | { readonly problems: DraftProblem[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CHOICE_NAME = /^[A-Za-z0-9_.-]+$/;
const MAX_NAME = 64;
const MAX_TITLE = 300;
const CHOICE_TYPES: readonly QuestionType[] = ['likert', 'select_one', 'select_multiple'];
/** Types a criterion may be linked to: one choice per respondent, whose weight is the answer's worth. */
const SCORABLE_TYPES: readonly QuestionType[] = ['likert', 'select_one', 'yes_no'];
const YES = ['yes', 'có', 'co', 'true', '1', 'x'];
const NO = ['', 'no', 'không', 'khong', 'false', '0'];

const typeList = QUESTION_TYPES.join(', ');

function canonicalDecimal(text: string): string | null {
  const d = parseDecimal(text);
  if (d === null) return null;
  const n = normalizeDecimal(d);
  return unitsToPlain(n.units, n.scale);
}

/** A weight as canonical text in [0, 1], or the problem. */
function readWeight(text: string): { weight: string } | { error: string } {
  const percent = text.endsWith('%');
  const d = parseDecimal(percent ? text.slice(0, -1) : text);
  if (d === null) return { error: `Trọng số “${text}” không phải là số (ví dụ 0,6 hoặc 60%)` };
  const scaled = percent ? { units: d.units, scale: d.scale + 2 } : d;
  const r = rationalFromDecimal(scaled);
  if (r.num < 0n || r.num > r.den) return { error: `Trọng số “${text}” phải từ 0 đến 1 (hoặc từ 0% đến 100%)` };
  const n = normalizeDecimal(scaled);
  return { weight: unitsToPlain(n.units, n.scale) };
}

function readRequired(value: string | boolean | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  const t = (value ?? '').trim().toLowerCase();
  return YES.includes(t) ? true : NO.includes(t) ? false : null;
}

class DraftChecker {
  readonly problems: DraftProblem[] = [];
  readonly lists = new Map<string, SurveyChoice[]>();
  /** Names met so far, valid rows or not, so a repeated name is reported even after a faulty first row. */
  private readonly choiceNames = new Set<string>();
  private readonly questionNames = new Set<string>();

  constructor(private readonly draft: QuestionnaireDraft, private readonly resolve: CriterionResolver) {}

  private q(index: number, field: QuestionField, message: string): void {
    this.problems.push({ place: { kind: 'question', index, field }, message });
  }

  private c(index: number, field: ChoiceField, message: string): void {
    this.problems.push({ place: { kind: 'choice', index, field }, message });
  }

  private choiceList(row: DraftChoice, i: number): string | null {
    const list = row.list.trim();
    if (list === '') this.c(i, 'list_name', 'Thiếu tên danh sách lựa chọn (list_name)');
    else if (!NAME.test(list) || list.length > MAX_NAME) {
      this.c(i, 'list_name', `Tên danh sách “${list}” chỉ gồm chữ không dấu, số và “_”, bắt đầu bằng chữ`);
    } else return list;
    return null;
  }

  private choiceName(row: DraftChoice, i: number, list: string | null): string | null {
    const name = row.name.trim();
    if (name === '') this.c(i, 'name', 'Thiếu tên lựa chọn (name)');
    else if (!CHOICE_NAME.test(name) || name.length > MAX_NAME) {
      this.c(i, 'name', `Tên lựa chọn “${name}” chỉ gồm chữ không dấu, số, “_”, “-”, “.” và không có dấu cách`);
    } else if (list !== null && this.choiceNames.has(`${list} ${name}`)) {
      this.c(i, 'name', `Lựa chọn “${name}” đã có trong danh sách “${list}”`);
    } else {
      if (list !== null) this.choiceNames.add(`${list} ${name}`);
      return name;
    }
    return null;
  }

  /** Each field of each row is checked, so one pass shows every problem of the sheet. */
  checkChoices(): void {
    this.draft.choices.forEach((row, i) => {
      const list = this.choiceList(row, i);
      if (list !== null && !this.lists.has(list)) this.lists.set(list, []);
      const name = this.choiceName(row, i, list);
      const label = row.label.trim();
      if (label === '') this.c(i, 'label', `Thiếu nhãn của lựa chọn${name ? ` “${name}”` : ''}`);
      const weightText = row.weight?.trim() ?? '';
      const w = weightText === '' ? null : readWeight(weightText);
      if (w !== null && 'error' in w) this.c(i, 'weight', w.error);
      else if (list !== null && name !== null && label !== '') {
        this.lists.get(list)!.push({ name, label, ...(w !== null && { weight: w.weight }) });
      }
    });
    const yesNo = this.lists.get(YES_NO_LIST);
    if (yesNo && yesNo.map((c) => c.name).sort().join(' ') !== 'co khong') {
      const at = this.draft.choices.findIndex((row) => row.list.trim() === YES_NO_LIST);
      this.c(at, 'list_name', `Danh sách ${YES_NO_LIST} (câu có/không) phải gồm đúng hai lựa chọn: co và khong`);
    }
  }

  private checkType(d: DraftQuestion, i: number): { type: QuestionType; list?: string } | null {
    const typeText = d.type.trim().toLowerCase();
    const type = QUESTION_TYPES.find((t) => t === typeText);
    if (!type) {
      this.q(i, 'type', typeText === '' ? `Thiếu loại câu hỏi (${typeList})` : `Loại câu hỏi “${d.type.trim()}” không có; dùng: ${typeList}`);
      return null;
    }
    const list = d.list?.trim() || undefined;
    if (CHOICE_TYPES.includes(type)) {
      if (!list) {
        this.q(i, 'list', `Loại ${type} cần tên danh sách lựa chọn, ví dụ “${type} muc_do”`);
        return null;
      }
      if (!this.lists.has(list)) {
        this.q(i, 'list', `Không có danh sách lựa chọn “${list}” (trang choices)`);
        return null;
      }
      return { type, list };
    }
    if (type === 'yes_no') {
      if (list && list !== YES_NO_LIST) this.q(i, 'list', `Câu có/không dùng danh sách ${YES_NO_LIST}, không dùng “${list}”`);
      return { type, list: YES_NO_LIST };
    }
    if (list) this.q(i, 'list', `Loại ${type} không dùng danh sách lựa chọn`);
    return { type };
  }

  private checkBounds(d: DraftQuestion, i: number, type: QuestionType): { min?: string; max?: string } {
    const out: { min?: string; max?: string } = {};
    for (const field of ['min', 'max'] as const) {
      const text = d[field]?.trim() ?? '';
      if (text === '') continue;
      if (type !== 'integer' && type !== 'decimal') {
        this.q(i, field, `Chỉ câu số (integer, decimal) mới có giới hạn ${field}`);
        continue;
      }
      const canonical = canonicalDecimal(text);
      if (canonical === null) this.q(i, field, `Giới hạn “${text}” không phải là số`);
      else if (type === 'integer' && canonical.includes('.')) this.q(i, field, `Câu số nguyên cần giới hạn nguyên, không phải “${text}”`);
      else out[field] = canonical;
    }
    if (out.min !== undefined && out.max !== undefined
      && compareRational(rationalFromDecimal(parseDecimal(out.min)!), rationalFromDecimal(parseDecimal(out.max)!)) > 0) {
      this.q(i, 'max', `Giới hạn trên (max) nhỏ hơn giới hạn dưới (min)`);
    }
    return out;
  }

  private checkRelevant(text: string, i: number, earlier: ReadonlyMap<string, SurveyQuestion>): string | undefined {
    const parsed = parseRelevance(text);
    if ('error' in parsed) {
      this.q(i, 'relevant', `Điều kiện hiển thị, ký tự thứ ${parsed.error.position}: ${parsed.error.message}`);
      return undefined;
    }
    const names = new Set(this.draft.questions.map((d) => d.name.trim()));
    for (const ref of relevanceReferences(parsed.expr)) {
      const before = earlier.get(ref.name);
      if (!before) {
        this.q(i, 'relevant', names.has(ref.name)
          ? `Điều kiện hiển thị nhắc đến câu “${ref.name}” không nằm trước câu này: chỉ dựa vào câu trước`
          : `Điều kiện hiển thị nhắc đến câu “${ref.name}” không có trong phiếu`);
      } else if (before.type === 'note') {
        this.q(i, 'relevant', `Điều kiện hiển thị nhắc đến “${ref.name}”, là ghi chú không có câu trả lời`);
      }
    }
    for (const sel of relevanceSelections(parsed.expr)) {
      const before = earlier.get(sel.question);
      if (!before || before.type === 'note') continue;
      const list = before.list === undefined ? undefined : (this.lists.get(before.list) ?? (before.list === YES_NO_LIST ? [...YES_NO_CHOICES] : undefined));
      if (!list) this.q(i, 'relevant', `selected(...) chỉ dùng với câu có lựa chọn; “${sel.question}” không phải`);
      else if (!list.some((c) => c.name === sel.choice)) this.q(i, 'relevant', `Câu “${sel.question}” không có lựa chọn “${sel.choice}”`);
    }
    return text;
  }

  private checkCriterion(text: string, i: number, type: QuestionType, list: string | undefined): string | undefined {
    if (!SCORABLE_TYPES.includes(type)) {
      this.q(i, 'criterion', `Chỉ câu likert, select_one hoặc yes_no mới gắn với tiêu chí (câu này là ${type})`);
      return undefined;
    }
    const key = this.resolve(text);
    if (key === null) {
      this.q(i, 'criterion', `Không có tiêu chí điều tra xã hội học “${text}” trong bộ tiêu chí`);
      return undefined;
    }
    const choices = list === undefined ? undefined : this.lists.get(list);
    if (!choices?.some((c) => c.weight !== undefined)) {
      this.q(i, 'criterion', `Câu gắn tiêu chí cần ít nhất một lựa chọn có trọng số trong danh sách “${list ?? YES_NO_LIST}”`);
    }
    return key;
  }

  private checkName(d: DraftQuestion, i: number): string | null {
    const name = d.name.trim();
    if (name === '') this.q(i, 'name', 'Thiếu tên câu hỏi (name)');
    else if (!NAME.test(name) || name.length > MAX_NAME) {
      this.q(i, 'name', `Tên câu hỏi “${name}” chỉ gồm chữ không dấu, số và “_”, bắt đầu bằng chữ, tối đa ${MAX_NAME} ký tự`);
    } else if (this.questionNames.has(name)) this.q(i, 'name', `Tên câu hỏi “${name}” đã dùng ở câu trước`);
    else {
      this.questionNames.add(name);
      return name;
    }
    return null;
  }

  checkQuestions(): SurveyQuestion[] {
    const earlier = new Map<string, SurveyQuestion>();
    const out: SurveyQuestion[] = [];
    this.draft.questions.forEach((d, i) => {
      const name = this.checkName(d, i);
      const typed = this.checkType(d, i);
      const label = d.label.trim();
      if (label === '') this.q(i, 'label', 'Thiếu nội dung câu hỏi (label)');
      const required = readRequired(d.required);
      if (required === null) this.q(i, 'required', `Cột required ghi “${String(d.required).trim()}”: dùng yes (có) hoặc để trống`);
      else if (required && typed?.type === 'note') this.q(i, 'required', 'Ghi chú (note) không có câu trả lời nên không thể bắt buộc');
      const relevantText = d.relevant?.trim() ?? '';
      const relevant = relevantText === '' ? undefined : this.checkRelevant(relevantText, i, earlier);
      if (!typed) return;
      const bounds = this.checkBounds(d, i, typed.type);
      const criterionText = d.criterion?.trim() ?? '';
      const criterionKey = criterionText === '' ? undefined : this.checkCriterion(criterionText, i, typed.type, typed.list);
      const hint = d.hint?.trim() || undefined;
      const question: SurveyQuestion = {
        name: name ?? '', type: typed.type, label, required: required === true,
        ...(hint !== undefined && { hint }), ...(typed.list !== undefined && { list: typed.list }),
        ...(relevant !== undefined && { relevant }), ...bounds, ...(criterionKey !== undefined && { criterionKey }),
      };
      if (name !== null) earlier.set(name, question);
      out.push(question);
    });
    if (this.draft.questions.every((d) => d.type.trim().toLowerCase() === 'note')) {
      this.problems.push({ place: { kind: 'questions' }, message: 'Phiếu chưa có câu hỏi nào' });
    }
    return out;
  }
}

/** Builds a questionnaire from a draft, or lists every problem found (all of them, not the first). */
export function buildQuestionnaire(draft: QuestionnaireDraft, resolveCriterion: CriterionResolver): DraftResult {
  const checker = new DraftChecker(draft, resolveCriterion);
  const title = draft.title.trim();
  if (title === '') checker.problems.push({ place: { kind: 'title' }, message: 'Phiếu hỏi cần tiêu đề (title)' });
  else if (title.length > MAX_TITLE) checker.problems.push({ place: { kind: 'title' }, message: `Tiêu đề dài quá ${MAX_TITLE} ký tự` });
  checker.checkChoices();
  const questions = checker.checkQuestions();
  if (checker.problems.length > 0) return { problems: checker.problems };
  const choices: Record<string, readonly SurveyChoice[]> = Object.fromEntries(checker.lists);
  if (questions.some((q) => q.type === 'yes_no') && !checker.lists.has(YES_NO_LIST)) choices[YES_NO_LIST] = YES_NO_CHOICES;
  return { questionnaire: { formatVersion: 1, title, questions, choices } };
}
