/**
 * Closing a survey (issue 13 §4): open → closed by its owner's administrator. Duplicates are
 * counted again, the survey is rescored into the cycle, and the public form then refuses answers;
 * a unit's staff may then read their unit's results. A survey closed by mistake (or a late batch of
 * paper forms) is reopened with a reason: the scores stay as they are until the next rescore.
 */
import type { Database } from '../../db/client';
import { setSurveyStatus, surveyState, type SurveyState } from '../../db/repositories/survey-results-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { ruleViolation, staleVersion } from '../errors';
import { recountDuplicates } from './quality';
import { rescoreSurvey, type RescoreResult } from './scoring';
import { surveyManagedBy } from './survey-access';

export const CLOSING_REASON = 'Đóng cuộc điều tra';

export interface ClosedSurvey {
  survey: SurveyState;
  duplicates: number;
  rescore: RescoreResult;
}

export async function closeSurvey(db: Database, actor: Actor, surveyId: string, version: number, now = new Date()): Promise<ClosedSurvey> {
  return db.transaction(async (tx) => {
    const survey = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    if (survey.version !== version) throw staleVersion(await surveyState(tx, surveyId));
    if (survey.status === 'draft') throw ruleViolation('Cuộc điều tra chưa mở: chưa có gì để đóng.');
    if (survey.status === 'closed') throw ruleViolation('Cuộc điều tra đã đóng.');
    await setSurveyStatus(tx, surveyId, 'closed', { at: now, by: actor.userId || null });
    const duplicates = await recountDuplicates(tx, surveyId);
    const rescore = await rescoreSurvey(tx, actor, surveyId, CLOSING_REASON);
    await recordAudit(tx, actor, {
      entityType: 'survey', entityId: surveyId, action: 'close',
      before: { status: survey.status },
      after: { status: 'closed', duplicates: duplicates.duplicates, scores: rescore.scores, belowMinimum: rescore.belowMinimum, fed: rescore.fed, skipped: rescore.skipped.length },
    });
    return { survey: await surveyState(tx, surveyId), duplicates: duplicates.duplicates, rescore };
  });
}

export async function reopenSurvey(db: Database, actor: Actor, surveyId: string, version: number, reason: string): Promise<SurveyState> {
  return db.transaction(async (tx) => {
    const survey = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    if (survey.version !== version) throw staleVersion(await surveyState(tx, surveyId));
    if (survey.status !== 'closed') throw ruleViolation('Chỉ mở lại được cuộc điều tra đã đóng.');
    await setSurveyStatus(tx, surveyId, 'open', null);
    await recordAudit(tx, actor, { entityType: 'survey', entityId: surveyId, action: 'reopen', reason, before: { status: 'closed' }, after: { status: 'open' } });
    return surveyState(tx, surveyId);
  });
}

/** "Tính lại điểm": the survey's administrator rescores it now (e.g. after correcting the framework or the quotas). */
export async function rescoreSurveyNow(db: Database, actor: Actor, surveyId: string, reason?: string): Promise<{ survey: SurveyState; rescore: RescoreResult }> {
  return db.transaction(async (tx) => {
    const survey = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    if (survey.status === 'draft') throw ruleViolation('Cuộc điều tra chưa mở: chưa có phiếu nào để tính điểm.');
    const rescore = await rescoreSurvey(tx, actor, surveyId, reason?.trim() || 'Tính lại điểm');
    return { survey: await surveyState(tx, surveyId), rescore };
  });
}
