import { randomBytes } from 'node:crypto';
import type { Executor } from '../src/db/client';
import { criterionRecords, cycleAgencies, cycleGroups, cycles, cycleUnits } from '../src/db/schema/cycles';
import { frameworks, frameworkVersions, programs } from '../src/db/schema/frameworks';
import { groupSets, unitGroupMembers, unitGroups } from '../src/db/schema/group-sets';

/**
 * Factories for the assessment tests: a small framework (two fields, four self-assessed leaves,
 * appraised by SNV and STP), a published version, a group set, and an open cycle with its units
 * and one criterion record per unit × leaf — inserted directly.
 */

export const testFramework = {
  formatVersion: 1,
  id: 'thu-2025',
  name: 'Bộ tiêu chí thử nghiệm năm 2025',
  year: 2025,
  unitLevel: 'department',
  agencies: [
    { code: 'SNV', name: 'Sở Nội vụ' },
    { code: 'STP', name: 'Sở Tư pháp' },
  ],
  settings: {
    rounding: { pointsDecimals: 2, indexDecimals: 2, mode: 'half_up' },
    survey: { optional: true },
    bonus: { countsInIndex: true },
    ranking: { basis: 'published', tieBreaks: [] },
    classification: { bands: [{ key: 'tot', label: 'Tốt', minPercent: '80' }, { key: 'kha', label: 'Khá', minPercent: '0' }] },
  },
  nodes: [
    {
      key: 'chi-dao',
      code: '1',
      name: 'Công tác chỉ đạo, điều hành',
      maxPoints: '6',
      appraisingAgency: 'SNV',
      children: [
        {
          key: 'ke-hoach',
          code: '1.1',
          name: 'Ban hành kế hoạch cải cách hành chính năm',
          maxPoints: '2',
          source: 'self_assessment',
          evidenceExpected: 'Quyết định ban hành kế hoạch',
          rule: {
            type: 'choice',
            options: [
              { key: 'kip-thoi', label: 'Kịp thời', points: '2' },
              { key: 'cham', label: 'Không kịp thời', points: '1' },
              { key: 'khong', label: 'Không ban hành', points: '0' },
            ],
          },
        },
        {
          key: 'kiem-tra',
          code: '1.2',
          name: 'Kiểm tra công tác cải cách hành chính',
          maxPoints: '1',
          source: 'self_assessment',
          applicability: { mayDeclareNotApplicable: true, condition: 'Đơn vị không có đơn vị trực thuộc' },
          rule: { type: 'yes_no', yesPoints: '1', noPoints: '0' },
        },
        {
          key: 'hoan-thanh',
          code: '1.3',
          name: 'Mức độ hoàn thành nhiệm vụ',
          maxPoints: '3',
          source: 'self_assessment',
          appraisingAgency: 'STP',
          rule: { type: 'proportional', numeratorLabel: 'Số nhiệm vụ hoàn thành', denominatorLabel: 'Tổng số nhiệm vụ', zeroDenominator: 'full_points' },
        },
      ],
    },
    {
      key: 'tthc',
      code: '2',
      name: 'Cải cách thủ tục hành chính',
      maxPoints: '4',
      appraisingAgency: 'STP',
      children: [
        {
          key: 'dung-han',
          code: '2.1',
          name: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
          maxPoints: '4',
          source: 'self_assessment',
          rule: {
            type: 'rate_tiers',
            numeratorLabel: 'Số hồ sơ đúng hạn',
            denominatorLabel: 'Tổng số hồ sơ',
            zeroDenominator: 'not_applicable',
            tiers: [
              { lower: { percent: '100', inclusive: true }, upper: null, points: '4' },
              { lower: { percent: '90', inclusive: true }, upper: { percent: '100', inclusive: false }, points: '2' },
              { lower: null, upper: { percent: '90', inclusive: false }, points: '0' },
            ],
          },
        },
      ],
    },
  ],
};

export const leafKeys = ['ke-hoach', 'kiem-tra', 'hoan-thanh', 'dung-han'] as const;

const suffix = () => randomBytes(3).toString('hex');
// Cycles are unique per program and year: each fixture takes the next year.
let nextYear = 2100 + Math.floor(Math.random() * 800);
const day = 86_400_000;

export interface CycleFixture {
  cycleId: string;
  groupId: string;
  frameworkVersionId: string;
}

export interface CycleOptions {
  unitIds: string[];
  /** Agency code → organisation unit acting as it. */
  agencies?: Record<string, string>;
  status?: 'setup' | 'open' | 'closed';
  /** Self-assessment deadline relative to now, in days (negative: passed). */
  deadlineInDays?: number;
  policy?: { evidenceRequiredForPoints: boolean; explanationRequiredWithoutEvidence: boolean };
}

/** A published framework version, a group with the units, and a cycle (open by default). */
export async function createCycle(db: Executor, options: CycleOptions): Promise<CycleFixture> {
  const s = suffix();
  await db.insert(programs).values({ code: 'cchc', name: 'Chỉ số cải cách hành chính' }).onConflictDoNothing();
  const year = nextYear++;
  const [framework] = await db.insert(frameworks).values({ programCode: 'cchc', year, groupLabel: `Sở ${s}`, name: testFramework.name }).returning();
  const [version] = await db
    .insert(frameworkVersions)
    .values({ frameworkId: framework!.id, number: 1, status: 'published', document: testFramework, publishedAt: new Date() })
    .returning();
  const [set] = await db.insert(groupSets).values({ code: `GS${s}`, name: `Nhóm ${s}` }).returning();
  const [group] = await db.insert(unitGroups).values({ groupSetId: set!.id, code: 'SO', name: 'Sở, ban, ngành' }).returning();
  if (options.unitIds.length) {
    await db.insert(unitGroupMembers).values(options.unitIds.map((unitId) => ({ groupSetId: set!.id, groupId: group!.id, unitId })));
  }
  const now = Date.now();
  const deadline = now + (options.deadlineInDays ?? 30) * day;
  const [cycle] = await db
    .insert(cycles)
    .values({
      programCode: 'cchc',
      year,
      name: `Kỳ đánh giá thử ${s}`,
      groupSetId: set!.id,
      status: options.status ?? 'open',
      selfAssessmentOpens: new Date(now - 30 * day),
      selfAssessmentDeadline: new Date(deadline),
      appraisalFrom: new Date(now - 10 * day),
      appraisalTo: new Date(now + 60 * day),
      explanationFrom: new Date(now - 10 * day),
      explanationTo: new Date(now + 50 * day),
      councilDate: new Date(now + 70 * day),
      publicationDate: new Date(now + 80 * day),
      ...(options.policy ?? {}),
    })
    .returning();
  await db.insert(cycleGroups).values({ cycleId: cycle!.id, groupId: group!.id, frameworkVersionId: version!.id });
  const agencies = Object.entries(options.agencies ?? {});
  if (agencies.length) await db.insert(cycleAgencies).values(agencies.map(([agencyCode, unitId]) => ({ cycleId: cycle!.id, agencyCode, unitId })));
  if (options.unitIds.length) {
    await db.insert(cycleUnits).values(options.unitIds.map((unitId) => ({ cycleId: cycle!.id, unitId, groupId: group!.id })));
    if ((options.status ?? 'open') === 'open') {
      await db.insert(criterionRecords).values(options.unitIds.flatMap((unitId) => leafKeys.map((nodeKey) => ({ cycleId: cycle!.id, unitId, nodeKey }))));
    }
  }
  return { cycleId: cycle!.id, groupId: group!.id, frameworkVersionId: version!.id };
}
