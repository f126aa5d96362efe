/**
 * The demo's levels (issue 10 "Demo"): every organising authority runs its own program on one
 * platform.
 * - Sở Y tế: its own framework (from the province's departments template, two criteria of its
 *   own), its group set and its cycle "Chỉ số CCHC các đơn vị thuộc Sở Y tế năm 2025" over five of
 *   its units, open, two units' self-assessments under way; Văn phòng Sở Y tế appraises.
 * - UBND huyện Đình Lập: its 2024 commune index (own framework from the communes template, own
 *   council), played through the real services to publication and closed (play-district-2024.ts).
 *   The district ended on 30/6/2025: its accounts are kept, deactivated, and its cycle stays readable.
 * - The province: its 2025 commune cycle over the communes merged on 1/7/2025, set up and open.
 * Needs the demo province, frameworks and departments cycle first. Idempotent: what exists is kept,
 * what is missing is completed (a run cut short is finished by the next).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/client';
import { findExistingUsernames, insertUsers, lockDemoLoading } from '../db/repositories/demo-repository';
import { findFrameworkByIdentity, findLatestVersion } from '../db/repositories/framework-repository';
import { findGroupByCode, findGroupSetByCode, listGroupMemberIds } from '../db/repositories/group-set-repository';
import { createGroup, createGroupSet, listGroupSets, setGroupMembers } from '../services/group-sets';
import { findUnitsByCodes, insertUnits, listUnits } from '../db/repositories/unit-repository';
import { systemActor, type Actor } from '../services/actor';
import { recordAudit } from '../services/audit';
import { systemContext, commandContext } from '../services/context';
import type { CalendarInput } from '../services/cycles/cycle-service';
import { importFramework } from '../services/frameworks/framework-service';
import type { FrameworkDocument } from '../services/frameworks/documents';
import { getAssessment, saveSelf } from '../services/assessments/assessment-service';
import { demoPassword } from './load-demo';
import { districtFramework, healthFramework } from './levels/frameworks';
import { demoEntry, playDistrict2024, selfAssessedLeaves } from './play-district-2024';
import { communeAccount, demoActor, ensureCycle, levels, unitIdsOf } from './levels/shared';

export { communeAccount, levels };

export interface DemoLevels {
  units: { code: string; name: string; shortName: string; type: string; parent: string; validFrom: string; validTo: string | null }[];
  users: { username: string; fullName: string; unit: string; scope: string | null; roles: string[]; email: string; active: boolean }[];
}

export function readDemoLevels(): DemoLevels {
  return JSON.parse(readFileSync(new URL('./levels/levels.json', import.meta.url), 'utf8')) as DemoLevels;
}

export interface DemoLevelsResult {
  healthCycleId: string;
  districtCycleId: string;
  communesCycleId: string;
  lines: string[];
}

const DAY = 24 * 3_600_000;

/** Units and accounts of the levels that are missing, in one transaction (audited). */
async function ensureUnitsAndUsers(db: Database, data: DemoLevels, districtCommunes: { code: string; name: string; id: string }[]): Promise<{ units: number; users: number }> {
  const passwordHash = await hashPassword(demoPassword);
  return db.transaction(async (tx) => {
    await lockDemoLoading(tx);
    const known = new Map((await findUnitsByCodes(tx, [...new Set([...data.units.map((u) => u.code), ...data.units.map((u) => u.parent), ...data.users.map((u) => u.unit)])])).map((u) => [u.code, u.id]));
    const newUnits = data.units.filter((u) => !known.has(u.code)).map((u) => ({ id: randomUUID(), u }));
    for (const { id, u } of newUnits) known.set(u.code, id);
    await insertUnits(tx, newUnits.map(({ id, u }) => ({ id, code: u.code, name: u.name, shortName: u.shortName, typeCode: u.type, parentId: known.get(u.parent)!, validFrom: u.validFrom, validTo: u.validTo, formerNames: [] })));
    // The 2024 communes' own accounts: they self-assessed then (deactivated with their units).
    const communeUsers = districtCommunes.flatMap((c) => (['canbo', 'lanhdao'] as const).map((r) => ({
      username: communeAccount(c.code, r), fullName: `${r === 'canbo' ? 'Cán bộ' : 'Lãnh đạo'} ${c.name}`, unitId: c.id, scopeUnitId: null, roles: [r === 'canbo' ? 'unit_officer' : 'unit_head'], email: `${communeAccount(c.code, r)}@example.invalid`,
    })));
    const wanted = [
      ...data.users.map((u) => ({ username: u.username, fullName: u.fullName, unitId: known.get(u.unit)!, scopeUnitId: u.scope ? known.get(u.scope)! : null, roles: u.roles, email: u.email })),
      ...communeUsers,
    ];
    const taken = new Set(await findExistingUsernames(tx, wanted.map((u) => u.username)));
    const newUsers = wanted.filter((u) => !taken.has(u.username));
    await insertUsers(tx, newUsers.map((u) => ({ ...u, passwordHash, mustChangePassword: false })));
    if (newUnits.length + newUsers.length > 0) {
      await recordAudit(tx, systemActor, {
        entityType: 'demo', entityId: 'lang-son-levels', action: 'load',
        after: { units: newUnits.map(({ u }) => u.code), users: newUsers.map((u) => ({ username: u.username, roles: u.roles, scopeUnitId: u.scopeUnitId })) },
        reason: 'Nạp dữ liệu mẫu: các cấp (Sở Y tế, huyện Đình Lập)',
      });
    }
    return { units: newUnits.length, users: newUsers.length };
  });
}

