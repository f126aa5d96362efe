/**
 * Opt-in part of the demo (`chiso demo --communes-2025`): the province's 2025 commune cycle, set up
 * and open by load-demo-levels.ts over the 65 communes merged on 1/7/2025, played through the real
 * services to publication and closed, as the district of Đình Lập's 2024 cycle is (play-cycle.ts).
 * Its results are then compared with the merged communes' predecessors' 2024 results (imported by
 * load-demo-history.ts): `chiso results export --program par-index --year 2025` gives them a
 * year-over-year change. It costs about two minutes, so the default demo leaves the cycle open.
 *
 * The province's administrator first sets the cycle on the 2025 calendar (self-assessment in
 * November–December 2025, council and publication in January 2026) with evidence kept in the
 * communes' files; the communes' officers and heads and the two agencies' appraisers the demo
 * province lacks get accounts (audited). Idempotent and resumable: each step is done only if the
 * state asks for it; a published, closed cycle is left alone.
 */
import { hashPassword } from '../auth/password';
import type { Database } from '../db/client';
import { findCycle, findCycleByName, listCycleUnits } from '../db/repositories/cycle-repository';
import { findExistingUsernames, insertUsers, lockDemoLoading } from '../db/repositories/demo-repository';
import { findFrameworkByIdentity, findLatestVersion } from '../db/repositories/framework-repository';
import { findGroupByCode, findGroupSetByCode } from '../db/repositories/group-set-repository';
import { latestSnapshotNumber } from '../db/repositories/result-repository';
import { findUnitsByCodes, listUnits } from '../db/repositories/unit-repository';
import { systemActor } from '../services/actor';
import { recordAudit } from '../services/audit';
import { commandContext } from '../services/context';
import { updateCycle } from '../services/cycles/cycle-service';
import { demoPassword, readDemoProvince } from './load-demo';
import { communeAccount, demoActor, levels } from './levels/shared';
import { draw, playCycle, stepsSummary, yearEndCalendar, yearEndMoments, type Adjustment, type PlayedCommune } from './play-cycle';

/** The 2025 commune cycle's calendar (Vietnam time): the merged communes assess from November 2025, the council meets in January 2026. */
export const communes2025Calendar = yearEndCalendar(2025);
const moments = yearEndMoments(2025);

/** The province's administrator and council (levels.communes.chair chairs; Văn phòng UBND tỉnh's member reviews). */
const ADMIN = 'snv.quantri';
const COUNCIL_MEMBER = 'hoidong.vp';
export const communes2025Decision = '120/QĐ-UBND';

/** Sở Nội vụ's adjustment on the weaker communes: their first plan after the merger came late. */
const LATE_PLAN: Adjustment = {
  nodeKey: 'ban-hanh-ke-hoach-cchc-nam', best: 'dung-thoi-han', adjusted: 'cham-so-voi-thoi-han', applies: (q) => q < 0.66,
  reason: 'Kế hoạch CCHC năm 2025 của xã sau sắp xếp ban hành ngày 28/7/2025, chậm so với thời hạn của UBND tỉnh (trước 15/7/2025).',
};

/** A merged commune's quality (0.62–0.95), the same every time: units differ, over Xuất sắc, Tốt, Khá and Trung bình. */
const qualityOf = (code: string) => 0.62 + 0.33 * draw(code, 'chat-luong-2025');

export interface Communes2025Result {
  cycleId: string;
  lines: string[];
}

/** Accounts the play needs that the demo province lacks: each commune's officer and head, and an appraiser per agency. One transaction, audited. */
async function ensureAccounts(db: Database, communes: { code: string; name: string; id: string }[], agencies: { code: string; unitId: string; name: string }[]) {
  const province = readDemoProvince();
  const existing = (unit: string, role: string) => province.users.find((u) => u.unit === unit && u.roles.includes(role))?.username;
  const officers = new Map<string, { officer: string; head: string }>();
  const wanted: { username: string; fullName: string; unitId: string; roles: string[]; email: string }[] = [];
  for (const c of communes) {
    const officer = existing(c.code, 'unit_officer') ?? communeAccount(c.code, 'canbo');
    const head = existing(c.code, 'unit_head') ?? communeAccount(c.code, 'lanhdao');
    officers.set(c.code, { officer, head });
    if (officer === communeAccount(c.code, 'canbo')) wanted.push({ username: officer, fullName: `Cán bộ ${c.name}`, unitId: c.id, roles: ['unit_officer'], email: `${officer}@example.invalid` });
    if (head === communeAccount(c.code, 'lanhdao')) wanted.push({ username: head, fullName: `Lãnh đạo ${c.name}`, unitId: c.id, roles: ['unit_head'], email: `${head}@example.invalid` });
  }
  const appraisers = agencies.map((a) => {
    const username = existing(a.code, 'appraiser') ?? `${a.code.toLowerCase()}.thamdinh`;
    if (!existing(a.code, 'appraiser')) wanted.push({ username, fullName: `Thẩm định viên ${a.name}`, unitId: a.unitId, roles: ['appraiser'], email: `${username}@example.invalid` });
    return username;
  });
  const taken = new Set(await findExistingUsernames(db, wanted.map((u) => u.username)));
  const missing = wanted.filter((u) => !taken.has(u.username));
  if (missing.length > 0) {
    // argon2 is slow on purpose: hash once and share the hash (every demo account has the demo password).
    const passwordHash = await hashPassword(demoPassword);
    await db.transaction(async (tx) => {
      await lockDemoLoading(tx);
      const late = new Set(await findExistingUsernames(tx, missing.map((u) => u.username)));
      const fresh = missing.filter((u) => !late.has(u.username));
      await insertUsers(tx, fresh.map((u) => ({ ...u, scopeUnitId: null, passwordHash, mustChangePassword: false })));
      if (fresh.length > 0) {
        await recordAudit(tx, systemActor, {
          entityType: 'demo', entityId: 'lang-son-communes-2025', action: 'load',
          after: { users: fresh.map((u) => ({ username: u.username, roles: u.roles })) },
          reason: 'Nạp dữ liệu mẫu: tài khoản các xã, phường sau sắp xếp và cơ quan thẩm định (kỳ cấp xã 2025)',
        });
      }
    });
  }
  return { officers, appraisers, created: missing.length };
}

