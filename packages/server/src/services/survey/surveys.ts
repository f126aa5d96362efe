/**
 * Surveys of a cycle (issue 13): listed for those who read them, created, changed and opened by the
 * administrators of the cycle's owner. The sample's seed is drawn at random when the survey is made,
 * kept (the same seed and lists give the same sample) and may be changed while it is a draft.
 */
import { randomInt } from 'node:crypto';
import type { SurveyDetail, SurveySummary } from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import { findCycle, listCycleGroups } from '../../db/repositories/cycle-repository';
import {
  groupNames, insertSurvey, questionnaireRowVersions, listSurveyRows, questionnaireCounts, updateSurveyRow, type SurveyListRow, type SurveyRow,
} from '../../db/repositories/survey-setup-repository';
import { renameSuppliedPointsSource } from '../../db/repositories/survey-results-repository';
import { questionnairesOf } from '../../db/repositories/survey-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { notFound, ruleViolation, staleVersion } from '../errors';
import { assertMayManageSurveys, mayManageSurveys, readsAllSurveyResults } from '../policies/surveys';
import { surveySource } from './scoring';
import { surveyManagedBy, surveyReadBy } from './survey-access';

/** A new survey's seed: a positive 32-bit integer. */
export const newSeed = (): number => randomInt(1, 2 ** 31 - 1);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summaryOf(row: SurveyListRow): SurveySummary {
  return {
    id: row.id, cycle: { id: row.cycleId, name: row.cycleName, year: row.cycleYear }, name: row.name, status: row.status as SurveySummary['status'],
    opensOn: row.opensOn, closesOn: row.closesOn, questionnaireCount: row.questionnaireCount, createdAt: row.createdAt.toISOString(),
  };
}

/** The surveys the actor reads (of one cycle when asked): administrators, council and leaders of the cycle's owner. */
export async function listSurveys(db: Executor, actor: Actor, cycleId?: string): Promise<SurveySummary[]> {
  const rows = await listSurveyRows(db, { cycleId });
  return rows.filter((r) => readsAllSurveyResults(actor, r.ownerUnitId)).map(summaryOf);
}

/** The survey with its questionnaires, their counts and the cycle's groups. */
export async function surveyDetail(db: Executor, actor: Actor, surveyId: string): Promise<SurveyDetail> {
  const [row] = await listSurveyRows(db, { surveyId });
  if (!row) throw notFound('cuộc điều tra');
  const [questionnaires, counts, groups] = await Promise.all([questionnairesOf(db, surveyId), questionnaireCounts(db, surveyId), listCycleGroups(db, [row.cycleId])]);
  const names = await groupNames(db, questionnaires.map((q) => q.ratedGroupId));
  const versions = await questionnaireRowVersions(db, surveyId);
  const total = { quota: 0, respondents: 0, sampled: 0, invitations: 0, responses: 0 };
  const list = questionnaires.map((q) => {
    const c = counts.get(q.id) ?? { ...total };
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
    return {
      id: q.id, code: q.code, title: q.title, respondentGroup: q.respondentGroup, respondentGroupLabel: q.respondentGroupLabel,
      ratedGroup: { id: q.ratedGroupId, name: names.get(q.ratedGroupId) ?? '' },
      currentVersion: q.versionId && q.document ? { id: q.versionId, number: q.versionNumber!, questions: q.document.questions.length } : null,
      version: versions.get(q.id) ?? 1, quota: c.quota, respondents: c.respondents, sampled: c.sampled, responses: c.responses,
    };
  });
  return {
    ...summaryOf(row), seed: row.seed, minSeconds: row.minSeconds, personalDataDays: row.personalDataDays, version: row.version,
    closedAt: iso(row.closedAt), personalDataPurgedAt: iso(row.personalDataPurgedAt),
    groups: groups.map((g) => ({ id: g.groupId, name: g.groupName })), questionnaires: list, counts: total,
    may: { manage: mayManageSurveys(actor, row.ownerUnitId) },
  };
}

/** The survey for a reader (administrator, council, leader of the owner). */
export async function getSurvey(db: Executor, actor: Actor, surveyId: string): Promise<SurveyDetail> {
  await surveyReadBy(db, actor, surveyId);
  return surveyDetail(db, actor, surveyId);
}

export interface NewSurveyInput {
  cycleId: string;
  name: string;
  opensOn?: string | null;
  closesOn?: string | null;
  minSeconds?: number;
  personalDataDays?: number;
}

