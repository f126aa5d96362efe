/**
 * Questionnaires (phiếu hỏi, issue 13 §1): one respondent group rating the units of one of the
 * cycle's groups. Their content comes in versions, never edited: each upload of a workbook or save
 * from the editor, once the core has checked it, is a new version that becomes the current one
 * (answers keep the version they were given on). A scored question names a survey criterion of the
 * rated group's framework version, by code or key.
 */
import { checkQuestionnaire, leaves, loadFramework, readQuestionnaireSheets, type Questionnaire, type SheetError } from '@chiso/core';
import type { QuestionnaireDetail, QuestionnaireDocument } from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import { listCycleGroups, loadVersionDocuments } from '../../db/repositories/cycle-repository';
import {
  bumpQuestionnaire, findQuestionnaire, findQuestionnaireVersion, groupNames, insertQuestionnaire, insertQuestionnaireVersion, listQuestionnaireVersions,
  questionnaireCounts, quotasOf, ratedUnits, respondentCountsByUnit, type QuestionnaireRow,
} from '../../db/repositories/survey-setup-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { AppError, type ErrorDetail, notFound, ruleViolation, staleVersion } from '../errors';
import { invalid, isUniqueViolation } from '../units/errors';
import { normaliseHeader } from '../imports/table-import';
import { surveyManagedBy, surveyReadBy, type SurveyFacts } from './survey-access';
import { questionnaireTemplate, questionnaireToXlsx, readQuestionnaireWorkbook, type CriterionRef } from './questionnaire-xlsx';

/** Survey criteria of a framework version (published versions never change: kept once read). */
const criteriaCache = new Map<string, CriterionRef[]>();
const allLeavesCache = new Map<string, Map<string, { key: string; survey: boolean }>>();

async function loadLeaves(db: Executor, frameworkVersionId: string): Promise<void> {
  if (criteriaCache.has(frameworkVersionId)) return;
  const document = (await loadVersionDocuments(db, [frameworkVersionId])).get(frameworkVersionId);
  const loaded = loadFramework(document);
  if (!loaded.ok) throw new Error('a cycle framework version failed to load');
  const all = new Map<string, { key: string; survey: boolean }>();
  const survey: CriterionRef[] = [];
  for (const node of leaves(loaded.framework)) {
    const isSurvey = node.rule?.type === 'survey';
    all.set(node.key, { key: node.key, survey: isSurvey });
    all.set(normaliseHeader(node.code), { key: node.key, survey: isSurvey });
    if (isSurvey) survey.push({ key: node.key, code: node.code, name: node.name });
  }
  criteriaCache.set(frameworkVersionId, survey);
  allLeavesCache.set(frameworkVersionId, all);
}

/** The rated group's framework version in the cycle, or undefined when the group is not one of the cycle's. */
async function frameworkVersionOf(db: Executor, cycleId: string, groupId: string): Promise<string | undefined> {
  return (await listCycleGroups(db, [cycleId])).find((g) => g.groupId === groupId)?.frameworkVersionId;
}

export interface CriteriaOfGroup {
  criteria: CriterionRef[];
  /** A code ("1.6") or key of a survey leaf → its key; null for anything else (a non-survey leaf too). */
  resolve: (codeOrKey: string) => string | null;
}

/** The survey criteria a questionnaire rating `groupId` may feed. */
export async function criteriaOfGroup(db: Executor, cycleId: string, groupId: string): Promise<CriteriaOfGroup> {
  const versionId = await frameworkVersionOf(db, cycleId, groupId);
  if (!versionId) return { criteria: [], resolve: () => null };
  await loadLeaves(db, versionId);
  const all = allLeavesCache.get(versionId)!;
  return {
    criteria: criteriaCache.get(versionId)!,
    resolve: (codeOrKey) => {
      const leaf = all.get(codeOrKey.trim()) ?? all.get(normaliseHeader(codeOrKey));
      return leaf?.survey ? leaf.key : null;
    },
  };
}

/** The questionnaire of the survey, or 404. */
async function questionnaireOf(db: Executor, surveyId: string, questionnaireId: string, forUpdate = false): Promise<QuestionnaireRow> {
  const row = await findQuestionnaire(db, surveyId, questionnaireId, forUpdate);
  if (!row) throw notFound('phiếu hỏi');
  return row;
}

