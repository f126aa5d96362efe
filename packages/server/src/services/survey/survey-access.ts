/**
 * Loading a survey with what its policies need (its cycle's owner), shared by every part of the
 * survey module (issue 13): 404 when it does not exist, 403 when the actor may not act on it.
 */
import type { Executor } from '../../db/client';
import { findSurveyFacts, type SurveyFacts, type SurveyRowLock } from '../../db/repositories/survey-repository';
import type { Actor } from '../actor';
import { forbidden, notFound } from '../errors';
import { assertMayManageSurveys, readsAllSurveyResults } from '../policies/surveys';

export type { SurveyFacts, QuestionnaireOfSurvey } from '../../db/repositories/survey-repository';
export { questionnairesOf, questionnaireVersionsOf } from '../../db/repositories/survey-repository';

/** The survey and its owner; 404 when there is none. The row locked as `options` says (SurveyRowLock). */
export async function loadSurveyFacts(db: Executor, surveyId: string, options: SurveyRowLock = {}): Promise<SurveyFacts> {
  const survey = await findSurveyFacts(db, surveyId, options);
  if (!survey) throw notFound('cuộc điều tra');
  return survey;
}

/** The survey, for an actor who runs it (its owner's administrator); 403 otherwise. */
export async function surveyManagedBy(db: Executor, actor: Actor, surveyId: string, options: SurveyRowLock = {}): Promise<SurveyFacts> {
  const survey = await loadSurveyFacts(db, surveyId, options);
  assertMayManageSurveys(actor, survey.ownerUnitId);
  return survey;
}

/** The survey, for an actor who reads all of it (administrator, council, leaders of its owner); 403 otherwise. */
export async function surveyReadBy(db: Executor, actor: Actor, surveyId: string): Promise<SurveyFacts> {
  const survey = await loadSurveyFacts(db, surveyId);
  if (!readsAllSurveyResults(actor, survey.ownerUnitId)) throw forbidden('Bạn không xem được cuộc điều tra của cấp khác.');
  return survey;
}
