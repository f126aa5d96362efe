/**
 * The anonymous form behind a single-use link (issue 13 §3), for anyone holding the link: no login,
 * no personal data. Opening shows the questionnaire's current version without its weights; sending
 * checks the answers (core), flags them (too fast, straight-lining), stores them (channel `link`)
 * and marks the link used — in one transaction, the link's row locked. The response keeps nothing
 * that points back to the link: the browser's client key makes a retried send the same answer.
 *
 * Privacy: a link's opened and used instants, and the response's started and submitted ones, are
 * kept to the day (Vietnam time), so the respondent list cannot be matched to a response by the time
 * or the order it was sent. The duration (for the too-fast flag) is taken before rounding.
 */
import { checkResponse, responseFlags, type Questionnaire } from '@chiso/core';
import type { PublicResponseBody, PublicSurveyForm } from '@chiso/contract';
import type { Database } from '../../db/client';
import {
  findInvitationByToken, linkResponseExists, markInvitationOpened, markInvitationUsed, type InvitationForAnswer,
} from '../../db/repositories/survey-invitation-repository';
import { insertSurveyResponses } from '../../db/repositories/survey-response-repository';
import { AppError } from '../errors';
import { dayKept } from './link-day';

/** Why a link no longer takes answers; the form shows a page for each. */
export type GoneReason = 'used' | 'revoked' | 'not_open' | 'closed' | 'not_ready';

const GONE_MESSAGES: Record<GoneReason, string> = {
  used: 'Phiếu khảo sát này đã được sử dụng. Mỗi đường dẫn chỉ trả lời được một lần. Cảm ơn bạn!',
  revoked: 'Đường dẫn khảo sát này đã bị thu hồi và không còn dùng được.',
  not_open: 'Cuộc khảo sát chưa bắt đầu. Hãy mở lại đường dẫn này sau.',
  closed: 'Cuộc khảo sát đã kết thúc. Cảm ơn bạn đã quan tâm!',
  not_ready: 'Phiếu khảo sát chưa sẵn sàng. Hãy mở lại đường dẫn này sau.',
};

/** A 410 whose detail names the reason (`code`), so the form picks its page. */
const gone = (reason: GoneReason) => new AppError('GONE', GONE_MESSAGES[reason], [{ path: 'token', message: GONE_MESSAGES[reason], code: reason }]);

/** An unknown token: the same envelope as a gone one, saying no more than that. */
const unknownLink = () => new AppError('NOT_FOUND', 'Đường dẫn khảo sát không đúng hoặc không còn dùng được. Hãy kiểm tra lại đường dẫn bạn nhận được.', [
  { path: 'token', message: 'Đường dẫn khảo sát không đúng.', code: 'unknown' },
]);

/** The link, ready for an answer, or the reason it is not. */
function usable(link: InvitationForAnswer | undefined): asserts link is InvitationForAnswer & { versionId: string; document: Questionnaire } {
  if (!link) throw unknownLink();
  if (link.usedAt) throw gone('used');
  if (link.revokedAt) throw gone('revoked');
  if (link.surveyStatus === 'draft') throw gone('not_open');
  if (link.surveyStatus !== 'open') throw gone('closed');
  if (!link.versionId || !link.document) throw gone('not_ready');
}

/** What the respondent sees: the questions and choices, never the weights or the linked criteria. */
function withoutScoring(q: Questionnaire): PublicSurveyForm['questionnaire'] {
  return {
    formatVersion: 1,
    title: q.title,
    questions: q.questions.map(({ criterionKey: _criterion, ...question }) => question),
    choices: Object.fromEntries(Object.entries(q.choices).map(([list, choices]) => [list, choices.map((c) => ({ name: c.name, label: c.label }))])),
  };
}

/** The form behind a token; records (to the day) that the link was opened. */
export async function openPublicForm(db: Database, token: string, now: Date): Promise<PublicSurveyForm> {
  const link = await findInvitationByToken(db, token);
  usable(link);
  if (!link.openedAt) await markInvitationOpened(db, link.id, dayKept(now));
  return { surveyName: link.surveyName, unitName: link.unitName, questionnaire: withoutScoring(link.document) };
}

/** More answers than the questionnaire has questions: one message, not one per unknown name. */
function tooManyAnswers(q: Questionnaire, answers: Readonly<Record<string, string>>): void {
  const count = Object.keys(answers).length;
  if (count > q.questions.length) {
    throw new AppError('RULE_VIOLATION', `Phiếu gửi ${count} câu trả lời trong khi phiếu hỏi chỉ có ${q.questions.length} câu. Hãy tải lại trang rồi trả lời lại.`, [
      { path: 'answers', message: `Nhiều câu trả lời hơn số câu hỏi (${q.questions.length}).` },
    ]);
  }
}

/** Seconds from the form's opening (the browser's clock) to now; null when unknown or not credible. */
function durationOf(startedAt: string | undefined, now: Date): { startedAt: Date | null; durationSeconds: number | null } {
  if (!startedAt) return { startedAt: null, durationSeconds: null };
  const started = new Date(startedAt);
  const seconds = Math.floor((now.getTime() - started.getTime()) / 1000);
  // A phone's clock may be off: a start in the future says nothing about the time taken.
  return seconds < 0 ? { startedAt: null, durationSeconds: null } : { startedAt: started, durationSeconds: seconds };
}

/**
 * Stores one answer through a link. A second send with the same client key (a retry after a dropped
 * connection) answers as the first did; another answer on a used link is refused (410).
 */
export async function submitPublicResponse(db: Database, token: string, body: PublicResponseBody, now: Date): Promise<{ received: true }> {
  return db.transaction(async (tx) => {
    const link = await findInvitationByToken(tx, token, { lock: true });
    if (link?.usedAt && (await linkResponseExists(tx, link.surveyId, body.clientKey, link.questionnaireId, link.unitId))) return { received: true as const };
    usable(link);
    tooManyAnswers(link.document, body.answers);
    const checked = checkResponse(link.document, body.answers);
    if ('errors' in checked) {
      throw new AppError('RULE_VIOLATION', 'Phiếu chưa trả lời đúng hoặc đủ. Hãy xem lại các câu được đánh dấu.', checked.errors.map((e) => ({ path: `answers.${e.question}`, message: e.message })));
    }
    const timing = durationOf(body.startedAt, now);
    const [id] = await insertSurveyResponses(tx, link.surveyId, [{
      questionnaireVersionId: link.versionId, unitId: link.unitId, channel: 'link', clientKey: body.clientKey,
      startedAt: timing.startedAt && dayKept(timing.startedAt), submittedAt: dayKept(now), durationSeconds: timing.durationSeconds,
      flags: responseFlags(link.document, checked.answers, { durationSeconds: timing.durationSeconds, minSeconds: link.minSeconds }),
      answers: checked.answers,
    }]);
    // The key already answered through another link: a browser that copied its saved answers. Not a second answer.
    if (id === null) throw new AppError('CONFLICT', 'Phiếu này đã được gửi từ một đường dẫn khác. Hãy tải lại trang rồi trả lời lại.');
    await markInvitationUsed(tx, link.id, dayKept(now));
    return { received: true as const };
  });
}
