/**
 * Paper entry (nhập phiếu giấy, issue 13 §3): the owner's administrators type each numbered paper
 * form twice, round 1 and round 2, by two different people. Both rounds agreeing, the form becomes
 * a response; differing, a reconciler (any administrator of the owner) decides each difference
 * from the two typings or the paper itself, with a reason. A form never becomes a response twice
 * (its client key `batch:form` is unique, and the batch is locked while a form is typed).
 */
import { checkResponse, reconcileEntries, responseFlags, type Questionnaire, type SurveyAnswers } from '@chiso/core';
import type { PaperBatch, PaperBatchDetail, PaperEntryInput, PaperForm, PaperFormState, ReconcileInput } from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import {
  findPaperBatchRow, insertPaperBatchRow, isRatedUnit, listPaperBatchRows, paperEntryRows, paperResponseIds, setPaperBatchStatus, upsertPaperEntry,
  type PaperBatchRow, type PaperEntryRow,
} from '../../db/repositories/survey-paper-repository';
import { insertSurveyResponses } from '../../db/repositories/survey-response-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { AppError, notFound, ruleViolation } from '../errors';
import { questionnairesOf, surveyManagedBy, type SurveyFacts } from './survey-access';

/** Answers are taken only while the survey is open (a draft is not yet asked; a closed one is scored). */
export function assertCollecting(survey: SurveyFacts): void {
  if (survey.status === 'draft') throw new AppError('CONFLICT', 'Cuộc điều tra chưa mở: chưa nhận phiếu trả lời.');
  if (survey.status === 'closed') throw new AppError('CONFLICT', 'Cuộc điều tra đã đóng: không nhận thêm phiếu trả lời.');
}

export interface EntryQuestionnaire {
  id: string;
  code: string;
  title: string;
  ratedGroupId: string;
  versionId: string;
  document: Questionnaire;
}

/** The survey's questionnaire with its current version, which new answers use (404; 409 while it has none). */
export async function entryQuestionnaire(db: Executor, surveyId: string, questionnaireId: string): Promise<EntryQuestionnaire> {
  const found = (await questionnairesOf(db, surveyId)).find((q) => q.id === questionnaireId);
  if (!found) throw notFound('phiếu hỏi');
  if (!found.versionId || !found.document) throw new AppError('CONFLICT', `Phiếu hỏi ${found.code} chưa có nội dung (chưa tải lên hoặc soạn).`);
  return { id: found.id, code: found.code, title: found.title, ratedGroupId: found.ratedGroupId, versionId: found.versionId, document: found.document };
}

/** The paper form's response key: unique per survey and channel. */
export const paperClientKey = (batchId: string, formNumber: string) => `${batchId}:${formNumber}`;

const answersInvalid = (formNumber: string, errors: readonly { question: string; message: string }[]) =>
  ruleViolation(`Phiếu số ${formNumber} có câu trả lời chưa hợp lệ.`, errors.map((e) => ({ path: `answers.${e.question}`, message: e.message })));

/** Checked answers, or a 422 naming each question at fault. */
function checkedAnswers(q: Questionnaire, formNumber: string, answers: Readonly<Record<string, string>>): SurveyAnswers {
  // The core reads choice names regardless of case ("a" for "A").
  const checked = checkResponse(q, answers);
  if ('errors' in checked) throw answersInvalid(formNumber, checked.errors);
  return checked.answers;
}

export async function createPaperBatch(db: Database, actor: Actor, surveyId: string, input: { questionnaireId: string; unitId: string; label: string }): Promise<PaperBatchDetail> {
  return db.transaction(async (tx) => {
    const survey = await surveyManagedBy(tx, actor, surveyId, { forShare: true });
    assertCollecting(survey);
    const q = await entryQuestionnaire(tx, surveyId, input.questionnaireId);
    if (!(await isRatedUnit(tx, survey.cycleId, q.ratedGroupId, input.unitId))) {
      throw ruleViolation('Đơn vị này không được đánh giá bằng phiếu hỏi đã chọn.', [{ path: 'unitId', message: `Đơn vị không thuộc nhóm được đánh giá bằng phiếu ${q.code}.` }]);
    }
    const id = await insertPaperBatchRow(tx, { questionnaireId: q.id, unitId: input.unitId, label: input.label, createdBy: actor.userId || null });
    await recordAudit(tx, actor, { entityType: 'survey_paper_batch', entityId: id, action: 'create', after: { surveyId, ...input } });
    return batchDetail(tx, surveyId, id);
  });
}

