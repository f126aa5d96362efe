/**
 * The survey's quality (issue 13 §4): response rates per questionnaire and rated unit against the
 * quotas, quality flags (too fast and straight-lining come with each response; duplicates are
 * counted here), and excluding or including back a response with a reason — audited and rescored.
 * Flagged responses are shown with their answers and nothing that identifies the respondent.
 */
import { type Questionnaire, type SurveyAnswers, type SurveyFlag, answersFingerprint, questionChoices, rationalToFixedString } from '@chiso/core';
import type { Database, Executor } from '../../db/client';
import {
  type StoredResponse, type SurveyState, countResponses, surveyState, findResponse, qualityCounts, quotasOfSurvey, responsePages, setDuplicateFlags, setResponseExclusion, unitsByIds,
} from '../../db/repositories/survey-results-repository';
import { vnDate } from '../notifications/schedule';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { AppError, notFound } from '../errors';
import { isChoiceQuestion } from './results';
import { rescoreSurvey, type RescoreResult } from './scoring';
import { questionnairesOf, questionnaireVersionsOf, surveyManagedBy, surveyReadBy } from './survey-access';

export interface DuplicateCount {
  /** Responses now flagged as duplicates. */
  duplicates: number;
  flagged: number;
  cleared: number;
}

/**
 * Flags as duplicates the second and later responses of the same questionnaire version and unit
 * with the same answers (core fingerprint); clears the flag where it no longer holds. Streams the
 * responses: only one fingerprint per distinct response is kept.
 */
export async function recountDuplicates(tx: Executor, surveyId: string): Promise<DuplicateCount> {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  for await (const page of responsePages(tx, surveyId)) {
    for (const r of page) {
      const key = `${r.versionId}\u0000${r.unitId}\u0000${answersFingerprint(r.answers)}`;
      if (seen.has(key)) duplicates.push(r.id);
      else seen.add(key);
    }
  }
  return { duplicates: duplicates.length, ...(await setDuplicateFlags(tx, surveyId, duplicates)) };
}

/** The duplicates recount on demand (the survey's administrator), audited. */
export async function recountSurveyDuplicates(db: Database, actor: Actor, surveyId: string): Promise<DuplicateCount> {
  return db.transaction(async (tx) => {
    await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    const count = await recountDuplicates(tx, surveyId);
    await recordAudit(tx, actor, { entityType: 'survey', entityId: surveyId, action: 'recount_duplicates', after: count });
    return count;
  });
}

type FlagCounts = Record<SurveyFlag, number>;

export interface QualityRow {
  questionnaireId: string;
  questionnaireCode: string;
  respondentGroupLabel: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  quota: number | null;
  responses: number;
  valid: number;
  excluded: number;
  rate: string | null;
  flags: FlagCounts;
}

export interface FlaggedResponseView {
  id: number;
  questionnaireCode: string;
  unitId: string;
  unitName: string;
  channel: StoredResponse['channel'];
  submittedOn: string;
  durationSeconds: number | null;
  flags: SurveyFlag[];
  excluded: boolean;
  excludedReason: string | null;
  answers: { question: string; label: string; value: string; text: string }[];
}

export interface SurveyQualityView {
  survey: SurveyState;
  rows: QualityRow[];
  totals: { responses: number; valid: number; excluded: number; quota: number; flags: FlagCounts };
  flagged: FlaggedResponseView[];
  flaggedTotal: number;
  limit: number;
}

/** Flagged or excluded responses listed with their answers at most. */
export const FLAGGED_LIMIT = 200;

/** Valid over quota, percent with one decimal ("87.5"). */
export const ratePercent = (valid: number, quota: number): string | null => (quota > 0 ? rationalToFixedString({ num: BigInt(valid) * 100n, den: BigInt(quota) }, 1) : null);

/** An answer as people read it: the choices' labels, else the value as stored. */
export function answerText(q: Questionnaire | undefined, question: string, value: string): { label: string; text: string } {
  const asked = q?.questions.find((x) => x.name === question);
  if (!q || !asked) return { label: question, text: value };
  if (!isChoiceQuestion(asked)) return { label: asked.label, text: value };
  const choices = questionChoices(q, asked);
  return { label: asked.label, text: value.split(' ').map((name) => choices.find((c) => c.name === name)?.label ?? name).join('; ') };
}

/** The answers of a response in the questionnaire's order (unknown questions last), read for people. */
export function readableAnswers(q: Questionnaire | undefined, answers: SurveyAnswers) {
  const order = new Map((q?.questions ?? []).map((x, i) => [x.name, i]));
  return Object.keys(answers)
    .sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b))
    .map((question) => ({ question, value: answers[question]!, ...answerText(q, question, answers[question]!) }));
}

const noFlags = (): FlagCounts => ({ too_fast: 0, straight_lining: 0, duplicate: 0 });

