/**
 * Reading a survey's responses for scoring, quality and results (issue 13), and writing its scores.
 * Responses are read in keyset pages (by id) with their answers, so a survey of a million answers
 * never sits in memory at once; counts are grouped in the database.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SurveyAnswers, SurveyChannel, SurveyFlag } from '@chiso/core';
import type { Executor } from '../client';
import { cycleGroups, cycleUnits, suppliedPoints } from '../schema/cycles';
import { surveyQuestionnaires, surveyQuestionnaireVersions, surveyResponses, surveyScores, surveys } from '../schema/surveys';
import { units } from '../schema/units';
import { rows } from './unit-repository';

export interface StoredResponse {
  id: number;
  versionId: string;
  unitId: string;
  channel: SurveyChannel;
  submittedAt: Date;
  durationSeconds: number | null;
  flags: SurveyFlag[];
  excluded: boolean;
  excludedReason: string | null;
  answers: SurveyAnswers;
}

export interface ResponseFilter {
  /** Only responses that count (not excluded). */
  validOnly?: boolean;
  unitId?: string;
  /** Only these responses' questionnaires (by version). */
  versionIds?: readonly string[];
  /** Only flagged or excluded responses. */
  flaggedOnly?: boolean;
  flag?: SurveyFlag;
}

/** Responses per page: a few thousand, each with its answers (tens), read with two queries. */
export const RESPONSE_PAGE = 2000;

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

function filterSql(f: ResponseFilter) {
  return sql.join([
    f.validOnly ? sql` and not r.excluded` : sql``,
    f.unitId ? sql` and r.unit_id = ${f.unitId}` : sql``,
    f.versionIds ? sql` and r.questionnaire_version_id in (${f.versionIds.length > 0 ? sql.join(f.versionIds.map((v) => sql`${v}`), sql`, `) : sql`null`})` : sql``,
    f.flaggedOnly ? sql` and (r.excluded or cardinality(r.flags) > 0)` : sql``,
    f.flag ? sql` and ${f.flag} = any(r.flags)` : sql``,
  ]);
}

interface ResponseRow {
  id: string | number;
  version_id: string;
  unit_id: string;
  channel: SurveyChannel;
  submitted_at: unknown;
  duration_seconds: number | null;
  flags: SurveyFlag[];
  excluded: boolean;
  excluded_reason: string | null;
}

/**
 * The survey's responses in id order with their answers, one page at a time (`limit`: stop after
 * that many). The caller consumes a page before the next one is read.
 */
export async function* responsePages(db: Executor, surveyId: string, filter: ResponseFilter = {}, options: { pageSize?: number; limit?: number } = {}): AsyncGenerator<StoredResponse[]> {
  const pageSize = options.pageSize ?? RESPONSE_PAGE;
  let after = 0;
  let left = options.limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const size = Math.min(pageSize, left);
    const page = rows<ResponseRow>(await db.execute(sql`
      select r.id, r.questionnaire_version_id as version_id, r.unit_id, r.channel, r.submitted_at, r.duration_seconds, r.flags, r.excluded, r.excluded_reason
      from survey_responses r
      where r.survey_id = ${surveyId} and r.id > ${after}${filterSql(filter)}
      order by r.id limit ${size}`));
    if (page.length === 0) return;
    const first = Number(page[0]!.id);
    const last = Number(page[page.length - 1]!.id);
    // The page's answers by their key range alone (the primary key's index); answers of responses
    // outside the page (another survey's, filtered out) are skipped here.
    yield withAnswers(page, await db.execute(sql`select response_id, question, value from survey_answers where response_id between ${first} and ${last}`));
    after = last;
    left -= page.length;
    if (page.length < size) return;
  }
}

/** The stored responses of `page`, each with its answers among `answerRows` (others skipped). */
function withAnswers(page: readonly ResponseRow[], answerRows: unknown): StoredResponse[] {
  const answers = new Map<number, Record<string, string>>(page.map((r) => [Number(r.id), {}]));
  for (const a of rows<{ response_id: string | number; question: string; value: string }>(answerRows)) {
    const m = answers.get(Number(a.response_id));
    if (m) m[a.question] = a.value;
  }
  return page.map((r) => ({
    id: Number(r.id), versionId: r.version_id, unitId: r.unit_id, channel: r.channel, submittedAt: toDate(r.submitted_at),
    durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds), flags: r.flags ?? [], excluded: r.excluded,
    excludedReason: r.excluded_reason, answers: answers.get(Number(r.id)) ?? {},
  }));
}

/**
 * The survey's response ids in the raw export's order: by questionnaire code, rated unit code, then
 * a hash of the id — an order that says nothing of when each response came in (id order would keep
 * the order of sending). One text value (a million ids ≈ 8 MB), not a million rows.
 */
