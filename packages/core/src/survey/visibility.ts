/**
 * Which questions a respondent sees (skip logic). Expressions are parsed once per questionnaire
 * object, so checking a million responses parses each `relevant` once.
 */
import { type RelevanceExpr, evaluateRelevance, parseRelevance } from './relevance.ts';
import type { Questionnaire, SurveyAnswers, SurveyQuestion } from './questionnaire-types.ts';

const compiled = new WeakMap<Questionnaire, ReadonlyMap<string, RelevanceExpr>>();

function expressionsOf(q: Questionnaire): ReadonlyMap<string, RelevanceExpr> {
  let map = compiled.get(q);
  if (!map) {
    const built = new Map<string, RelevanceExpr>();
    for (const question of q.questions) {
      if (!question.relevant?.trim()) continue;
      const parsed = parseRelevance(question.relevant);
      // A checked questionnaire always parses; an unparseable one shows the question rather than hide it.
      if ('expr' in parsed) built.set(question.name, parsed.expr);
    }
    map = built;
    compiled.set(q, map);
  }
  return map;
}

/**
 * Walks the questions in order; `read` is asked for the answer of each visible question only, and
 * what it returns (null: none) is what later conditions see. Hidden questions read as unanswered.
 */
export function walkVisible(q: Questionnaire, read: (question: SurveyQuestion) => string | null): SurveyQuestion[] {
  const expressions = expressionsOf(q);
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
