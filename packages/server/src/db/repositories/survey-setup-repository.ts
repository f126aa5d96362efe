/**
 * Rows of the survey's setup (issue 13 §1–2): surveys, questionnaires and their versions, quotas,
 * respondent lists, the sample's invitations, and the removal of respondents' personal data.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { cycles, cycleUnits } from '../schema/cycles';
import { unitGroups } from '../schema/group-sets';
import {
  surveyInvitations, surveyQuestionnaires, surveyQuestionnaireVersions, surveyQuotas, surveyRespondents, surveyResponses, surveys,
} from '../schema/surveys';
import { units } from '../schema/units';

export type SurveyRow = typeof surveys.$inferSelect;
export type QuestionnaireRow = typeof surveyQuestionnaires.$inferSelect;
export type QuestionnaireVersionRow = typeof surveyQuestionnaireVersions.$inferSelect;

/** Rows per insert statement: well under PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;
async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

// ---------------------------------------------------------------- surveys

export interface SurveyListRow extends SurveyRow {
  cycleName: string;
  cycleYear: number;
  ownerUnitId: string | null;
  questionnaireCount: number;
}

/** Surveys (of one cycle, or all), newest cycle first, with their cycle and number of questionnaires. */
export async function listSurveyRows(db: Executor, filter: { cycleId?: string; surveyId?: string } = {}): Promise<SurveyListRow[]> {
  const questionnaireCount = sql<number>`(select count(*)::int from ${surveyQuestionnaires} where ${surveyQuestionnaires.surveyId} = ${surveys.id})`;
  const where = [filter.cycleId ? eq(surveys.cycleId, filter.cycleId) : undefined, filter.surveyId ? eq(surveys.id, filter.surveyId) : undefined];
  const rows = await db
    .select({ survey: surveys, cycleName: cycles.name, cycleYear: cycles.year, ownerUnitId: cycles.ownerUnitId, questionnaireCount })
    .from(surveys)
    .innerJoin(cycles, eq(cycles.id, surveys.cycleId))
    .where(and(...where))
    .orderBy(desc(cycles.year), asc(cycles.name), desc(surveys.createdAt));
  return rows.map((r) => ({ ...r.survey, cycleName: r.cycleName, cycleYear: r.cycleYear, ownerUnitId: r.ownerUnitId, questionnaireCount: Number(r.questionnaireCount) }));
}

export async function insertSurvey(db: Executor, values: typeof surveys.$inferInsert): Promise<SurveyRow> {
  const [row] = await db.insert(surveys).values(values).returning();
  return row!;
}

/** Changes the survey if its version is still `version` (then bumped); undefined when someone changed it meanwhile. */
export async function updateSurveyRow(db: Executor, id: string, version: number, set: Partial<typeof surveys.$inferInsert>): Promise<SurveyRow | undefined> {
  const [row] = await db.update(surveys).set({ ...set, version: sql`${surveys.version} + 1` }).where(and(eq(surveys.id, id), eq(surveys.version, version))).returning();
  return row;
}

// ---------------------------------------------------------------- questionnaires

export async function insertQuestionnaire(db: Executor, values: typeof surveyQuestionnaires.$inferInsert): Promise<QuestionnaireRow> {
  const [row] = await db.insert(surveyQuestionnaires).values(values).returning();
  return row!;
}