export async function listPaperBatches(db: Executor, actor: Actor, surveyId: string): Promise<PaperBatch[]> {
  await surveyManagedBy(db, actor, surveyId);
  const batches = await listPaperBatchRows(db, surveyId);
  const details = await formsOf(db, surveyId, batches);
  return batches.map((b) => batchView(b, details.get(b.id) ?? []));
}

export async function getPaperBatch(db: Executor, actor: Actor, surveyId: string, batchId: string): Promise<PaperBatchDetail> {
  await surveyManagedBy(db, actor, surveyId);
  return batchDetail(db, surveyId, batchId);
}

export async function getPaperForm(db: Executor, actor: Actor, surveyId: string, batchId: string, formNumber: string): Promise<PaperForm> {
  await surveyManagedBy(db, actor, surveyId);
  const batch = await batchOf(db, surveyId, batchId);
  return formView(db, surveyId, batch, formNumber);
}

/** Types one round of one form; when the other round is there and they agree, the form becomes a response. */
export async function enterPaperForm(db: Database, actor: Actor, surveyId: string, batchId: string, input: PaperEntryInput): Promise<PaperForm> {
  return db.transaction(async (tx) => {
    const { batch, q } = await openBatch(tx, actor, surveyId, batchId);
    const { formNumber, round } = input;
    const answers = checkedAnswers(q.document, formNumber, input.answers);
    const { entries, responseId } = await formFacts(tx, surveyId, batch, formNumber);
    if (responseId !== null) throw new AppError('CONFLICT', `Phiếu số ${formNumber} đã thành phiếu trả lời; không nhập lại được.`);
    const other = entries.find((e) => e.round !== round);
    const same = entries.find((e) => e.round === round);
    if (other && other.enteredById === actor.userId) {
      throw ruleViolation(`Bạn đã nhập lượt ${other.round} của phiếu số ${formNumber}. Lượt ${round} phải do người khác nhập (nhập kép để bắt lỗi gõ).`, [{ path: 'round', message: 'Cùng một người không nhập cả hai lượt của một phiếu.' }]);
    }
    if (same && same.enteredById !== actor.userId) {
      throw new AppError('CONFLICT', `Lượt ${round} của phiếu số ${formNumber} đã được ${same.enteredByName} nhập; chỉ người đó sửa được.`);
    }
    await upsertPaperEntry(tx, { batchId, formNumber, round, answers: { ...answers }, enteredBy: actor.userId });
    await recordAudit(tx, actor, {
      entityType: 'survey_paper_form', entityId: paperClientKey(batchId, formNumber), action: same ? 'correct_entry' : 'enter',
      before: same ? { round, answers: same.answers } : null, after: { round, answers },
    });
    if (other) {
      const [first, second] = round === 1 ? [answers, other.answers] : [other.answers, answers];
      const outcome = reconcileEntries(q.document, first, second);
      if (outcome.agreed) {
        const id = await insertPaperResponse(tx, surveyId, batch, q, formNumber, outcome.answers);
        await recordAudit(tx, actor, { entityType: 'survey_paper_form', entityId: paperClientKey(batchId, formNumber), action: 'agree', after: { responseId: id } });
      }
    }
    await refreshBatchStatus(tx, surveyId, batch);
    return formView(tx, surveyId, batch, formNumber);
  });
}

