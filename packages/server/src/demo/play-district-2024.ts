/**
 * The district of Đình Lập's 2024 commune index, played through the real services on its own
 * calendar (Nov 2024 – Jan 2025): created and set up by the district's administrator, each commune's
 * officer enters its self-assessment and its head submits, Phòng Nội vụ huyện appraises (a few
 * scores adjusted with reasons), the council reviews, its chair approves, the administrator
 * publishes (snapshot 1, decision 15/QĐ-UBND) and closes the cycle. On 1/7/2025 the district ended:
 * its accounts and the communes' are deactivated. Each step is done only if the state asks for it,
 * so a run cut short is completed by the next.
 */
import { endOfDayVn, startOfDayVn, type NodeInput } from '@chiso/core';
import type { Database } from '../db/client';
import { deactivateUsers } from '../db/repositories/demo-levels-repository';
import { deleteUserSessions } from '../db/repositories/session-repository';
import { latestSnapshotNumber } from '../db/repositories/result-repository';
import { findCycle, listCycleUnits } from '../db/repositories/cycle-repository';
import { findUnitsByCodes } from '../db/repositories/unit-repository';
import { recordAudit } from '../services/audit';
import { commandContext } from '../services/context';
import { getAssessment, saveSelf } from '../services/assessments/assessment-service';
import { bulkAccept, decide } from '../services/appraisal/appraisal-service';
import { importSuppliedPoints } from '../services/appraisal/supplied-points';
import type { Table } from '../files/tabular';
import { closeCycle } from '../services/cycles/cycle-service';
import { transitionUnit } from '../services/cycles/transitions';
import { publishGroup } from '../services/publication/publish';
import { systemActor } from '../services/actor';
import { communeAccount, demoActor, ensureCycle, levels } from './levels/shared';
import { districtFramework } from './levels/frameworks';

export type Leaf = { key: string; code: string; maxPoints: string; source?: string; rule: Record<string, unknown> & { type: string } };

const hour = 3_600_000;
/** Instants of the 2024 calendar (Vietnam time). */
const on = (y: number, m: number, d: number, h = 9) => new Date(startOfDayVn(y, m, d) + h * hour);
export const district2024Calendar = {
  selfAssessmentOpens: new Date(startOfDayVn(2024, 11, 1)).toISOString(),
  selfAssessmentDeadline: new Date(endOfDayVn(2024, 12, 15)).toISOString(),
  appraisalFrom: new Date(startOfDayVn(2024, 12, 16)).toISOString(),
  appraisalTo: new Date(endOfDayVn(2025, 1, 10)).toISOString(),
  explanationFrom: new Date(startOfDayVn(2024, 12, 16)).toISOString(),
  explanationTo: new Date(endOfDayVn(2025, 1, 5)).toISOString(),
  councilDate: new Date(startOfDayVn(2025, 1, 15)).toISOString(),
  publicationDate: new Date(startOfDayVn(2025, 1, 20)).toISOString(),
};
/**
 * When each step is done. Publication and closing happen when the demo is loaded (the real clock,
 * after the calendar): the audit trail is stamped with the real time, and the trace reads the
 * decisions recorded up to the snapshot, so the snapshot must not be dated before them.
 */
const moments = { setup: on(2024, 10, 28), selfAssessment: on(2024, 12, 10), appraisal: on(2024, 12, 20), council: on(2025, 1, 15, 14) };