/** A questionnaire of the survey (locked with `forUpdate`), or undefined. */
export async function findQuestionnaire(db: Executor, surveyId: string, id: string, forUpdate = false): Promise<QuestionnaireRow | undefined> {
  const query = db.select().from(surveyQuestionnaires).where(and(eq(surveyQuestionnaires.id, id), eq(surveyQuestionnaires.surveyId, surveyId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** The row version of each questionnaire of the survey (what a change sends back). */
export async function questionnaireRowVersions(db: Executor, surveyId: string): Promise<Map<string, number>> {
  const rows = await db.select({ id: surveyQuestionnaires.id, version: surveyQuestionnaires.version }).from(surveyQuestionnaires).where(eq(surveyQuestionnaires.surveyId, surveyId));
  return new Map(rows.map((r) => [r.id, r.version]));
}

/** Bumps the questionnaire's version (and sets `set`) if it is still `version`; undefined otherwise. */
export async function bumpQuestionnaire(db: Executor, id: string, version: number, set: Partial<typeof surveyQuestionnaires.$inferInsert> = {}): Promise<QuestionnaireRow | undefined> {
  const [row] = await db
    .update(surveyQuestionnaires)
    .set({ ...set, version: sql`${surveyQuestionnaires.version} + 1` })
    .where(and(eq(surveyQuestionnaires.id, id), eq(surveyQuestionnaires.version, version)))
    .returning();
  return row;
}

/** The questionnaire's versions, newest first, each with how many responses were given on it. */
export async function listQuestionnaireVersions(db: Executor, questionnaireId: string) {
  const rows = await db
    .select({ version: surveyQuestionnaireVersions, responses: count(surveyResponses.id) })
    .from(surveyQuestionnaireVersions)
    .leftJoin(surveyResponses, eq(surveyResponses.questionnaireVersionId, surveyQuestionnaireVersions.id))
    .where(eq(surveyQuestionnaireVersions.questionnaireId, questionnaireId))
    .groupBy(surveyQuestionnaireVersions.id)
    .orderBy(desc(surveyQuestionnaireVersions.number));
  return rows.map((r) => ({ ...r.version, responses: Number(r.responses) }));
}

export async function findQuestionnaireVersion(db: Executor, questionnaireId: string, versionId: string): Promise<QuestionnaireVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(surveyQuestionnaireVersions)
    .where(and(eq(surveyQuestionnaireVersions.id, versionId), eq(surveyQuestionnaireVersions.questionnaireId, questionnaireId)));
  return row;
}

/** Adds the next version (number + 1) of the questionnaire. */
export async function insertQuestionnaireVersion(db: Executor, values: Omit<typeof surveyQuestionnaireVersions.$inferInsert, 'number'>): Promise<QuestionnaireVersionRow> {
  const [last] = await db
    .select({ number: sql<number>`coalesce(max(${surveyQuestionnaireVersions.number}), 0)::int` })
    .from(surveyQuestionnaireVersions)
    .where(eq(surveyQuestionnaireVersions.questionnaireId, values.questionnaireId));
  const [row] = await db.insert(surveyQuestionnaireVersions).values({ ...values, number: Number(last?.number ?? 0) + 1 }).returning();
  return row!;
}

export interface QuestionnaireCounts {
  quota: number;
  respondents: number;
  sampled: number;
  invitations: number;
  responses: number;
}

/** Per questionnaire of the survey: total quota, list size, sampled, invitations, responses. */
export async function questionnaireCounts(db: Executor, surveyId: string): Promise<Map<string, QuestionnaireCounts>> {
  const ids = (await db.select({ id: surveyQuestionnaires.id }).from(surveyQuestionnaires).where(eq(surveyQuestionnaires.surveyId, surveyId))).map((r) => r.id);
  const out = new Map<string, QuestionnaireCounts>(ids.map((id) => [id, { quota: 0, respondents: 0, sampled: 0, invitations: 0, responses: 0 }]));
  if (ids.length === 0) return out;
  const [quotas, respondents, invitations, responses] = await Promise.all([
    db.select({ id: surveyQuotas.questionnaireId, n: sql<number>`coalesce(sum(${surveyQuotas.quota}), 0)::int` }).from(surveyQuotas).where(inArray(surveyQuotas.questionnaireId, ids)).groupBy(surveyQuotas.questionnaireId),
    db
      .select({ id: surveyRespondents.questionnaireId, n: count(), sampled: sql<number>`count(*) filter (where ${surveyRespondents.sampled})::int` })
      .from(surveyRespondents).where(inArray(surveyRespondents.questionnaireId, ids)).groupBy(surveyRespondents.questionnaireId),
    db.select({ id: surveyInvitations.questionnaireId, n: count() }).from(surveyInvitations).where(inArray(surveyInvitations.questionnaireId, ids)).groupBy(surveyInvitations.questionnaireId),
    db
      .select({ id: surveyQuestionnaireVersions.questionnaireId, n: count() })
      .from(surveyResponses)
      .innerJoin(surveyQuestionnaireVersions, eq(surveyQuestionnaireVersions.id, surveyResponses.questionnaireVersionId))
      .where(eq(surveyResponses.surveyId, surveyId))
      .groupBy(surveyQuestionnaireVersions.questionnaireId),
  ]);
  for (const r of quotas) out.get(r.id)!.quota = Number(r.n);
  for (const r of respondents) Object.assign(out.get(r.id)!, { respondents: Number(r.n), sampled: Number(r.sampled) });
  for (const r of invitations) out.get(r.id)!.invitations = Number(r.n);
  for (const r of responses) out.get(r.id)!.responses = Number(r.n);
  return out;
}

/** Names of groups by id. */
export async function groupNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: unitGroups.id, name: unitGroups.name }).from(unitGroups).where(inArray(unitGroups.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------- rated units, quotas, respondents

/** The units of the cycle in the group (those a questionnaire rating the group rates), by code. */
export async function ratedUnits(db: Executor, cycleId: string, groupId: string): Promise<{ id: string; code: string; name: string }[]> {
  return db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(cycleUnits)
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.groupId, groupId)))
    .orderBy(asc(units.code));
}

export async function quotasOf(db: Executor, questionnaireId: string): Promise<Map<string, number>> {
  const rows = await db.select({ unitId: surveyQuotas.unitId, quota: surveyQuotas.quota }).from(surveyQuotas).where(eq(surveyQuotas.questionnaireId, questionnaireId));
  return new Map(rows.map((r) => [r.unitId, r.quota]));
}

