// Cycles have an owner (issue 10): an organising unit's administrator (department A) creates,
// configures and opens its own cycle, chooses only within its scope, and is refused (403) on every
// administrator endpoint of department B's cycle and of the province's; it does not list them. The
// province's administrator sees every level's cycles and acts on them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, CycleSummary } from '@chiso/contract';
import { createTestApp, type TestApp } from './support/app';
import { loginAs } from './support/login';
import { createUnit, createUser } from './support/factories';
import { demoPassword, loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle, type DemoCycleResult } from '../src/demo/load-demo-cycle';
import { eq } from 'drizzle-orm';
import { frameworkVersions } from '../src/db/schema/frameworks';
import { groupSets, unitGroupMembers, unitGroups } from '../src/db/schema/group-sets';
import { loadCycleContext } from '../src/services/cycles/context';
import type { UnitRow } from './support/factories';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

let t: TestApp;
let demo: DemoCycleResult;
let deptA: UnitRow;
let deptB: UnitRow;
let a1: UnitRow;
let a2: UnitRow;
let b1: UnitRow;
let groupSetA: string;
let groupSetB: string;
let groupA: string;
let agencyCodes: string[];
let calendar: Cycle['calendar'];
let provinceGroupSetId: string;
let adminA: Headers;
let adminB: Headers;
let province: Headers;
let councilOfA: { id: string };
let cycleA: Cycle;
let cycleB: Cycle;

async function call(headers: Headers, method: Method, url: string, payload?: unknown) {
  return t.app.inject({ method, url, payload: payload as never, headers });
}

/** A group set of one owner with one group holding `members`. */
async function groupSetOf(owner: UnitRow, members: readonly UnitRow[]): Promise<{ setId: string; groupId: string }> {
  const db = t.database.db;
  const [set] = await db.insert(groupSets).values({ code: `GS-${owner.code}`, name: `Bộ nhóm của ${owner.name}`, ownerUnitId: owner.id }).returning();
  const [group] = await db.insert(unitGroups).values({ groupSetId: set!.id, code: 'DV', name: 'Đơn vị trực thuộc' }).returning();
  await db.insert(unitGroupMembers).values(members.map((m) => ({ groupSetId: set!.id, groupId: group!.id, unitId: m.id })));
  return { setId: set!.id, groupId: group!.id };
}

/** A scoped administrator of `unit`, logged in. */
async function scopedAdmin(unit: UnitRow): Promise<Headers> {
  const user = await createUser(t.database.db, { roles: ['admin'], unitId: unit.id, scopeUnitId: unit.id });
  return (await loginAs(t.app, user.username, user.password)).headers;
}

const newCycle = (name: string, groupSetId: string, extra: Record<string, unknown> = {}) => ({ programCode: 'par-index', year: 2026, name, groupSetId, calendar, ...extra });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await loadDemoProvince(db);
  await loadDemoFrameworks(db);
  demo = await loadDemoCycle(db);
  const ctx = await loadCycleContext(db, demo.cycleId);
  agencyCodes = [...ctx.agencies.keys()];
  deptA = await createUnit(db, { name: 'Sở A (thử)' });
  deptB = await createUnit(db, { name: 'Sở B (thử)' });
  a1 = await createUnit(db, { parentId: deptA.id, name: 'Trung tâm A1' });
  a2 = await createUnit(db, { parentId: deptA.id, name: 'Chi cục A2' });
  b1 = await createUnit(db, { parentId: deptB.id, name: 'Trung tâm B1' });
  ({ setId: groupSetA, groupId: groupA } = await groupSetOf(deptA, [a1, a2]));
  ({ setId: groupSetB } = await groupSetOf(deptB, [b1]));
  councilOfA = await createUser(db, { roles: ['council_member'], unitId: a1.id, scopeUnitId: deptA.id });
  adminA = await scopedAdmin(deptA);
  adminB = await scopedAdmin(deptB);
  province = (await loginAs(t.app, 'snv.quantri', demoPassword)).headers;
  const demoView = (await call(province, 'GET', `/api/cycles/${demo.cycleId}`)).json() as Cycle;
  calendar = demoView.calendar;
  provinceGroupSetId = demoView.groupSetId;
}, 180_000);
afterAll(async () => t?.close());

