/**
 * The demo year: "Chỉ số CCHC năm 2025" for the departments (Sở, ban, ngành) of the demo province,
 * under the published departments-2025 framework, with the appraising agencies mapped to the demo
 * units, a council chair, and a calendar relative to `now` — opened, so units can self-assess.
 * Needs the demo province and frameworks first. Idempotent: an existing 2025 PAR cycle is reused.
 */
import type { Database } from '../db/client';
import { findFrameworkByIdentity, findLatestVersion } from '../db/repositories/framework-repository';
import { findGroupByCode, findGroupSetByCode, listGroupMemberIds } from '../db/repositories/group-set-repository';
import { findUnitsByCodes } from '../db/repositories/unit-repository';
import { findUserRowByUsername } from '../db/repositories/user-repository';
import { findCycleByName, listCycleAgencies, listCycleUnits } from '../db/repositories/cycle-repository';
import { systemContext } from '../services/context';
import { createCycle, openCycle, setCycleAgencies, setCycleGroups, setCycleUnits, updateCycle } from '../services/cycles/cycle-service';

export interface DemoCycleResult {
  cycleId: string;
  groupId: string;
  frameworkVersionId: string;
  /** Participating unit ids. */
  unitIds: string[];
  /** Agency code → unit id. */
  agencyUnits: Record<string, string>;
  councilChairUserId: string | null;
  /** False when the cycle existed already. */
  created: boolean;
}

const DAY = 24 * 3_600_000;
/** The province's departments cycle of the demo. */
export const demoCycleName = 'Chỉ số CCHC năm 2025';

export async function loadDemoCycle(db: Database, now: Date = new Date()): Promise<DemoCycleResult> {
  // The province's own (owner null): other authorities run par-index cycles in 2025 too.
  const existing = await findCycleByName(db, { ownerUnitId: null, programCode: 'par-index', year: 2025, name: demoCycleName });
  const groupSet = await findGroupSetByCode(db, 'par-2025');
  if (!groupSet) throw new Error('Chưa có bộ nhóm par-2025 của tỉnh mẫu: hãy nạp tỉnh mẫu trước.');
  const group = await findGroupByCode(db, groupSet.id, 'so-ban-nganh');
  if (!group) throw new Error('Bộ nhóm par-2025 không có nhóm "so-ban-nganh".');
  const framework = await findFrameworkByIdentity(db, { programCode: 'par-index', year: 2025, groupLabel: 'Sở, ban, ngành' });
  const version = framework ? await findLatestVersion(db, framework.id) : undefined;
  if (!version || version.status !== 'published') throw new Error('Chưa có bộ tiêu chí departments-2025 đã ban hành: hãy nạp bộ tiêu chí mẫu trước.');

  if (existing) {
    const agencies = await listCycleAgencies(db, [existing.id]);
    return {
      cycleId: existing.id,
      groupId: group.id,
      frameworkVersionId: version.id,
      unitIds: (await listCycleUnits(db, [existing.id])).map((u) => u.unitId),
      agencyUnits: Object.fromEntries(agencies.map((a) => [a.agencyCode, a.unitId])),
      councilChairUserId: existing.councilChairUserId,
      created: false,
    };
  }

  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const context = systemContext(db, () => now);
  let cycle = await createCycle(context, {
    programCode: 'par-index',
    year: 2025,
    name: demoCycleName,
    groupSetId: groupSet.id,
    calendar: {
      selfAssessmentDeadline: at(14),
      appraisalFrom: at(0),
      appraisalTo: at(30),
      explanationFrom: at(0),
      explanationTo: at(30),
      councilDate: at(35),
      publicationDate: at(40),
    },
  });
  cycle = await setCycleGroups(context, cycle.id, { version: cycle.version, groups: [{ groupId: group.id, frameworkVersionId: version.id }] });

  const agencyCodes = ((version.document as { agencies?: { code: string }[] }).agencies ?? []).map((a) => a.code);
  const agencyUnits = await findUnitsByCodes(db, agencyCodes);
  const agencies = agencyUnits.map((u) => ({ agencyCode: u.code, unitId: u.id }));
  cycle = await setCycleAgencies(context, cycle.id, { version: cycle.version, agencies });

  const unitIds = await listGroupMemberIds(db, group.id);
  cycle = await setCycleUnits(context, cycle.id, { version: cycle.version, unitIds });

  const chair = await findUserRowByUsername(db, 'hoidong.snv');
  if (chair) cycle = await updateCycle(context, cycle.id, { version: cycle.version, councilChairUserId: chair.id });

  await openCycle(context, cycle.id, { version: cycle.version });
  return {
    cycleId: cycle.id,
    groupId: group.id,
    frameworkVersionId: version.id,
    unitIds,
    agencyUnits: Object.fromEntries(agencies.map((a) => [a.agencyCode, a.unitId])),
    councilChairUserId: chair?.id ?? null,
    created: true,
  };
}