export async function replaceQuotas(db: Executor, questionnaireId: string, rows: readonly { unitId: string; quota: number }[]): Promise<void> {
  await db.delete(surveyQuotas).where(eq(surveyQuotas.questionnaireId, questionnaireId));
  await insertChunked(rows, (chunk) => db.insert(surveyQuotas).values(chunk.map((r) => ({ questionnaireId, ...r }))));
}

/** Per rated unit: the list's size and how many were sampled. */
export async function respondentCountsByUnit(db: Executor, questionnaireId: string): Promise<Map<string, { respondents: number; sampled: number }>> {
  const rows = await db
    .select({ unitId: surveyRespondents.unitId, n: count(), sampled: sql<number>`count(*) filter (where ${surveyRespondents.sampled})::int` })
    .from(surveyRespondents)
    .where(eq(surveyRespondents.questionnaireId, questionnaireId))
    .groupBy(surveyRespondents.unitId);
  return new Map(rows.map((r) => [r.unitId, { respondents: Number(r.n), sampled: Number(r.sampled) }]));
}

export async function sampledCount(db: Executor, questionnaireId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(surveyRespondents).where(and(eq(surveyRespondents.questionnaireId, questionnaireId), eq(surveyRespondents.sampled, true)));
  return Number(row?.n ?? 0);
}

export type NewRespondent = Pick<typeof surveyRespondents.$inferInsert, 'unitId' | 'line' | 'fullName' | 'phone' | 'email' | 'reference'>;

/** Replaces the questionnaire's list (the caller made sure nobody of the old list was sampled). */
export async function replaceRespondents(db: Executor, questionnaireId: string, rows: readonly NewRespondent[]): Promise<void> {
  await db.delete(surveyRespondents).where(eq(surveyRespondents.questionnaireId, questionnaireId));
  await insertChunked(rows, (chunk) => db.insert(surveyRespondents).values(chunk.map((r) => ({ questionnaireId, ...r }))));
}

/** The sampling frame: every listed person with their unit, line and what the list says of them. */
export async function respondentFrame(db: Executor, questionnaireId: string) {
  return db
    .select({
      id: surveyRespondents.id, unitId: surveyRespondents.unitId, line: surveyRespondents.line,
      fullName: surveyRespondents.fullName, phone: surveyRespondents.phone, email: surveyRespondents.email, reference: surveyRespondents.reference,
    })
    .from(surveyRespondents)
    .where(eq(surveyRespondents.questionnaireId, questionnaireId));
}

export async function markSampled(db: Executor, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) await db.update(surveyRespondents).set({ sampled: true }).where(inArray(surveyRespondents.id, ids.slice(i, i + CHUNK)));
}

export async function insertInvitations(db: Executor, rows: readonly (typeof surveyInvitations.$inferInsert)[]): Promise<void> {
  await insertChunked(rows, (chunk) => db.insert(surveyInvitations).values(chunk));
}

export async function invitationCount(db: Executor, questionnaireId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(surveyInvitations).where(eq(surveyInvitations.questionnaireId, questionnaireId));
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------- personal data

/** Closed surveys whose personal data is due for removal at `now` (closed more than personalDataDays ago) and not yet removed. */
export async function surveysDueForPurge(db: Executor, now: Date): Promise<{ id: string; closedAt: Date; personalDataDays: number }[]> {
  const rows = await db
    .select({ id: surveys.id, closedAt: surveys.closedAt, personalDataDays: surveys.personalDataDays })
    .from(surveys)
    .where(and(eq(surveys.status, 'closed'), isNotNull(surveys.closedAt), isNull(surveys.personalDataPurgedAt), lt(surveys.closedAt, sql`${now.toISOString()}::timestamptz - make_interval(days => ${surveys.personalDataDays})`)));
  return rows.map((r) => ({ ...r, closedAt: r.closedAt! }));
}

/** Removes the name, phone, e-mail and reference of every respondent of the survey; how many rows held any. */
export async function purgeRespondents(db: Executor, surveyId: string, now: Date): Promise<number> {
  const ids = db.select({ id: surveyQuestionnaires.id }).from(surveyQuestionnaires).where(eq(surveyQuestionnaires.surveyId, surveyId));
  const rows = await db
    .update(surveyRespondents)
    .set({ fullName: null, phone: null, email: null, reference: null, purgedAt: now })
    .where(and(inArray(surveyRespondents.questionnaireId, ids), isNull(surveyRespondents.purgedAt)))
    .returning({ id: surveyRespondents.id });
  return rows.length;
}

export async function markSurveyPurged(db: Executor, surveyId: string, now: Date): Promise<void> {
  await db.update(surveys).set({ personalDataPurgedAt: now }).where(eq(surveys.id, surveyId));
}
