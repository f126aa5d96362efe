import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { endOfDayVn, startOfDayVn } from '@chiso/core';
import type { Executor } from '../src/db/client';
import { cycleAgencies, cycleGroups, cycles, cycleUnits, criterionRecords } from '../src/db/schema/cycles';
import { frameworks, frameworkVersions, programs } from '../src/db/schema/frameworks';
import { groupSets, unitGroupMembers, unitGroups } from '../src/db/schema/group-sets';
import { createUnit, type UnitRow } from './support/factories';

/**
 * Fixtures for appraisal, council and publication tests: a framework with a survey field, a fixed
 * calendar in 2030 (tests pass `now`, never sleep), a group of units and an open cycle.
 */
export const pubFramework = {
  formatVersion: 1,
  id: 'cong-bo-thu',
  name: 'Bộ tiêu chí thử công bố',
  year: 2030,
  agencies: [
    { code: 'SNV', name: 'Sở Nội vụ' },
    { code: 'STP', name: 'Sở Tư pháp' },
  ],
  settings: {
    rounding: { pointsDecimals: 2, indexDecimals: 2, mode: 'half_up' },
    survey: { optional: false },
    ranking: { basis: 'published', tieBreaks: [] },
    classification: {
      bands: [
        { key: 'xuat-sac', label: 'Xuất sắc', minPercent: '90' },
        { key: 'tot', label: 'Tốt', minPercent: '80' },
        { key: 'kha', label: 'Khá', minPercent: '70' },
        { key: 'trung-binh', label: 'Trung bình', minPercent: '50' },
        { key: 'yeu', label: 'Yếu', minPercent: '0' },
      ],
    },
  },
  nodes: [
    {
      key: 'chi-dao', code: '1', name: 'Công tác chỉ đạo, điều hành', maxPoints: '10', appraisingAgency: 'SNV',
      children: [
        { key: 'ke-hoach', code: '1.1', name: 'Ban hành kế hoạch', maxPoints: '4', source: 'self_assessment', rule: { type: 'yes_no', yesPoints: '4', noPoints: '0' } },
        {
          key: 'bao-cao', code: '1.2', name: 'Báo cáo định kỳ', maxPoints: '6', source: 'self_assessment', appraisingAgency: 'STP',
          applicability: { mayDeclareNotApplicable: true, condition: 'Không có nhiệm vụ báo cáo' },
          rule: { type: 'choice', options: [{ key: 'du', label: 'Đầy đủ, đúng hạn', points: '6' }, { key: 'tre', label: 'Trễ hạn', points: '3' }, { key: 'khong', label: 'Không', points: '0' }] },
        },
      ],
    },
    {
      key: 'hai-long', code: '2', name: 'Mức độ hài lòng', maxPoints: '10',
      children: [{ key: 'dieu-tra', code: '2.1', name: 'Điều tra xã hội học', maxPoints: '10', source: 'survey', rule: { type: 'survey' } }],
    },
  ],
};

export const pubLeafKeys = ['ke-hoach', 'bao-cao', 'dieu-tra'] as const;

/** The fixed calendar (Vietnam time). */
export const cal = {
  selfAssessmentOpens: startOfDayVn(2030, 1, 1),
  selfAssessmentDeadline: endOfDayVn(2030, 1, 31),
  appraisalFrom: startOfDayVn(2030, 2, 1),
  appraisalTo: endOfDayVn(2030, 2, 28),
  explanationFrom: startOfDayVn(2030, 2, 1),
  explanationTo: endOfDayVn(2030, 2, 20),
  councilDate: startOfDayVn(2030, 3, 5),
  publicationDate: startOfDayVn(2030, 3, 15),
};
/** Moments inside each phase. */
export const at = {
  appraisal: startOfDayVn(2030, 2, 10) + 9 * 3_600_000,
  council: startOfDayVn(2030, 3, 6) + 9 * 3_600_000,
  beforePublication: startOfDayVn(2030, 3, 14) + 9 * 3_600_000,
  publication: startOfDayVn(2030, 3, 16) + 9 * 3_600_000,
};

