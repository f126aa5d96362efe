/**
 * A survey ready to collect answers online, for the collection tests: a cycle owned by an organising
 * unit, three rated units with quotas, one questionnaire (five Likert questions, a yes/no with skip
 * logic, an optional text) and sampled respondents with their links, two with an e-mail address.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Questionnaire } from '@chiso/core';
import type { Executor } from '../src/db/client';
import { cycles } from '../src/db/schema/cycles';
import { surveyInvitations, surveyQuestionnaires, surveyQuestionnaireVersions, surveyQuotas, surveyRespondents, surveys } from '../src/db/schema/surveys';
import { invitationToken } from '../src/services/survey/tokens';
import { createPubCycle, type PubCycle } from './publication-fixtures';
import { createUnit, createUser, type UnitRow } from './support/factories';

const likert = (name: string, label: string) => ({ name, type: 'likert' as const, label, list: 'muc_do', required: true, criterionKey: 'dieu-tra' });

export const collectionQuestionnaire: Questionnaire = {
  formatVersion: 1,
  title: 'Phiếu lấy ý kiến người dân về bộ phận một cửa',
  questions: [
    likert('q1', 'Thủ tục được niêm yết công khai, dễ tìm'),
    likert('q2', 'Công chức hướng dẫn tận tình'),
    likert('q3', 'Thời gian giải quyết đúng hẹn'),
    likert('q4', 'Phí, lệ phí đúng quy định'),
    likert('q5', 'Hài lòng chung'),
    { name: 'phan_anh', type: 'yes_no', label: 'Ông/Bà có phải đi lại nhiều lần không?', list: 'co_khong', required: true },
    { name: 'so_lan', type: 'integer', label: 'Số lần phải đi lại', required: true, relevant: "${phan_anh} = 'co'", min: '1', max: '20' },
    { name: 'gop_y', type: 'text', label: 'Góp ý thêm', required: false },
  ],
  choices: {
    muc_do: [
      { name: 'a', label: 'Rất hài lòng', weight: '1' },
      { name: 'b', label: 'Hài lòng', weight: '0.6' },
      { name: 'c', label: 'Chưa hài lòng', weight: '0.2' },
      { name: 'd', label: 'Không hài lòng', weight: '0' },
    ],
  },
};

/** A complete, valid answer (no extra visit, so `so_lan` is hidden). */
export const goodAnswers = { q1: 'a', q2: 'b', q3: 'a', q4: 'c', q5: 'b', phan_anh: 'khong' };

export interface CollectionSurvey {
  cycle: PubCycle;
  owner: UnitRow;
  surveyId: string;
  questionnaireId: string;
  versionId: string;
  /** The sampled respondents' links: [0] and [1] have an e-mail address, [2] has none. */
  sampled: { token: string; email: string | null; invitationId: string }[];
}

/** The survey (open unless told), its questionnaire and the sample's links. */
export async function createCollectionSurvey(db: Executor, options: { status?: 'draft' | 'open' | 'closed' } = {}): Promise<CollectionSurvey> {
  const owner = await createUnit(db, { name: `Sở Nội vụ ${randomBytes(2).toString('hex')}` });
  const cycle = await createPubCycle(db, { withRecords: false });
  await db.update(cycles).set({ ownerUnitId: owner.id }).where(eq(cycles.id, cycle.cycleId));
  const [survey] = await db.insert(surveys).values({ cycleId: cycle.cycleId, name: 'Khảo sát sự hài lòng 2030', status: options.status ?? 'open', seed: 7, minSeconds: 60 }).returning();
  const [questionnaire] = await db.insert(surveyQuestionnaires)
    .values({ surveyId: survey!.id, code: 'ND-MC', title: collectionQuestionnaire.title, respondentGroup: 'nguoi-dan', respondentGroupLabel: 'Người dân', ratedGroupId: cycle.groupId })
    .returning();
  const [version] = await db.insert(surveyQuestionnaireVersions).values({ questionnaireId: questionnaire!.id, number: 1, document: collectionQuestionnaire }).returning();
  await db.update(surveyQuestionnaires).set({ currentVersionId: version!.id }).where(eq(surveyQuestionnaires.id, questionnaire!.id));
  await db.insert(surveyQuotas).values(cycle.units.map((u) => ({ questionnaireId: questionnaire!.id, unitId: u.id, quota: 10 })));
  const people = [
    { fullName: 'Nguyễn Văn An', email: 'an@example.invalid', phone: '0912000001' },
    { fullName: 'Trần Thị Bình', email: 'binh@example.invalid', phone: '0912000002' },
    { fullName: 'Lê Văn Cường', email: null, phone: '0912000003' },
  ];
  const sampled: CollectionSurvey['sampled'] = [];
  for (const [i, p] of people.entries()) {
    const [respondent] = await db.insert(surveyRespondents).values({ questionnaireId: questionnaire!.id, unitId: cycle.units[0]!.id, line: i + 2, ...p, sampled: true }).returning();
    const token = invitationToken();
    const [invitation] = await db.insert(surveyInvitations).values({ questionnaireId: questionnaire!.id, unitId: cycle.units[0]!.id, respondentId: respondent!.id, token, channel: 'sample' }).returning();
    sampled.push({ token, email: p.email, invitationId: invitation!.id });
  }
  return { cycle, owner, surveyId: survey!.id, questionnaireId: questionnaire!.id, versionId: version!.id, sampled };
}

/** Who is checked for access: the owner's administrator, another owner's, the owner's council member and leader, a rated unit's officer. */
export async function collectionActors(db: Executor, s: CollectionSurvey) {
  const other = await createUnit(db, { name: `Sở khác ${randomBytes(2).toString('hex')}` });
  return {
    admin: await createUser(db, { roles: ['admin'], unitId: s.owner.id, scopeUnitId: s.owner.id }),
    otherAdmin: await createUser(db, { roles: ['admin'], unitId: other.id, scopeUnitId: other.id }),
    council: await createUser(db, { roles: ['council_member'], unitId: s.owner.id, scopeUnitId: s.owner.id }),
    leader: await createUser(db, { roles: ['leader_viewer'], unitId: s.owner.id, scopeUnitId: s.owner.id }),
    officer: await createUser(db, { roles: ['unit_officer'], unitId: s.cycle.units[0]!.id }),
  };
}