export async function rawExportOrder(db: Executor, surveyId: string): Promise<number[]> {
  const [row] = rows<{ ids: string | null }>(await db.execute(sql`
    select string_agg(r.id::text, ',' order by q.code, u.code, md5(r.id::text), r.id) as ids
    from survey_responses r
    join survey_questionnaire_versions v on v.id = r.questionnaire_version_id
    join survey_questionnaires q on q.id = v.questionnaire_id
    join units u on u.id = r.unit_id
    where r.survey_id = ${surveyId}`));
  return row?.ids ? row.ids.split(',').map(Number) : [];
}

/** The survey's responses with these ids (a page of rawExportOrder), with their answers, in the order given. */
export async function responsesByIds(db: Executor, surveyId: string, responseIds: readonly number[]): Promise<StoredResponse[]> {
  if (responseIds.length === 0) return [];
  // One text parameter whatever the page's size.
  const ids = sql`string_to_array(${responseIds.join(',')}, ',')::bigint[]`;
  const page = rows<ResponseRow>(await db.execute(sql`
    select r.id, r.questionnaire_version_id as version_id, r.unit_id, r.channel, r.submitted_at, r.duration_seconds, r.flags, r.excluded, r.excluded_reason
    from survey_responses r where r.survey_id = ${surveyId} and r.id = any(${ids})`));
  const byId = new Map(withAnswers(page, await db.execute(sql`select response_id, question, value from survey_answers where response_id = any(${ids})`)).map((r) => [r.id, r]));
  return responseIds.flatMap((id) => byId.get(id) ?? []);
}

