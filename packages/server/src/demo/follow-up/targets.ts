/**
 * Demo targets (issue 12 §3), ILLUSTRATIVE — DỮ LIỆU MINH HỌA: a provincial resolution on
 * administrative reform 2021–2030 with 18 targets, milestones for every year, values 2021–2024 and,
 * in 2024, 10 of 18 met or exceeded (modelled on "hoàn thành đạt và vượt 10/18 chỉ tiêu theo Nghị
 * quyết 60-NQ/TU"). The PAR INDEX and PAPI ranks are taken from the demo's external indices (loaded
 * first); a year missing there gets the same figure entered. Idempotent: a plan already there is kept.
 */
import { defaultDirection, type TargetDirection, type TargetMeasure } from '@chiso/core';
import type { Database } from '../../db/client';
import { findTargetPlanByCode, insertTargetPlan, insertTargetRow, insertValueRows, latestValueRows, replaceMilestones } from '../../db/repositories/target-repository';
import { findUnitsByCodes } from '../../db/repositories/unit-repository';
import { systemActor } from '../../services/actor';
import { pullTargetFromIndex } from '../../services/follow-up/targets-chiso';

export const DEMO_TARGET_PLAN = {
  code: 'NQ-CCHC-2021-2030',
  name: 'Nghị quyết về đẩy mạnh cải cách hành chính giai đoạn 2021–2030 (DỮ LIỆU MINH HỌA)',
  documentNumber: '60-NQ/TU',
  startYear: 2021,
  endYear: 2030,
  /** The latest year with values, and how many targets are met or exceeded in it. */
  year: 2024,
  met: 10,
  total: 18,
};

interface DemoTarget {
  name: string;
  measure: TargetMeasure;
  unitLabel: string;
  direction?: TargetDirection;
  baseline: string;
  /** Milestones 2021–2030 (the last is the final value). */
  milestones: string;
  /** Values 2021–2024. */
  values: string;
  unit: string;
  /** A rank in an external index (source chiso). */
  index?: string;
}