/**
 * Plays the province's 2025 commune cycle to publication (needs the demo with its levels loaded).
 * `progress` receives a line now and then (the console), e.g. "Kỳ cấp xã 2025: tự đánh giá 12/65 xã…".
 */
export async function loadDemoCommunes2025(db: Database, progress?: (text: string) => void): Promise<Communes2025Result> {
  const c = levels.communes;
  const row = await findCycleByName(db, { ownerUnitId: null, programCode: 'par-index', year: 2025, name: c.cycleName });
  const set = await findGroupSetByCode(db, c.groupSet);
  const group = set ? await findGroupByCode(db, set.id, c.group) : undefined;
  const framework = await findFrameworkByIdentity(db, { ownerUnitId: null, programCode: 'par-index', year: 2025, groupLabel: c.groupLabel });
  const version = framework ? await findLatestVersion(db, framework.id) : undefined;
  if (!row || !group || !version) throw new Error(`Chưa có kỳ “${c.cycleName}” của tỉnh mẫu: hãy nạp dữ liệu mẫu trước.`);
  const cycleId = row.id;
  const label = `Kỳ cấp xã 2025`;
  if (row.status === 'closed' && (await latestSnapshotNumber(db, cycleId, group.id)) > 0) {
    return { cycleId, lines: [`${label}: kỳ “${c.cycleName}” đã công bố, đã đóng`] };
  }

  const participantIds = new Set((await listCycleUnits(db, [cycleId])).map((u) => u.unitId));
  const communes = (await listUnits(db, { at: '2025-12-31' })).filter((u) => participantIds.has(u.id)).sort((a, b) => a.code.localeCompare(b.code));
  const document = version.document as { nodes: unknown[]; agencies?: { code: string; name: string }[] };
  const agencyUnits = new Map((await findUnitsByCodes(db, (document.agencies ?? []).map((a) => a.code))).map((u) => [u.code, u.id]));
  const agencies = (document.agencies ?? []).filter((a) => agencyUnits.has(a.code)).map((a) => ({ code: a.code, name: a.name, unitId: agencyUnits.get(a.code)! }));
  const accounts = await ensureAccounts(db, communes, agencies);

  // The province's administrator puts the cycle on the 2025 calendar (set relative to the day the demo was loaded).
  const cycle = (await findCycle(db, cycleId))!;
  if (cycle.status === 'open' && cycle.appraisalFrom.toISOString() !== communes2025Calendar.appraisalFrom) {
    await updateCycle(commandContext(db, await demoActor(db, ADMIN)), cycleId, {
      version: cycle.version, calendar: communes2025Calendar,
      // The communes keep their evidence in their files (the demo uploads none).
      policy: { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false },
    });
  }

  const played: PlayedCommune[] = communes.map((u) => ({ id: u.id, code: u.code, quality: qualityOf(u.code), ...accounts.officers.get(u.code)! }));
  const steps = await playCycle(db, {
    cycleId, groupId: group.id, nodes: document.nodes, communes: played,
    appraisers: accounts.appraisers, admin: ADMIN, councilMember: COUNCIL_MEMBER, chair: c.chair, adjustment: LATE_PLAN,
    survey: { fileName: 'dieu-tra-xhh-cap-xa-2025.xlsx' },
    feeds: { fileName: 'so-lieu-he-thong-2025.xlsx', period: '2025', source: 'Hệ thống thông tin giải quyết TTHC tỉnh, Cổng dịch vụ công, Hệ thống QLVB (trích xuất)' },
    moments, decisionNumber: communes2025Decision,
    closeReason: `Đã công bố kết quả Chỉ số CCHC cấp xã năm 2025 (Quyết định ${communes2025Decision}).`,
    ...(progress ? { progress: (text: string) => progress(`${label}: ${text}`) } : {}),
  });
  if (accounts.created > 0) steps['tài khoản mới'] = accounts.created;
  return { cycleId, lines: [`${label}: kỳ “${c.cycleName}”, ${communes.length} xã, phường, ${stepsSummary(steps)}`] };
}