/** How many responses match the filter. */
export async function countResponses(db: Executor, surveyId: string, filter: ResponseFilter = {}): Promise<number> {
  const [row] = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from survey_responses r where r.survey_id = ${surveyId}${filterSql(filter)}`));
  return Number(row?.n ?? 0);
}

/** One questionnaire of the survey with the framework version its rated group uses in the cycle. */
export interface ScoredQuestionnaire {
  id: string;
  code: string;
  ratedGroupId: string;
  frameworkVersionId: string | null;
}

export async function scoredQuestionnaires(db: Executor, surveyId: string): Promise<ScoredQuestionnaire[]> {
  return db
    .select({ id: surveyQuestionnaires.id, code: surveyQuestionnaires.code, ratedGroupId: surveyQuestionnaires.ratedGroupId, frameworkVersionId: cycleGroups.frameworkVersionId })
    .from(surveyQuestionnaires)
    .innerJoin(surveys, eq(surveys.id, surveyQuestionnaires.surveyId))
    .leftJoin(cycleGroups, and(eq(cycleGroups.cycleId, surveys.cycleId), eq(cycleGroups.groupId, surveyQuestionnaires.ratedGroupId)))
    .where(eq(surveyQuestionnaires.surveyId, surveyId))
    .orderBy(surveyQuestionnaires.code);
}

export interface CycleParticipant {
  unitId: string;
  code: string;
  name: string;
  groupId: string;
}

/** The cycle's participating units (the ones whose survey points count), by code. */
export async function cycleParticipants(db: Executor, cycleId: string): Promise<CycleParticipant[]> {
  return db
    .select({ unitId: cycleUnits.unitId, code: units.code, name: units.name, groupId: cycleUnits.groupId })
    .from(cycleUnits)
    .innerJoin(units, eq(units.id, cycleUnits.unitId))
    .where(eq(cycleUnits.cycleId, cycleId))
    .orderBy(units.code);
}

export type SurveyScoreRow = typeof surveyScores.$inferSelect;

export async function surveyScoresOf(db: Executor, surveyId: string, unitId?: string): Promise<SurveyScoreRow[]> {
  return db
    .select()
    .from(surveyScores)
    .where(unitId ? and(eq(surveyScores.surveyId, surveyId), eq(surveyScores.unitId, unitId)) : eq(surveyScores.surveyId, surveyId))
    .orderBy(surveyScores.unitId, surveyScores.nodeKey);
}

/** Replaces every score of the survey with these. */
export async function replaceSurveyScores(db: Executor, surveyId: string, scores: readonly (typeof surveyScores.$inferInsert)[]): Promise<void> {
  await db.delete(surveyScores).where(eq(surveyScores.surveyId, surveyId));
  for (let i = 0; i < scores.length; i += 2000) await db.insert(surveyScores).values(scores.slice(i, i + 2000));
}

/** Removes the supplied points of these unit × criterion pairs that still carry this source. */
export async function deleteSuppliedPointsOf(db: Executor, cycleId: string, source: string, pairs: readonly { unitId: string; nodeKey: string }[]): Promise<number> {
  let removed = 0;
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    const deleted = await db
      .delete(suppliedPoints)
      .where(and(
        eq(suppliedPoints.cycleId, cycleId),
        eq(suppliedPoints.source, source),
        sql`(${suppliedPoints.unitId}, ${suppliedPoints.nodeKey}) in (${sql.join(chunk.map((p) => sql`(${p.unitId}::uuid, ${p.nodeKey})`), sql`, `)})`,
      ))
      .returning({ unitId: suppliedPoints.unitId });
    removed += deleted.length;
  }
  return removed;
}

/** Moves the cycle's supplied points from one source to another (a renamed survey keeps its points and their later cleanup); returns how many. */
export async function renameSuppliedPointsSource(db: Executor, cycleId: string, from: string, to: string): Promise<number> {
  const moved = await db
    .update(suppliedPoints)
    .set({ source: to })
    .where(and(eq(suppliedPoints.cycleId, cycleId), eq(suppliedPoints.source, from)))
    .returning({ unitId: suppliedPoints.unitId });
  return moved.length;
}

/** Sets the duplicate flag on exactly these responses of the survey (and clears it elsewhere); returns how many changed each way. */
export async function setDuplicateFlags(db: Executor, surveyId: string, duplicateIds: readonly number[]): Promise<{ flagged: number; cleared: number }> {
  // One text parameter whatever the count (a survey may hold hundreds of thousands of duplicates).
  const ids = sql`string_to_array(${duplicateIds.join(',')}, ',')::bigint[]`;
  const cleared = rows(await db.execute(sql`
    update survey_responses set flags = array_remove(flags, 'duplicate')
    where survey_id = ${surveyId} and 'duplicate' = any(flags) and not (id = any(${ids})) returning id`)).length;
  const flagged = duplicateIds.length === 0 ? 0 : rows(await db.execute(sql`
    update survey_responses set flags = array_append(flags, 'duplicate')
    where survey_id = ${surveyId} and id = any(${ids}) and not ('duplicate' = any(flags)) returning id`)).length;
  return { flagged, cleared };
}

export interface ResponseState {
  id: number;
  unitId: string;
  excluded: boolean;
  excludedReason: string | null;
  flags: SurveyFlag[];
}

export async function findResponse(db: Executor, surveyId: string, responseId: number, options: { forUpdate?: boolean } = {}): Promise<ResponseState | undefined> {
  const query = db
    .select({ id: surveyResponses.id, unitId: surveyResponses.unitId, excluded: surveyResponses.excluded, excludedReason: surveyResponses.excludedReason, flags: surveyResponses.flags })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.id, responseId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ? { ...row, flags: row.flags as SurveyFlag[] } : undefined;
}

export async function setResponseExclusion(db: Executor, responseId: number, excluded: boolean, reason: string | null): Promise<void> {
  await db.update(surveyResponses).set({ excluded, excludedReason: reason }).where(eq(surveyResponses.id, responseId));
}

export interface QualityCountRow {
  versionId: string;
  unitId: string;
  responses: number;
  valid: number;
  tooFast: number;
  straightLining: number;
  duplicate: number;
}

/** Responses per questionnaire version and unit: all, valid, and per flag. */
export async function qualityCounts(db: Executor, surveyId: string): Promise<QualityCountRow[]> {
  const result = await db.execute(sql`
    select questionnaire_version_id as version_id, unit_id, count(*)::int as responses, count(*) filter (where not excluded)::int as valid,
      count(*) filter (where 'too_fast' = any(flags))::int as too_fast, count(*) filter (where 'straight_lining' = any(flags))::int as straight_lining,
      count(*) filter (where 'duplicate' = any(flags))::int as duplicate
    from survey_responses where survey_id = ${surveyId} group by questionnaire_version_id, unit_id`);
  return rows<{ version_id: string; unit_id: string; responses: number; valid: number; too_fast: number; straight_lining: number; duplicate: number }>(result).map((r) => ({
    versionId: r.version_id, unitId: r.unit_id, responses: Number(r.responses), valid: Number(r.valid),
    tooFast: Number(r.too_fast), straightLining: Number(r.straight_lining), duplicate: Number(r.duplicate),
  }));
}

/** Every quota of the survey's questionnaires. */
export async function quotasOfSurvey(db: Executor, surveyId: string): Promise<{ questionnaireId: string; unitId: string; quota: number }[]> {
  const result = await db.execute(sql`
    select q.questionnaire_id, q.unit_id, q.quota from survey_quotas q
    join survey_questionnaires s on s.id = q.questionnaire_id where s.survey_id = ${surveyId}`);
  return rows<{ questionnaire_id: string; unit_id: string; quota: number }>(result).map((r) => ({ questionnaireId: r.questionnaire_id, unitId: r.unit_id, quota: Number(r.quota) }));
}

/** Version id → questionnaire id, for every version of the survey's questionnaires. */
export async function versionQuestionnaires(db: Executor, surveyId: string): Promise<Map<string, string>> {
  const found = await db
    .select({ id: surveyQuestionnaireVersions.id, questionnaireId: surveyQuestionnaireVersions.questionnaireId })
    .from(surveyQuestionnaireVersions)
    .innerJoin(surveyQuestionnaires, eq(surveyQuestionnaires.id, surveyQuestionnaireVersions.questionnaireId))
    .where(eq(surveyQuestionnaires.surveyId, surveyId));
  return new Map(found.map((r) => [r.id, r.questionnaireId]));
}

export interface AnswerCount {
  versionId: string;
  unitId: string;
  question: string;
  value: string;
  count: number;
}

/** How many valid responses gave each value to each question, per questionnaire version and unit (grouped in the database). */
export async function answerCounts(db: Executor, surveyId: string, filter: { unitId?: string; versionIds?: readonly string[] } = {}): Promise<AnswerCount[]> {
  const result = await db.execute(sql`
    select r.questionnaire_version_id as version_id, r.unit_id, a.question, a.value, count(*)::int as n
    from survey_answers a join survey_responses r on r.id = a.response_id
    where r.survey_id = ${surveyId}${filterSql({ validOnly: true, ...filter })}
    group by r.questionnaire_version_id, r.unit_id, a.question, a.value`);
  return rows<{ version_id: string; unit_id: string; question: string; value: string; n: number }>(result).map((r) => ({
    versionId: r.version_id, unitId: r.unit_id, question: r.question, value: r.value, count: Number(r.n),
  }));
}

/** Valid responses per questionnaire version and unit. */
export async function validResponseCounts(db: Executor, surveyId: string, filter: { unitId?: string; versionIds?: readonly string[] } = {}): Promise<{ versionId: string; unitId: string; count: number }[]> {
  const result = await db.execute(sql`
    select r.questionnaire_version_id as version_id, r.unit_id, count(*)::int as n from survey_responses r
    where r.survey_id = ${surveyId}${filterSql({ validOnly: true, ...filter })} group by r.questionnaire_version_id, r.unit_id`);
  return rows<{ version_id: string; unit_id: string; n: number }>(result).map((r) => ({ versionId: r.version_id, unitId: r.unit_id, count: Number(r.n) }));
}

export interface UnitSurveyScoreRow {
  surveyId: string;
  surveyName: string;
  status: string;
  ownerUnitId: string | null;
  nodeKey: string;
  points: string | null;
  respondents: number;
  belowMinimum: boolean;
}

/** One unit's scores in every survey of a cycle. */
export async function unitScoresInCycle(db: Executor, cycleId: string, unitId: string): Promise<UnitSurveyScoreRow[]> {
  const result = await db.execute(sql`
    select s.id as survey_id, s.name as survey_name, s.status, c.owner_unit_id, sc.node_key, sc.points::text as points, sc.respondents, sc.below_minimum
    from survey_scores sc join surveys s on s.id = sc.survey_id join cycles c on c.id = s.cycle_id
    where s.cycle_id = ${cycleId} and sc.unit_id = ${unitId} order by s.created_at, sc.node_key`);
  return rows<{ survey_id: string; survey_name: string; status: string; owner_unit_id: string | null; node_key: string; points: string | null; respondents: number; below_minimum: boolean }>(result).map((r) => ({
    surveyId: r.survey_id, surveyName: r.survey_name, status: r.status, ownerUnitId: r.owner_unit_id, nodeKey: r.node_key, points: r.points,
    respondents: Number(r.respondents), belowMinimum: r.below_minimum,
  }));
}

/** Units by id (codes and names for views and files). */
export async function unitsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.id, [...ids]));
  return new Map(found.map((u) => [u.id, { code: u.code, name: u.name }]));
}

export interface SurveyState {
  id: string;
  name: string;
  status: 'draft' | 'open' | 'closed';
  version: number;
  closedAt: string | null;
}

/** The survey's name, status and version (what the quality and results views show and send back). */
export async function surveyState(db: Executor, surveyId: string): Promise<SurveyState> {
  const [row] = await db.select({ id: surveys.id, name: surveys.name, status: surveys.status, version: surveys.version, closedAt: surveys.closedAt }).from(surveys).where(eq(surveys.id, surveyId));
  return { ...row!, status: row!.status as SurveyState['status'], closedAt: row!.closedAt?.toISOString() ?? null };
}

/** Moves the survey to `status` (closing or reopening it), one version on. */
export async function setSurveyStatus(db: Executor, surveyId: string, status: 'open' | 'closed', closed: { at: Date; by: string | null } | null): Promise<void> {
  await db.update(surveys).set({ status, closedAt: closed?.at ?? null, closedBy: closed?.by ?? null, version: sql`${surveys.version} + 1` }).where(eq(surveys.id, surveyId));
}
