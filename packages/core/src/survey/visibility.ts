/**
 * Which questions a respondent sees (skip logic). Expressions are parsed once per questionnaire
 * object, so checking a million responses parses each `relevant` once.
 */
import { type RelevanceExpr, evaluateRelevance, parseRelevance } from './relevance.ts';
import type { Questionnaire, SurveyAnswers, SurveyQuestion } from './questionnaire-types.ts';

interface Compiled {
  readonly expressions: ReadonlyMap<string, RelevanceExpr>;
  readonly names: ReadonlySet<string>;
}

const compiled = new WeakMap<Questionnaire, Compiled>();

function compiledOf(q: Questionnaire): Compiled {
  let c = compiled.get(q);
  if (!c) {
    const expressions = new Map<string, RelevanceExpr>();
    for (const question of q.questions) {
      if (!question.relevant?.trim()) continue;
      const parsed = parseRelevance(question.relevant);
      // A checked questionnaire always parses; an unparseable one shows the question rather than hide it.
      if ('expr' in parsed) expressions.set(question.name, parsed.expr);
    }
    c = { expressions, names: new Set(q.questions.map((question) => question.name)) };
    compiled.set(q, c);
  }
  return c;
}

/** Whether the questionnaire has a question of this name (a set built once per questionnaire). */
export function hasQuestion(q: Questionnaire, name: string): boolean {
  return compiledOf(q).names.has(name);
}

/**
 * Walks the questions in order; `read` is asked for the answer of each visible question only, and
 * what it returns (null: none) is what later conditions see. Hidden questions read as unanswered.
 */
export function walkVisible(q: Questionnaire, read: (question: SurveyQuestion) => string | null): SurveyQuestion[] {
  const { expressions } = compiledOf(q);
  const seen = new Map<string, string>();
  const answerOf = (name: string): string => seen.get(name) ?? '';
  const visible: SurveyQuestion[] = [];
  for (const question of q.questions) {
    const expr = expressions.get(question.name);
    if (expr && !evaluateRelevance(expr, answerOf)) continue;
    visible.push(question);
    const value = read(question);
    if (value !== null) seen.set(question.name, value);
  }
  return visible;
}

/** The questions shown to a respondent with these answers (notes included). */
export function visibleQuestions(q: Questionnaire, answers: SurveyAnswers): SurveyQuestion[] {
  return walkVisible(q, (question) => {
    const v = answers[question.name]?.trim();
    return v ? v : null;
  });
}