/** Response rates per questionnaire × unit and the flagged responses (administrator, council and leaders of the owner). */
export async function surveyQuality(db: Database, actor: Actor, surveyId: string, filter: { unitId?: string; flag?: SurveyFlag } = {}): Promise<SurveyQualityView> {
  await surveyReadBy(db, actor, surveyId);
  const questionnaires = new Map((await questionnairesOf(db, surveyId)).map((q) => [q.id, q]));
  const versions = await questionnaireVersionsOf(db, surveyId);
  const quotas = await quotasOfSurvey(db, surveyId);
  const counts = await qualityCounts(db, surveyId);

  const rowsByKey = new Map<string, Omit<QualityRow, 'unitCode' | 'unitName' | 'rate'>>();
  const rowOf = (questionnaireId: string, unitId: string) => {
    const key = `${questionnaireId}\u0000${unitId}`;
    let row = rowsByKey.get(key);
    if (!row) {
      const q = questionnaires.get(questionnaireId);
      row = { questionnaireId, questionnaireCode: q?.code ?? '', respondentGroupLabel: q?.respondentGroupLabel ?? '', unitId, quota: null, responses: 0, valid: 0, excluded: 0, flags: noFlags() };
      rowsByKey.set(key, row);
    }
    return row;
  };
  for (const q of quotas) rowOf(q.questionnaireId, q.unitId).quota = q.quota;
  for (const c of counts) {
    const questionnaireId = versions.get(c.versionId)?.questionnaireId;
    if (!questionnaireId) continue;
    const row = rowOf(questionnaireId, c.unitId);
    row.responses += c.responses;
    row.valid += c.valid;
    row.excluded += c.responses - c.valid;
    row.flags.too_fast += c.tooFast;
    row.flags.straight_lining += c.straightLining;
    row.flags.duplicate += c.duplicate;
  }
  const unitIds = new Set([...rowsByKey.values()].map((r) => r.unitId));
  const units = await unitsByIds(db, [...unitIds]);
  const rows = [...rowsByKey.values()]
    .filter((r) => !filter.unitId || r.unitId === filter.unitId)
    .map((r) => ({ ...r, unitCode: units.get(r.unitId)?.code ?? '', unitName: units.get(r.unitId)?.name ?? '', rate: r.quota === null ? null : ratePercent(r.valid, r.quota) }))
    .sort((a, b) => a.questionnaireCode.localeCompare(b.questionnaireCode) || a.unitCode.localeCompare(b.unitCode));

  const totals = { responses: 0, valid: 0, excluded: 0, quota: 0, flags: noFlags() };
  for (const r of rows) {
    totals.responses += r.responses;
    totals.valid += r.valid;
    totals.excluded += r.excluded;
    totals.quota += r.quota ?? 0;
    for (const f of Object.keys(totals.flags) as SurveyFlag[]) totals.flags[f] += r.flags[f];
  }

  const responseFilter = { flaggedOnly: true, ...(filter.unitId ? { unitId: filter.unitId } : {}), ...(filter.flag ? { flag: filter.flag } : {}) };
  const flagged: FlaggedResponseView[] = [];
  for await (const page of responsePages(db, surveyId, responseFilter, { limit: FLAGGED_LIMIT })) {
    for (const r of page) {
      const version = versions.get(r.versionId);
      flagged.push({
        id: r.id, questionnaireCode: questionnaires.get(version?.questionnaireId ?? '')?.code ?? '', unitId: r.unitId, unitName: units.get(r.unitId)?.name ?? '',
        channel: r.channel, submittedOn: vnDate(r.submittedAt.getTime()), durationSeconds: r.durationSeconds, flags: r.flags, excluded: r.excluded,
        excludedReason: r.excludedReason, answers: readableAnswers(version?.document, r.answers),
      });
    }
  }
  return { survey: await surveyState(db, surveyId), rows, totals, flagged, flaggedTotal: await countResponses(db, surveyId, responseFilter), limit: FLAGGED_LIMIT };
}

/**
 * Excludes a response from the scores, or includes it back, with the reason (the survey's
 * administrator); audited, then the survey is rescored. `excluded` must differ from the current state
 * (someone else may have just done it: 409).
 */
export async function setResponseExcluded(
  db: Database, actor: Actor, surveyId: string, responseId: number, input: { excluded: boolean; reason: string },
): Promise<{ survey: SurveyState; rescore: RescoreResult }> {
  return db.transaction(async (tx) => {
    await surveyManagedBy(tx, actor, surveyId, { forUpdate: true });
    const response = await findResponse(tx, surveyId, responseId, { forUpdate: true });
    if (!response) throw notFound('phiếu trả lời');
    if (response.excluded === input.excluded) {
      throw new AppError('CONFLICT', input.excluded ? 'Phiếu này đã được loại khỏi kết quả.' : 'Phiếu này đang được tính vào kết quả.');
    }
    await setResponseExclusion(tx, responseId, input.excluded, input.excluded ? input.reason : null);
    await recordAudit(tx, actor, {
      entityType: 'survey', entityId: surveyId, action: input.excluded ? 'exclude_response' : 'include_response', reason: input.reason,
      before: { response: responseId, excluded: response.excluded, excludedReason: response.excludedReason },
      after: { response: responseId, excluded: input.excluded, flags: response.flags },
    });
    const rescore = await rescoreSurvey(tx, actor, surveyId, `${input.excluded ? 'Loại' : 'Tính lại'} phiếu số ${responseId}: ${input.reason}`);
    return { survey: await surveyState(tx, surveyId), rescore };
  });
}
