/**
 * Checks one response against its questionnaire, as every channel (link, paper, import) does:
 * unknown questions, required visible questions, choices in the list, numbers in bounds. The
 * result keeps only answers to visible questions, normalised, in questionnaire order.
 */
import { readAnswer } from './answer-values.ts';
import type { Questionnaire, SurveyAnswers } from './questionnaire-types.ts';
import { hasQuestion, walkVisible } from './visibility.ts';

export interface ResponseError {
  /** The question's name (the column of an import). */
  readonly question: string;
  /** Vietnamese. */
  readonly message: string;
}

export type ResponseCheck = { readonly answers: SurveyAnswers } | { readonly errors: ResponseError[] };

/** "Câu “…”" naming a question by its label, shortened so a long question keeps the message readable. */
function questionTitle(label: string): string {
  return `Câu “${label.length > 60 ? `${label.slice(0, 59)}…` : label}”`;
}

export function checkResponse(q: Questionnaire, answers: Readonly<Record<string, string>>): ResponseCheck {
  const errors: ResponseError[] = [];
  for (const name of Object.keys(answers)) {
    if (!hasQuestion(q, name)) errors.push({ question: name, message: `Phiếu không có câu hỏi “${name}”` });
  }
  const out: Record<string, string> = {};
  walkVisible(q, (question) => {
    const raw = Object.hasOwn(answers, question.name) ? answers[question.name]! : '';
    const read = readAnswer(q, question, raw);
    if ('error' in read) {
      errors.push({ question: question.name, message: `${questionTitle(question.label)}: ${read.error}` });
      return null;
    }
    if (read.value === null) {
      if (question.required && question.type !== 'note') {
        errors.push({ question: question.name, message: `${questionTitle(question.label)} bắt buộc trả lời` });
      }
      return null;
    }
    out[question.name] = read.value;
    return read.value;
  });
  return errors.length > 0 ? { errors } : { answers: out };
}