/** A deterministic number in [0, 1) for a unit and a criterion (the same demo every time). */
function draw(...parts: string[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return (h % 10_000) / 10_000;
}

const decimal = (n: number) => String(Math.round(n * 100) / 100);

/** What a commune of quality `q` (0–1) enters on a leaf. */
export function demoEntry(leaf: Leaf, q: number, unitCode: string): NodeInput {
  const h = draw(unitCode, leaf.key);
  const good = h < q;
  const rule = leaf.rule;
  switch (rule.type) {
    case 'yes_no':
      return { kind: 'yes_no', value: good };
    case 'choice': {
      const options = [...(rule.options as { key: string; points: string }[])].sort((a, b) => Number(b.points) - Number(a.points));
      const pick = good ? options[0]! : h < q + (1 - q) / 2 ? options[Math.min(1, options.length - 1)]! : options[options.length - 1]!;
      return { kind: 'choice', option: pick.key };
    }
    case 'rate_tiers':
    case 'proportional': {
      const share = Math.max(0, Math.min(1, good ? 0.97 + 0.03 * (1 - h) : q - 0.2 * h));
      return { kind: 'rate', numerator: String(Math.round(share * 200)), denominator: '200' };
    }
    case 'manual': {
      const step = Number(rule.step ?? '0.25');
      const max = Number(rule.max ?? leaf.maxPoints);
      return { kind: 'manual', points: decimal(Math.floor((max * Math.min(1, q + 0.15 * (good ? 1 : -1))) / step) * step) };
    }
    case 'deduction':
      return { kind: 'count', occurrences: good ? 0 : 1 };
    case 'bonus':
      return rule.mode === 'per_occurrence' ? { kind: 'count', occurrences: q >= 0.85 && good ? 1 : 0 } : { kind: 'awarded', value: q >= 0.85 && good };
    default:
      throw new Error(`Dữ liệu mẫu: chưa có cách tự chấm tiêu chí loại ${rule.type}`);
  }
}

/** The leaves under `nodes` whose points come from `source`. */
function leavesOf(nodes: readonly unknown[], source: string): Leaf[] {
  const out: Leaf[] = [];
  const walk = (list: readonly { children?: unknown[]; source?: string }[]) => {
    for (const n of list) {
      if (n.children && n.children.length > 0) walk(n.children as typeof list);
      else if (n.source === source) out.push(n as unknown as Leaf);
    }
  };
  walk(nodes as { children?: unknown[]; source?: string }[]);
  return out;
}

/** The self-assessed leaves under `nodes`. */
export const selfAssessedLeaves = (nodes: readonly unknown[]): Leaf[] => leavesOf(nodes, 'self_assessment');

/** The communes' quality, in code order: spreads them over Tốt, Khá and Trung bình (as a district notice ranks them). */
const QUALITIES = [0.86, 0.72, 0.84, 0.6, 0.8, 0.66, 0.88, 0.76, 0.56, 0.82, 0.7, 0.64];

/** The adjustment Phòng Nội vụ makes on the weaker communes: the year's plan was late. */
const LATE_PLAN = { nodeKey: 'ban-hanh-ke-hoach-cchc-nam', best: 'dung-thoi-han', adjusted: 'cham-so-voi-thoi-han', reason: 'Kế hoạch CCHC năm 2024 ban hành ngày 25/01/2024, chậm so với thời hạn của UBND huyện (trước 15/01/2024).' };

/** The survey's figures: each commune near its quality on every survey leaf, as the import file has them. */
function surveyTable(communes: readonly { id: string; code: string }[], quality: ReadonlyMap<string, number>): Table {
  const leaves = leavesOf(districtFramework().nodes, 'survey');
  const rows = communes.flatMap((c) => leaves.map((leaf) => {
    const share = Math.max(0, Math.min(1, quality.get(c.id)! + 0.16 * (draw(c.code, leaf.key, 'survey') - 0.5)));
    return [c.code, leaf.code, decimal(Number(leaf.maxPoints) * share)];
  }));
  return { header: ['Mã đơn vị', 'Tiêu chí', 'Điểm'], headerLine: 1, rows: rows.map((cells, i) => ({ line: i + 2, cells })) };
}

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
  const leaves = selfAssessedLeaves(districtFramework().nodes);
  const quality = new Map(input.communes.map((c, i) => [c.id, QUALITIES[i % QUALITIES.length]!]));
  const steps: Record<string, number> = {};
  const count = (step: string) => (steps[step] = (steps[step] ?? 0) + 1);
  const stateOf = async () => new Map((await listCycleUnits(db, [cycleId])).map((u) => [u.unitId, u.state]));

  // Self-assessment: the officer enters, the head submits.
  let states = await stateOf();
  for (const c of input.communes) {
    if (states.get(c.id) !== 'draft') continue;
    const q = quality.get(c.id)!;
    const officer = commandContext(db, await demoActor(db, communeAccount(c.code, 'canbo')), () => moments.selfAssessment);
    const records = (await getAssessment(officer, cycleId, c.id)).records;
    for (const leaf of leaves) {
      const record = records[leaf.key];
      if (!record || record.self.input) continue;
      const entry = leaf.key === LATE_PLAN.nodeKey && q < 0.7 ? { kind: 'choice' as const, option: LATE_PLAN.best } : demoEntry(leaf, q, c.code);
      await saveSelf(officer, cycleId, c.id, leaf.key, { version: record.version, input: entry });
    }
    const head = commandContext(db, await demoActor(db, communeAccount(c.code, 'lanhdao')), () => moments.selfAssessment);
    await transitionUnit(head, { cycleId, unitId: c.id, action: 'submit' });
    count('nộp');
  }

  // Appraisal by Phòng Nội vụ huyện: start, adjust the late plans, accept the rest (the unit moves to appraised).
  const appraiser = commandContext(db, await demoActor(db, d.appraiser), () => moments.appraisal);
  states = await stateOf();
  for (const c of input.communes) {
    if (states.get(c.id) === 'submitted') await transitionUnit(appraiser, { cycleId, unitId: c.id, action: 'start_appraisal' });
  }
  states = await stateOf();
  const pending: { unitId: string; nodeKey: string; version: number }[] = [];
  for (const c of input.communes) {
    if (states.get(c.id) !== 'in_appraisal') continue;
    const records = (await getAssessment(appraiser, cycleId, c.id)).records;
    for (const record of Object.values(records)) {
      if (record.status !== 'pending') continue;
      const input = record.self.input;
      if (record.nodeKey === LATE_PLAN.nodeKey && input?.kind === 'choice' && input.option === LATE_PLAN.best && quality.get(c.id)! < 0.7) {
        await decide(appraiser, cycleId, c.id, record.nodeKey, { version: record.version, decision: { kind: 'adjust', value: { input: { kind: 'choice', option: LATE_PLAN.adjusted } }, reason: LATE_PLAN.reason } });
        count('điều chỉnh');
      } else {
        pending.push({ unitId: c.id, nodeKey: record.nodeKey, version: record.version });
      }
    }
  }
  if (pending.length > 0) {
    const accepted = await bulkAccept(appraiser, cycleId, pending);
    if (accepted.skipped.length > 0) throw new Error(`Dữ liệu mẫu: không chấp nhận được ${accepted.skipped.length} tiêu chí: ${accepted.skipped[0]!.message}`);
  }

  // The district's own sociological survey (điều tra xã hội học), imported by its administrator.
  if ((await latestSnapshotNumber(db, cycleId, input.groupId)) === 0) {
    const imported = await importSuppliedPoints(db, admin, cycleId, surveyTable(input.communes, quality), { source: 'dieu-tra-xhh-dinh-lap-2024.xlsx', now: moments.appraisal });
    steps['điểm điều tra'] = imported.imported;
  }

  // The council: a member records the review, the chair approves.
  const member = commandContext(db, await demoActor(db, d.member), () => moments.council);
  const chair = commandContext(db, await demoActor(db, d.chair), () => moments.council);
  states = await stateOf();
  for (const c of input.communes) {
    if (states.get(c.id) === 'appraised') await transitionUnit(member, { cycleId, unitId: c.id, action: 'record_council_review' });
  }
  states = await stateOf();
  for (const c of input.communes) {
    if (states.get(c.id) === 'council_reviewed') {
      await transitionUnit(chair, { cycleId, unitId: c.id, action: 'approve' });
      count('phê duyệt');
    }
  }

  // Publication and closing, by the district's administrator.
  if ((await latestSnapshotNumber(db, cycleId, input.groupId)) === 0) {
    await publishGroup(commandContext(db, admin), { cycleId, groupId: input.groupId, decisionNumber: '15/QĐ-UBND' });
    count('công bố');
  }
  const cycle = (await findCycle(db, cycleId))!;
  if (cycle.status === 'open') {
    await closeCycle(commandContext(db, admin), cycleId, { version: cycle.version, reason: 'Đã công bố kết quả Chỉ số CCHC cấp xã năm 2024 (Quyết định 15/QĐ-UBND).' });
    count('đóng kỳ');
  }

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
  const summary = Object.keys(steps).length === 0 ? 'đã có, đã công bố' : Object.entries(steps).map(([k, v]) => `${k} ${v}`).join(', ');
  return { cycleId, summary };
}

const readDistrictUsernames = () => [levels.district.admin, levels.district.chair, levels.district.member, levels.district.appraiser];