/** The questionnaire with its versions, the criteria it may feed and its rated units' quotas, lists and samples. */
export async function questionnaireDetail(db: Executor, survey: SurveyFacts, questionnaireId: string): Promise<QuestionnaireDetail> {
  const q = await questionnaireOf(db, survey.id, questionnaireId);
  const [versions, counts, names, { criteria }, unitRows, quotas, listed] = await Promise.all([
    listQuestionnaireVersions(db, q.id), questionnaireCounts(db, survey.id), groupNames(db, [q.ratedGroupId]), criteriaOfGroup(db, survey.cycleId, q.ratedGroupId),
    ratedUnits(db, survey.cycleId, q.ratedGroupId), quotasOf(db, q.id), respondentCountsByUnit(db, q.id),
  ]);
  const current = versions.find((v) => v.id === q.currentVersionId);
  const c = counts.get(q.id)!;
  const document = current?.document as Questionnaire | undefined;
  return {
    id: q.id, surveyId: survey.id, code: q.code, title: q.title, respondentGroup: q.respondentGroup, respondentGroupLabel: q.respondentGroupLabel,
    ratedGroup: { id: q.ratedGroupId, name: names.get(q.ratedGroupId) ?? '' }, version: q.version,
    currentVersion: current && document ? { id: current.id, number: current.number, questions: document.questions.length } : null,
    quota: c.quota, respondents: c.respondents, sampled: c.sampled, responses: c.responses,
    current: current && document ? { id: current.id, number: current.number, fileName: current.fileName, createdAt: current.createdAt.toISOString(), document: document as QuestionnaireDocument } : null,
    versions: versions.map((v) => ({ id: v.id, number: v.number, fileName: v.fileName, createdAt: v.createdAt.toISOString(), responses: v.responses })),
    criteria,
    units: unitRows.map((u) => ({ ...u, quota: quotas.get(u.id) ?? 0, respondents: listed.get(u.id)?.respondents ?? 0, sampled: listed.get(u.id)?.sampled ?? 0 })),
  };
}

export async function getQuestionnaire(db: Executor, actor: Actor, surveyId: string, questionnaireId: string): Promise<QuestionnaireDetail> {
  return questionnaireDetail(db, await surveyReadBy(db, actor, surveyId), questionnaireId);
}

/** A survey that still takes changes to its setup (not closed), for its administrator, locked. */
export async function surveyInSetup(tx: Executor, actor: Actor, surveyId: string): Promise<SurveyFacts> {
  const survey = await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
  if (survey.status === 'closed') throw ruleViolation('Cuộc điều tra đã đóng: không thay đổi phiếu hỏi, chỉ tiêu hay danh sách được nữa.');
  return survey;
}

export interface NewQuestionnaireInput {
  code: string;
  title: string;
  respondentGroup: string;
  respondentGroupLabel: string;
  ratedGroupId: string;
}