const audited = (s: SurveyRow) => ({
  cycleId: s.cycleId, name: s.name, status: s.status, opensOn: s.opensOn, closesOn: s.closesOn, seed: s.seed, minSeconds: s.minSeconds, personalDataDays: s.personalDataDays,
});

export async function createSurvey(db: Database, actor: Actor, input: NewSurveyInput): Promise<SurveyDetail> {
  return db.transaction(async (tx) => {
    const cycle = await findCycle(tx, input.cycleId);
    if (!cycle) throw notFound('kỳ đánh giá');
    assertMayManageSurveys(actor, cycle.ownerUnitId);
    if (cycle.status === 'closed') throw ruleViolation('Kỳ đánh giá đã kết thúc: không tạo thêm cuộc điều tra được.', [{ path: 'cycleId', message: 'Kỳ đánh giá đã kết thúc' }]);
    const survey = await insertSurvey(tx, {
      cycleId: cycle.id, name: input.name, opensOn: input.opensOn ?? null, closesOn: input.closesOn ?? null, seed: newSeed(),
      ...(input.minSeconds !== undefined ? { minSeconds: input.minSeconds } : {}),
      ...(input.personalDataDays !== undefined ? { personalDataDays: input.personalDataDays } : {}),
      createdBy: actor.userId || null,
    });
    await recordAudit(tx, actor, { entityType: 'survey', entityId: survey.id, action: 'create', after: audited(survey) });
    return surveyDetail(tx, actor, survey.id);
  });
}

export interface SurveyChanges {
  version: number;
  name?: string;
  opensOn?: string | null;
  closesOn?: string | null;
  minSeconds?: number;
  personalDataDays?: number;
  seed?: number;
}

/** Changes the survey's name, dates, thresholds, and (while a draft) its seed; a stale version is a 409. */
export async function updateSurvey(db: Database, actor: Actor, surveyId: string, input: SurveyChanges): Promise<SurveyDetail> {
  return db.transaction(async (tx) => {
    const facts = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    if (facts.version !== input.version) throw staleVersion(await surveyDetail(tx, actor, surveyId));
    if (facts.status === 'closed') throw ruleViolation('Cuộc điều tra đã đóng: không sửa được.');
    if (input.seed !== undefined && input.seed !== facts.seed && facts.status !== 'draft') {
      throw ruleViolation('Chỉ đổi hạt giống chọn mẫu khi cuộc điều tra còn là bản nháp.', [{ path: 'seed', message: 'Cuộc điều tra đã mở' }]);
    }
    const { version, ...set } = input;
    const [before] = await listSurveyRows(tx, { surveyId });
    const after = await updateSurveyRow(tx, surveyId, version, set);
    if (!after) throw staleVersion(await surveyDetail(tx, actor, surveyId));
    // The points it supplied carry its name: they follow it, so that a later rescore still finds and cleans them.
    const renamed = after.name === before!.name ? 0 : await renameSuppliedPointsSource(tx, after.cycleId, surveySource(before!.name), surveySource(after.name));
    await recordAudit(tx, actor, {
      entityType: 'survey', entityId: surveyId, action: 'update', before: audited(before!), after: { ...audited(after), ...(renamed ? { suppliedPointsRenamed: renamed } : {}) },
    });
    return surveyDetail(tx, actor, surveyId);
  });
}

/** Opens the survey for answers: a draft with at least one questionnaire that has a version. */
export async function openSurvey(db: Database, actor: Actor, surveyId: string, version: number): Promise<SurveyDetail> {
  return db.transaction(async (tx) => {
    const facts = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    if (facts.version !== version) throw staleVersion(await surveyDetail(tx, actor, surveyId));
    if (facts.status !== 'draft') throw ruleViolation(facts.status === 'open' ? 'Cuộc điều tra đã mở.' : 'Cuộc điều tra đã đóng: không mở lại được.');
    const ready = (await questionnairesOf(tx, surveyId)).filter((q) => q.versionId !== null);
    if (ready.length === 0) {
      throw ruleViolation('Chưa mở được: cuộc điều tra cần ít nhất một phiếu hỏi đã có nội dung (tải tệp Excel lên hoặc soạn trên màn hình).', [{ path: 'questionnaires', message: 'Chưa có phiếu hỏi nào có nội dung' }]);
    }
    await updateSurveyRow(tx, surveyId, version, { status: 'open' });
    await recordAudit(tx, actor, {
      entityType: 'survey', entityId: surveyId, action: 'open', before: { status: 'draft' },
      after: { status: 'open', questionnaires: ready.map((q) => ({ code: q.code, version: q.versionNumber })) },
    });
    return surveyDetail(tx, actor, surveyId);
  });
}
