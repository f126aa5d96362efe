import { and, eq } from 'drizzle-orm';
import type { Executor } from '../src/db/client';
import { auditEvents } from '../src/db/schema/audit';
import { criterionRecords, cycles, cycleUnits } from '../src/db/schema/cycles';
import { PROVINCE_SCOPE, type Actor, type Role } from '../src/services/actor';
import { createUser, type CreatedUser } from './support/factories';
import { createPubCycle, type PubCycle } from './publication-fixtures';

/**
 * Appraisal and council fixtures on top of C's publication fixtures (fixed 2030 calendar): an
 * open cycle whose units have records for the two self-assessed leaves only (1.1 `ke-hoach`
 * appraised by SNV, 1.2 `bao-cao` by STP — as a real opening creates them), and one user per role.
 */
export const selfLeaves = ['ke-hoach', 'bao-cao'] as const;

export interface AppraisalCycle extends PubCycle {
  users: Record<'admin' | 'officer' | 'head' | 'snv' | 'stp' | 'member' | 'chair' | 'leader', CreatedUser>;
  actors: Record<'admin' | 'officer' | 'head' | 'snv' | 'stp' | 'member' | 'chair' | 'leader', Actor>;
}

export const actorOf = (u: CreatedUser): Actor => ({ userId: u.id, username: u.username, unitId: u.unitId, roles: u.roles as Role[], scope: PROVINCE_SCOPE, ip: null });

export async function createAppraisalCycle(db: Executor, unitCount = 3): Promise<AppraisalCycle> {
  const c = await createPubCycle(db, { unitCount, withRecords: false });
  await db.insert(criterionRecords).values(c.units.flatMap((u) => selfLeaves.map((nodeKey) => ({ cycleId: c.cycleId, unitId: u.id, nodeKey }))));
  const first = c.units[0]!.id;
  const users = {
    admin: await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id }),
    officer: await createUser(db, { roles: ['unit_officer'], unitId: first }),
    head: await createUser(db, { roles: ['unit_head'], unitId: first }),
    snv: await createUser(db, { roles: ['appraiser'], unitId: c.agencyUnits.SNV.id }),
    stp: await createUser(db, { roles: ['appraiser'], unitId: c.agencyUnits.STP.id }),
    member: await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id }),
    chair: await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id }),
    leader: await createUser(db, { roles: ['leader_viewer'], unitId: c.agencyUnits.SNV.id }),
  };
  await db.update(cycles).set({ councilChairUserId: users.chair.id }).where(eq(cycles.id, c.cycleId));
  const actors = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, actorOf(u)])) as AppraisalCycle['actors'];
  return { ...c, users, actors };
}

/** The unit's entry as if saved and submitted (status `pending` unless told). */
export async function setSelf(db: Executor, c: PubCycle, unitId: string, nodeKey: string, input: unknown, points: string | null, status = 'pending') {
  await db.update(criterionRecords).set({ selfInput: input, selfPoints: points, status })
    .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, unitId), eq(criterionRecords.nodeKey, nodeKey)));
}

export async function setUnitState(db: Executor, c: PubCycle, unitId: string, state: string) {
  await db.update(cycleUnits).set({ state }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, unitId)));
}

export async function unitState(db: Executor, c: PubCycle, unitId: string): Promise<string> {
  const [row] = await db.select({ state: cycleUnits.state }).from(cycleUnits).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, unitId)));
  return row!.state;
}

export async function recordRow(db: Executor, c: PubCycle, unitId: string, nodeKey: string) {
  const [row] = await db.select().from(criterionRecords)
    .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, unitId), eq(criterionRecords.nodeKey, nodeKey)));
  return row!;
}

export async function auditOf(db: Executor, recordId: string) {
  return db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'criterion_record'), eq(auditEvents.entityId, recordId)));
}
