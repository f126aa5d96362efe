/**
 * Writing survey responses and their answers (issue 13), shared by the three channels: the online
 * form (one at a time), the reconciled paper forms and the imports (many, in chunks).
 */
import { sql } from 'drizzle-orm';
import type { SurveyAnswers, SurveyChannel, SurveyFlag } from '@chiso/core';
import type { Executor } from '../client';
import { surveyAnswers, surveyResponses } from '../schema/surveys';
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

const CHUNK = 1000;

/**
 * Inserts the responses and their answers; returns the new ids in order. A response whose
 * (channel, clientKey) is already stored is left as it was and its id is null (a retried online
 * answer is not a second answer).
 */
export async function insertSurveyResponses(executor: Executor, surveyId: string, responses: readonly NewSurveyResponse[]): Promise<(number | null)[]> {
  const ids: (number | null)[] = [];
  for (let i = 0; i < responses.length; i += CHUNK) {
    const chunk = responses.slice(i, i + CHUNK);
    const inserted = await executor
      .insert(surveyResponses)
      .values(chunk.map((r) => ({
        surveyId, questionnaireVersionId: r.questionnaireVersionId, unitId: r.unitId, channel: r.channel, clientKey: r.clientKey,
        startedAt: r.startedAt ?? null, submittedAt: r.submittedAt ?? new Date(), durationSeconds: r.durationSeconds ?? null,
        flags: [...r.flags], batchId: r.batchId ?? null,
      })))
      .onConflictDoNothing({ target: [surveyResponses.surveyId, surveyResponses.channel, surveyResponses.clientKey] })
      .returning({ id: surveyResponses.id, channel: surveyResponses.channel, clientKey: surveyResponses.clientKey });
    const byKey = new Map(inserted.map((r) => [`${r.channel}\u0000${r.clientKey}`, r.id]));
    const answers = chunk.flatMap((r) => {
      const id = byKey.get(`${r.channel}\u0000${r.clientKey}`);
      ids.push(id ?? null);
      return id === undefined ? [] : Object.entries(r.answers).filter(([, v]) => v !== '').map(([question, value]) => ({ responseId: id, question, value }));
    });
    for (let j = 0; j < answers.length; j += CHUNK * 10) await executor.insert(surveyAnswers).values(answers.slice(j, j + CHUNK * 10));
  }
  return ids;
}

/** How many responses the survey holds per channel (for progress and tests). */
export async function countSurveyResponses(executor: Executor, surveyId: string): Promise<Record<string, number>> {
  const result = await executor.execute(sql`select channel, count(*)::int as n from survey_responses where survey_id = ${surveyId} group by channel`);
  return Object.fromEntries(rows<{ channel: string; n: number }>(result).map((r) => [r.channel, Number(r.n)]));
}