/** Decides each difference of a doubly typed form (round 1's value, round 2's, or the paper's), with a reason: the form becomes a response. */
export async function reconcilePaperForm(db: Database, actor: Actor, surveyId: string, batchId: string, formNumber: string, input: ReconcileInput): Promise<PaperForm> {
  return db.transaction(async (tx) => {
    const { batch, q } = await openBatch(tx, actor, surveyId, batchId);
    const { entries, responseId } = await formFacts(tx, surveyId, batch, formNumber);
    if (responseId !== null) throw new AppError('CONFLICT', `Phiếu số ${formNumber} đã thành phiếu trả lời.`);
    const [first, second] = [entries.find((e) => e.round === 1), entries.find((e) => e.round === 2)];
    if (!first || !second) throw ruleViolation(`Phiếu số ${formNumber} chưa nhập đủ hai lượt.`);
    const outcome = reconcileEntries(q.document, first.answers, second.answers);
    const differences = outcome.agreed ? [] : outcome.differences;
    const decided = new Map(input.decisions.map((d) => [d.question, d]));
    const problems = [
      ...differences.filter((d) => !decided.has(d.question)).map((d) => ({ path: `decisions.${d.question}`, message: `Chưa chọn giá trị cho câu “${labelOf(q.document, d.question)}”.` })),
      ...input.decisions.filter((d) => !differences.some((x) => x.question === d.question)).map((d) => ({ path: `decisions.${d.question}`, message: `Câu “${d.question}” không có khác biệt giữa hai lượt.` })),
    ];
    if (problems.length > 0) throw ruleViolation(`Hãy quyết định đúng các câu khác nhau của phiếu số ${formNumber}.`, problems);
    const merged: Record<string, string> = { ...first.answers };
    for (const d of differences) {
      const decision = decided.get(d.question)!;
      const value = decision.pick === 'first' ? d.first : decision.pick === 'second' ? d.second : (decision.value ?? '');
      if (value === null || value === '') delete merged[d.question];
      else merged[d.question] = value;
    }
    const answers = checkedAnswers(q.document, formNumber, merged);
    const id = await insertPaperResponse(tx, surveyId, batch, q, formNumber, answers);
    await recordAudit(tx, actor, {
      entityType: 'survey_paper_form', entityId: paperClientKey(batchId, formNumber), action: 'reconcile', reason: input.reason,
      before: { differences, round1By: first.enteredByName, round2By: second.enteredByName }, after: { decisions: input.decisions, answers, responseId: id },
    });
    await refreshBatchStatus(tx, surveyId, batch);
    return formView(tx, surveyId, batch, formNumber);
  });
}

// — inside —

/**
 * The batch of an open survey, locked, with its questionnaire's current version. The survey's row is
 * held (for share): a closing waits for the form being typed, or the form sees the survey closed.
 */
async function openBatch(tx: Executor, actor: Actor, surveyId: string, batchId: string) {
  assertCollecting(await surveyManagedBy(tx, actor, surveyId, { forShare: true }));
  const batch = await batchOf(tx, surveyId, batchId, true);
  return { batch, q: await entryQuestionnaire(tx, surveyId, batch.questionnaireId) };
}

async function batchOf(db: Executor, surveyId: string, batchId: string, forUpdate = false): Promise<PaperBatchRow> {
  const batch = await findPaperBatchRow(db, surveyId, batchId, { forUpdate });
  if (!batch) throw notFound('đợt nhập phiếu giấy');
  return batch;
}

async function insertPaperResponse(tx: Executor, surveyId: string, batch: PaperBatchRow, q: EntryQuestionnaire, formNumber: string, answers: SurveyAnswers): Promise<number> {
  const [id] = await insertSurveyResponses(tx, surveyId, [{
    questionnaireVersionId: q.versionId, unitId: batch.unitId, channel: 'paper', clientKey: paperClientKey(batch.id, formNumber),
    // A paper form has no timing: only straight-lining can be flagged.
    flags: responseFlags(q.document, answers, { durationSeconds: null, minSeconds: 0 }), batchId: batch.id, answers,
  }]);
  if (id === null || id === undefined) throw new AppError('CONFLICT', `Phiếu số ${formNumber} đã thành phiếu trả lời.`);
  return id;
}

async function formFacts(db: Executor, surveyId: string, batch: PaperBatchRow, formNumber: string) {
  const entries = await paperEntryRows(db, [batch.id], formNumber);
  const responses = await paperResponseIds(db, surveyId, [batch.id]);
  return { entries, responseId: responses.get(paperClientKey(batch.id, formNumber)) ?? null };
}

const labelOf = (q: Questionnaire, name: string) => q.questions.find((x) => x.name === name)?.label ?? name;

interface FormSummary { formNumber: string; state: PaperFormState; entries: PaperEntryRow[]; differences: { question: string; first: string | null; second: string | null }[]; responseId: number | null }

