// A council acts on its own level's cycles only (issue 10): in a cycle a district committee owns,
// the district's council members propose and the district's chair approves; the province's council
// members read the table (the province audits every level) but neither propose nor approve there.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionRecords, cycles } from '../src/db/schema/cycles';
import { units } from '../src/db/schema/units';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type CreatedUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createAppraisalCycle, setSelf, setUnitState, type AppraisalCycle } from './appraisal-fixtures';

const DAY = 86_400_000;
let t: TestApp;
let c: AppraisalCycle;
let X: string;
let districtMember: CreatedUser;
let districtChair: CreatedUser;
const sessions = new Map<string, LoggedIn>();
const now = Date.now();

async function call(who: CreatedUser, method: 'GET' | 'POST', url: string, payload?: unknown) {
  if (!sessions.has(who.id)) sessions.set(who.id, await loginAs(t.app, who.username, who.password));
  return t.app.inject({ method, url: `/api/cycles/${c.cycleId}${url}`, payload: payload as never, headers: sessions.get(who.id)!.headers });
}
async function cell(who: CreatedUser) {
  const r = await call(who, 'GET', `/council?groupId=${c.groupId}`);
  expect(r.statusCode, r.body).toBe(200);
  const row = (r.json() as { rows: { unit: { id: string }; disputed: { nodeKey: string; version: number; may: { propose: boolean; approve: boolean } }[] }[] }).rows.find((x) => x.unit.id === X)!;
  return row.disputed.find((d) => d.nodeKey === 'bao-cao')!;
}
const setChair = (userId: string) => t.database.db.update(cycles).set({ councilChairUserId: userId }).where(eq(cycles.id, c.cycleId));

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createAppraisalCycle(db, 1);
  X = c.units[0]!.id;
  await setSelf(db, c, X, 'bao-cao', { kind: 'choice', option: 'du' }, '6', 'appraised');
  await db.update(criterionRecords).set({
    appraisalKind: 'adjust', appraisalValue: { notApplicable: false, points: 3000, input: { kind: 'choice', option: 'tre' } },
    appraisedPoints: '3', appraisalReason: 'Báo cáo nộp trễ hạn', appraisalAgency: 'STP', appraisedAt: new Date(now - 3 * DAY),
  }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, X), eq(criterionRecords.nodeKey, 'bao-cao')));
  await setUnitState(db, c, X, 'appraised');
  // The cycle is the district committee's: its communes (the participants) under it.
  const district = await createUnit(db, { code: 'UBND-H', name: 'UBND huyện Đông Hòa' });
  await db.update(units).set({ parentId: district.id }).where(inArray(units.id, c.units.map((u) => u.id)));
  await db.update(cycles).set({
    ownerUnitId: district.id,
    selfAssessmentDeadline: new Date(now - 6 * DAY), appraisalFrom: new Date(now - 5 * DAY), appraisalTo: new Date(now - 2 * DAY),
    explanationFrom: new Date(now - 5 * DAY), explanationTo: new Date(now - 2 * DAY), councilDate: new Date(now - DAY), publicationDate: new Date(now + 10 * DAY),
  }).where(eq(cycles.id, c.cycleId));
  districtMember = await createUser(db, { roles: ['council_member'], unitId: district.id, scopeUnitId: district.id });
  districtChair = await createUser(db, { roles: ['council_member'], unitId: district.id, scopeUnitId: district.id });
});
afterAll(async () => t?.close());

describe('a district committee’s cycle: its own council acts, the province’s reads', () => {
  it('the province’s council member reads the table but may not propose', async () => {
    const seen = await cell(c.users.member);
    expect(seen.may).toEqual({ propose: false, approve: false });
    const r = await call(c.users.member, 'POST', '/units/' + X + '/criteria/bao-cao/propose', { version: seen.version, value: { points: '6' }, reason: 'Có văn bản gia hạn' });
    expect(r.statusCode, r.body).toBe(403);
  });

  it('the district’s member proposes; the province’s chair may not approve, the district’s chair does', async () => {
    const seen = await cell(districtMember);
    expect(seen.may.propose).toBe(true);
    const proposed = await call(districtMember, 'POST', `/units/${X}/criteria/bao-cao/propose`, { version: seen.version, value: { points: '6' }, reason: 'Có văn bản gia hạn' });
    expect(proposed.statusCode, proposed.body).toBe(200);

    // The fixture's chair is a province-scoped council member: in the district's cycle it chairs nothing.
    const byProvinceChair = await cell(c.users.chair);
    expect(byProvinceChair.may.approve).toBe(false);
    expect((await call(c.users.chair, 'POST', `/units/${X}/criteria/bao-cao/approve`, { version: byProvinceChair.version })).statusCode).toBe(403);

    await setChair(districtChair.id);
    const byDistrictChair = await cell(districtChair);
    expect(byDistrictChair.may.approve).toBe(true);
    const approved = await call(districtChair, 'POST', `/units/${X}/criteria/bao-cao/approve`, { version: byDistrictChair.version });
    expect(approved.statusCode, approved.body).toBe(200);
  });
});