export async function createQuestionnaire(db: Database, actor: Actor, surveyId: string, input: NewQuestionnaireInput): Promise<QuestionnaireDetail> {
  const duplicate = () => new AppError('DUPLICATE', `Cuộc điều tra đã có phiếu mã “${input.code}”.`, [{ path: 'code', message: `Mã “${input.code}” đã được dùng` }]);
  try {
    return await db.transaction(async (tx) => {
      const survey = await surveyInSetup(tx, actor, surveyId);
      if (!(await frameworkVersionOf(tx, survey.cycleId, input.ratedGroupId))) throw invalid('ratedGroupId', 'Nhóm đơn vị được đánh giá không thuộc kỳ đánh giá của cuộc điều tra.');
      const q = await insertQuestionnaire(tx, { surveyId, ...input });
      await recordAudit(tx, actor, { entityType: 'survey_questionnaire', entityId: q.id, action: 'create', after: { surveyId, ...input } });
      return questionnaireDetail(tx, survey, q.id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'survey_questionnaires_code_idx')) throw duplicate();
    throw error;
  }
}

/** Stores a checked document as the questionnaire's next version and makes it current. */
async function addVersion(
  tx: Executor, actor: Actor, survey: SurveyFacts, q: QuestionnaireRow, expectedVersion: number, document: Questionnaire, fileName: string | null,
): Promise<QuestionnaireDetail> {
  const version = await insertQuestionnaireVersion(tx, { questionnaireId: q.id, document, fileName, createdBy: actor.userId || null });
  if (!(await bumpQuestionnaire(tx, q.id, expectedVersion, { currentVersionId: version.id }))) throw staleVersion(await questionnaireDetail(tx, survey, q.id));
  await recordAudit(tx, actor, {
    entityType: 'survey_questionnaire', entityId: q.id, action: fileName ? 'upload_version' : 'author_version',
    before: { currentVersionId: q.currentVersionId }, after: { versionId: version.id, number: version.number, fileName, questions: document.questions.length },
  });
  return questionnaireDetail(tx, survey, q.id);
}

/** Where each problem of a workbook is: the sheet (as `path`), line and column. */
const sheetProblems = (errors: readonly SheetError[]): ErrorDetail[] =>
  errors.map((e) => ({ path: e.sheet, line: e.line, ...(e.column ? { column: e.column } : {}), message: e.message }));

/** A workbook (sheets survey, choices, settings) as the questionnaire's new version; every problem located, nothing saved. */
export async function uploadQuestionnaireXlsx(db: Database, actor: Actor, surveyId: string, questionnaireId: string, buffer: Buffer, fileName: string): Promise<QuestionnaireDetail> {
  const read = await readQuestionnaireWorkbook(buffer);
  if ('errors' in read) throw new AppError('IMPORT_INVALID', 'Tệp phiếu hỏi chưa đúng: chưa lưu gì.', sheetProblems(read.errors));
  return db.transaction(async (tx) => {
    const survey = await surveyInSetup(tx, actor, surveyId);
    const q = await questionnaireOf(tx, surveyId, questionnaireId, true);
    const { resolve } = await criteriaOfGroup(tx, survey.cycleId, q.ratedGroupId);
    const checked = readQuestionnaireSheets(read.sheets, resolve);
    if ('errors' in checked) throw new AppError('IMPORT_INVALID', `Tệp phiếu hỏi có ${checked.errors.length} lỗi: chưa lưu gì.`, sheetProblems(checked.errors));
    return addVersion(tx, actor, survey, q, q.version, checked.questionnaire, fileName);
  });
}

/** A questionnaire authored in the UI (JSON): checked by the core, saved as a new version; `version` guards against a stale editor. */
export async function saveQuestionnaireDocument(db: Database, actor: Actor, surveyId: string, questionnaireId: string, input: { version: number; document: unknown }): Promise<QuestionnaireDetail> {
  return db.transaction(async (tx) => {
    const survey = await surveyInSetup(tx, actor, surveyId);
    const q = await questionnaireOf(tx, surveyId, questionnaireId, true);
    if (q.version !== input.version) throw staleVersion(await questionnaireDetail(tx, survey, q.id));
    const { resolve } = await criteriaOfGroup(tx, survey.cycleId, q.ratedGroupId);
    const checked = checkQuestionnaire(input.document, resolve);
    if ('errors' in checked) throw ruleViolation(`Phiếu hỏi có ${checked.errors.length} lỗi: chưa lưu.`, checked.errors.map((e) => ({ path: e.path, message: e.message })));
    return addVersion(tx, actor, survey, q, input.version, checked.questionnaire, null);
  });
}

/** The blank workbook to author the questionnaire in, with the criteria of its rated group. */
export async function questionnaireTemplateFile(db: Executor, actor: Actor, surveyId: string, questionnaireId: string): Promise<Buffer> {
  const survey = await surveyReadBy(db, actor, surveyId);
  const q = await questionnaireOf(db, surveyId, questionnaireId);
  return questionnaireTemplate((await criteriaOfGroup(db, survey.cycleId, q.ratedGroupId)).criteria);
}

/** A version as a workbook (the file name names the questionnaire and version). */
export async function questionnaireVersionFile(db: Executor, actor: Actor, surveyId: string, questionnaireId: string, versionId: string): Promise<{ file: Buffer; fileName: string }> {
  const survey = await surveyReadBy(db, actor, surveyId);
  const q = await questionnaireOf(db, surveyId, questionnaireId);
  const version = await findQuestionnaireVersion(db, q.id, versionId);
  if (!version) throw notFound('phiên bản phiếu hỏi');
  const file = await questionnaireToXlsx(version.document as Questionnaire, (await criteriaOfGroup(db, survey.cycleId, q.ratedGroupId)).criteria);
  return { file, fileName: `phieu-${q.code}-v${version.number}.xlsx` };
}

export { questionnaireOf };
