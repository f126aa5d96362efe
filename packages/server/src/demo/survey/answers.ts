/**
 * Seeded answers of the demo survey (DỮ LIỆU MINH HỌA): each department has a quality of its own,
 * each respondent leans a little, each answer varies around both; the same department and
 * respondent number always give the same answers. Only the questions the skip logic shows are
 * answered (core visibleQuestions), so every generated response passes the form's own check.
 */
import { visibleQuestions, type Questionnaire, type SurveyAnswers, type SurveyQuestion } from '@chiso/core';
import { draw } from '../history/generate';

/** A department's quality in the survey: the share of the best answer it tends to get, 0.5 to 0.9. */
export const unitQuality = (unitCode: string): number => 0.5 + 0.4 * draw(unitCode, 'khao-sat-2025');

/** What respondents write in the open questions (a few do). */
const COMMENTS = [
  'Đề nghị rút ngắn thời gian trả lời văn bản xin ý kiến của địa phương.',
  'Cần tăng cường hướng dẫn nghiệp vụ cho cấp xã sau khi sắp xếp đơn vị hành chính.',
  'Công chức nhiệt tình, trách nhiệm, hướng dẫn rõ ràng.',
  'Nên công khai tiến độ giải quyết hồ sơ trên Cổng Dịch vụ công để người dân theo dõi.',
  'Phần mềm quản lý văn bản đôi khi chậm, cần nâng cấp đường truyền.',
  'Thời gian chờ tại Bộ phận Một cửa vào đầu tuần còn lâu.',
];

/** The scored list's choice for a latent score in [0, 1]: a (best) … d (worst). */
function likertChoice(latent: number): string {
  if (latent > 0.78) return 'a';
  if (latent > 0.5) return 'b';
  if (latent > 0.25) return 'c';
  return 'd';
}

function answerOf(question: SurveyQuestion, choices: Questionnaire['choices'], quality: number, seed: string[]): string | undefined {
  const r = (what: string) => draw(...seed, question.name, what);
  const names = (choices[question.list ?? ''] ?? []).map((c) => c.name);
  switch (question.type) {
    case 'likert':
      // One in twenty-five does not rate a point; the rest vary around the department and the respondent.
      if (r('unrated') < 0.04) return 'k';
      return likertChoice(quality + 0.22 * (draw(...seed, 'lean') - 0.5) + 0.45 * (r('answer') - 0.5));
    case 'yes_no':
      return r('yes') < 0.55 + 0.4 * quality ? 'co' : 'khong';
    case 'select_one':
      return names[Math.floor(r('one') * names.length)];
    case 'select_multiple':
      return names.filter((_, i) => draw(...seed, question.name, String(i)) < 0.35).join(' ') || undefined;
    case 'integer': {
      const min = Number(question.min ?? 0);
      const max = Math.min(Number(question.max ?? 30), min + 24);
      return String(min + Math.floor(r('count') ** 2 * (max - min + 1)));
    }
    case 'text':
      return r('comment') < 0.25 ? COMMENTS[Math.floor(r('which') * COMMENTS.length)] : undefined;
    default:
      return undefined;
  }
}

/** One respondent's answers about one department (`respondent` numbers them within the department). */
export function demoAnswers(questionnaire: Questionnaire, unitCode: string, respondent: string): SurveyAnswers {
  const seed = [questionnaire.title, unitCode, respondent];
  const quality = unitQuality(unitCode);
  const all: Record<string, string> = {};
  for (const question of questionnaire.questions) {
    const value = answerOf(question, questionnaire.choices, quality, seed);
    if (value !== undefined) all[question.name] = value;
  }
  const shown = new Set(visibleQuestions(questionnaire, all).map((q) => q.name));
  return Object.fromEntries(Object.entries(all).filter(([name]) => shown.has(name)));
}

/** A straight-lining respondent: the same middle answer to every rating question. */
export function straightLined(questionnaire: Questionnaire, answers: SurveyAnswers): SurveyAnswers {
  return Object.fromEntries(Object.entries(answers).map(([name, value]) => [name, questionnaire.questions.find((q) => q.name === name)?.type === 'likert' ? 'c' : value]));
}
