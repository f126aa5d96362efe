/**
 * Fixtures for the survey's scoring, quality and results tests: a cycle (publication fixtures) whose
 * framework has the survey criterion "dieu-tra" (2.1, 10 points), a survey rating its group with
 * one questionnaire weighted A/B/C/D = 100/60/20/0 % (X: "Không biết", not scored), and responses
 * inserted the way every channel inserts them.
 */
import { eq } from 'drizzle-orm';
import type { Questionnaire, SurveyAnswers, SurveyFlag } from '@chiso/core';
import type { Executor } from '../src/db/client';
import { insertSurveyResponses } from '../src/db/repositories/survey-response-repository';
import { surveyQuestionnaires, surveyQuestionnaireVersions, surveyQuotas, surveys } from '../src/db/schema/surveys';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';

export const questionnaire: Questionnaire = {
  formatVersion: 1,
  title: 'Phiếu khảo sát mức độ hài lòng',
  questions: [
    { name: 'q1', type: 'likert', label: 'Thái độ của công chức', list: 'abcd', required: true, criterionKey: 'dieu-tra' },
    { name: 'q2', type: 'likert', label: 'Thời gian giải quyết', list: 'abcd', required: false, criterionKey: 'dieu-tra' },
    { name: 'kenh', type: 'select_multiple', label: 'Kênh biết đến dịch vụ', list: 'kenh', required: false },
    { name: 'so_lan', type: 'integer', label: 'Số lần đến cơ quan', required: false },
    { name: 'y_kien', type: 'text', label: 'Ý kiến khác', required: false },
  ],
  choices: {
    abcd: [
      { name: 'A', label: 'Rất hài lòng', weight: '1' },
      { name: 'B', label: 'Hài lòng', weight: '0.6' },
      { name: 'C', label: 'Chưa hài lòng', weight: '0.2' },
      { name: 'D', label: 'Không hài lòng', weight: '0' },
      { name: 'X', label: 'Không biết' },
    ],
    kenh: [{ name: 'web', label: 'Cổng thông tin' }, { name: 'ban_be', label: 'Bạn bè' }],
  },
};

/** The publication fixtures' framework with survey settings (minimum respondents, what below it) and points decimals. */
export function surveyFramework(survey: { minRespondents?: number; belowMinimum?: 'withhold' | 'score' } = {}, pointsDecimals: number | null = 2) {
  const { pointsDecimals: _default, ...rounding } = pubFramework.settings.rounding;
  return {
    ...pubFramework,
    settings: { ...pubFramework.settings, rounding: pointsDecimals === null ? rounding : { ...rounding, pointsDecimals }, survey: { optional: false, ...survey } },
  };
}

export interface SurveyFixture {
  cycle: PubCycle;
  surveyId: string;
  questionnaireId: string;
  versionId: string;
}

let sequence = 0;

/** A cycle and an open survey of it with one questionnaire (code DN-SO) rating the cycle's group. */
export async function createSurveyFixture(db: Executor, options: { document?: object; unitCount?: number; cycle?: PubCycle; quota?: number } = {}): Promise<SurveyFixture> {
  const cycle = options.cycle ?? (await createPubCycle(db, { unitCount: options.unitCount ?? 3, document: options.document ?? surveyFramework() }));
  const [survey] = await db.insert(surveys).values({ cycleId: cycle.cycleId, name: `Khảo sát hài lòng ${++sequence}`, status: 'open', seed: 42 }).returning();
  const [q] = await db.insert(surveyQuestionnaires).values({
    surveyId: survey!.id, code: 'DN-SO', title: 'Doanh nghiệp đánh giá sở', respondentGroup: 'doanh-nghiep', respondentGroupLabel: 'Doanh nghiệp', ratedGroupId: cycle.groupId,
  }).returning();
  const [v] = await db.insert(surveyQuestionnaireVersions).values({ questionnaireId: q!.id, number: 1, document: questionnaire }).returning();
  await db.update(surveyQuestionnaires).set({ currentVersionId: v!.id }).where(eq(surveyQuestionnaires.id, q!.id));
  if (options.quota) await db.insert(surveyQuotas).values(cycle.units.map((u) => ({ questionnaireId: q!.id, unitId: u.id, quota: options.quota! })));
  return { cycle, surveyId: survey!.id, questionnaireId: q!.id, versionId: v!.id };
}

/** Inserts responses about a unit (channel "import", keys unique in the test run); returns their ids. */
export async function addResponses(
  db: Executor, f: SurveyFixture, unitId: string, answers: readonly SurveyAnswers[], extra: { flags?: SurveyFlag[]; channel?: 'link' | 'paper' | 'import' } = {},
): Promise<number[]> {
  const ids = await insertSurveyResponses(db, f.surveyId, answers.map((a) => ({
    questionnaireVersionId: f.versionId, unitId, channel: extra.channel ?? 'import', clientKey: `k${++sequence}`, flags: extra.flags ?? [], answers: a,
    submittedAt: new Date(Date.UTC(2030, 4, 10, 20, 30)),
  })));
  return ids.map((id) => id!);
}

/** `n` responses answering q1 with `choice`. */
export const q1 = (choice: string, n: number): SurveyAnswers[] => Array.from({ length: n }, () => ({ q1: choice }));
