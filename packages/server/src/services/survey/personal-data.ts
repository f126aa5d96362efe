/**
 * Respondents' personal data (issue 13 §7): names, phones, e-mails and file numbers are kept only
 * as long as the survey needs them — removed `personalDataDays` after it closes (the scheduled job
 * calls purgeSurveyPersonalData), or at once by its administrator once it is closed. The lists keep
 * their units and lines (the sample stays countable); answers never referred to anyone.
 */
import type { Database, Executor } from '../../db/client';
import { markSurveyPurged, purgeRespondents, surveysDueForPurge } from '../../db/repositories/survey-setup-repository';
import { systemActor, type Actor } from '../actor';
import { recordAudit } from '../audit';
import { ruleViolation } from '../errors';
import { surveyManagedBy } from './survey-access';

async function purgeOne(tx: Executor, actor: Actor, surveyId: string, now: Date, reason: string): Promise<number> {
  const respondents = await purgeRespondents(tx, surveyId, now);
  await markSurveyPurged(tx, surveyId, now);
  await recordAudit(tx, actor, { entityType: 'survey', entityId: surveyId, action: 'purge_personal_data', after: { respondents, at: now.toISOString() }, reason });
  return respondents;
}

/** Removes the personal data of every survey closed more than its `personalDataDays` ago (idempotent: a survey is purged once). */
export async function purgeSurveyPersonalData(db: Database, now: Date): Promise<{ surveys: number; respondents: number }> {
  const due = await surveysDueForPurge(db, now);
  let respondents = 0;
  for (const survey of due) {
    respondents += await db.transaction((tx) => purgeOne(tx, systemActor, survey.id, now, `Hết thời hạn giữ dữ liệu cá nhân (${survey.personalDataDays} ngày sau khi đóng)`));
  }
  return { surveys: due.length, respondents };
}

/** The administrator removes a closed survey's personal data now, without waiting for the period to end. */
export async function purgeSurveyPersonalDataNow(db: Database, actor: Actor, surveyId: string, now = new Date()): Promise<{ respondents: number }> {
  return db.transaction(async (tx) => {
    const survey = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    if (survey.status !== 'closed') throw ruleViolation('Chỉ xóa dữ liệu cá nhân của người được khảo sát sau khi đóng cuộc điều tra.');
    return { respondents: await purgeOne(tx, actor, surveyId, now, 'Quản trị viên xóa dữ liệu cá nhân sau khi đóng cuộc điều tra') };
  });
}