/** A form's state from its typings and whether it is a response. */
function summarise(q: Questionnaire | null, formNumber: string, entries: PaperEntryRow[], responseId: number | null): FormSummary {
  const [first, second] = [entries.find((e) => e.round === 1), entries.find((e) => e.round === 2)];
  if (!first || !second || !q) return { formNumber, state: responseId === null ? 'one_round' : 'agreed', entries, differences: [], responseId };
  const outcome = reconcileEntries(q, first.answers, second.answers);
  if (outcome.agreed) return { formNumber, state: 'agreed', entries, differences: [], responseId };
  return { formNumber, state: responseId === null ? 'differences' : 'reconciled', entries, differences: outcome.differences, responseId };
}

/** Every form of the batches, summarised, by batch. */
async function formsOf(db: Executor, surveyId: string, batches: readonly PaperBatchRow[]): Promise<Map<string, FormSummary[]>> {
  const ids = batches.map((b) => b.id);
  const [entries, responses, questionnaires] = await Promise.all([paperEntryRows(db, ids), paperResponseIds(db, surveyId, ids), questionnairesOf(db, surveyId)]);
  const documents = new Map(questionnaires.map((q) => [q.id, q.document]));
  const out = new Map<string, FormSummary[]>();
  for (const batch of batches) {
    const byForm = new Map<string, PaperEntryRow[]>();
    for (const e of entries) if (e.batchId === batch.id) byForm.set(e.formNumber, [...(byForm.get(e.formNumber) ?? []), e]);
    const forms = [...byForm].map(([form, list]) => summarise(documents.get(batch.questionnaireId) ?? null, form, list, responses.get(paperClientKey(batch.id, form)) ?? null));
    out.set(batch.id, forms.sort((a, b) => a.formNumber.localeCompare(b.formNumber, 'vi', { numeric: true })));
  }
  return out;
}

const person = (id: string | null, name: string | null) => (id && name ? { id, name } : null);
const roundsOf = (entries: PaperEntryRow[]) => entries.map((e) => ({ round: e.round, enteredBy: { id: e.enteredById, name: e.enteredByName }, enteredAt: e.enteredAt.toISOString() }));

function batchView(b: PaperBatchRow, forms: FormSummary[]): PaperBatch {
  const count = (state: PaperFormState) => forms.filter((f) => f.state === state).length;
  return {
    id: b.id, questionnaire: { id: b.questionnaireId, code: b.questionnaireCode, title: b.questionnaireTitle },
    unit: { id: b.unitId, code: b.unitCode, name: b.unitName }, label: b.label, status: b.status, createdAt: b.createdAt.toISOString(),
    createdBy: person(b.createdById, b.createdByName),
    progress: { forms: forms.length, oneRound: count('one_round'), agreed: count('agreed'), differences: count('differences'), reconciled: count('reconciled') },
  };
}

async function batchDetail(db: Executor, surveyId: string, batchId: string): Promise<PaperBatchDetail> {
  const batch = await batchOf(db, surveyId, batchId);
  const forms = (await formsOf(db, surveyId, [batch])).get(batch.id) ?? [];
  return {
    ...batchView(batch, forms),
    forms: forms.map((f) => ({ formNumber: f.formNumber, state: f.state, rounds: roundsOf(f.entries), differences: f.differences.length })),
  };
}

async function formView(db: Executor, surveyId: string, batch: PaperBatchRow, formNumber: string): Promise<PaperForm> {
  const q = await entryQuestionnaire(db, surveyId, batch.questionnaireId);
  const { entries, responseId } = await formFacts(db, surveyId, batch, formNumber);
  if (entries.length === 0) throw notFound(`phiếu số ${formNumber}`);
  const f = summarise(q.document, formNumber, entries, responseId);
  return {
    formNumber, state: f.state, responseId,
    entries: entries.map((e, i) => ({ ...roundsOf(entries)[i]!, answers: e.answers })),
    differences: f.differences.map((d) => ({ ...d, label: labelOf(q.document, d.question) })),
  };
}

/** `reconciled` once every typed form of the batch is a response, else `entering`. */
async function refreshBatchStatus(tx: Executor, surveyId: string, batch: PaperBatchRow): Promise<void> {
  const forms = (await formsOf(tx, surveyId, [batch])).get(batch.id) ?? [];
  const status = forms.length > 0 && forms.every((f) => f.responseId !== null) ? 'reconciled' : 'entering';
  if (status !== batch.status) await setPaperBatchStatus(tx, batch.id, status);
}
