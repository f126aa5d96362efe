/**
 * The district of Đình Lập's 2024 commune index, played through the real services on its own
 * calendar (Nov 2024 – Jan 2025): created and set up by the district's administrator, each commune's
 * officer enters its self-assessment and its head submits, Phòng Nội vụ huyện appraises (a few
 * scores adjusted with reasons), the council reviews, its chair approves, the administrator
 * publishes (snapshot 1, decision 15/QĐ-UBND) and closes the cycle. On 1/7/2025 the district ended:
 * its accounts and the communes' are deactivated. Each step is done only if the state asks for it,
 * so a run cut short is completed by the next.
 */
import type { Database } from '../db/client';
import { deactivateUsers } from '../db/repositories/demo-levels-repository';
import { deleteUserSessions } from '../db/repositories/session-repository';
import { findUnitsByCodes } from '../db/repositories/unit-repository';
import { recordAudit } from '../services/audit';
import { commandContext } from '../services/context';
import { systemActor } from '../services/actor';
import { communeAccount, demoActor, ensureCycle, levels } from './levels/shared';
import { districtFramework } from './levels/frameworks';
import { on, playCycle, stepsSummary, yearEndCalendar, yearEndMoments, type Adjustment } from './play-cycle';

export { demoEntry, selfAssessedLeaves, type Leaf } from './play-cycle';

/** The 2024 calendar (Vietnam time): November 2024 – January 2025. */
export const district2024Calendar = yearEndCalendar(2024);
/**
 * When each step is done. Publication and closing happen when the demo is loaded (the real clock,
 * after the calendar): the audit trail is stamped with the real time, and the trace reads the
 * decisions recorded up to the snapshot, so the snapshot must not be dated before them.
 */
const moments = { setup: on(2024, 10, 28), ...yearEndMoments(2024) };

/** The communes' quality, in code order: spreads them over Tốt, Khá and Trung bình (as a district notice ranks them). */
const QUALITIES = [0.86, 0.72, 0.84, 0.6, 0.8, 0.66, 0.88, 0.76, 0.56, 0.82, 0.7, 0.64];

/** The adjustment Phòng Nội vụ makes on the weaker communes: the year's plan was late. */
const LATE_PLAN: Adjustment = {
  nodeKey: 'ban-hanh-ke-hoach-cchc-nam', best: 'dung-thoi-han', adjusted: 'cham-so-voi-thoi-han', applies: (q) => q < 0.7,
  reason: 'Kế hoạch CCHC năm 2024 ban hành ngày 25/01/2024, chậm so với thời hạn của UBND huyện (trước 15/01/2024).',
};

export interface DistrictPlay {
  cycleId: string;
  summary: string;
}

export async function playDistrict2024(
  db: Database,
  input: { districtId: string; groupSetId: string; groupId: string; frameworkVersionId: string; communes: { id: string; code: string; name: string }[] },
): Promise<DistrictPlay> {
  const d = levels.district;
  const [agency] = await findUnitsByCodes(db, [d.agency.unit]);
  const admin = await demoActor(db, d.admin);
  const cycleId = await ensureCycle(commandContext(db, admin, () => moments.setup), {
    ownerUnitId: input.districtId, year: d.year, name: d.cycleName, groupSetId: input.groupSetId, groupId: input.groupId, frameworkVersionId: input.frameworkVersionId,
    agencies: [{ agencyCode: d.agency.code, unitId: agency!.id }], unitIds: input.communes.map((c) => c.id), chair: d.chair, calendar: district2024Calendar,
    // Paper files were kept at the district in 2024: entries go without uploaded evidence.
    policy: { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false },
    open: true,
  });
  const steps = await playCycle(db, {
    cycleId, groupId: input.groupId, nodes: districtFramework().nodes,
    communes: input.communes.map((c, i) => ({ id: c.id, code: c.code, quality: QUALITIES[i % QUALITIES.length]!, officer: communeAccount(c.code, 'canbo'), head: communeAccount(c.code, 'lanhdao') })),
    appraisers: [d.appraiser], admin: d.admin, councilMember: d.member, chair: d.chair, adjustment: LATE_PLAN,
    survey: { fileName: 'dieu-tra-xhh-dinh-lap-2024.xlsx' }, moments, decisionNumber: '15/QĐ-UBND',
    closeReason: 'Đã công bố kết quả Chỉ số CCHC cấp xã năm 2024 (Quyết định 15/QĐ-UBND).',
  });

  // 1/7/2025: the district and its communes end; their accounts are kept for the record, deactivated.
  const closing = [...readDistrictUsernames(), ...input.communes.flatMap((c) => [communeAccount(c.code, 'canbo'), communeAccount(c.code, 'lanhdao')])];
  const deactivated = await db.transaction(async (tx) => {
    // As the accounts service deactivates (services/accounts.ts updateUser): the sessions end, the audit says `deactivate`.
    const ids = await deactivateUsers(tx, closing);
    for (const id of ids) {
      const sessionsEnded = await deleteUserSessions(tx, id);
      await recordAudit(tx, systemActor, {
        entityType: 'user',
        entityId: id,
        action: 'deactivate',
        before: { active: true },
        after: { active: false, ...(sessionsEnded ? { sessionsEnded } : {}) },
        reason: 'Nạp dữ liệu mẫu: chính quyền cấp huyện kết thúc hoạt động từ 01/7/2025 (sắp xếp đơn vị hành chính); tài khoản giữ lại để tra cứu, không đăng nhập được.',
      });
    }
    return ids.length;
  });
  if (deactivated > 0) steps['khóa tài khoản'] = deactivated;
  return { cycleId, summary: stepsSummary(steps) };
}

const readDistrictUsernames = () => [levels.district.admin, levels.district.chair, levels.district.member, levels.district.appraiser];
