/**
 * Single-use survey links (issue 13 §3): making them, counting them per questionnaire × rated unit,
 * listing them for the administrator, locking one for an answer, revoking, and finding the sampled
 * respondents to mail. Nothing here ever reads answers: a link only records that it was used.
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Questionnaire } from '@chiso/core';
import type { Executor } from '../client';
import { surveyInvitations, surveyQuestionnaires, surveyQuestionnaireVersions, surveyRespondents, surveyResponses, surveys } from '../schema/surveys';
import { units } from '../schema/units';
import { rows } from './unit-repository';

export type InvitationRow = typeof surveyInvitations.$inferSelect;
export type NewInvitation = Pick<typeof surveyInvitations.$inferInsert, 'questionnaireId' | 'unitId' | 'token' | 'channel' | 'respondentId'>;

const CHUNK = 1000;

export async function insertInvitations(executor: Executor, invitations: readonly NewInvitation[]): Promise<number> {
  for (let i = 0; i < invitations.length; i += CHUNK) await executor.insert(surveyInvitations).values(invitations.slice(i, i + CHUNK));
  return invitations.length;
}

export interface InvitationCountRow {
  questionnaireId: string;
  questionnaireCode: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  quota: number | null;
  created: number;
  opened: number;
  used: number;
  revoked: number;
  remindable: number;
  responses: number;
}

/**
 * Per questionnaire × rated unit of the survey: its quota, its links by state, and the responses of
 * every channel (counted by the version's questionnaire). One row per rated unit, links or not.
 */
export async function invitationCounts(executor: Executor, surveyId: string): Promise<InvitationCountRow[]> {
  const result = await executor.execute(sql`
    with rated as (
      select q.id as questionnaire_id, q.code as questionnaire_code, u.id as unit_id, u.code as unit_code, u.name as unit_name
      from survey_questionnaires q
      join surveys s on s.id = q.survey_id
      join cycle_units cu on cu.cycle_id = s.cycle_id and cu.group_id = q.rated_group_id
      join units u on u.id = cu.unit_id
      where q.survey_id = ${surveyId}
    ),
    links as (
      select i.questionnaire_id, i.unit_id,
        count(*)::int as created,
        count(i.opened_at)::int as opened,
        count(i.used_at)::int as used,
        count(i.revoked_at)::int as revoked,
        count(*) filter (where i.used_at is null and i.revoked_at is null and r.email is not null and r.purged_at is null)::int as remindable
      from survey_invitations i
      join survey_questionnaires q on q.id = i.questionnaire_id
      left join survey_respondents r on r.id = i.respondent_id
      where q.survey_id = ${surveyId}
      group by i.questionnaire_id, i.unit_id
    ),
    answered as (
      select v.questionnaire_id, sr.unit_id, count(*)::int as responses
      from survey_responses sr
      join survey_questionnaire_versions v on v.id = sr.questionnaire_version_id
      where sr.survey_id = ${surveyId}
      group by v.questionnaire_id, sr.unit_id
    )
    select rated.*, qt.quota,
      coalesce(links.created, 0) as created, coalesce(links.opened, 0) as opened, coalesce(links.used, 0) as used,
      coalesce(links.revoked, 0) as revoked, coalesce(links.remindable, 0) as remindable, coalesce(answered.responses, 0) as responses
    from rated
    left join survey_quotas qt on qt.questionnaire_id = rated.questionnaire_id and qt.unit_id = rated.unit_id
    left join links on links.questionnaire_id = rated.questionnaire_id and links.unit_id = rated.unit_id
    left join answered on answered.questionnaire_id = rated.questionnaire_id and answered.unit_id = rated.unit_id
    order by rated.questionnaire_code, rated.unit_code`);
  return rows<Record<string, unknown>>(result).map((r) => ({
    questionnaireId: String(r.questionnaire_id), questionnaireCode: String(r.questionnaire_code),
    unitId: String(r.unit_id), unitCode: String(r.unit_code), unitName: String(r.unit_name),
    quota: r.quota === null || r.quota === undefined ? null : Number(r.quota),
    created: Number(r.created), opened: Number(r.opened), used: Number(r.used), revoked: Number(r.revoked),
    remindable: Number(r.remindable), responses: Number(r.responses),
  }));
}

