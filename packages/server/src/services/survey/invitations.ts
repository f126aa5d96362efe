/**
 * Single-use links of a survey (issue 13 §3), for its administrator: anonymous batches per rated
 * unit (printed at the counter, shared in chat or e-mail) beside the sampled respondents' links
 * the sample draw made; counts per questionnaire × unit; the link list and its download (the
 * respondent list: who to send to, never what anyone answered); revoking unused links.
 */
import { formatDayVn, vietnamDay } from '@chiso/core';
import type { CreateInvitationsBody, InvitationLink, InvitationOverview, RevokeInvitationsBody } from '@chiso/contract';
import type { Executor } from '../../db/client';
import {
  insertInvitations, invitationCounts, listInvitations, revokeInvitationRows, stateOf,
  type InvitationFilter, type InvitationWithPeople,
} from '../../db/repositories/survey-invitation-repository';
import { ratedUnits } from '../../db/repositories/survey-setup-repository';
import { writeTable, type TabularFormat } from '../../files/tabular';
import { recordAudit } from '../audit';
import { inTransaction, type RequestContext } from '../context';
import { AppError, notFound, ruleViolation } from '../errors';
import { mayManageSurveys } from '../policies/surveys';
import { questionnairesOf, surveyManagedBy, surveyReadBy, type QuestionnaireOfSurvey, type SurveyFacts } from './survey-access';
import { invitationToken } from './tokens';

/** The form's address of a link: `${base}/khao-sat/<token>`, base being CHISO_PUBLIC_URL or the request's origin. */
export const formUrl = (base: string, token: string) => `${base.replace(/\/+$/, '')}/khao-sat/${token}`;

/** Links are made, revoked and mailed only while answers may still come. */
function assertNotClosed(survey: SurveyFacts): void {
  if (survey.status === 'closed') throw ruleViolation('Cuộc điều tra đã đóng: không tạo, thu hồi hay gửi đường dẫn được nữa.');
}

async function questionnaireOf(db: Executor, surveyId: string, questionnaireId: string): Promise<QuestionnaireOfSurvey> {
  const q = (await questionnairesOf(db, surveyId)).find((x) => x.id === questionnaireId);
  if (!q) throw notFound('phiếu hỏi');
  return q;
}

export async function invitationOverview(ctx: RequestContext, surveyId: string): Promise<InvitationOverview> {
  const survey = await surveyReadBy(ctx.db, ctx.actor, surveyId);
  const [questionnaires, rows] = await Promise.all([questionnairesOf(ctx.db, surveyId), invitationCounts(ctx.db, surveyId)]);
  return {
    surveyId, surveyName: survey.name, status: survey.status, mayManage: mayManageSurveys(ctx.actor, survey.ownerUnitId),
    questionnaires: questionnaires.map((q) => ({ id: q.id, code: q.code, title: q.title, hasVersion: q.versionId !== null })),
    rows,
  };
}

/** Makes `count` anonymous links for one rated unit or every unit the questionnaire rates; audited. */
export async function createInvitations(ctx: RequestContext, surveyId: string, body: CreateInvitationsBody): Promise<{ created: number; units: number }> {
  return inTransaction(ctx, async ({ tx, actor }) => {
    const survey = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    assertNotClosed(survey);
    const questionnaire = await questionnaireOf(tx, surveyId, body.questionnaireId);
    const rated = await ratedUnits(tx, survey.cycleId, questionnaire.ratedGroupId);
    const units = body.allUnits ? rated : rated.filter((u) => u.id === body.unitId);
    if (units.length === 0) {
      throw new AppError('RULE_VIOLATION', body.allUnits ? 'Phiếu hỏi này chưa có đơn vị nào được đánh giá trong kỳ.' : 'Đơn vị này không được đánh giá bằng phiếu hỏi đã chọn.', [
        { path: 'unitId', message: 'Chọn một đơn vị thuộc nhóm được đánh giá của phiếu hỏi.' },
      ]);
    }
    const created = await insertInvitations(tx, units.flatMap((u) =>
      Array.from({ length: body.count }, () => ({ questionnaireId: questionnaire.id, unitId: u.id, token: invitationToken(), channel: body.channel }))));
    await recordAudit(tx, actor, {
      entityType: 'survey', entityId: surveyId, action: 'create_links',
      after: { questionnaire: questionnaire.code, units: units.map((u) => u.code), perUnit: body.count, channel: body.channel, created },
    });
    return { created, units: units.length };
  });
}

const present = (base: string) => (i: InvitationWithPeople): InvitationLink => ({
  id: i.id, unitId: i.unitId, unitName: i.unitName, channel: i.channel as InvitationLink['channel'], url: formUrl(base, i.token), state: stateOf(i),
  createdAt: i.createdAt.toISOString(), sentAt: i.sentAt?.toISOString() ?? null, remindedAt: i.remindedAt?.toISOString() ?? null,
  respondentName: i.fullName, hasEmail: !!i.email,
});

