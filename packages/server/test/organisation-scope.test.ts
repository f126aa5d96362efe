// Administration scoped by owner (issue 10 §2): an organisation's administrator (department A) manages
// the units, users, frameworks and group sets under it and nothing of department B's; the province's
// administrator manages everything; a department starts its framework from the province's template.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { auditEvents } from '../src/db/schema/audit';
import { frameworks } from '../src/db/schema/frameworks';

describe('administration scoped by owner: department A’s administrator, department B’s, the province’s', () => {
  let t: TestApp;
  let depA: UnitRow;
  let a1: UnitRow;
  let a2: UnitRow;
  let depB: UnitRow;
  let b1: UnitRow;
  let province: LoggedIn;
  let adminA: LoggedIn;
  let adminB: LoggedIn;
  let officerB: { id: string; version: number };
  let officerA: { id: string; version: number };
  let templateId: string;
  let templateVersionId: string;

  const call = (who: LoggedIn, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const root = await createUnit(db, { code: 'TINH', name: 'UBND tỉnh', typeCode: 'province' });
    depA = await createUnit(db, { code: 'SYT', name: 'Sở Y tế', parentId: root.id });
    a1 = await createUnit(db, { code: 'SYT-BV1', name: 'Bệnh viện Đa khoa tỉnh', parentId: depA.id });
    a2 = await createUnit(db, { code: 'SYT-TTYT', name: 'Trung tâm Y tế huyện', parentId: depA.id });
    depB = await createUnit(db, { code: 'SGD', name: 'Sở Giáo dục và Đào tạo', parentId: root.id });
    b1 = await createUnit(db, { code: 'SGD-THPT', name: 'Trường THPT chuyên', parentId: depB.id });
    const snv = await createUser(db, { roles: ['admin'], unitId: root.id });
    const syt = await createUser(db, { roles: ['admin'], unitId: depA.id, scopeUnitId: depA.id });
    const sgd = await createUser(db, { roles: ['admin'], unitId: depB.id, scopeUnitId: depB.id });
    const ob = await createUser(db, { roles: ['unit_officer'], unitId: b1.id });
    const oa = await createUser(db, { roles: ['unit_officer'], unitId: a1.id });
    officerB = { id: ob.id, version: ob.version };
    officerA = { id: oa.id, version: oa.version };
    province = await loginAs(t.app, snv.username, snv.password);
    adminA = await loginAs(t.app, syt.username, syt.password);
    adminB = await loginAs(t.app, sgd.username, sgd.password);
    const demo = await loadDemoFrameworks(db);
    templateId = demo.loaded[0]!.frameworkId;
    templateVersionId = demo.loaded[0]!.versionId;
  });
  afterAll(async () => t.close());

  it('the session says the scope and offers units, users and frameworks but not the units import', async () => {
    const me = (await call(adminA, 'GET', '/api/auth/me')).json().user;
    expect(me.scope).toEqual({ id: depA.id, code: 'SYT', name: 'Sở Y tế' });
    expect(me.may).toMatchObject({ manageUnits: true, manageUsers: true, importUnits: false, manageFrameworks: true });
    const provinceMe = (await call(province, 'GET', '/api/auth/me')).json().user;
    expect(provinceMe.scope).toBeNull();
    expect(provinceMe.may).toMatchObject({ manageUnits: true, manageUsers: true, importUnits: true, viewAudit: true });
  });

  describe('users', () => {
    it('A lists only the accounts of its units; the province lists everyone', async () => {
      const mine = (await call(adminA, 'GET', '/api/users')).json().items as { unit: { id: string } }[];
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((u) => [depA.id, a1.id, a2.id].includes(u.unit.id))).toBe(true);
      expect((await call(adminA, 'GET', `/api/users?unitId=${b1.id}`)).statusCode).toBe(403);
      const all = (await call(province, 'GET', '/api/users')).json().items as { id: string }[];
      expect(all.map((u) => u.id)).toEqual(expect.arrayContaining([officerA.id, officerB.id]));
    });

    it('A creates accounts in its units, scoped to its own by default, and never in B or for the province', async () => {
      const created = await call(adminA, 'POST', '/api/users', { username: 'syt.lanhdao', fullName: 'Lãnh đạo Sở Y tế', unitId: depA.id, roles: ['leader_viewer'] });
      expect(created.statusCode).toBe(201);
      expect(created.json().user.scope).toEqual({ id: depA.id, code: 'SYT', name: 'Sở Y tế' });
      const sub = await call(adminA, 'POST', '/api/users', { username: 'bv1.quantri', fullName: 'Quản trị Bệnh viện', unitId: a1.id, roles: ['admin'], scopeUnitId: a1.id });
      expect(sub.statusCode).toBe(201);
      expect(sub.json().user.scope.id).toBe(a1.id);
      const inB = await call(adminA, 'POST', '/api/users', { username: 'sgd.canbo2', fullName: 'Cán bộ', unitId: b1.id, roles: ['unit_officer'] });
      expect(inB.statusCode).toBe(403);
      expect(inB.json().error.message).toContain('phạm vi quản lý');
      for (const scopeUnitId of [null, depB.id]) {
        const r = await call(adminA, 'POST', '/api/users', { username: 'syt.x', fullName: 'X', unitId: depA.id, roles: ['admin'], scopeUnitId });
        expect(r.statusCode).toBe(403);
      }
      // The province's administrator gives any scope, the province's by default.
      const byProvince = await call(province, 'POST', '/api/users', { username: 'sgd.hoidong', fullName: 'Hội đồng SGD', unitId: depB.id, roles: ['council_member'], scopeUnitId: depB.id });
      expect(byProvince.json().user.scope.id).toBe(depB.id);
      const provinceWide = await call(province, 'POST', '/api/users', { username: 'tinh.lanhdao', fullName: 'Lãnh đạo tỉnh', unitId: depA.id, roles: ['leader_viewer'] });
      expect(provinceWide.json().user.scope).toBeNull();
      // That province-wide leader sits in A's unit, but A does not administer it.
      expect(provinceWide.json().user.may.edit).toBe(true);
      const seenByA = ((await call(adminA, 'GET', '/api/users')).json().items as { id: string; may: { edit: boolean } }[]).find((u) => u.id === provinceWide.json().user.id);
      expect(seenByA?.may.edit).toBe(false);
      const reset = await call(adminA, 'POST', `/api/users/${provinceWide.json().user.id}/reset-password`, {});
      expect(reset.statusCode).toBe(403);
    });

    it('A edits and resets its own accounts, not B’s; moving one out of its scope is refused; changes are audited', async () => {
      expect((await call(adminA, 'PATCH', `/api/users/${officerB.id}`, { version: officerB.version, fullName: 'Đổi' })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', `/api/users/${officerB.id}/reset-password`, {})).statusCode).toBe(403);
      expect((await call(adminB, 'POST', `/api/users/${officerB.id}/reset-password`, {})).statusCode).toBe(200);
      const moved = await call(adminA, 'PATCH', `/api/users/${officerA.id}`, { version: officerA.version, unitId: b1.id });
      expect(moved.statusCode).toBe(403);
      const edited = await call(adminA, 'PATCH', `/api/users/${officerA.id}`, { version: officerA.version, unitId: a2.id, roles: ['unit_officer', 'council_member'] });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ unit: { id: a2.id }, scope: { id: depA.id } });
      const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, officerA.id));
      expect(audit.at(-1)).toMatchObject({ action: 'update', before: { unitId: a1.id, scopeUnitId: null }, after: { unitId: a2.id, scopeUnitId: depA.id } });
      // The province's administrator edits anyone.
      const byProvince = await call(province, 'PATCH', `/api/users/${officerB.id}`, { version: officerB.version, fullName: 'Cán bộ trường THPT' });
      expect(byProvince.statusCode).toBe(200);
    });

    it('A gives unit roles only below its own unit; the accounts of its own unit with unit roles are the province’s', async () => {
      // An appraiser or a head of Sở Y tế itself would act in every cycle Sở Y tế takes part in, the province's too.
      for (const roles of [['appraiser'], ['unit_head'], ['unit_officer'], ['council_member', 'appraiser']]) {
        const r = await call(adminA, 'POST', '/api/users', { username: `syt.${roles.join('-').replace('_', '')}`, fullName: 'Cán bộ Sở', unitId: depA.id, roles });
        expect(r.statusCode).toBe(403);
        expect(r.json().error.message).toContain('quản trị viên cấp tỉnh (Sở Nội vụ)');
      }
      const below = await call(adminA, 'POST', '/api/users', { username: 'bv1.thamdinh', fullName: 'Thẩm định Bệnh viện', unitId: a1.id, roles: ['appraiser'] });
      expect(below.statusCode).toBe(201);
      // Its own unit's council member: A gives it, but not a unit role besides.
      const council = (await call(adminA, 'POST', '/api/users', { username: 'syt.hoidong', fullName: 'Hội đồng Sở Y tế', unitId: depA.id, roles: ['council_member'] })).json().user;
      expect(council.scope.id).toBe(depA.id);
      const widened = await call(adminA, 'PATCH', `/api/users/${council.id}`, { version: council.version, roles: ['council_member', 'appraiser'] });
      expect(widened.statusCode).toBe(403);
      expect((await call(adminA, 'POST', `/api/users/${council.id}/reset-password`, {})).statusCode).toBe(200);
      // The head the province appointed in Sở Y tế: A neither resets, deactivates nor edits it; the province does.
      const head = await createUser(t.database.db, { roles: ['unit_head'], unitId: depA.id });
      expect((await call(adminA, 'POST', `/api/users/${head.id}/reset-password`, {})).statusCode).toBe(403);
      const deactivate = await call(adminA, 'PATCH', `/api/users/${head.id}`, { version: head.version, active: false });
      expect(deactivate.statusCode).toBe(403);
      expect(deactivate.json().error.message).toContain('đơn vị trực thuộc');
      expect((await call(adminA, 'PATCH', `/api/users/${head.id}`, { version: head.version, roles: ['appraiser'] })).statusCode).toBe(403);
      const listed = ((await call(adminA, 'GET', `/api/users?unitId=${depA.id}`)).json().items as { id: string; may: { edit: boolean; resetPassword: boolean } }[]).find((u) => u.id === head.id);
      expect(listed?.may).toEqual({ edit: false, resetPassword: false });
      expect((await call(province, 'PATCH', `/api/users/${head.id}`, { version: head.version, active: false })).statusCode).toBe(200);
    });

    it('a unit’s people are shown to A for its units only', async () => {
      expect((await call(adminA, 'GET', `/api/units/${a1.id}/users`)).statusCode).toBe(200);
      expect((await call(adminA, 'GET', `/api/units/${b1.id}/users`)).statusCode).toBe(403);
    });
  });

  describe('units', () => {
    it('A sees the whole tree, changes only the units below its own', async () => {
      const tree = (await call(adminA, 'GET', '/api/units')).json().items as { id: string; may: { edit: boolean } }[];
      const may = new Map(tree.map((u) => [u.id, u.may.edit]));
      expect([may.get(a1.id), may.get(depA.id), may.get(b1.id)]).toEqual([true, false, false]);

      const created = await call(adminA, 'POST', '/api/units', { code: 'SYT-BV2', name: 'Bệnh viện Phổi', typeCode: 'department', parentId: depA.id, validFrom: '2024-01-01' });
      expect(created.statusCode).toBe(201);
      for (const parentId of [depB.id, null]) {
        expect((await call(adminA, 'POST', '/api/units', { code: `X${Math.random().toString(16).slice(2, 6)}`, name: 'X', typeCode: 'department', parentId, validFrom: '2024-01-01' })).statusCode).toBe(403);
      }
      const renamed = await call(adminA, 'PATCH', `/api/units/${a2.id}`, { version: a2.version, name: 'Trung tâm Y tế khu vực' });
      expect(renamed.statusCode).toBe(200);
      expect((await call(adminA, 'PATCH', `/api/units/${a2.id}`, { version: renamed.json().version, parentId: depB.id })).statusCode).toBe(403);
      expect((await call(adminA, 'PATCH', `/api/units/${depA.id}`, { version: depA.version, name: 'Sở Y tế (đổi)' })).statusCode).toBe(403);
      expect((await call(adminA, 'PATCH', `/api/units/${b1.id}`, { version: b1.version, name: 'Đổi' })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', `/api/units/${b1.id}/close`, { date: '2025-07-01', reason: 'Giải thể' })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', '/api/units/merge', { sourceIds: [b1.id], into: { existingId: a1.id }, date: '2025-07-01', reason: 'Sáp nhập' })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', '/api/units/merge', { sourceIds: [created.json().id], into: { existingId: b1.id }, date: '2025-07-01', reason: 'Sáp nhập' })).statusCode).toBe(403);
      const split = { date: '2025-07-01', reason: 'Chia tách', into: [1, 2].map((i) => ({ code: `SGD-T${i}`, name: `Trường ${i}`, typeCode: 'department', parentId: depB.id })) };
      expect((await call(adminA, 'POST', `/api/units/${b1.id}/split`, split)).statusCode).toBe(403);
      // Its own sub-unit it merges into another of its units.
      const merged = await call(adminA, 'POST', '/api/units/merge', { sourceIds: [created.json().id], into: { existingId: a1.id }, date: '2025-07-01', reason: 'Sáp nhập bệnh viện' });
      expect(merged.statusCode).toBe(200);
      // The province's administrator changes any unit.
      expect((await call(province, 'PATCH', `/api/units/${b1.id}`, { version: b1.version, shortName: 'THPT chuyên' })).statusCode).toBe(200);
    });
  });

  describe('frameworks', () => {
    let frameworkA: { id: string; versions: { id: string }[] };
    let frameworkB: { id: string; versions: { id: string }[] };

    beforeAll(async () => {
      frameworkA = (await call(adminA, 'POST', '/api/frameworks', { programCode: 'par-index', year: 2025, groupLabel: 'Đơn vị thuộc Sở', name: 'Bộ tiêu chí của Sở Y tế' })).json();
      frameworkB = (await call(adminB, 'POST', '/api/frameworks', { programCode: 'par-index', year: 2025, groupLabel: 'Đơn vị thuộc Sở', name: 'Bộ tiêu chí của Sở GD&ĐT' })).json();
    });

    it('a new framework is its creator’s organisation’s; A lists its own and the province’s, never B’s', async () => {
      expect(frameworkA).toMatchObject({ owner: { id: depA.id, code: 'SYT' }, may: { manage: true, adopt: true } });
      const listed = (await call(adminA, 'GET', '/api/frameworks')).json().items as { id: string; owner: { id: string } | null; may: { manage: boolean } }[];
      const ids = listed.map((f) => f.id);
      expect(ids).toContain(frameworkA.id);
      expect(ids).toContain(templateId);
      expect(ids).not.toContain(frameworkB.id);
      expect(listed.find((f) => f.id === templateId)).toMatchObject({ owner: null, may: { manage: false } });
      // The province sees every owner's and filters by owner.
      const all = (await call(province, 'GET', '/api/frameworks')).json().items as { id: string }[];
      expect(all.map((f) => f.id)).toEqual(expect.arrayContaining([frameworkA.id, frameworkB.id, templateId]));
      const own = (await call(province, 'GET', `/api/frameworks?owner=${depB.id}`)).json().items as { id: string }[];
      expect(own.map((f) => f.id)).toEqual([frameworkB.id]);
      const provinces = (await call(province, 'GET', '/api/frameworks?owner=province')).json().items as { owner: unknown }[];
      expect(provinces.every((f) => f.owner === null)).toBe(true);
      // Creating for another organisation, or the province's, is refused to A.
      expect((await call(adminA, 'POST', '/api/frameworks', { programCode: 'par-index', year: 2026, groupLabel: 'X', name: 'X', ownerUnitId: depB.id })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', '/api/frameworks', { programCode: 'par-index', year: 2026, groupLabel: 'X', name: 'X', ownerUnitId: null })).statusCode).toBe(403);
    });

    it('A reads, edits and publishes only its own; B’s are refused; the province’s template is read-only to A', async () => {
      const draftB = frameworkB.versions[0]!.id;
      expect((await call(adminA, 'GET', `/api/framework-versions/${draftB}`)).statusCode).toBe(403);
      expect((await call(adminA, 'GET', `/api/framework-versions/${draftB}/export?format=json`)).statusCode).toBe(403);
      expect((await call(adminA, 'GET', `/api/framework-versions/diff?from=${draftB}&to=${frameworkA.versions[0]!.id}`)).statusCode).toBe(403);
      expect((await call(adminA, 'PUT', `/api/framework-versions/${draftB}`, { version: 1, document: {} })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', `/api/framework-versions/${draftB}/publish`, { version: 1 })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', `/api/frameworks/${frameworkB.id}/copy`, { year: 2026 })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', `/api/frameworks/${frameworkB.id}/adopt`, {})).statusCode).toBe(403);
      const template = await call(adminA, 'GET', `/api/framework-versions/${templateVersionId}`);
      expect(template.statusCode).toBe(200);
      expect(template.json().may).toEqual({ edit: false, publish: false, newVersion: false });
      expect((await call(adminA, 'POST', `/api/frameworks/${templateId}/versions`, { fromVersionId: templateVersionId, reason: 'Sửa' })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', `/api/frameworks/${templateId}/copy`, { year: 2030 })).statusCode).toBe(403);
      // Its own draft it saves; its own framework it copies to another year (still its own).
      const own = await call(adminA, 'GET', `/api/framework-versions/${frameworkA.versions[0]!.id}`);
      expect(own.json().may).toMatchObject({ edit: true, publish: true });
      const saved = await call(adminA, 'PUT', `/api/framework-versions/${frameworkA.versions[0]!.id}`, { version: own.json().version, document: own.json().document });
      expect(saved.statusCode).toBe(200);
      const nextYear = await call(adminA, 'POST', `/api/frameworks/${frameworkA.id}/copy`, { year: 2026 });
      expect(nextYear.statusCode).toBe(201);
      expect(nextYear.json().owner.id).toBe(depA.id);
      // The province's administrator edits B's draft.
      const draftOfB = (await call(province, 'GET', `/api/framework-versions/${draftB}`)).json();
      expect((await call(province, 'PUT', `/api/framework-versions/${draftB}`, { version: draftOfB.version, document: draftOfB.document })).statusCode).toBe(200);
    });

    it('A starts from the province’s template: a draft copy owned by A, which it extends and publishes', async () => {
      const adopted = await call(adminA, 'POST', `/api/frameworks/${templateId}/adopt`, { name: 'Bộ chỉ số CCHC các đơn vị thuộc Sở Y tế' });
      expect(adopted.statusCode).toBe(201);
      const copy = adopted.json();
      expect(copy).toMatchObject({ owner: { id: depA.id }, name: 'Bộ chỉ số CCHC các đơn vị thuộc Sở Y tế', may: { manage: true } });
      expect(copy.versions).toHaveLength(1);
      expect(copy.versions[0].status).toBe('draft');
      const [row] = await t.database.db.select().from(frameworks).where(eq(frameworks.id, copy.id));
      expect(row!.ownerUnitId).toBe(depA.id);
      const source = (await call(adminA, 'GET', `/api/framework-versions/${templateVersionId}`)).json();
      const draft = (await call(adminA, 'GET', `/api/framework-versions/${copy.versions[0].id}`)).json();
      // The same criteria, keys kept (results stay comparable with the province's).
      expect(draft.document.nodes.map((n: { key: string }) => n.key)).toEqual(source.document.nodes.map((n: { key: string }) => n.key));
      expect(draft.may).toEqual({ edit: true, publish: true, newVersion: false });
      const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, copy.id));
      expect(audit[0]).toMatchObject({ action: 'adopt', after: { ownerUnitId: depA.id, fromFrameworkId: templateId, fromVersionId: templateVersionId } });
      // The copy is published as it is (A would add its own criteria first).
      const published = await call(adminA, 'POST', `/api/framework-versions/${copy.versions[0].id}/publish`, { version: draft.version });
      expect(published.statusCode).toBe(200);
      expect(published.json().status).toBe('published');
      // A second copy of the same identity for A is a duplicate; the province's administrator names the owner.
      expect((await call(adminA, 'POST', `/api/frameworks/${templateId}/adopt`, {})).statusCode).toBe(409);
      expect((await call(province, 'POST', `/api/frameworks/${templateId}/adopt`, {})).statusCode).toBe(400);
      const forB = await call(province, 'POST', `/api/frameworks/${templateId}/adopt`, { ownerUnitId: depB.id });
      expect(forB.statusCode).toBe(201);
      expect(forB.json().owner.id).toBe(depB.id);
    });
  });

  describe('group sets', () => {
    it('A makes cohorts of its own units only, cannot touch B’s; the province touches any', async () => {
      const setA = await call(adminA, 'POST', '/api/group-sets', { code: 'syt-2025', name: 'Nhóm đơn vị Sở Y tế 2025' });
      expect(setA.statusCode).toBe(201);
      expect(setA.json()).toMatchObject({ owner: { id: depA.id }, may: { edit: true } });
      const setB = (await call(adminB, 'POST', '/api/group-sets', { code: 'sgd-2025', name: 'Nhóm trường 2025' })).json();
      expect((await call(adminA, 'POST', '/api/group-sets', { code: 'x-2025', name: 'X', ownerUnitId: depB.id })).statusCode).toBe(403);

      const withGroup = (await call(adminA, 'POST', `/api/group-sets/${setA.json().id}/groups`, { code: 'bv', name: 'Bệnh viện' })).json();
      const group = withGroup.groups[0];
      const outside = await call(adminA, 'PUT', `/api/group-sets/${setA.json().id}/groups/${group.id}/members`, { version: 1, memberIds: [a1.id, b1.id] });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.message).toContain('SGD-THPT');
      const inside = await call(adminA, 'PUT', `/api/group-sets/${setA.json().id}/groups/${group.id}/members`, { version: 1, memberIds: [a1.id, a2.id] });
      expect(inside.statusCode).toBe(200);

      expect((await call(adminA, 'PATCH', `/api/group-sets/${setB.id}`, { version: 1, name: 'Đổi' })).statusCode).toBe(403);
      expect((await call(adminA, 'POST', `/api/group-sets/${setB.id}/groups`, { code: 'g', name: 'G' })).statusCode).toBe(403);
      const listedByA = (await call(adminA, 'GET', '/api/group-sets')).json().items as { id: string }[];
      expect(listedByA.map((s) => s.id)).toContain(setA.json().id);
      expect(listedByA.map((s) => s.id)).not.toContain(setB.id);
      expect((await call(province, 'PATCH', `/api/group-sets/${setB.id}`, { version: 1, name: 'Nhóm các trường 2025' })).statusCode).toBe(200);
    });
  });
});