export type InvitationState = 'new' | 'opened' | 'used' | 'revoked';

const stateCondition: Record<InvitationState, SQL | undefined> = {
  new: and(isNull(surveyInvitations.openedAt), isNull(surveyInvitations.usedAt), isNull(surveyInvitations.revokedAt)),
  opened: and(isNotNull(surveyInvitations.openedAt), isNull(surveyInvitations.usedAt), isNull(surveyInvitations.revokedAt)),
  used: isNotNull(surveyInvitations.usedAt),
  revoked: and(isNotNull(surveyInvitations.revokedAt), isNull(surveyInvitations.usedAt)),
};

export const stateOf = (i: Pick<InvitationRow, 'openedAt' | 'usedAt' | 'revokedAt'>): InvitationState =>
  i.usedAt ? 'used' : i.revokedAt ? 'revoked' : i.openedAt ? 'opened' : 'new';

export interface InvitationFilter {
  questionnaireId: string;
  unitId?: string;
  channel?: string;
  state?: InvitationState;
  /** Neither used nor revoked. */
  unusedOnly?: boolean;
}

function filterCondition(f: InvitationFilter): SQL | undefined {
  return and(
    eq(surveyInvitations.questionnaireId, f.questionnaireId),
    f.unitId ? eq(surveyInvitations.unitId, f.unitId) : undefined,
    f.channel ? eq(surveyInvitations.channel, f.channel) : undefined,
    f.state ? stateCondition[f.state] : undefined,
    f.unusedOnly ? and(isNull(surveyInvitations.usedAt), isNull(surveyInvitations.revokedAt)) : undefined,
  );
}

export interface InvitationWithPeople {
  id: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  token: string;
  channel: string;
  createdAt: Date;
  sentAt: Date | null;
  remindedAt: Date | null;
  openedAt: Date | null;
  usedAt: Date | null;
  revokedAt: Date | null;
  fullName: string | null;
  phone: string | null;
  email: string | null;
}

/** The links of a questionnaire (and unit), with the sampled respondent's contact: the respondent list, never answers. */
export async function listInvitations(executor: Executor, filter: InvitationFilter, limit?: number): Promise<{ items: InvitationWithPeople[]; total: number }> {
  const where = filterCondition(filter);
  const query = executor
    .select({
      id: surveyInvitations.id, unitId: surveyInvitations.unitId, unitCode: units.code, unitName: units.name, token: surveyInvitations.token,
      channel: surveyInvitations.channel, createdAt: surveyInvitations.createdAt, sentAt: surveyInvitations.sentAt, remindedAt: surveyInvitations.remindedAt,
      openedAt: surveyInvitations.openedAt, usedAt: surveyInvitations.usedAt, revokedAt: surveyInvitations.revokedAt,
      fullName: surveyRespondents.fullName, phone: surveyRespondents.phone, email: surveyRespondents.email,
    })
    .from(surveyInvitations)
    .innerJoin(units, eq(units.id, surveyInvitations.unitId))
    .leftJoin(surveyRespondents, eq(surveyRespondents.id, surveyInvitations.respondentId))
    .where(where)
    .orderBy(asc(units.code), asc(surveyInvitations.createdAt), asc(surveyInvitations.id));
  const items = limit === undefined ? await query : await query.limit(limit);
  const [count] = await executor.select({ n: sql<number>`count(*)::int` }).from(surveyInvitations).where(where);
  return { items, total: Number(count?.n ?? 0) };
}

