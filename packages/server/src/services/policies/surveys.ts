/**
 * The sociological survey (issue 13). A survey belongs to a cycle and so to the cycle's owner (null:
 * the province): the administrators whose scope covers the owner set it up, share its links, type
 * its paper forms, import answers, close it and read everything; the council and leaders of that
 * scope read its results; a unit's officers and head read their own unit's results once the survey
 * is closed. Nobody, ever, sees a respondent's identity with their answers.
 */
import { administers, type Actor } from '../actor';
import { forbidden } from '../errors';
import { isStaffOf, readsEveryUnitOf } from './roles';

/** Whether the actor sets up and runs the owner's surveys. */
export const mayManageSurveys = (actor: Actor, ownerUnitId: string | null): boolean => administers(actor, ownerUnitId);

/** Whether the actor reads the results of every unit of the owner's surveys. */
export const readsAllSurveyResults = (actor: Actor, ownerUnitId: string | null): boolean => readsEveryUnitOf(actor, ownerUnitId);

/** Whether the actor reads one rated unit's results: everyone who reads all, and the unit's staff once closed. */
export const maySeeUnitSurveyResults = (actor: Actor, survey: { ownerUnitId: string | null; status: string }, unitId: string): boolean =>
  readsAllSurveyResults(actor, survey.ownerUnitId) || (survey.status === 'closed' && isStaffOf(actor, unitId));

export function assertMayManageSurveys(actor: Actor, ownerUnitId: string | null): void {
  if (!mayManageSurveys(actor, ownerUnitId)) throw forbidden('Chỉ quản trị viên của cấp tổ chức kỳ đánh giá được thiết lập và điều hành cuộc điều tra xã hội học.');
}