// In 2024, met or exceeded: 1, 3, 5, 7, 8, 9, 12, 13, 16, 17; not met: 2, 4, 6, 10, 11, 14, 15, 18.
const TARGETS: DemoTarget[] = [
  { name: 'Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình', measure: 'rate', unitLabel: '%', baseline: '12', milestones: '20 30 40 50 60 65 70 75 80 80', values: '22 31 42 55', unit: 'STTTT' },
  { name: 'Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến', measure: 'rate', unitLabel: '%', baseline: '15', milestones: '20 30 40 50 55 60 65 70 75 80', values: '18 27 38 46', unit: 'VPUBND' },
  { name: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn', measure: 'rate', unitLabel: '%', baseline: '94.5', milestones: '95 96 97 98 98 98.5 99 99 99 99', values: '96.2 97.1 98 98', unit: 'VPUBND' },
  { name: 'Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính (SIPAS)', measure: 'index', unitLabel: '%', baseline: '80', milestones: '82 84 85 86 87 88 89 90 90 90', values: '80.5 83.1 84.9 85.4', unit: 'SNV' },
  { name: 'Xếp hạng Chỉ số cải cách hành chính (PAR INDEX) của tỉnh', measure: 'rank', unitLabel: 'bậc', baseline: '41', milestones: '32 30 28 25 22 20 18 16 15 15', values: '30 33 27 22', unit: 'SNV', index: 'PAR_INDEX' },
  { name: 'Xếp hạng Chỉ số hiệu quả quản trị và hành chính công (PAPI) của tỉnh', measure: 'rank', unitLabel: 'bậc', baseline: '22', milestones: '20 18 16 15 14 13 12 11 10 10', values: '17 13 21 16', unit: 'SNV', index: 'PAPI' },
  { name: 'Số thủ tục hành chính được cắt giảm, đơn giản hóa (cộng dồn)', measure: 'count', unitLabel: 'thủ tục', baseline: '0', milestones: '10 20 30 40 50 60 70 80 90 100', values: '12 25 33 45', unit: 'STP' },
  { name: 'Tỷ lệ văn bản quy phạm pháp luật của tỉnh được tự kiểm tra sau khi ban hành', measure: 'rate', unitLabel: '%', baseline: '100', milestones: '100 100 100 100 100 100 100 100 100 100', values: '100 100 100 100', unit: 'STP' },
  { name: 'Tỷ lệ văn bản gửi, nhận giữa các cơ quan nhà nước dưới dạng điện tử (trừ văn bản mật)', measure: 'rate', unitLabel: '%', baseline: '80', milestones: '85 88 90 92 95 95 96 97 98 98', values: '87 90 93 96', unit: 'STTTT' },
  { name: 'Tỷ lệ công chức cấp xã đạt chuẩn theo quy định', measure: 'rate', unitLabel: '%', baseline: '88', milestones: '90 92 94 96 98 100 100 100 100 100', values: '89 91.5 93 95.2', unit: 'SNV' },
  { name: 'Tỷ lệ giảm số đơn vị sự nghiệp công lập so với năm 2021', measure: 'rate', unitLabel: '%', baseline: '0', milestones: '2 4 6 8 10 10 10 10 10 10', values: '1.5 3.2 5.1 7.4', unit: 'SNV' },
  { name: 'Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả giải quyết', measure: 'rate', unitLabel: '%', baseline: '20', milestones: '30 40 50 60 70 80 90 100 100 100', values: '28 45 58 72', unit: 'VPUBND' },
  { name: 'Điểm Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)', measure: 'index', unitLabel: 'điểm', baseline: '61.5', milestones: '62 63 64 65 66 67 68 69 70 70', values: '62.5 63.8 64.9 66.1', unit: 'SKHDT' },
  { name: 'Xếp hạng Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) của tỉnh', measure: 'rank', unitLabel: 'bậc', baseline: '42', milestones: '40 38 36 34 32 30 28 26 25 25', values: '41 39 37 35', unit: 'SKHDT' },
  { name: 'Tỷ lệ đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên', measure: 'rate', unitLabel: '%', baseline: '8', milestones: '10 12 14 16 18 20 22 24 25 25', values: '9 11 13.5 15', unit: 'STC' },
  { name: 'Thời gian giải quyết thủ tục cấp Giấy chứng nhận đăng ký đầu tư', measure: 'count', unitLabel: 'ngày', direction: 'lower', baseline: '15', milestones: '15 12 10 8 7 6 5 5 5 5', values: '15 11 9 7', unit: 'SKHDT' },
  { name: 'Tỷ lệ hồ sơ đăng ký hộ tịch được tiếp nhận trực tuyến', measure: 'rate', unitLabel: '%', baseline: '10', milestones: '20 30 40 50 60 70 80 90 95 95', values: '25 33 41 50', unit: 'STP' },
  { name: 'Chỉ số chuyển đổi số (DTI) cấp tỉnh', measure: 'index', unitLabel: 'điểm', baseline: '0.35', milestones: '0.40 0.45 0.50 0.55 0.60 0.65 0.70 0.75 0.80 0.80', values: '0.38 0.44 0.49 0.53', unit: 'STTTT' },
];

const list = (s: string) => s.split(' ');
const SAMPLE = '(dữ liệu minh họa)';

export async function loadDemoTargets(db: Database): Promise<{ lines: string[] }> {
  const p = DEMO_TARGET_PLAN;
  if (await findTargetPlanByCode(db, p.code)) return { lines: [] };
  const units = new Map((await findUnitsByCodes(db, [...new Set(TARGETS.map((t) => t.unit))])).map((u) => [u.code, u.id]));
  const indexed: { id: string; values: string[] }[] = [];
  await db.transaction(async (tx) => {
    const plan = await insertTargetPlan(tx, { code: p.code, name: p.name, documentNumber: p.documentNumber, startYear: p.startYear, endYear: p.endYear, ownerUnitId: null });
    for (const [i, t] of TARGETS.entries()) {
      const milestones = list(t.milestones);
      const target = await insertTargetRow(tx, {
        planId: plan.id, code: String(i + 1), name: t.name, position: i + 1, measure: t.measure, unitLabel: t.unitLabel, direction: t.direction ?? defaultDirection(t.measure),
        baselineValue: t.baseline, baselineYear: 2020, finalValue: milestones[9]!, responsibleUnitId: units.get(t.unit) ?? null,
        source: t.index ? 'chiso' : 'entered', sourceIndexKey: t.index ?? null, sourceFigure: t.index ? 'rank' : null,
        sourceNote: t.index ? `Xếp hạng của tỉnh trong chỉ số ${t.index === 'PAR_INDEX' ? 'PAR INDEX' : t.index} ${SAMPLE}` : `Báo cáo của đơn vị chủ trì ${SAMPLE}`,
      });
      await replaceMilestones(tx, target.id, milestones.map((value, y) => ({ year: p.startYear + y, value })));
      if (t.index) {
        indexed.push({ id: target.id, values: list(t.values) });
        continue;
      }
      // Target 2's 2024 figure was first given at six months, then by the year's report: the history keeps both.
      if (i === 1) await insertValueRows(tx, [{ targetId: target.id, year: 2024, value: '45.5', source: 'entered', reason: `Báo cáo 6 tháng năm 2024 ${SAMPLE}`, recordedAt: new Date(Date.UTC(2024, 6, 10, 2)) }]);
      await insertValueRows(tx, list(t.values).map((value, y) => ({
        targetId: target.id, year: p.startYear + y, value, source: 'entered' as const,
        reason: `Báo cáo kết quả thực hiện năm ${p.startYear + y} ${SAMPLE}`, recordedAt: new Date(Date.UTC(p.startYear + y + 1, 0, 15, 2)),
      })));
    }
  });
  // The ranks from the external indices; a year they lack gets the illustrative figure.
  for (const t of indexed) {
    await pullTargetFromIndex(db, systemActor, t.id, new Date(Date.UTC(2025, 0, 20, 2)));
    const have = new Set((await latestValueRows(db, [t.id])).map((v) => v.year));
    await insertValueRows(db, t.values.flatMap((value, y) => (have.has(p.startYear + y) ? [] : [{
      targetId: t.id, year: p.startYear + y, value, source: 'chiso' as const, reason: `Xếp hạng của tỉnh năm ${p.startYear + y} ${SAMPLE}`, recordedAt: new Date(Date.UTC(p.startYear + y + 1, 3, 1, 2)),
    }])));
  }
  return { lines: [`Chỉ tiêu mẫu: ${p.name}, ${TARGETS.length} chỉ tiêu, năm ${p.year} đạt và vượt ${p.met}/${p.total}`] };
}