export interface InvitationForAnswer {
  id: string;
  questionnaireId: string;
  unitId: string;
  openedAt: Date | null;
  usedAt: Date | null;
  revokedAt: Date | null;
  surveyId: string;
  surveyName: string;
  surveyStatus: string;
  minSeconds: number;
  unitName: string;
  versionId: string | null;
  document: Questionnaire | null;
}

/**
 * The link behind a token with what the form needs. `lock` takes the link's row for update (one
 * answer per link: a second submission waits, then finds it used) and the survey's for share (a
 * survey is not closed under an answer being stored).
 */
export async function findInvitationByToken(executor: Executor, token: string, options: { lock?: boolean } = {}): Promise<InvitationForAnswer | undefined> {
  const result = await executor.execute(sql`
    select i.id, i.questionnaire_id, i.unit_id, i.opened_at, i.used_at, i.revoked_at,
      s.id as survey_id, s.name as survey_name, s.status as survey_status, s.min_seconds, u.name as unit_name,
      v.id as version_id, v.document
    from survey_invitations i
    join survey_questionnaires q on q.id = i.questionnaire_id
    join surveys s on s.id = q.survey_id
    join units u on u.id = i.unit_id
    left join survey_questionnaire_versions v on v.id = q.current_version_id
    where i.token = ${token}
    ${options.lock ? sql`for update of i for share of s` : sql``}`);
  const [r] = rows<Record<string, unknown>>(result);
  if (!r) return undefined;
  const instant = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));
  return {
    id: String(r.id), questionnaireId: String(r.questionnaire_id), unitId: String(r.unit_id),
    openedAt: instant(r.opened_at), usedAt: instant(r.used_at), revokedAt: instant(r.revoked_at),
    surveyId: String(r.survey_id), surveyName: String(r.survey_name), surveyStatus: String(r.survey_status), minSeconds: Number(r.min_seconds),
    unitName: String(r.unit_name), versionId: r.version_id ? String(r.version_id) : null,
    document: (typeof r.document === 'string' ? JSON.parse(r.document) : r.document ?? null) as Questionnaire | null,
  };
}

/** Records that a link was opened (the first time only), at `day`. */
export async function markInvitationOpened(executor: Executor, id: string, day: Date): Promise<void> {
  await executor.update(surveyInvitations).set({ openedAt: day }).where(and(eq(surveyInvitations.id, id), isNull(surveyInvitations.openedAt)));
}

/** Records that a link was answered, at `day` (and opened, if the form was kept offline from an earlier visit). */
export async function markInvitationUsed(executor: Executor, id: string, day: Date): Promise<void> {
  await executor
    .update(surveyInvitations)
    .set({ usedAt: day, openedAt: sql`coalesce(${surveyInvitations.openedAt}, ${day.toISOString()}::timestamptz)` })
    .where(eq(surveyInvitations.id, id));
}

/**
 * Whether a link response with this client key exists for this questionnaire and unit: the first
 * submission of a retried answer. Found by the key the browser holds, not by any link to the invitation.
 */
export async function linkResponseExists(executor: Executor, surveyId: string, clientKey: string, questionnaireId: string, unitId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .innerJoin(surveyQuestionnaireVersions, eq(surveyQuestionnaireVersions.id, surveyResponses.questionnaireVersionId))
    .where(and(
      eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.channel, 'link'), eq(surveyResponses.clientKey, clientKey),
      eq(surveyResponses.unitId, unitId), eq(surveyQuestionnaireVersions.questionnaireId, questionnaireId),
    ));
  return row !== undefined;
}

