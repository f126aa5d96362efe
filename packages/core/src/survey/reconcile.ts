/**
 * Paper double entry: two staff type the same form; the entries agree when their normalised
 * answers are equal, else the differences are shown question by question for a third look.
 */
import { normaliseAnswer } from './answer-values.ts';
import type { Questionnaire, SurveyAnswers } from './questionnaire-types.ts';

export interface EntryDifference {
  readonly question: string;
  readonly first: string | null;
  readonly second: string | null;
}

export type Reconciliation =
  | { readonly agreed: true; readonly answers: SurveyAnswers }
  | { readonly agreed: false; readonly differences: EntryDifference[] };

/** Normalised non-blank answers, questionnaire questions first (in order), then unknown names sorted. */
export function normaliseAnswers(q: Questionnaire, answers: SurveyAnswers): Record<string, string> {
  const byName = new Map(q.questions.map((question) => [question.name, question]));
  const names = [
    ...q.questions.map((question) => question.name).filter((n) => Object.hasOwn(answers, n)),
    ...Object.keys(answers).filter((n) => !byName.has(n)).sort(),
  ];
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = normaliseAnswer(q, byName.get(name), answers[name]!);
    if (v !== null) out[name] = v;
  }
  return out;
}

export function reconcileEntries(q: Questionnaire, first: SurveyAnswers, second: SurveyAnswers): Reconciliation {
  const a = normaliseAnswers(q, first);
  const b = normaliseAnswers(q, second);
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const order = new Map(q.questions.map((question, i) => [question.name, i]));
  names.sort((x, y) => (order.get(x) ?? Infinity) - (order.get(y) ?? Infinity) || (x < y ? -1 : x > y ? 1 : 0));
  const differences = names
    .filter((n) => a[n] !== b[n])
    .map((n) => ({ question: n, first: a[n] ?? null, second: b[n] ?? null }));
  return differences.length === 0 ? { agreed: true, answers: a } : { agreed: false, differences };
}
