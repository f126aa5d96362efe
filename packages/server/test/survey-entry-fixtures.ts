import { eq } from 'drizzle-orm';
import type { Questionnaire } from '@chiso/core';
import type { Executor } from '../src/db/client';
import { surveyQuestionnaires, surveyQuestionnaireVersions, surveys } from '../src/db/schema/surveys';
import { createPubCycle, type PubCycle } from './publication-fixtures';

/**
 * Fixtures for the survey entry tests (paper double entry, imports): an open survey of a
 * publication-fixtures cycle with one questionnaire rating its units: gender, five Likert
 * questions (A/B/C/D = 100/60/20/0 %), a yes/no with a follow-up number shown only on "co", text.
 */
export const entryQuestionnaire: Questionnaire = {
  formatVersion: 1,
  title: 'Phiếu thử nhập liệu',
  questions: [
    { name: 'gioi_tinh', type: 'select_one', list: 'gioi', label: 'Giới tính', required: true },
    ...[1, 2, 3, 4, 5].map((i) => ({ name: `q${i}`, type: 'likert' as const, list: 'muc', label: `Mức hài lòng ${i}`, required: true, criterionKey: 'dieu-tra' })),
    { name: 'khieu_nai', type: 'yes_no', list: 'co_khong', label: 'Đã khiếu nại?', required: true },
    { name: 'so_lan', type: 'integer', label: 'Số lần khiếu nại', required: true, relevant: "${khieu_nai} = 'co'", min: '1', max: '20' },
    { name: 'gop_y', type: 'text', label: 'Góp ý', required: false },
  ],
  choices: {
    gioi: [{ name: 'nam', label: 'Nam' }, { name: 'nu', label: 'Nữ' }],
    muc: [{ name: 'A', label: 'Rất hài lòng', weight: '1' }, { name: 'B', label: 'Hài lòng', weight: '0.6' }, { name: 'C', label: 'Chưa hài lòng', weight: '0.2' }, { name: 'D', label: 'Không hài lòng', weight: '0' }],
  },
};

export const questionColumns = ['gioi_tinh', 'q1', 'q2', 'q3', 'q4', 'q5', 'khieu_nai', 'so_lan', 'gop_y'];

export interface EntrySurvey extends PubCycle {
  surveyId: string;
  questionnaireId: string;
  versionId: string;
}

export async function createEntrySurvey(db: Executor, options: { status?: 'draft' | 'open' | 'closed'; unitCount?: number; document?: Questionnaire } = {}): Promise<EntrySurvey> {
  const cycle = await createPubCycle(db, { unitCount: options.unitCount ?? 3 });
  const [survey] = await db.insert(surveys).values({ cycleId: cycle.cycleId, name: 'Điều tra thử', status: options.status ?? 'open', seed: 7 }).returning();
  const [q] = await db.insert(surveyQuestionnaires).values({
    surveyId: survey!.id, code: 'DN-SO', title: 'Doanh nghiệp đánh giá sở', respondentGroup: 'doanh-nghiep', respondentGroupLabel: 'Doanh nghiệp', ratedGroupId: cycle.groupId,
  }).returning();
  const [v] = await db.insert(surveyQuestionnaireVersions).values({ questionnaireId: q!.id, number: 1, document: options.document ?? entryQuestionnaire }).returning();
  await db.update(surveyQuestionnaires).set({ currentVersionId: v!.id }).where(eq(surveyQuestionnaires.id, q!.id));
  return { ...cycle, surveyId: survey!.id, questionnaireId: q!.id, versionId: v!.id };
}

/** A valid paper form / import row: question → value. */
export const goodAnswers = (overrides: Record<string, string> = {}): Record<string, string> => ({
  gioi_tinh: 'nu', q1: 'A', q2: 'B', q3: 'A', q4: 'C', q5: 'B', khieu_nai: 'co', so_lan: '2', gop_y: '', ...overrides,
});