describe('an organising unit’s administrator', () => {
  it('creates its cycle (owned by its unit), named once per owner, program, year; never for another owner', async () => {
    const created = await call(adminA, 'POST', '/api/cycles', newCycle('Chỉ số CCHC các đơn vị thuộc Sở A năm 2026', groupSetA));
    expect(created.statusCode).toBe(201);
    cycleA = created.json() as Cycle;
    expect(cycleA.owner).toEqual({ id: deptA.id, code: deptA.code, name: deptA.name });
    expect(cycleA.may.edit).toBe(true);

    const again = await call(adminA, 'POST', '/api/cycles', newCycle('Chỉ số CCHC các đơn vị thuộc Sở A năm 2026', groupSetA));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
    expect(again.json().error.message).toContain(deptA.name);
    // The same name under another owner is another cycle; several cycles of one program and year are allowed.
    const second = await call(adminA, 'POST', '/api/cycles', newCycle('Đợt bổ sung', groupSetA));
    expect(second.statusCode).toBe(201);

    for (const ownerUnitId of [deptB.id, b1.id, null]) {
      const refused = await call(adminA, 'POST', '/api/cycles', newCycle('Không được', groupSetA, { ownerUnitId }));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toMatch(/đơn vị mình quản trị/);
    }
    // Another owner's group set is refused.
    const otherSet = await call(adminA, 'POST', '/api/cycles', newCycle('Bộ nhóm của Sở B', groupSetB));
    expect(otherSet.statusCode).toBe(400);
    expect(otherSet.json().error.message).toContain(deptB.name);

    const b = await call(adminB, 'POST', '/api/cycles', newCycle('Chỉ số CCHC các đơn vị thuộc Sở B năm 2026', groupSetB));
    expect(b.statusCode).toBe(201);
    cycleB = b.json() as Cycle;
    expect(cycleB.owner?.id).toBe(deptB.id);
  });

  it('configures it within its scope: the province’s framework, units and agencies under it, a chair of its own', async () => {
    const base = `/api/cycles/${cycleA.id}`;
    // Another owner's framework (department B's copy of the province's template) is refused.
    const [demoVersion] = await t.database.db.select({ frameworkId: frameworkVersions.frameworkId }).from(frameworkVersions).where(eq(frameworkVersions.id, demo.frameworkVersionId));
    const adopted = await call(adminB, 'POST', `/api/frameworks/${demoVersion!.frameworkId}/adopt`, { year: 2026, name: 'Bộ tiêu chí của Sở B' });
    expect(adopted.statusCode).toBe(201);
    const ofB = await call(adminA, 'PUT', `${base}/groups`, { version: cycleA.version, groups: [{ groupId: groupA, frameworkVersionId: adopted.json().versions[0].id }] });
    expect(ofB.statusCode).toBe(400);
    expect(ofB.json().error.message).toContain('Bộ tiêu chí của Sở B');
    let cycle = (await call(adminA, 'PUT', `${base}/groups`, { version: cycleA.version, groups: [{ groupId: groupA, frameworkVersionId: demo.frameworkVersionId }] })).json() as Cycle;
    expect(cycle.groups.map((g) => g.frameworkVersionId)).toEqual([demo.frameworkVersionId]);

    // Participants: units under the owner only — not another department's, not the owner itself.
    for (const unit of [b1, deptA]) {
      const refused = await call(adminA, 'PUT', `${base}/units`, { version: cycle.version, unitIds: [a1.id, unit.id] });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain(unit.code);
      expect(refused.json().error.message).toContain(deptA.name);
    }
    cycle = (await call(adminA, 'PUT', `${base}/units`, { version: cycle.version, unitIds: [a1.id, a2.id] })).json() as Cycle;
    expect(cycle.units.map((u) => u.unitId).sort()).toEqual([a1.id, a2.id].sort());

    // Appraising agencies: the owner or a unit under it.
    const outside = await call(adminA, 'PUT', `${base}/agencies`, { version: cycle.version, agencies: agencyCodes.map((agencyCode) => ({ agencyCode, unitId: deptB.id })) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toMatch(/Cơ quan thẩm định/);
    cycle = (await call(adminA, 'PUT', `${base}/agencies`, { version: cycle.version, agencies: agencyCodes.map((agencyCode, i) => ({ agencyCode, unitId: i === 0 ? deptA.id : a2.id })) })).json() as Cycle;
    expect(cycle.agencies).toHaveLength(agencyCodes.length);

    // The chair: a council member of the owner's subtree, not the province's council.
    const provinceChair = await call(adminA, 'PATCH', base, { version: cycle.version, councilChairUserId: demo.councilChairUserId });
    expect(provinceChair.statusCode).toBe(400);
    expect(provinceChair.json().error.message).toMatch(/Chủ tịch Hội đồng/);
    // A council member sitting in A's subtree whose council role is the province's, or a unit's below A: not A's council.
    for (const scopeUnitId of [null, a1.id]) {
      const member = await createUser(t.database.db, { roles: ['council_member'], unitId: a1.id, scopeUnitId });
      const refusedChair = await call(adminA, 'PATCH', base, { version: cycle.version, councilChairUserId: member.id });
      expect(refusedChair.statusCode).toBe(400);
      expect(refusedChair.json().error.message).toMatch(/Chủ tịch Hội đồng phải là thành viên Hội đồng thẩm định của Sở A \(thử\)/);
    }
    cycle = (await call(adminA, 'PATCH', base, { version: cycle.version, councilChairUserId: councilOfA.id })).json() as Cycle;
    expect(cycle.councilChairUserId).toBe(councilOfA.id);

    const opened = await call(adminA, 'POST', `${base}/open`, { version: cycle.version });
    expect(opened.statusCode).toBe(200);
    cycleA = opened.json() as Cycle;
    expect(cycleA.status).toBe('open');
    expect(cycleA.counts?.units).toBe(2);

    const progress = await call(adminA, 'GET', `${base}/progress`);
    expect(progress.statusCode).toBe(200);
    expect(progress.json().units).toHaveLength(2);
    // Its progress table offers it the administrator's unit actions (the core then decides each).
    expect(progress.json().units[0].actions.map((a: { action: string }) => a.action)).toContain('submit_on_behalf');
  });

  it('lists its own cycles only, and every cycle it lists names its owner', async () => {
    const listed = (await call(adminA, 'GET', '/api/cycles')).json().items as CycleSummary[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((c) => c.owner?.id === deptA.id)).toBe(true);
    expect(listed.map((c) => c.id)).toContain(cycleA.id);
    expect(listed.map((c) => c.id)).not.toContain(cycleB.id);
    expect(listed.map((c) => c.id)).not.toContain(demo.cycleId);
  });

  it.each([
    ['department B’s cycle', () => cycleB.id],
    ['the province’s cycle', () => demo.cycleId],
  ])('is refused (403) on every administrator endpoint of %s', async (_, idOf) => {
    const id = idOf();
    const base = `/api/cycles/${id}`;
    const unitId = id === demo.cycleId ? demo.unitIds[0]! : b1.id;
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const requests: [Method, string, unknown?][] = [
      ['GET', base],
      ['GET', `${base}/progress`],
      ['PATCH', base, { version: 1, name: 'Đổi tên' }],
      ['PUT', `${base}/groups`, { version: 1, groups: [] }],
      ['PUT', `${base}/agencies`, { version: 1, agencies: [] }],
      ['PUT', `${base}/units`, { version: 1, unitIds: [] }],
      ['POST', `${base}/reassignments`, { frameworkVersionId: demo.frameworkVersionId, nodeKey: 'x', agencyCode: 'SNV', reason: 'Thử' }],
      ['POST', `${base}/units/${unitId}/extension`, { until: at, reason: 'Thử' }],
      ['POST', `${base}/open`, { version: 1 }],
      ['POST', `${base}/close`, { version: 1 }],
      ['POST', `${base}/reopen`, { version: 1, reason: 'Thử' }],
      ['POST', `${base}/participants`, { version: 1, unitId, reason: 'Thử' }],
      ['GET', `${base}/framework-corrections/preview?groupId=${demo.groupId}&frameworkVersionId=${demo.frameworkVersionId}`],
      ['POST', `${base}/framework-corrections`, { groupId: demo.groupId, frameworkVersionId: demo.frameworkVersionId, reason: 'Thử', version: 1 }],
      ['GET', `${base}/framework-corrections`],
      ['GET', `${base}/demo-calendar`],
      ['POST', `${base}/demo-calendar/advance`, { version: 1 }],
      ['POST', `${base}/units/${unitId}/actions/submit_on_behalf`, { reason: 'Thử' }],
      ['POST', `${base}/units/${unitId}/actions/mark_not_submitted`, { reason: 'Thử' }],
      ['POST', `${base}/units/${unitId}/actions/return_for_revision`, { reason: 'Thử' }],
      ['POST', `${base}/groups/${demo.groupId}/publish`, {}],
      ['POST', `${base}/groups/${demo.groupId}/amend`, { reason: 'Thử' }],
      ['GET', `${base}/data-feeds`],
      ['GET', `${base}/data-feeds/template`],
      ['POST', '/api/api-tokens', { name: 'Hệ thống một cửa', cycleId: id, expiresAt: null }],
    ];
    for (const [method, url, payload] of requests) {
      const response = await call(adminA, method, url, payload);
      expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 403 });
      expect(typeof response.json().error.message).toBe('string');
    }
  });

  it('cannot make a token for every cycle (the province’s administrator’s), and lists only its own cycles’ tokens', async () => {
    expect((await call(adminA, 'POST', '/api/api-tokens', { name: 'Mọi kỳ', cycleId: null, expiresAt: null })).statusCode).toBe(403);
    const own = await call(adminA, 'POST', '/api/api-tokens', { name: 'Của Sở A', cycleId: cycleA.id, expiresAt: null });
    expect(own.statusCode).toBe(200);
    const ownTokenId = own.json().record.id as string;
    const provinceToken = await call(province, 'POST', '/api/api-tokens', { name: 'Của tỉnh', cycleId: demo.cycleId, expiresAt: null });
    const provinceTokenId = provinceToken.json().record.id as string;
    const listed = ((await call(adminA, 'GET', '/api/api-tokens')).json() as { id: string }[]).map((x) => x.id);
    expect(listed).toContain(ownTokenId);
    expect(listed).not.toContain(provinceTokenId);
    expect((await call(adminA, 'POST', `/api/api-tokens/${provinceTokenId}/revoke`)).statusCode).toBe(403);
    expect((await call(adminB, 'POST', `/api/api-tokens/${ownTokenId}/revoke`)).statusCode).toBe(403);
    const provinceList = ((await call(province, 'GET', '/api/api-tokens')).json() as { id: string }[]).map((x) => x.id);
    expect(provinceList).toEqual(expect.arrayContaining([ownTokenId, provinceTokenId]));
  });
});

