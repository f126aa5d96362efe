// The assessed unit's results (issue 7, blocker 5) over HTTP: nothing of the appraisal in
// progress is shown to the unit (requests aside); from "appraised" on it sees per criterion its
// self, appraised and council-approved points with every reason and the effective points, the
// totals; after publication its work list and page show the published index, rank and class.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionRecords, cycleUnits, explanationRequests, suppliedPoints } from '../src/db/schema/cycles';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { commandContext } from '../src/services/context';
import { publishGroup } from '../src/services/publication/publish';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { at, createPubCycle, type PubCycle } from './publication-fixtures';

let t: TestApp;
let c: PubCycle;
let x: string;
let y: string;
let z: string;
let adminActor: Actor;
let admin: LoggedIn;
let zOfficer: LoggedIn;
let xOfficer: LoggedIn;

const where = (unitId: string, nodeKey: string) => and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, unitId), eq(criterionRecords.nodeKey, nodeKey));
async function setSelf(unitId: string, nodeKey: string, input: unknown) {
  await t.database.db.update(criterionRecords).set({ selfInput: input, status: 'pending' }).where(where(unitId, nodeKey));
}
async function setState(state: string, unitIds = [x, y, z]) {
  for (const unitId of unitIds) await t.database.db.update(cycleUnits).set({ state }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, unitId)));
}
const view = async (who: LoggedIn, unitId = z) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/units/${unitId}/assessment`, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const myWork = async (who: LoggedIn) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/my/assessments', headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { unit: { id: string }; state: string; published?: Record<string, unknown> | null }[];
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db);
  [x, y, z] = c.units.map((u) => u.id) as [string, string, string];
  await setSelf(x, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(x, 'bao-cao', { kind: 'choice', option: 'du' });
  await setSelf(y, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(y, 'bao-cao', { kind: 'choice', option: 'du' });
  await setSelf(z, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(z, 'bao-cao', { kind: 'not_applicable', reason: 'Không có nhiệm vụ báo cáo' });
  // Z's not-applicable claim refused: the report is scored at "late" (3 of 6), with a reason.
  await db.update(criterionRecords).set({
    status: 'appraised', appraisalKind: 'reject_not_applicable', appraisalValue: { notApplicable: false, points: 3000, input: { kind: 'choice', option: 'tre' } },
    appraisedPoints: '3', appraisalReason: 'Đơn vị có nhiệm vụ báo cáo quý', appraisalAgency: 'STP', appraisedAt: new Date(at.appraisal),
  }).where(where(z, 'bao-cao'));
  // A council proposal on Z's plan, not approved yet.
  await db.update(criterionRecords).set({
    status: 'council_proposed', councilValue: { notApplicable: false, points: 2000 }, councilPoints: '2',
    councilReason: 'Kế hoạch ban hành chậm', councilProposedAt: new Date(at.council), councilApproved: false,
  }).where(where(z, 'ke-hoach'));
  const [zPlan] = await db.select().from(criterionRecords).where(where(z, 'ke-hoach'));
  await db.insert(explanationRequests).values({ criterionRecordId: zPlan!.id, sequence: 1, kind: 'explanation', message: 'Giải trình ngày ban hành kế hoạch', deadline: new Date(at.appraisal + 86_400_000 * 5), agency: 'SNV', requestedAt: new Date(at.appraisal) });
  await db.insert(suppliedPoints).values([x, y, z].map((unitId) => ({ cycleId: c.cycleId, unitId, nodeKey: 'dieu-tra', points: '8', source: 'test' })));
  const a = await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id });
  adminActor = { userId: a.id, username: a.username, unitId: a.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
  admin = await loginAs(t.app, a.username, a.password);
  const zo = await createUser(db, { roles: ['unit_officer'], unitId: z });
  zOfficer = await loginAs(t.app, zo.username, zo.password);
  const xo = await createUser(db, { roles: ['unit_head'], unitId: x });
  xOfficer = await loginAs(t.app, xo.username, xo.password);
});
afterAll(async () => t.close());

describe('before the appraisal is complete for the unit', () => {
  it('shows the unit its entries and the requests, never a decision or a proposal', async () => {
    await setState('explanation_requested');
    const v = await view(zOfficer);
    expect(v.outcome).toBeNull();
    expect(v.records['bao-cao'].appraisal).toBeUndefined();
    expect(v.records['bao-cao'].status).toBe('pending');
    expect(v.records['ke-hoach'].council).toBeUndefined();
    expect(v.records['ke-hoach'].requests.map((r: { message: string }) => r.message)).toEqual(['Giải trình ngày ban hành kế hoạch']);
    // The administrator reads the same records with the decision in progress.
    const adminView = await view(admin);
    expect(adminView.records['bao-cao'].appraisal).toMatchObject({ kind: 'reject_not_applicable', points: '3.000' });
  });
});

describe('once the appraisal is complete for the unit', () => {
  it('shows per criterion self, appraised and effective points with the reasons, and the totals', async () => {
    await setState('appraised');
    const v = await view(zOfficer);
    expect(v.records['bao-cao'].appraisal).toMatchObject({ kind: 'reject_not_applicable', reason: 'Đơn vị có nhiệm vụ báo cáo quý' });
    // The council's proposal is not a decision: not shown until approved.
    expect(v.records['ke-hoach'].council).toBeUndefined();
    expect(v.outcome.leaves['bao-cao']).toMatchObject({
      self: '0.000', selfNotApplicable: true, appraised: '3.000', council: null, effective: '3.000', level: 'appraised', difference: '3.000',
      reasons: [{ kind: 'not_applicable_refused', text: 'Đơn vị có nhiệm vụ báo cáo quý' }],
    });
    expect(v.outcome.leaves['ke-hoach']).toMatchObject({ self: '4.000', appraised: null, council: null, effective: '4.000', level: 'self', reasons: [] });
    // Self: 4 + survey 8 of 14 (report not applicable); final: 4 + 3 + 8 of 20.
    expect(v.outcome.self).toMatchObject({ achieved: '12.000', applicableMax: '14.000', index: '85.71' });
    expect(v.outcome.final).toMatchObject({ achieved: '15.000', applicableMax: '20.000', index: '75.00' });
    expect(v.outcome.finalClass).toEqual({ key: 'kha', label: 'Khá' });
    expect(v.outcome.published).toBeNull();
  });

  it("shows the council's value and reason once the chair has approved it", async () => {
    await t.database.db.update(criterionRecords).set({ status: 'council_approved', councilApproved: true, councilApprovedAt: new Date(at.council) }).where(where(z, 'ke-hoach'));
    await setState('approved');
    const v = await view(zOfficer);
    expect(v.records['ke-hoach'].council).toMatchObject({ points: '2.000', reason: 'Kế hoạch ban hành chậm', approved: true });
    expect(v.outcome.leaves['ke-hoach']).toMatchObject({ self: '4.000', council: '2.000', effective: '2.000', level: 'council', difference: '-2.000', reasons: [{ kind: 'council', text: 'Kế hoạch ban hành chậm' }] });
    expect(v.outcome.final).toMatchObject({ achieved: '13.000', index: '65.00' });
  });

  it('does not let a unit read another unit’s assessment', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/units/${z}/assessment`, headers: xOfficer.headers });
    expect(res.statusCode).toBe(403);
  });
});

describe('after publication', () => {
  it("puts the official index, rank of the group and class in the unit's work list and page", async () => {
    const before = await myWork(zOfficer);
    expect(before.find((i) => i.unit.id === z)!.published).toBeNull();
    await publishGroup(commandContext(t.database.db, adminActor, () => new Date(at.publication)), { cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '12/QĐ-UBND' });
    const [item] = await myWork(zOfficer);
    // X and Y: 4 + 6 + 8 = 18 of 20 = 90,00 (shared rank 1); Z 65,00 (rank 3 of 3).
    expect(item).toMatchObject({ state: 'published', published: { index: '65.00', rank: 3, rankOf: 3, classKey: 'trung-binh', classLabel: 'Trung bình', number: 1, decisionNumber: '12/QĐ-UBND' } });
    const v = await view(zOfficer);
    expect(v.outcome.published).toMatchObject({ index: '65.00', rank: 3, rankOf: 3 });
    // Another unit sees only its own row.
    const [xItem] = await myWork(xOfficer);
    expect(xItem).toMatchObject({ unit: { id: x }, published: { index: '90.00', rank: 1, rankOf: 3, classLabel: 'Xuất sắc' } });
  });
});