/** Revokes the unused links among `filter` (or `ids`) of the survey; returns the revoked ones. */
export async function revokeInvitationRows(
  executor: Executor,
  surveyId: string,
  target: { ids: readonly string[] } | { questionnaireId: string; unitId?: string },
  at: Date,
): Promise<{ id: string; questionnaireId: string; unitId: string; channel: string }[]> {
  const which = 'ids' in target
    ? inArray(surveyInvitations.id, [...target.ids])
    : and(eq(surveyInvitations.questionnaireId, target.questionnaireId), target.unitId ? eq(surveyInvitations.unitId, target.unitId) : undefined);
  const ofSurvey = inArray(surveyInvitations.questionnaireId, executor.select({ id: surveyQuestionnaires.id }).from(surveyQuestionnaires).where(eq(surveyQuestionnaires.surveyId, surveyId)));
  return executor
    .update(surveyInvitations)
    .set({ revokedAt: at })
    .where(and(which, ofSurvey, isNull(surveyInvitations.usedAt), isNull(surveyInvitations.revokedAt)))
    .returning({ id: surveyInvitations.id, questionnaireId: surveyInvitations.questionnaireId, unitId: surveyInvitations.unitId, channel: surveyInvitations.channel });
}

/** One link of the survey (for its QR preview), or undefined. */
export async function findInvitationOfSurvey(executor: Executor, surveyId: string, id: string): Promise<{ token: string } | undefined> {
  const [row] = await executor
    .select({ token: surveyInvitations.token })
    .from(surveyInvitations)
    .innerJoin(surveyQuestionnaires, eq(surveyQuestionnaires.id, surveyInvitations.questionnaireId))
    .where(and(eq(surveyInvitations.id, id), eq(surveyQuestionnaires.surveyId, surveyId)));
  return row;
}

export interface MailableInvitation {
  id: string;
  surveyId: string;
  token: string;
  email: string;
  fullName: string | null;
  unitName: string;
  surveyName: string;
  closesOn: string | null;
  sentAt: Date | null;
  remindedAt: Date | null;
}

/**
 * Sampled respondents' links to mail now, locked (skip locked: a job and the administrator's button
 * never mail the same person twice): never mailed, or last mailed before `remindBefore`; unused,
 * not revoked, with an e-mail address, of an open survey (`surveyId`, or every open one).
 */
export async function lockMailableInvitations(executor: Executor, surveyId: string | null, remindBefore: Date): Promise<MailableInvitation[]> {
  const result = await executor.execute(sql`
    select i.id, s.id as survey_id, i.token, r.email, r.full_name, u.name as unit_name, s.name as survey_name, s.closes_on, i.sent_at, i.reminded_at
    from survey_invitations i
    join survey_respondents r on r.id = i.respondent_id
    join survey_questionnaires q on q.id = i.questionnaire_id
    join surveys s on s.id = q.survey_id
    join units u on u.id = i.unit_id
    where s.status = 'open' ${surveyId ? sql`and s.id = ${surveyId}` : sql``}
      and i.used_at is null and i.revoked_at is null
      and r.email is not null and r.email <> '' and r.purged_at is null
      and (i.sent_at is null or coalesce(i.reminded_at, i.sent_at) < ${remindBefore.toISOString()}::timestamptz)
    order by i.created_at, i.id
    for update of i skip locked`);
  const instant = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows<Record<string, unknown>>(result).map((r) => ({
    id: String(r.id), surveyId: String(r.survey_id), token: String(r.token), email: String(r.email), fullName: r.full_name === null ? null : String(r.full_name),
    unitName: String(r.unit_name), surveyName: String(r.survey_name), closesOn: r.closes_on === null ? null : String(r.closes_on),
    sentAt: instant(r.sent_at), remindedAt: instant(r.reminded_at),
  }));
}

/** Records when a link was mailed (first mail: `sentAt`; later ones: `remindedAt`), or puts back the values before a failed mail. */
export async function setInvitationMailed(executor: Executor, id: string, mailed: { sentAt: Date | null; remindedAt: Date | null }): Promise<void> {
  await executor.update(surveyInvitations).set(mailed).where(eq(surveyInvitations.id, id));
}

/** Ids of the open surveys (for the scheduled reminders). */
export async function openSurveyIds(executor: Executor): Promise<string[]> {
  return (await executor.select({ id: surveys.id }).from(surveys).where(eq(surveys.status, 'open'))).map((r) => r.id);
}
