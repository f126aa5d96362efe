/**
 * The demo's remediation plan (issue 12 §2, DỮ LIỆU MINH HỌA): Sở Tư pháp's plan for the points it
 * lost in the 2024 index. The district's 2024 commune index has criterion detail, but its communes'
 * accounts ended with the district (30/6/2025), so the plan is drawn from the department's 2024
 * result imported from the decision: one item per field that lost points. Played through the
 * services as people do it: the officer drafts and fills it, the head submits, the province's
 * administrator accepts, the unit reports three quarters of 2025. Idempotent: a plan already drawn
 * from that result is kept.
 */
import type { Database } from '../../db/client';
import { publishedResultsOfUnit } from '../../db/repositories/report-card-repository';
import { listRemediationPlans } from '../../db/repositories/remediation-repository';
import { commandContext } from '../../services/context';
import { decidePlan, draftPlan, reportProgress, submitPlan, updatePlan } from '../../services/follow-up/remediation';
import { demoActor, unitIdsOf } from '../levels/shared';

const UNIT = 'STP';
const YEAR = 2024;
const SAMPLE = ' (dữ liệu minh họa)';

/** Actions by field code: what the department would plan for each weak field. */
const ACTIONS: Record<string, { action: string; responsible: string; deadline: string }> = {
  '1': { action: 'Ban hành kế hoạch CCHC, kế hoạch tuyên truyền và kiểm tra CCHC năm 2025 đúng thời hạn; báo cáo định kỳ đầy đủ.', responsible: 'Văn phòng Sở', deadline: '2025-01-31' },
  '2': { action: 'Rà soát, hệ thống hóa văn bản QPPL thuộc lĩnh vực quản lý; theo dõi thi hành pháp luật theo kế hoạch.', responsible: 'Phòng Xây dựng và Kiểm tra văn bản', deadline: '2025-09-30' },
  '3': { action: 'Giải quyết 100% hồ sơ TTHC đúng hạn; số hóa kết quả giải quyết TTHC; công khai đầy đủ TTHC trên Cổng DVC.', responsible: 'Bộ phận Một cửa của Sở', deadline: '2025-12-15' },
  '5': { action: 'Hoàn thiện vị trí việc làm; đánh giá, xếp loại công chức theo quy định.', responsible: 'Văn phòng Sở', deadline: '2025-06-30' },
  '6': { action: 'Công khai dự toán, quyết toán đúng hạn; giải ngân vốn đầu tư công theo kế hoạch.', responsible: 'Phòng Kế hoạch - Tài chính', deadline: '2025-11-30' },
  '7': { action: 'Tăng tỷ lệ hồ sơ trực tuyến toàn trình; kết nối phần mềm quản lý văn bản với hệ thống của tỉnh.', responsible: 'Văn phòng Sở', deadline: '2025-10-31' },
  '8': { action: 'Nâng cao chất lượng phục vụ, khảo sát mức độ hài lòng hằng quý.', responsible: 'Lãnh đạo Sở', deadline: '2025-12-31' },
};

/** Progress reported by quarter of 2025: [field code, quarter, status, note]. */
const PROGRESS: [string, 1 | 2 | 3, 'in_progress' | 'done', string][] = [
  ['1', 1, 'done', 'Đã ban hành Kế hoạch CCHC năm 2025 ngày 10/01/2025.'],
  ['3', 1, 'in_progress', 'Tỷ lệ hồ sơ đúng hạn quý I đạt 98,6%.'],
  ['3', 2, 'in_progress', 'Tỷ lệ hồ sơ đúng hạn quý II đạt 99,4%.'],
  ['5', 2, 'done', 'Đã phê duyệt vị trí việc làm.'],
  ['7', 2, 'in_progress', 'Đã kết nối phần mềm quản lý văn bản.'],
  ['3', 3, 'done', 'Số hóa 100% kết quả giải quyết TTHC.'],
  ['7', 3, 'in_progress', 'Tỷ lệ hồ sơ trực tuyến toàn trình đạt 72%.'],
];

const at = (day: string) => () => new Date(`${day}T09:00:00+07:00`);

export async function loadDemoRemediation(db: Database): Promise<{ lines: string[] }> {
  const [unitId] = await unitIdsOf(db, [UNIT]);
  const result = (await publishedResultsOfUnit(db, unitId!)).find((r) => r.year === YEAR && r.ownerUnitId === null);
  if (!result) return { lines: [`Kế hoạch khắc phục: chưa có kết quả năm ${YEAR} của ${UNIT}, bỏ qua`] };
  const existing = (await listRemediationPlans(db, { unitId: unitId!, year: YEAR })).find((p) => p.plan.cycleId === result.cycleId && p.plan.groupId === result.groupId);
  if (existing) return { lines: [`Kế hoạch khắc phục của ${existing.unitName} năm ${YEAR}: đã có`] };

  const [officer, head, admin] = await Promise.all([demoActor(db, 'stp.canbo'), demoActor(db, 'stp.lanhdao'), demoActor(db, 'snv.quantri')]);
  let plan = await draftPlan(commandContext(db, officer, at('2025-01-15')), { cycleId: result.cycleId, groupId: result.groupId, unitId: unitId! });
  plan = await updatePlan(commandContext(db, officer, at('2025-01-16')), plan.id, {
    version: plan.version,
    title: `${plan.title}${SAMPLE}`,
    items: plan.items.map((i) => ({ id: i.id, ...(ACTIONS[i.code] ?? { action: '', responsible: '', deadline: null }) })),
  });
  plan = await submitPlan(commandContext(db, head, at('2025-01-20')), plan.id, { version: plan.version });
  plan = await decidePlan(commandContext(db, admin, at('2025-01-24')), plan.id, { version: plan.version, decision: 'accept' });
  const itemOf = new Map(plan.items.map((i) => [i.code, i]));
  for (const [code, quarter, status, note] of PROGRESS) {
    const item = itemOf.get(code);
    if (!item) continue;
    const ends = ['2025-03-31', '2025-06-30', '2025-09-30'][quarter - 1]!;
    await reportProgress(commandContext(db, officer, at(ends)), plan.id, { itemId: item.id, quarter, status, note });
  }
  return { lines: [`Kế hoạch khắc phục của ${plan.unit.unitName} năm ${YEAR}: ${plan.items.length} mục, ${plan.pointsAtStake.replace('.', ',')} điểm bị mất, đã chấp thuận, báo cáo tiến độ 3 quý${SAMPLE}`] };
}
