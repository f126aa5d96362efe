/**
 * One answer, read the way its question says: a choice name of the question's list (matched
 * regardless of case, written as the list spells it), several (space-separated, in list order), a
 * number within bounds (canonical, decimal point), or text.
 * Shared by the response check and the paper reconciliation, so both normalise alike.
 */
import { parseDecimal } from '../decimal/parse.ts';
import { type Rational, compareRational, rationalFromDecimal } from '../decimal/rational.ts';
import { readTypedNumber } from '../decimal/typed.ts';
import { formatDecimalVi } from '../decimal/vi-text.ts';
import { type Questionnaire, type SurveyChoice, type SurveyQuestion, YES_NO_CHOICES, YES_NO_LIST } from './questionnaire-types.ts';

/** Longest open-text answer kept (characters), in every channel: a comment, not a document. */
export const MAX_TEXT_ANSWER = 2000;

/** A read answer: its normalised value (null when blank), or why it cannot be accepted. */
export type AnswerReading = { readonly value: string | null } | { readonly error: string };

/** The choices of a choice question (yes/no falls back to the built-in list). */
export function questionChoices(q: Questionnaire, question: SurveyQuestion): readonly SurveyChoice[] {
  const list = question.type === 'yes_no' ? (question.list ?? YES_NO_LIST) : question.list;
  if (list === undefined) return [];
  return q.choices[list] ?? (list === YES_NO_LIST ? YES_NO_CHOICES : []);
}

export function isChoiceQuestion(question: SurveyQuestion): boolean {
  return question.type === 'likert' || question.type === 'select_one' || question.type === 'select_multiple' || question.type === 'yes_no';
}

function listText(choices: readonly SurveyChoice[]): string {
  const names = choices.map((c) => c.name);
  return names.length > 8 ? `${names.slice(0, 8).join(', ')}…` : names.join(', ');
}

function notAChoice(name: string, choices: readonly SurveyChoice[]): string {
  return `“${name}” không phải là lựa chọn của câu này (có: ${listText(choices)})`;
}

/**
 * A choice's name as the list spells it: the exact name first, else the one equal regardless of
 * case (staff type "a" for "A", Excel users too); undefined when none.
 */
function spelledChoice(choices: readonly SurveyChoice[], name: string): string | undefined {
  for (const c of choices) if (c.name === name) return c.name;
  const lower = name.toLowerCase();
  for (const c of choices) if (c.name.toLowerCase() === lower) return c.name;
  return undefined;
}

function readChoices(q: Questionnaire, question: SurveyQuestion, text: string): AnswerReading {
  const choices = questionChoices(q, question);
  if (question.type !== 'select_multiple') {
    // One choice: the common case, checked without building lists.
    const name = spelledChoice(choices, text);
    return name !== undefined ? { value: name } : { error: notAChoice(text, choices) };
  }
  const names = new Set<string>();
  for (const typed of text.split(/[\s,;]+/)) {
    if (typed === '') continue;
    const name = spelledChoice(choices, typed);
    if (name === undefined) return { error: notAChoice(typed, choices) };
    names.add(name);
  }
  // List order, so the same choices always read the same.
  return { value: choices.filter((c) => names.has(c.name)).map((c) => c.name).join(' ') };
}

const vi = (plain: string): string => formatDecimalVi(plain);

type Bounds = { readonly min: Rational | null; readonly max: Rational | null };
const boundsCache = new WeakMap<SurveyQuestion, Bounds>();

/** A question's bounds as exact rationals, parsed once per question object. */
function boundsOf(question: SurveyQuestion): Bounds {
  let b = boundsCache.get(question);
  if (!b) {
    const read = (text: string | undefined) => {
      const d = text === undefined ? null : parseDecimal(text);
      return d && rationalFromDecimal(d);
    };
    b = { min: read(question.min), max: read(question.max) };
    boundsCache.set(question, b);
  }
  return b;
}

function readNumber(question: SurveyQuestion, text: string): AnswerReading {
  const negative = text.startsWith('-');
  const read = readTypedNumber(negative ? text.slice(1) : text, question.type === 'integer' ? 'count' : 'quantity');
  if (!read.ok) return { error: question.type === 'integer' && read.problem === 'not_whole' ? `“${text}” không phải là số nguyên` : read.message };
  const value = negative && read.canonical !== '0' ? `-${read.canonical}` : read.canonical;
  const r = rationalFromDecimal(negative ? { units: -read.value.units, scale: read.value.scale } : read.value);
  const { min, max } = boundsOf(question);
  const below = min !== null && compareRational(r, min) < 0;
  const above = max !== null && compareRational(r, max) > 0;
  if (below || above) {
    if (min !== null && max !== null) return { error: `phải từ ${vi(question.min!)} đến ${vi(question.max!)}` };
    return { error: below ? `không được nhỏ hơn ${vi(question.min!)}` : `không được lớn hơn ${vi(question.max!)}` };
  }
  return { value };
}

/** Reads one answer of `question` (trimmed; blank = null). Notes take no answer. */
export function readAnswer(q: Questionnaire, question: SurveyQuestion, raw: string): AnswerReading {
  const text = raw.trim();
  if (text === '' || question.type === 'note') return { value: null };
  if (isChoiceQuestion(question)) return readChoices(q, question, text);
  if (question.type === 'integer' || question.type === 'decimal') return readNumber(question, text);
  if (text.length > MAX_TEXT_ANSWER) return { error: `dài quá ${MAX_TEXT_ANSWER} ký tự` };
  return { value: /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text };
}

/** The normalised form of an answer for comparison: its reading, or the trimmed text when unreadable. */
export function normaliseAnswer(q: Questionnaire, question: SurveyQuestion | undefined, raw: string): string | null {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!question) return text === '' ? null : text;
  const read = readAnswer(q, question, raw);
  return 'value' in read ? read.value : text;
}