let nextYear = 1950 + Math.floor(Math.random() * 900);
const suffix = () => randomBytes(3).toString('hex');

export interface PubCycle {
  cycleId: string;
  groupId: string;
  groupName: string;
  frameworkVersionId: string;
  units: UnitRow[];
  agencyUnits: { SNV: UnitRow; STP: UnitRow };
}

/** Units (`unitCount`), agencies SNV and STP as units, a group, a framework version and an open cycle with records. */
export async function createPubCycle(db: Executor, options: { unitCount?: number; chairUserId?: string; withRecords?: boolean; document?: object } = {}): Promise<PubCycle> {
  const s = suffix();
  const units: UnitRow[] = [];
  for (let i = 0; i < (options.unitCount ?? 3); i++) units.push(await createUnit(db, { code: `DV${s}${i}`.toUpperCase(), name: `Sở thử ${i + 1} ${s}` }));
  const agencyUnits = { SNV: await createUnit(db, { name: `Sở Nội vụ ${s}` }), STP: await createUnit(db, { name: `Sở Tư pháp ${s}` }) };
  await db.insert(programs).values({ code: 'cchc', name: 'Chỉ số cải cách hành chính' }).onConflictDoNothing();
  const year = nextYear++;
  const [framework] = await db.insert(frameworks).values({ programCode: 'cchc', year, groupLabel: `Sở ${s}`, name: pubFramework.name }).returning();
  const [version] = await db
    .insert(frameworkVersions)
    .values({ frameworkId: framework!.id, number: 1, status: 'published', document: options.document ?? pubFramework, publishedAt: new Date() })
    .returning();
  const [set] = await db.insert(groupSets).values({ code: `GS${s}`, name: `Nhóm ${s}` }).returning();
  const [group] = await db.insert(unitGroups).values({ groupSetId: set!.id, code: 'SO', name: `Sở, ban, ngành ${s}` }).returning();
  await db.insert(unitGroupMembers).values(units.map((u) => ({ groupSetId: set!.id, groupId: group!.id, unitId: u.id })));
  const d = (n: number) => new Date(n);
  const [cycle] = await db
    .insert(cycles)
    .values({
      programCode: 'cchc', year, name: `Chỉ số CCHC năm ${year}`, groupSetId: set!.id, status: 'open',
      selfAssessmentOpens: d(cal.selfAssessmentOpens), selfAssessmentDeadline: d(cal.selfAssessmentDeadline),
      appraisalFrom: d(cal.appraisalFrom), appraisalTo: d(cal.appraisalTo),
      explanationFrom: d(cal.explanationFrom), explanationTo: d(cal.explanationTo),
      councilDate: d(cal.councilDate), publicationDate: d(cal.publicationDate),
      ...(options.chairUserId ? { councilChairUserId: options.chairUserId } : {}),
    })
    .returning();
  await db.insert(cycleGroups).values({ cycleId: cycle!.id, groupId: group!.id, frameworkVersionId: version!.id });
  await db.insert(cycleAgencies).values(Object.entries(agencyUnits).map(([agencyCode, u]) => ({ cycleId: cycle!.id, agencyCode, unitId: u.id })));
  await db.insert(cycleUnits).values(units.map((u) => ({ cycleId: cycle!.id, unitId: u.id, groupId: group!.id })));
  if (options.withRecords !== false) {
    await db.insert(criterionRecords).values(units.flatMap((u) => pubLeafKeys.map((nodeKey) => ({ cycleId: cycle!.id, unitId: u.id, nodeKey }))));
  }
  return { cycleId: cycle!.id, groupId: group!.id, groupName: group!.name, frameworkVersionId: version!.id, units, agencyUnits };
}

/** A unit's self-assessment input for one criterion of the cycle, as if entered (status pending). */
export async function setSelfInput(db: Executor, cycleId: string, unitId: string, nodeKey: string, input: unknown): Promise<void> {
  await db.update(criterionRecords).set({ selfInput: input, status: 'pending' })
    .where(and(eq(criterionRecords.cycleId, cycleId), eq(criterionRecords.unitId, unitId), eq(criterionRecords.nodeKey, nodeKey)));
}
