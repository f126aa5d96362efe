/**
 * Reading surveys and their questionnaires (issue 13): what every part of the survey module needs.
 */
import { eq, sql } from 'drizzle-orm';
import type { Questionnaire } from '@chiso/core';
import type { Executor } from '../client';
import { cycles } from '../schema/cycles';
import { surveyQuestionnaires, surveyQuestionnaireVersions, surveys } from '../schema/surveys';

export interface SurveyFacts {
  id: string;
  cycleId: string;
  /** The cycle's owner (null: the province). */
  ownerUnitId: string | null;
  name: string;
  status: 'draft' | 'open' | 'closed';
  seed: number;
  minSeconds: number;
  personalDataDays: number;
  version: number;
}

/**
 * How the survey's row is read: `forUpdate` locks it (state changes: closing, reopening, rescoring);
 * `forShare` holds it while answers are added (paper forms, imports, like the public form), so a
 * closing waits for them and they see the survey as closing left it.
 */
export interface SurveyRowLock { forUpdate?: boolean; forShare?: boolean }

/**
 * Waits for, then holds until the transaction ends, the survey's writer lock (a transaction-level
 * advisory lock on a hash of its id): imports of one survey run one after the other, and a state
 * change (closing, reopening, rescoring: every `forUpdate` read) waits for a running import instead of
 * queueing on the survey's row — where the import, holding the row for share, would deadlock it when
 * its own rescore asks for the row. Re-entrant within a transaction. Public sends take no part.
 */
export async function holdSurveyWriterLock(db: Executor, surveyId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`survey-writer:${surveyId}`}, 0))`);
}

/** The survey and its cycle's owner, or undefined, its row locked as `options` says. */
export async function findSurveyFacts(db: Executor, surveyId: string, options: SurveyRowLock = {}): Promise<SurveyFacts | undefined> {
  if (options.forUpdate) await holdSurveyWriterLock(db, surveyId);
  const query = db
    .select({
      id: surveys.id, cycleId: surveys.cycleId, ownerUnitId: cycles.ownerUnitId, name: surveys.name, status: surveys.status,
      seed: surveys.seed, minSeconds: surveys.minSeconds, personalDataDays: surveys.personalDataDays, version: surveys.version,
    })
    .from(surveys)
    .innerJoin(cycles, eq(cycles.id, surveys.cycleId))
    .where(eq(surveys.id, surveyId));
  const lock = options.forUpdate ? 'update' : options.forShare ? 'share' : null;
  const [row] = lock ? await query.for(lock, { of: surveys }) : await query;
  return row ? { ...row, status: row.status as SurveyFacts['status'] } : undefined;
}

export interface QuestionnaireOfSurvey {
  id: string;
  code: string;
  title: string;
  respondentGroup: string;
  respondentGroupLabel: string;
  ratedGroupId: string;
  /** The current version (null while none has been uploaded or authored). */
  versionId: string | null;
  versionNumber: number | null;
  document: Questionnaire | null;
}

/** The survey's questionnaires with their current version's document, by code. */
export async function questionnairesOf(db: Executor, surveyId: string): Promise<QuestionnaireOfSurvey[]> {
  const rows = await db
    .select({
      id: surveyQuestionnaires.id, code: surveyQuestionnaires.code, title: surveyQuestionnaires.title,
      respondentGroup: surveyQuestionnaires.respondentGroup, respondentGroupLabel: surveyQuestionnaires.respondentGroupLabel,
      ratedGroupId: surveyQuestionnaires.ratedGroupId, versionId: surveyQuestionnaireVersions.id, versionNumber: surveyQuestionnaireVersions.number,
      document: surveyQuestionnaireVersions.document,
    })
    .from(surveyQuestionnaires)
    .leftJoin(surveyQuestionnaireVersions, eq(surveyQuestionnaireVersions.id, surveyQuestionnaires.currentVersionId))
    .where(eq(surveyQuestionnaires.surveyId, surveyId))
    .orderBy(surveyQuestionnaires.code);
  return rows.map((r) => ({ ...r, document: (r.document as Questionnaire | null) ?? null }));
}

/** Every version's document of the survey's questionnaires (answers refer to the version they were given on). */
export async function questionnaireVersionsOf(db: Executor, surveyId: string): Promise<Map<string, { questionnaireId: string; document: Questionnaire }>> {
  const rows = await db
    .select({ id: surveyQuestionnaireVersions.id, questionnaireId: surveyQuestionnaireVersions.questionnaireId, document: surveyQuestionnaireVersions.document })
    .from(surveyQuestionnaireVersions)
    .innerJoin(surveyQuestionnaires, eq(surveyQuestionnaires.id, surveyQuestionnaireVersions.questionnaireId))
    .where(eq(surveyQuestionnaires.surveyId, surveyId));
  return new Map(rows.map((r) => [r.id, { questionnaireId: r.questionnaireId, document: r.document as Questionnaire }]));
}