/** Most links listed on screen at once (the download holds them all). */
export const LINKS_ON_SCREEN = 500;

/** The links themselves (their tokens grant answers): the administrator's only. */
export async function listInvitationLinks(ctx: RequestContext, surveyId: string, filter: InvitationFilter, base: string): Promise<{ items: InvitationLink[]; total: number }> {
  await surveyManagedBy(ctx.db, ctx.actor, surveyId);
  await questionnaireOf(ctx.db, surveyId, filter.questionnaireId);
  const { items, total } = await listInvitations(ctx.db, filter, LINKS_ON_SCREEN);
  return { items: items.map(present(base)), total };
}

/** The links (unused ones, or all) for the QR sheet: their unit and address; the administrator's only. */
export async function linksForPrinting(ctx: RequestContext, surveyId: string, filter: InvitationFilter, base: string) {
  const survey = await surveyManagedBy(ctx.db, ctx.actor, surveyId);
  const questionnaire = await questionnaireOf(ctx.db, surveyId, filter.questionnaireId);
  const { items } = await listInvitations(ctx.db, filter);
  return { surveyName: survey.name, questionnaireTitle: questionnaire.title, slips: items.map((i) => ({ unitName: i.unitName, url: formUrl(base, i.token) })) };
}

const CHANNEL_LABELS: Record<string, string> = { sample: 'Mẫu (danh sách)', counter: 'Tại bộ phận một cửa', shared: 'Gửi qua tin nhắn, thư' };
const STATE_LABELS: Record<string, string> = { new: 'Chưa mở', opened: 'Đã mở', used: 'Đã trả lời', revoked: 'Đã thu hồi' };
const day = (d: Date | null) => (d ? formatDayVn(vietnamDay(d)) : '');

/**
 * The links as a table (XLSX/CSV) to send or print: unit, channel, link, state, and for sampled
 * respondents their name, phone and e-mail so staff can reach them. No answer is in it. Audited:
 * it carries personal data.
 */
export async function invitationsFile(ctx: RequestContext, surveyId: string, filter: InvitationFilter, format: TabularFormat, base: string): Promise<{ buffer: Buffer; filename: string }> {
  return inTransaction(ctx, async ({ tx, actor }) => {
    await surveyManagedBy(tx, actor, surveyId);
    const questionnaire = await questionnaireOf(tx, surveyId, filter.questionnaireId);
    const { items } = await listInvitations(tx, filter);
    const header = ['Mã đơn vị', 'Đơn vị được đánh giá', 'Cách phát', 'Đường dẫn', 'Tình trạng', 'Đã gửi thư', 'Đã nhắc', 'Họ và tên', 'Điện thoại', 'Thư điện tử'];
    const rows = items.map((i) => [
      i.unitCode, i.unitName, CHANNEL_LABELS[i.channel] ?? i.channel, formUrl(base, i.token), STATE_LABELS[stateOf(i)]!,
      day(i.sentAt), day(i.remindedAt), i.fullName ?? '', i.phone ?? '', i.email ?? '',
    ]);
    const buffer = await writeTable(format, header, rows, { sheetName: 'Duong dan', widths: [12, 48, 22, 60, 12, 12, 12, 28, 14, 30] });
    await recordAudit(tx, actor, { entityType: 'survey', entityId: surveyId, action: 'export_links', after: { questionnaire: questionnaire.code, unitId: filter.unitId ?? null, links: items.length, format } });
    return { buffer, filename: `duong-dan-khao-sat-${questionnaire.code}.${format}` };
  });
}

/** Revokes unused links (chosen ones, or every unused one of a questionnaire and unit): they answer 410 from then on. Audited with the reason. */
export async function revokeInvitations(ctx: RequestContext, surveyId: string, body: RevokeInvitationsBody): Promise<{ revoked: number }> {
  return inTransaction(ctx, async ({ tx, actor, now }) => {
    const survey = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    assertNotClosed(survey);
    if (body.questionnaireId) await questionnaireOf(tx, surveyId, body.questionnaireId);
    const target = body.ids && body.ids.length > 0 ? { ids: body.ids } : { questionnaireId: body.questionnaireId!, ...(body.unitId ? { unitId: body.unitId } : {}) };
    const revoked = await revokeInvitationRows(tx, surveyId, target, now);
    if (revoked.length > 0) {
      await recordAudit(tx, actor, { entityType: 'survey', entityId: surveyId, action: 'revoke_links', after: { links: revoked.map((r) => r.id) }, reason: body.reason });
    }
    return { revoked: revoked.length };
  });
}