describe('the province’s administrator', () => {
  it('sees every level’s cycles side by side, with their owners and counts, and filters them by owner', async () => {
    const listed = (await call(province, 'GET', '/api/cycles')).json().items as CycleSummary[];
    const byId = new Map(listed.map((c) => [c.id, c]));
    expect(byId.get(demo.cycleId)?.owner).toBeNull();
    expect(byId.get(cycleA.id)?.owner?.name).toBe(deptA.name);
    expect(byId.get(cycleA.id)?.counts).toEqual({ units: 2, submitted: 0, published: 0 });
    expect(byId.get(cycleB.id)?.owner?.id).toBe(deptB.id);
    expect(byId.get(cycleA.id)?.may.edit).toBe(true);

    const ofA = (await call(province, 'GET', `/api/cycles?owner=${deptA.id}`)).json().items as CycleSummary[];
    expect(ofA.length).toBeGreaterThan(0);
    expect(ofA.every((c) => c.owner?.id === deptA.id)).toBe(true);
    const own = (await call(province, 'GET', '/api/cycles?owner=province')).json().items as CycleSummary[];
    expect(own.map((c) => c.id)).toContain(demo.cycleId);
    expect(own.every((c) => c.owner === null)).toBe(true);
  });

  it('acts on an organising unit’s cycle (reads its progress, renames it), and creates a cycle for it', async () => {
    expect((await call(province, 'GET', `/api/cycles/${cycleA.id}/progress`)).statusCode).toBe(200);
    const renamed = await call(province, 'PATCH', `/api/cycles/${cycleB.id}`, { version: cycleB.version, name: 'Chỉ số CCHC các đơn vị thuộc Sở B (đã sửa)' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().owner.id).toBe(deptB.id);
    const forB = await call(province, 'POST', '/api/cycles', newCycle('Kỳ do tỉnh lập cho Sở B', groupSetB, { ownerUnitId: deptB.id }));
    expect(forB.statusCode).toBe(201);
    expect(forB.json().owner.id).toBe(deptB.id);
    // Its own (the province's) by default.
    const own = await call(province, 'POST', '/api/cycles', newCycle('Kỳ thử của tỉnh', provinceGroupSetId));
    expect(own.statusCode).toBe(201);
    expect(own.json().owner).toBeNull();
  });

  it('the organising unit’s administrator now sees the cycle the province made for it, and B does not see A’s', async () => {
    const listedB = (await call(adminB, 'GET', '/api/cycles')).json().items as CycleSummary[];
    expect(listedB.some((c) => c.name === 'Kỳ do tỉnh lập cho Sở B')).toBe(true);
    expect(listedB.map((c) => c.id)).not.toContain(cycleA.id);
    // A participant's officer lists the cycle, without the other participants' counts.
    const officer = await createUser(t.database.db, { roles: ['unit_officer'], unitId: a1.id });
    const officerHeaders = (await loginAs(t.app, officer.username, officer.password)).headers;
    const listedByOfficer = (await call(officerHeaders, 'GET', '/api/cycles')).json().items as CycleSummary[];
    expect(listedByOfficer.map((c) => c.id)).toEqual([cycleA.id]);
    expect(listedByOfficer[0]!.counts).toBeNull();
    expect(listedByOfficer[0]!.owner?.id).toBe(deptA.id);
    expect((await call(adminB, 'GET', `/api/cycles/${cycleA.id}`)).statusCode).toBe(403);
  });
});

describe('the council chair and the name of a cycle', () => {
  it('the province’s cycle takes a chair of the province’s council, not a department’s', async () => {
    const created = (await call(province, 'POST', '/api/cycles', newCycle('Kỳ thử chủ tịch Hội đồng', provinceGroupSetId))).json() as Cycle;
    const refusedChair = await call(province, 'PATCH', `/api/cycles/${created.id}`, { version: created.version, councilChairUserId: councilOfA.id });
    expect(refusedChair.statusCode).toBe(400);
    expect(refusedChair.json().error.message).toContain('Chủ tịch Hội đồng phải là thành viên Hội đồng thẩm định của Cấp tỉnh (Sở Nội vụ)');
    const chaired = await call(province, 'PATCH', `/api/cycles/${created.id}`, { version: created.version, councilChairUserId: demo.councilChairUserId });
    expect(chaired.statusCode, chaired.body).toBe(200);
  });

  it('renaming a cycle onto another of the same owner, program and year is a 409, not a 500; its own name is kept', async () => {
    const first = (await call(adminA, 'POST', '/api/cycles', newCycle('Đợt một', groupSetA))).json() as Cycle;
    const second = (await call(adminA, 'POST', '/api/cycles', newCycle('Đợt hai', groupSetA))).json() as Cycle;
    const clash = await call(adminA, 'PATCH', `/api/cycles/${second.id}`, { version: second.version, name: ' Đợt một ' });
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'name' }] });
    expect(clash.json().error.message).toContain(deptA.name);
    const same = await call(adminA, 'PATCH', `/api/cycles/${first.id}`, { version: first.version, name: 'Đợt một' });
    expect(same.statusCode, same.body).toBe(200);
    // Another owner's cycle of that name is no clash.
    const forB = (await call(adminB, 'POST', '/api/cycles', newCycle('Đợt hai của B', groupSetB))).json() as Cycle;
    expect((await call(adminB, 'PATCH', `/api/cycles/${forB.id}`, { version: forB.version, name: 'Đợt một' })).statusCode).toBe(200);
  });
});
