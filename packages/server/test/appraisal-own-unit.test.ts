// Separation of duties: an appraising agency does not appraise the criteria it is assigned for its
// own unit (Sở Tư pháp appraises 1.2 for every department, not for Sở Tư pháp itself). The
// administrator (Sở Nội vụ) or a council member appraises that cell instead, and the grid says so.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionRecords, cycles, cycleUnits } from '../src/db/schema/cycles';
import { unitGroupMembers } from '../src/db/schema/group-sets';
import { createTestApp, type TestApp } from './support/app';
import { loginAs, type LoggedIn } from './support/login';
import { createAppraisalCycle, recordRow, setSelf, setUnitState, type AppraisalCycle } from './appraisal-fixtures';

const day = 86_400_000;
let t: TestApp;
let c: AppraisalCycle;
let X: string;
let STP: string;
const session: Partial<Record<'stp' | 'admin' | 'member', LoggedIn>> = {};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createAppraisalCycle(db, 1);
  X = c.units[0]!.id;
  STP = c.agencyUnits.STP.id;
  // Sở Tư pháp takes part in the cycle as a department, like the unit X.
  const [cycle] = await db.select().from(cycles).where(eq(cycles.id, c.cycleId));
  await db.insert(unitGroupMembers).values({ groupSetId: cycle!.groupSetId, groupId: c.groupId, unitId: STP });
  await db.insert(cycleUnits).values({ cycleId: c.cycleId, unitId: STP, groupId: c.groupId });
  await db.insert(criterionRecords).values(['ke-hoach', 'bao-cao'].map((nodeKey) => ({ cycleId: c.cycleId, unitId: STP, nodeKey })));
  const now = Date.now();
  const d = (n: number) => new Date(now + n * day);
  await db.update(cycles).set({
    selfAssessmentOpens: d(-40), selfAssessmentDeadline: d(-11), appraisalFrom: d(-10), appraisalTo: d(10),
    explanationFrom: d(-10), explanationTo: d(10), councilDate: d(20), publicationDate: d(30),
  }).where(eq(cycles.id, c.cycleId));
  for (const unitId of [X, STP]) {
    await setSelf(db, c, unitId, 'ke-hoach', { kind: 'yes_no', value: true }, '4');
    await setSelf(db, c, unitId, 'bao-cao', { kind: 'choice', option: 'du' }, '6');
    await setUnitState(db, c, unitId, 'in_appraisal');
  }
  for (const who of ['stp', 'admin', 'member'] as const) session[who] = await loginAs(t.app, c.users[who].username, c.users[who].password);
});
afterAll(async () => t?.close());

const decide = async (who: 'stp' | 'admin' | 'member', unitId: string, nodeKey: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/cycles/${c.cycleId}/units/${unitId}/criteria/${nodeKey}/decide`,
    headers: session[who]!.headers,
    payload: { version: (await recordRow(t.database.db, c, unitId, nodeKey)).version, decision: { kind: 'accept' } },
  });
const grid = async (who: 'stp' | 'admin') =>
  (await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/appraisal?agency=STP`, headers: session[who]!.headers })).json();

describe('an appraising agency and its own unit', () => {
  it('the grid shows the cell of its own unit as appraised by someone else, without actions for it', async () => {
    const mine = await grid('stp');
    expect(mine.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([X, STP].sort());
    expect(mine.cells[STP]['bao-cao']).toMatchObject({ ownAgencyUnit: true, may: { decide: false, request: false } });
    expect(mine.cells[X]['bao-cao']).toMatchObject({ ownAgencyUnit: false, may: { decide: true } });
    // Its work list does not count them as its own to appraise.
    const list = (await t.app.inject({ method: 'GET', url: '/api/my/assessments', headers: session.stp!.headers })).json().items as { unit: { id: string }; toAppraise: number }[];
    expect(list.find((i) => i.unit.id === STP)?.toAppraise).toBe(0);
    expect(list.find((i) => i.unit.id === X)?.toAppraise).toBe(1);
    // The administrator sees the same cell open to its decision.
    expect((await grid('admin')).cells[STP]['bao-cao']).toMatchObject({ ownAgencyUnit: true, may: { decide: true } });
  });

  it('refuses the agency on its own unit (403, own_unit), accepts it on another unit', async () => {
    const refused = await decide('stp', STP, 'bao-cao');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('cơ quan không tự thẩm định; Sở Nội vụ (quản trị) hoặc Hội đồng thẩm định thẩm định thay');
    expect((await recordRow(t.database.db, c, STP, 'bao-cao')).status).toBe('pending');
    expect((await decide('stp', X, 'bao-cao')).statusCode).toBe(200);
  });

  it('the administrator or a council member decides it instead; neither decides an ordinary cell', async () => {
    expect((await decide('admin', X, 'ke-hoach')).statusCode).toBe(403);
    expect((await decide('member', X, 'ke-hoach')).statusCode).toBe(403);
    const byAdmin = await decide('admin', STP, 'bao-cao');
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json()).toMatchObject({ status: 'appraised', ownAgencyUnit: true });
    expect((await recordRow(t.database.db, c, STP, 'bao-cao')).status).toBe('appraised');
  });

  it('nobody appraises a criterion of their own unit instead: the administrator of Sở Nội vụ on Sở Nội vụ’s own cell is refused', async () => {
    const db = t.database.db;
    const SNV = c.agencyUnits.SNV.id;
    await db.insert(unitGroupMembers).values({ groupSetId: (await db.select().from(cycles).where(eq(cycles.id, c.cycleId)))[0]!.groupSetId, groupId: c.groupId, unitId: SNV });
    await db.insert(cycleUnits).values({ cycleId: c.cycleId, unitId: SNV, groupId: c.groupId, state: 'in_appraisal' });
    await db.insert(criterionRecords).values({ cycleId: c.cycleId, unitId: SNV, nodeKey: 'ke-hoach', selfInput: { kind: 'yes_no', value: true }, selfPoints: '4', status: 'pending' });
    const refused = await decide('admin', SNV, 'ke-hoach');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('bạn không tự thẩm định');
    await db.delete(criterionRecords).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, SNV)));
  });
});