/** A framework of an owner (null: the province's), imported and published by its administrator (kept if it exists). */
export async function ensureFramework(db: Database, actor: Actor, ownerUnitId: string | null, spec: { year: number; groupLabel: string; document: { id: string; name: string } }): Promise<string> {
  const identity = { ownerUnitId, programCode: 'par-index', year: spec.year, groupLabel: spec.groupLabel };
  let framework = await findFrameworkByIdentity(db, identity);
  if (!framework) {
    await importFramework(db, actor, { ...identity, name: spec.document.name, document: spec.document as unknown as FrameworkDocument, fileName: `${spec.document.id}.json` }, { publish: true });
    framework = (await findFrameworkByIdentity(db, identity))!;
  }
  const version = await findLatestVersion(db, framework.id);
  if (!version || version.status !== 'published') throw new Error(`Bộ tiêu chí ${framework.name} chưa ban hành.`);
  return version.id;
}

/** A group set of an owner (null: the province's) with one group, made by its administrator (completed if cut short). */
export async function ensureGroupSet(db: Database, actor: Actor, ownerUnitId: string | null, spec: { code: string; name: string; group: string; groupName: string; members: string[] }): Promise<{ setId: string; groupId: string }> {
  const existing = await findGroupSetByCode(db, spec.code);
  let set = existing ? (await listGroupSets(db, [existing.id]))[0]! : await createGroupSet(db, actor, { code: spec.code, name: spec.name, ownerUnitId });
  if (!set.groups.some((g) => g.code === spec.group)) set = await createGroup(db, actor, set.id, { code: spec.group, name: spec.groupName });
  const group = set.groups.find((g) => g.code === spec.group)!;
  if (group.memberIds.length === 0) await setGroupMembers(db, actor, set.id, group.id, { version: group.version, memberIds: spec.members });
  return { setId: set.id, groupId: group.id };
}

/** Two of Sở Y tế's units have started: their officers entered section 1 (its own criterion 1.7 included). */
const HEALTH_UNDER_WAY = [
  { username: 'syt-bvdk.canbo', code: 'SYT-BVDK', quality: 0.9 },
  { username: 'syt-cdc.canbo', code: 'SYT-CDC', quality: 0.75 },
];

/** A self-assessment under way: entries saved by the officers (an entry saved by an earlier run is kept). */
async function healthEntriesUnderWay(db: Database, cycleId: string, now: Date): Promise<number> {
  const section = healthFramework().nodes.find((n) => n.key === 'cong-tac-chi-dao-dieu-hanh')!;
  const leaves = selfAssessedLeaves([section]);
  let saved = 0;
  for (const unit of HEALTH_UNDER_WAY) {
    const [unitId] = await unitIdsOf(db, [unit.code]);
    const context = commandContext(db, await demoActor(db, unit.username), () => now);
    const records = (await getAssessment(context, cycleId, unitId!)).records;
    for (const leaf of leaves) {
      const record = records[leaf.key];
      if (!record || record.self.input) continue;
      await saveSelf(context, cycleId, unitId!, leaf.key, { version: record.version, input: demoEntry(leaf, unit.quality, unit.code), explanation: 'Theo kế hoạch, báo cáo CCHC năm 2025 của đơn vị (dữ liệu minh họa).' });
      saved++;
    }
  }
  return saved;
}

