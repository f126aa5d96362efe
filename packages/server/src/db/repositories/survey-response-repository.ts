/**
 * Writing survey responses and their answers (issue 13), shared by the three channels: the online
 * form (one at a time), the reconciled paper forms and the imports (many, in chunks).
 *
 * Bulk-friendly: a chunk of responses, and its answers, each go to the database as ONE JSON text
 * parameter expanded by `json_to_recordset`, so a chunk costs one statement whatever its size (no
 * 65 535-parameter limit, no per-value placeholders to build and parse). An import of a million
 * answers is ~60 statements of responses and ~60 of answers.
 */
import { eq, sql } from 'drizzle-orm';
import type { SurveyAnswers, SurveyChannel, SurveyFlag } from '@chiso/core';
import type { Executor } from '../client';
import { surveyImports } from '../schema/surveys';
import { rows } from './unit-repository';

export interface NewSurveyResponse {
  questionnaireVersionId: string;
  unitId: string;
  channel: SurveyChannel;
  clientKey: string;
  startedAt?: Date | null;
  submittedAt?: Date;
  durationSeconds?: number | null;
  flags: readonly SurveyFlag[];
  batchId?: string | null;
  /** Only the answered questions (empty answers are left out). */
  answers: SurveyAnswers;
}

/** Responses per statement; their answers go in one more statement. */
export const RESPONSE_CHUNK = 2000;

/**
 * Inserts the responses and their answers; returns the new ids in order. A response whose
 * (channel, clientKey) is already stored is left as it was and its id is null (a retried online
 * answer is not a second answer).
 */
export async function insertSurveyResponses(executor: Executor, surveyId: string, responses: readonly NewSurveyResponse[]): Promise<(number | null)[]> {
  const ids: (number | null)[] = [];
  for (let i = 0; i < responses.length; i += RESPONSE_CHUNK) ids.push(...(await insertChunk(executor, surveyId, responses.slice(i, i + RESPONSE_CHUNK))));
  return ids;
}

const keyOf = (channel: string, clientKey: string) => `${channel}\u0000${clientKey}`;

async function insertChunk(executor: Executor, surveyId: string, chunk: readonly NewSurveyResponse[]): Promise<(number | null)[]> {
  const now = new Date().toISOString();
  const records = chunk.map((r) => ({
    v: r.questionnaireVersionId, u: r.unitId, c: r.channel, k: r.clientKey, s: r.startedAt?.toISOString() ?? null,
    t: r.submittedAt?.toISOString() ?? now, d: r.durationSeconds ?? null, f: r.flags, b: r.batchId ?? null,
  }));
  const inserted = rows<{ id: string | number; channel: string; client_key: string }>(await executor.execute(sql`
    insert into survey_responses (survey_id, questionnaire_version_id, unit_id, channel, client_key, started_at, submitted_at, duration_seconds, flags, batch_id)
    select ${surveyId}::uuid, x.v, x.u, x.c, x.k, x.s, x.t, x.d, array(select json_array_elements_text(x.f)), x.b
    from json_to_recordset(${JSON.stringify(records)}::json) as x(v uuid, u uuid, c text, k text, s timestamptz, t timestamptz, d integer, f json, b uuid)
    on conflict (survey_id, channel, client_key) do nothing
    returning id, channel, client_key`));
  const byKey = new Map(inserted.map((r) => [keyOf(r.channel, r.client_key), Number(r.id)]));
  const answers: [number, string, string][] = [];
  const ids = chunk.map((r) => {
    const id = byKey.get(keyOf(r.channel, r.clientKey));
    if (id === undefined) return null;
    for (const [question, value] of Object.entries(r.answers)) if (value !== '') answers.push([id, question, value]);
    return id;
  });
  if (answers.length > 0) {
    await executor.execute(sql`
      insert into survey_answers (response_id, question, value)
      select (a->>0)::bigint, a->>1, a->>2 from json_array_elements(${JSON.stringify(answers)}::json) as a`);
  }
  return ids;
}

/** Which of these client keys the survey already holds on the channel (an import's row keys against earlier imports). */
export async function existingClientKeys(executor: Executor, surveyId: string, channel: SurveyChannel, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  // One unique-index probe per key: written as EXISTS so that the planner never scans the table,
  // whose statistics know nothing of the rows this import's transaction already inserted.
  const found = rows<{ client_key: string }>(await executor.execute(sql`
    select k.client_key from json_array_elements_text(${JSON.stringify(keys)}::json) as k(client_key)
    where exists (select 1 from survey_responses r where r.survey_id = ${surveyId} and r.channel = ${channel} and r.client_key = k.client_key)`));
  return new Set(found.map((r) => r.client_key));
}

/** How many responses the survey holds per channel (for progress and tests). */
export async function countSurveyResponses(executor: Executor, surveyId: string): Promise<Record<string, number>> {
  const result = await executor.execute(sql`select channel, count(*)::int as n from survey_responses where survey_id = ${surveyId} group by channel`);
  return Object.fromEntries(rows<{ channel: string; n: number }>(result).map((r) => [r.channel, Number(r.n)]));
}

/** The survey's imports of answers, newest first, with who imported. */
export async function listSurveyImportRows(executor: Executor, surveyId: string) {
  return rows<{ id: string; file_name: string; responses: number; answers: number; imported_at: string | Date; imported_by: string | null; full_name: string | null }>(await executor.execute(sql`
    select i.id, i.file_name, i.responses, i.answers, i.imported_at, i.imported_by, u.full_name
    from survey_imports i left join users u on u.id = i.imported_by
    where i.survey_id = ${surveyId} order by i.imported_at desc`));
}

/** Records an import (its counts are set once every row is in); returns its id, which its responses carry as `batchId`. */
export async function insertSurveyImportRow(executor: Executor, values: { surveyId: string; fileName: string; importedBy: string | null }): Promise<string> {
  const [row] = await executor.insert(surveyImports).values({ ...values, responses: 0, answers: 0 }).returning({ id: surveyImports.id });
  return row!.id;
}

export async function setSurveyImportCounts(executor: Executor, importId: string, counts: { responses: number; answers: number }): Promise<void> {
  await executor.update(surveyImports).set(counts).where(eq(surveyImports.id, importId));
}
