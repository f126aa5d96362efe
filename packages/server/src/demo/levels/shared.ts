/**
 * What the demo's levels share (load-demo-levels.ts, play-district-2024.ts): the codes and names of
 * the owners' units, cycles and accounts, an actor for a demo user, and a cycle set up through the
 * services as its owner's administrator.
 */
import type { Executor } from '../../db/client';
import { findCycleByName } from '../../db/repositories/cycle-repository';
import { findSubtreeIds, findUnitsByCodes } from '../../db/repositories/unit-repository';
import { findUserRowByUsername } from '../../db/repositories/user-repository';
import { roleScopeOf, type Actor, type Role } from '../../services/actor';
import type { RequestContext } from '../../services/context';
import { createCycle, openCycle, setCycleAgencies, setCycleGroups, setCycleUnits, updateCycle, type CalendarInput, type PolicyInput } from '../../services/cycles/cycle-service';

/** The codes and names the demo's levels use (tests and the README refer to them). */
export const levels = {
  health: { owner: 'SYT', groupSet: 'syt-2025', group: 'don-vi-thuoc-syt', groupLabel: 'Đơn vị thuộc Sở Y tế', cycleName: 'Chỉ số CCHC các đơn vị thuộc Sở Y tế năm 2025', participants: ['SYT-BVDK', 'SYT-CDC', 'SYT-ATTP', 'SYT-DS', 'SYT-TTYT-CL'], agency: { code: 'VPSYT', unit: 'SYT-VP' }, admin: 'syt.quantri', chair: 'syt.hoidong' },
  district: { owner: 'D-DL', groupSet: 'dinh-lap-2024', group: 'xa-thi-tran', groupLabel: 'UBND cấp xã', year: 2024, cycleName: 'Chỉ số CCHC các xã, thị trấn huyện Đình Lập năm 2024', agency: { code: 'PNV', unit: 'DL-PNV' }, admin: 'huyen.dinhlap.quantri', chair: 'huyen.dinhlap.chutichhd', member: 'huyen.dinhlap.hoidong', appraiser: 'huyen.dinhlap.thamdinh' },
  communes: { groupSet: 'par-2025', group: 'ubnd-cap-xa', groupLabel: 'UBND cấp xã', cycleName: 'Chỉ số CCHC các xã, phường năm 2025', chair: 'hoidong.snv' },
} as const;

/** Accounts of the district's 2024 communes: `<code>.canbo` (officer) and `<code>.lanhdao` (head). */
export const communeAccount = (code: string, role: 'canbo' | 'lanhdao') => `${code.toLowerCase()}.${role}`;

/** An actor for a demo user, as the session would load it (its scope with the units under it). */
export async function demoActor(db: Executor, username: string): Promise<Actor> {
  const user = await findUserRowByUsername(db, username);
  if (!user) throw new Error(`Chưa có người dùng mẫu ${username}.`);
  const scope = user.scopeUnitId ? roleScopeOf({ unitId: user.scopeUnitId, unitIds: await findSubtreeIds(db, user.scopeUnitId) }) : roleScopeOf(null);
  return { userId: user.id, username: user.username, unitId: user.unitId, roles: user.roles as Role[], scope, ip: null };
}

export interface CycleSpec {
  ownerUnitId: string | null;
  year: number;
  name: string;
  groupSetId: string;
  groupId: string;
  frameworkVersionId: string;
  agencies: { agencyCode: string; unitId: string }[];
  unitIds: string[];
  chair: string | null;
  calendar: CalendarInput;
  policy?: PolicyInput;
  open: boolean;
}

/** Creates and sets up a cycle through the services as the owner's administrator (kept if it exists; set-up completed if cut short). */
export async function ensureCycle(context: RequestContext, spec: CycleSpec): Promise<string> {
  const { db } = context;
  let row = await findCycleByName(db, { ownerUnitId: spec.ownerUnitId, programCode: 'par-index', year: spec.year, name: spec.name });
  let cycle = row
    ? { id: row.id, version: row.version, status: row.status }
    : await createCycle(context, { ownerUnitId: spec.ownerUnitId, programCode: 'par-index', year: spec.year, name: spec.name, groupSetId: spec.groupSetId, calendar: spec.calendar, ...(spec.policy ? { policy: spec.policy } : {}) });
  if (cycle.status !== 'setup') return cycle.id;
  cycle = await setCycleGroups(context, cycle.id, { version: cycle.version, groups: [{ groupId: spec.groupId, frameworkVersionId: spec.frameworkVersionId }] });
  cycle = await setCycleAgencies(context, cycle.id, { version: cycle.version, agencies: spec.agencies });
  cycle = await setCycleUnits(context, cycle.id, { version: cycle.version, unitIds: spec.unitIds });
  const chair = spec.chair ? await findUserRowByUsername(db, spec.chair) : undefined;
  if (chair) cycle = await updateCycle(context, cycle.id, { version: cycle.version, councilChairUserId: chair.id });
  if (spec.open) cycle = await openCycle(context, cycle.id, { version: cycle.version });
  row = await findCycleByName(db, { ownerUnitId: spec.ownerUnitId, programCode: 'par-index', year: spec.year, name: spec.name });
  return row!.id;
}

export const unitIdsOf = async (db: Executor, codes: readonly string[]) => {
  const rows = new Map((await findUnitsByCodes(db, codes)).map((u) => [u.code, u.id]));
  return codes.map((c) => {
    const id = rows.get(c);
    if (!id) throw new Error(`Chưa có đơn vị ${c} của tỉnh mẫu.`);
    return id;
  });
};