export async function loadDemoLevels(db: Database, now: Date = new Date()): Promise<DemoLevelsResult> {
  const data = readDemoLevels();
  const lines: string[] = [];
  const [districtId] = await unitIdsOf(db, [levels.district.owner]);
  // The district's communes and townships of 2024 (ended 30/6/2025, merged on 1/7/2025).
  const districtCommunes = (await listUnits(db, { at: '2024-12-31' }))
    .filter((u) => u.parentId === districtId && ['commune', 'ward', 'town'].includes(u.typeCode))
    .sort((a, b) => a.code.localeCompare(b.code));
  const added = await ensureUnitsAndUsers(db, data, districtCommunes);
  lines.push(`Các cấp: ${added.units} đơn vị, ${added.users} tài khoản mới`);

  // Sở Y tế.
  const h = levels.health;
  const [healthId, healthAgencyId] = await unitIdsOf(db, [h.owner, h.agency.unit]);
  const healthUnits = await unitIdsOf(db, h.participants);
  const healthAdmin = await demoActor(db, h.admin);
  const healthVersion = await ensureFramework(db, healthAdmin, healthId!, { year: 2025, groupLabel: h.groupLabel, document: healthFramework() });
  const healthSet = await ensureGroupSet(db, healthAdmin, healthId!, { code: h.groupSet, name: 'Nhóm xếp hạng đơn vị thuộc Sở Y tế 2025', group: h.group, groupName: 'Đơn vị thuộc Sở Y tế', members: healthUnits });
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const relativeCalendar: CalendarInput = { selfAssessmentDeadline: at(14), appraisalFrom: at(0), appraisalTo: at(30), explanationFrom: at(0), explanationTo: at(30), councilDate: at(35), publicationDate: at(40) };
  const healthContext = commandContext(db, healthAdmin, () => now);
  const healthCycleId = await ensureCycle(healthContext, {
    ownerUnitId: healthId!, year: 2025, name: h.cycleName, groupSetId: healthSet.setId, groupId: healthSet.groupId, frameworkVersionId: healthVersion,
    agencies: [{ agencyCode: h.agency.code, unitId: healthAgencyId! }], unitIds: healthUnits, chair: h.chair, calendar: relativeCalendar, open: true,
  });
  const saved = await healthEntriesUnderWay(db, healthCycleId, now);
  lines.push(`Sở Y tế: kỳ “${h.cycleName}”, ${healthUnits.length} đơn vị, ${saved} tiêu chí tự đánh giá mới`);

  // UBND huyện Đình Lập, 2024, published.
  const d = levels.district;
  const districtAdmin = await demoActor(db, d.admin);
  const districtVersion = await ensureFramework(db, districtAdmin, districtId!, { year: d.year, groupLabel: d.groupLabel, document: districtFramework() });
  const districtSet = await ensureGroupSet(db, districtAdmin, districtId!, { code: d.groupSet, name: 'Nhóm xếp hạng Chỉ số CCHC cấp xã huyện Đình Lập 2024', group: d.group, groupName: 'Xã, thị trấn huyện Đình Lập', members: districtCommunes.map((c) => c.id) });
  const played = await playDistrict2024(db, { districtId: districtId!, groupSetId: districtSet.setId, groupId: districtSet.groupId, frameworkVersionId: districtVersion, communes: districtCommunes });
  lines.push(`Huyện Đình Lập: kỳ “${d.cycleName}”, ${districtCommunes.length} xã, thị trấn, ${played.summary}`);

  // The province's communes, 2025 (the communes merged on 1/7/2025).
  const c = levels.communes;
  const communeSet = await findGroupSetByCode(db, c.groupSet);
  const communeGroup = communeSet ? await findGroupByCode(db, communeSet.id, c.group) : undefined;
  const communeFramework = await findFrameworkByIdentity(db, { ownerUnitId: null, programCode: 'par-index', year: 2025, groupLabel: c.groupLabel });
  const communeVersion = communeFramework ? await findLatestVersion(db, communeFramework.id) : undefined;
  if (!communeSet || !communeGroup || !communeVersion || communeVersion.status !== 'published') throw new Error('Chưa có bộ nhóm par-2025 hoặc bộ tiêu chí cấp xã 2025 đã ban hành của tỉnh mẫu.');
  const communeAgencyCodes = ((communeVersion.document as { agencies?: { code: string }[] }).agencies ?? []).map((a) => a.code);
  const communeAgencies = (await findUnitsByCodes(db, communeAgencyCodes)).map((u) => ({ agencyCode: u.code, unitId: u.id }));
  const communeUnits = await listGroupMemberIds(db, communeGroup.id);
  const communesCycleId = await ensureCycle(systemContext(db, () => now), {
    ownerUnitId: null, year: 2025, name: c.cycleName, groupSetId: communeSet.id, groupId: communeGroup.id, frameworkVersionId: communeVersion.id,
    agencies: communeAgencies, unitIds: communeUnits, chair: c.chair, calendar: relativeCalendar, open: true,
  });
  lines.push(`Tỉnh: kỳ “${c.cycleName}”, ${communeUnits.length} xã, phường sau sắp xếp`);
  return { healthCycleId, districtCycleId: played.cycleId, communesCycleId, lines };
}
