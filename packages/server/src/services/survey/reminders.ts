/**
 * Mailing sampled respondents their link (issue 13 §4): the first mail invites, later ones remind,
 * at most once every REMIND_EVERY_DAYS, only while the survey is open and the link is neither used
 * nor revoked, only to people with an e-mail address. Run by the administrator ("Gửi thư mời, nhắc")
 * and by the scheduled reminder job. Links are claimed (sent/reminded set) in one transaction, mailed
 * after it commits; a mail the SMTP server refuses puts the claim back, so the next run tries again.
 */
import { formatDayVn } from '@chiso/core';
import type { RemindersSent } from '@chiso/contract';
import type { Database } from '../../db/client';
import type { RequestContext } from '../context';
import { surveyManagedBy } from './survey-access';
import { lockMailableInvitations, setInvitationMailed, type MailableInvitation } from '../../db/repositories/survey-invitation-repository';
import { systemActor, type Actor } from '../actor';
import { recordAudit } from '../audit';
import { ruleViolation } from '../errors';
import { mailEnabled, mailLogger, mailPublicUrl, sendComposedMail } from '../notifications/mailer';
import { formUrl } from './invitations';

/** Days between two mails to the same respondent. */
export const REMIND_EVERY_DAYS = 3;
const DAY_MS = 86_400_000;

/** The mail of one link: an invitation the first time, a reminder after. */
export function surveyMail(link: MailableInvitation, base: string): { to: string; subject: string; text: string } {
  const reminder = link.sentAt !== null;
  const lines = [
    link.fullName ? `Kính gửi Ông/Bà ${link.fullName},` : 'Kính gửi Ông/Bà,',
    '',
    reminder
      ? `Ông/Bà chưa trả lời phiếu khảo sát “${link.surveyName}”. Ý kiến của Ông/Bà rất quan trọng để cải thiện chất lượng phục vụ của ${link.unitName}.`
      : `Trân trọng mời Ông/Bà dành khoảng 5 phút trả lời phiếu khảo sát “${link.surveyName}” về ${link.unitName}.`,
    '',
    `Trả lời tại: ${formUrl(base, link.token)}`,
    ...(link.closesOn ? [`Hạn trả lời: ${formatDayVn(link.closesOn)}`] : []),
    '',
    'Đường dẫn dành riêng cho Ông/Bà, chỉ dùng được một lần, không cần đăng nhập. Phiếu không hỏi tên; câu trả lời không được lưu cùng tên, số điện thoại hay địa chỉ thư của Ông/Bà.',
    '',
    'Trân trọng cảm ơn.',
  ];
  return { to: link.email, subject: `${reminder ? 'Nhắc: ' : ''}Mời tham gia khảo sát “${link.surveyName}”`, text: lines.join('\n') };
}

export interface ReminderRun {
  /** One survey (the administrator's button), or every open survey (the job). */
  surveyId: string | null;
  actor: Actor;
  now: Date;
}

/** Claims, mails and counts the mails sent; without e-mail configured, nothing is claimed. */
export async function sendSurveyReminders(db: Database, run: ReminderRun): Promise<RemindersSent> {
  if (!mailEnabled()) return { invited: 0, reminded: 0, failed: 0, mailEnabled: false };
  // Links in mails point only to the configured address, never to the Host a request came with
  // (a forged Host would send respondents' single-use links elsewhere).
  const base = mailPublicUrl();
  if (!base) {
    if (run.surveyId === null) return { invited: 0, reminded: 0, failed: 0, mailEnabled: true };
    throw ruleViolation('Chưa đặt CHISO_PUBLIC_URL (địa chỉ công khai của chiso, ví dụ https://cchc.tinh.gov.vn): thư mời cần địa chỉ này để có đường dẫn trả lời. Hãy nhờ người quản trị hệ thống đặt CHISO_PUBLIC_URL rồi gửi lại.');
  }
  const claimed = await db.transaction(async (tx) => {
    const links = await lockMailableInvitations(tx, run.surveyId, new Date(run.now.getTime() - REMIND_EVERY_DAYS * DAY_MS));
    for (const link of links) await setInvitationMailed(tx, link.id, link.sentAt ? { sentAt: link.sentAt, remindedAt: run.now } : { sentAt: run.now, remindedAt: link.remindedAt });
    for (const surveyId of new Set(links.map((l) => l.surveyId))) {
      const of = links.filter((l) => l.surveyId === surveyId);
      const invited = of.filter((l) => !l.sentAt).length;
      await recordAudit(tx, run.actor, { entityType: 'survey', entityId: surveyId, action: 'mail_respondents', after: { invited, reminded: of.length - invited } });
    }
    return links;
  });
  const sent = { invited: 0, reminded: 0, failed: 0 };
  for (const link of claimed) {
    try {
      await sendComposedMail(surveyMail(link, base));
      sent[link.sentAt ? 'reminded' : 'invited'] += 1;
    } catch (error) {
      sent.failed += 1;
      mailLogger().warn({ err: error, invitationId: link.id }, 'Không gửi được thư mời khảo sát');
      await setInvitationMailed(db, link.id, { sentAt: link.sentAt, remindedAt: link.remindedAt });
    }
  }
  return { ...sent, mailEnabled: true };
}

/** The administrator's "Gửi thư mời, nhắc" for one survey, while it is open; links to CHISO_PUBLIC_URL (422 without it). */
export async function remindRespondents(ctx: RequestContext, surveyId: string): Promise<RemindersSent> {
  const survey = await surveyManagedBy(ctx.db, ctx.actor, surveyId);
  if (survey.status !== 'open') throw ruleViolation('Chỉ gửi thư mời, thư nhắc khi cuộc điều tra đang mở.');
  return sendSurveyReminders(ctx.db, { surveyId, actor: ctx.actor, now: ctx.now });
}

/** The scheduled run (notifications/jobs.ts): every open survey, links to CHISO_PUBLIC_URL. */
export const remindOpenSurveys = (db: Database, now: Date): Promise<RemindersSent> => sendSurveyReminders(db, { surveyId: null, actor: systemActor, now });
