// Targets of a resolution (issue 12 §3) through the HTTP API: a plan and its targets, the values
// reached with their history and status, imports located by line, who may do what, the audit trail.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetHistory, TargetPlanDetail, TargetPlan } from '@chiso/contract';
import { auditEvents } from '../src/db/schema/audit';
import { externalIndexValues, externalIndices } from '../src/db/schema/external-indices';
import { writeTable } from '../src/files/tabular';
import type { Database } from '../src/db/client';
import { findTarget, updateTargetRow } from '../src/db/repositories/target-repository';
import { importTargets, importTargetValues } from '../src/services/follow-up/targets-import';
import { createTestApp, type TestApp } from './support/app';
import { actorOf } from './support/policy-actors';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';

let t: TestApp;
let admin: LoggedIn;
let leader: LoggedIn;
let officerA: LoggedIn;
let officerB: LoggedIn;
let scopedAdmin: LoggedIn;
let deptA: UnitRow;
let deptB: UnitRow;
let plan: TargetPlanDetail;
let adminId: string;
let provinceId: string;

const api = (who: LoggedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/follow-up${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function upload(who: LoggedIn, url: string, header: string[], rows: (string | number | null)[][]) {
  const bytes = await writeTable('xlsx', header, rows);
  const body = multipartBody({}, { name: 'chi-tieu.xlsx', bytes });
  return t.app.inject({ method: 'POST', url: `/api/follow-up${url}`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
}

const targetNamed = (p: TargetPlanDetail, code: string) => p.targets.find((x) => x.code === code)!;
const yearOf = (p: TargetPlanDetail, code: string, year: number) => targetNamed(p, code).years.find((y) => y.year === year)!;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const province = await createUnit(db, { code: 'SNV', name: 'Sở Nội vụ' });
  await db.insert(externalIndices).values({ key: 'PAR_INDEX', label: 'PAR INDEX', name: 'Chỉ số CCHC', publisher: 'Bộ Nội vụ', periodicity: 'year', subjects: 'province' });
  deptA = await createUnit(db, { code: 'STP', name: 'Sở Tư pháp' });
  deptB = await createUnit(db, { code: 'SYT', name: 'Sở Y tế' });
  const users = {
    admin: await createUser(db, { username: 'snv.quantri', roles: ['admin'], unitId: province.id }),
    leader: await createUser(db, { username: 'ubnd.lanhdao', roles: ['leader_viewer'], unitId: province.id }),
    officerA: await createUser(db, { username: 'stp.canbo', roles: ['unit_officer'], unitId: deptA.id }),
    officerB: await createUser(db, { username: 'syt.canbo', roles: ['unit_officer'], unitId: deptB.id }),
    scopedAdmin: await createUser(db, { username: 'syt.quantri', roles: ['admin'], unitId: deptB.id, scopeUnitId: deptB.id }),
  };
  [adminId, provinceId] = [users.admin.id, province.id];
  const login = (u: (typeof users)[keyof typeof users]) => loginAs(t.app, u.username, u.password);
  [admin, leader, officerA, officerB, scopedAdmin] = await Promise.all([login(users.admin), login(users.leader), login(users.officerA), login(users.officerB), login(users.scopedAdmin)]);
});
afterAll(async () => t.close());

describe('targets', () => {
  it('creates a plan and its targets, with milestones and a direction by measure', async () => {
    const created = await api(admin, 'POST', '/target-plans', { code: 'NQ60', name: 'Nghị quyết 60-NQ/TU về CCHC giai đoạn 2021–2030', documentNumber: '60-NQ/TU', startYear: 2021, endYear: 2030 });
    expect(created.statusCode).toBe(201);
    plan = created.json();
    expect(plan).toMatchObject({ owner: null, may: { edit: true }, targets: [], summary: { year: null, met: 0, total: 0 } });
    const rate = await api(admin, 'POST', `/target-plans/${plan.id}/targets`, {
      code: '1', name: 'Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình', measure: 'rate', unitLabel: '%', baselineValue: '45,5', baselineYear: 2020,
      milestones: [{ year: 2023, value: '80' }, { year: 2024, value: '85' }], finalValue: 100, responsibleUnitId: deptA.id,
    });
    expect(rate.statusCode).toBe(201);
    const rank = await api(admin, 'POST', `/target-plans/${plan.id}/targets`, {
      code: '2', name: 'Xếp hạng PAR INDEX của tỉnh', measure: 'rank', unitLabel: 'bậc', milestones: [{ year: 2024, value: 20 }], responsibleUnitId: deptB.id,
      source: 'chiso', sourceIndexKey: 'PAR_INDEX',
    });
    plan = rank.json();
    expect(targetNamed(plan, '1')).toMatchObject({ direction: 'higher', baselineValue: '45.5', finalValue: '100', responsibleUnit: { code: 'STP' } });
    expect(targetNamed(plan, '2')).toMatchObject({ direction: 'lower', source: 'chiso', sourceFigure: 'rank' });
    expect(yearOf(plan, '1', 2030)).toEqual({ year: 2030, milestone: '100', value: null, status: 'no_value' });
    expect(targetNamed(plan, '1').years).toHaveLength(10);

    const dup = await api(admin, 'POST', `/target-plans/${plan.id}/targets`, { code: '1', name: 'Lặp', measure: 'count' });
    expect(dup.statusCode).toBe(409);
    const outside = await api(admin, 'POST', `/target-plans/${plan.id}/targets`, { code: '9', name: 'Ngoài kỳ', measure: 'count', milestones: [{ year: 2035, value: 1 }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0]).toMatchObject({ path: 'milestones', message: expect.stringContaining('2021–2030') });
    const notNumber = await api(admin, 'POST', `/target-plans/${plan.id}/targets`, { code: '9', name: 'Sai số', measure: 'count', baselineValue: 'mười' });
    expect(notNumber.statusCode).toBe(400);
  });

  it('refuses a chiso target that names no index, or one that does not exist', async () => {
    const none = await api(admin, 'POST', `/target-plans/${plan.id}/targets`, { code: '8', name: 'Không rõ chỉ số', measure: 'index', source: 'chiso' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0]).toMatchObject({ path: 'sourceIndexKey', message: expect.stringContaining('Chọn chỉ số') });
    const unknown = await api(admin, 'POST', `/target-plans/${plan.id}/targets`, { code: '8', name: 'Chỉ số lạ', measure: 'index', source: 'chiso', sourceIndexKey: 'KHONG_CO' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ path: 'sourceIndexKey', message: expect.stringContaining('KHONG_CO') });
    // Turning an entered target into a chiso one checks the same.
    const entered = targetNamed(plan, '1');
    const changed = await api(admin, 'PATCH', `/targets/${entered.id}`, { version: entered.version, source: 'chiso' });
    expect(changed.statusCode).toBe(400);
  });

  it('records values with their reason, keeps every entry, and the latest sets the status', async () => {
    const one = targetNamed(plan, '1');
    const first = await api(admin, 'POST', `/targets/${one.id}/values`, { year: 2024, value: '84,9', reason: 'Báo cáo CCHC năm 2024', version: one.version });
    expect(first.statusCode).toBe(201);
    const history: TargetHistory = first.json();
    expect(history.target.years.find((y) => y.year === 2024)).toMatchObject({ value: '84.9', milestone: '85', status: 'not_met' });
    // Seen at the old version: 409 with the current target.
    const stale = await api(admin, 'POST', `/targets/${one.id}/values`, { year: 2024, value: '86', reason: 'Sửa', version: one.version });
    expect(stale.statusCode).toBe(409);
    const second = await api(admin, 'POST', `/targets/${one.id}/values`, { year: 2024, value: '86', reason: 'Số liệu chính thức của Sở Tư pháp', version: history.target.version });
    const after: TargetHistory = second.json();
    expect(after.target.years.find((y) => y.year === 2024)).toMatchObject({ value: '86', status: 'exceeded' });
    expect(after.values.map((v) => [v.year, v.value, v.reason, v.recordedBy, v.source])).toEqual([
      [2024, '86', 'Số liệu chính thức của Sở Tư pháp', 'snv.quantri', 'entered'],
      [2024, '84.9', 'Báo cáo CCHC năm 2024', 'snv.quantri', 'entered'],
    ]);
    const outside = await api(admin, 'POST', `/targets/${one.id}/values`, { year: 2031, value: '1', reason: 'x', version: after.target.version });
    expect(outside.statusCode).toBe(400);

    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, one.id), eq(auditEvents.action, 'record_value')));
    expect(audit.map((a) => [a.after, a.reason])).toEqual([
      [{ year: 2024, value: '84.9' }, 'Báo cáo CCHC năm 2024'],
      [{ year: 2024, value: '86' }, 'Số liệu chính thức của Sở Tư pháp'],
    ]);
  });

  it('counts met and exceeded out of all targets for the latest year with values', async () => {
    const rank = targetNamed((await api(admin, 'GET', `/target-plans/${plan.id}`)).json(), '2');
    await api(admin, 'POST', `/targets/${rank.id}/values`, { year: 2024, value: '21', reason: 'Công bố PAR INDEX 2024', version: rank.version });
    const list = (await api(admin, 'GET', '/target-plans')).json().items as TargetPlan[];
    expect(list.find((p) => p.id === plan.id)!.summary).toEqual({ year: 2024, met: 1, exceeded: 1, notMet: 1, unknown: 0, total: 2 });
  });

  it('takes a chiso target from the province rank in an external index', async () => {
    const db = t.database.db;
    await db.insert(externalIndexValues).values([
      { indexKey: 'PAR_INDEX', period: '2023', year: 2023, value: '85.12', rank: 25 },
      { indexKey: 'PAR_INDEX', period: '2024', year: 2024, value: '88.4', rank: 18 },
    ]);
    const rank = targetNamed((await api(admin, 'GET', `/target-plans/${plan.id}`)).json(), '2');
    const pulled = await api(admin, 'POST', `/targets/${rank.id}/pull-chiso`);
    expect(pulled.json()).toMatchObject({ pulled: 2, unchanged: 0, missing: expect.arrayContaining([2021, 2022]) });
    const history: TargetHistory = (await api(admin, 'GET', `/targets/${rank.id}/values`)).json();
    expect(history.target.years.find((y) => y.year === 2024)).toMatchObject({ value: '18', milestone: '20', status: 'exceeded' });
    expect(history.values[0]).toMatchObject({ year: 2024, value: '18', source: 'chiso' });
    expect((await api(admin, 'POST', `/targets/${rank.id}/pull-chiso`)).json()).toMatchObject({ pulled: 0, unchanged: 2 });
    const entered = targetNamed((await api(admin, 'GET', `/target-plans/${plan.id}`)).json(), '1');
    expect((await api(admin, 'POST', `/targets/${entered.id}/pull-chiso`)).statusCode).toBe(400);
  });

  it('imports targets with milestones, refusing the whole file with every problem by line', async () => {
    const header = ['Số TT', 'Nội dung chỉ tiêu', 'Loại', 'Đơn vị tính', 'Mã đơn vị chủ trì', '2024', '2025'];
    const bad = await upload(admin, `/target-plans/${plan.id}/import?kind=targets`, header, [
      ['3', 'Số thủ tục được cắt giảm', 'Số lượng', 'thủ tục', 'STP', 10, 12],
      ['3', 'Lặp số', 'Số lượng', '', '', 1, 1],
      ['4', 'Chỉ số hài lòng', 'Không rõ', '', 'XYZ', 'nhiều', 80],
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { line: number; column: string }) => [d.line, d.column])).toEqual([[3, 'Số TT'], [4, 'Loại'], [4, 'Mã đơn vị chủ trì'], [4, '2024']]);
    expect((await api(admin, 'GET', `/target-plans/${plan.id}`)).json().targets).toHaveLength(2);

    const rows = [['3', 'Số thủ tục được cắt giảm', 'Số lượng', 'thủ tục', 'STP', 10, 12], ['1', 'Tỷ lệ hồ sơ trực tuyến toàn trình', 'Tỷ lệ', '%', 'STP', 85, 90]];
    const dry = await upload(admin, `/target-plans/${plan.id}/import?kind=targets&dryRun=true`, header, rows);
    expect(dry.json()).toEqual({ created: 1, updated: 1, values: 0, dryRun: true });
    expect((await api(admin, 'GET', `/target-plans/${plan.id}`)).json().targets).toHaveLength(2);
    const done = await upload(admin, `/target-plans/${plan.id}/import?kind=targets`, header, rows);
    expect(done.json()).toEqual({ created: 1, updated: 1, values: 0, dryRun: false });
    const after: TargetPlanDetail = (await api(admin, 'GET', `/target-plans/${plan.id}`)).json();
    expect(after.targets.map((x) => x.code)).toEqual(['1', '2', '3']);
    expect(yearOf(after, '3', 2025)).toMatchObject({ milestone: '12' });
    expect(yearOf(after, '1', 2025)).toMatchObject({ milestone: '90' });
    expect(yearOf(after, '1', 2023)).toMatchObject({ milestone: null });
  });

  it("imports a year's values, all or nothing", async () => {
    const header = ['Số TT', 'Năm', 'Giá trị', 'Căn cứ'];
    const bad = await upload(admin, `/target-plans/${plan.id}/import?kind=values`, header, [['3', 2025, 13, ''], ['7', 2025, 1, ''], ['1', 2040, 'x', '']]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { line: number; column: string }) => [d.line, d.column])).toEqual([[3, 'Số TT'], [4, 'Năm'], [4, 'Giá trị']]);
    const done = await upload(admin, `/target-plans/${plan.id}/import?kind=values`, header, [['3', 2025, 13, ''], ['1', 2025, '88,5', 'Báo cáo 6 tháng']]);
    expect(done.json()).toEqual({ created: 0, updated: 0, values: 2, dryRun: false });
    const p: TargetPlanDetail = (await api(admin, 'GET', `/target-plans/${plan.id}`)).json();
    expect(yearOf(p, '3', 2025)).toMatchObject({ value: '13', status: 'exceeded' });
    expect(yearOf(p, '1', 2025)).toMatchObject({ value: '88.5', status: 'not_met' });
    expect(p.summary).toMatchObject({ year: 2025, met: 1, total: 3 });
    const history: TargetHistory = (await api(admin, 'GET', `/targets/${targetNamed(p, '3').id}/values`)).json();
    expect(history.values[0]).toMatchObject({ source: 'imported', reason: 'Nhập từ tệp chi-tieu.xlsx' });
  });

  it('lets the administrator change and remove targets, audited', async () => {
    const p: TargetPlanDetail = (await api(admin, 'GET', `/target-plans/${plan.id}`)).json();
    const three = targetNamed(p, '3');
    const changed = await api(admin, 'PATCH', `/targets/${three.id}`, { version: three.version, name: 'Số thủ tục hành chính được cắt giảm, đơn giản hóa' });
    expect(changed.statusCode).toBe(200);
    expect((await api(admin, 'PATCH', `/targets/${three.id}`, { version: three.version, name: 'cũ' })).statusCode).toBe(409);
    const removed = await api(admin, 'DELETE', `/targets/${three.id}`, { version: three.version + 1, reason: 'Gộp vào chỉ tiêu 1' });
    expect(removed.json().targets.map((x: { code: string }) => x.code)).toEqual(['1', '2']);
    const renamed = await api(admin, 'PATCH', `/target-plans/${plan.id}`, { version: p.version, documentNumber: '60-NQ/TU' });
    expect(renamed.statusCode).toBe(200);
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, three.id))).map((a) => a.action);
    expect(actions).toEqual(['import_create', 'update', 'delete']);
  });

  it('lets readers read, the responsible unit read its own targets, and only the owner administrator change', async () => {
    const leaderList = (await api(leader, 'GET', '/target-plans')).json().items as TargetPlan[];
    expect(leaderList.map((p) => [p.code, p.may.edit])).toEqual([['NQ60', false]]);
    const leaderView: TargetPlanDetail = (await api(leader, 'GET', `/target-plans/${plan.id}`)).json();
    expect(leaderView.targets).toHaveLength(2);
    const one = targetNamed(leaderView, '1');
    expect((await api(leader, 'POST', `/targets/${one.id}/values`, { year: 2025, value: '99', reason: 'x', version: one.version })).statusCode).toBe(403);

    // Sở Tư pháp answers for target 1 only: it sees that one, and its history.
    const own: TargetPlanDetail = (await api(officerA, 'GET', `/target-plans/${plan.id}`)).json();
    expect(own.targets.map((x) => x.code)).toEqual(['1']);
    expect(own.summary.total).toBe(1);
    expect((await api(officerA, 'GET', `/targets/${one.id}/values`)).statusCode).toBe(200);
    expect((await api(officerA, 'POST', `/targets/${one.id}/values`, { year: 2025, value: '99', reason: 'x', version: one.version })).statusCode).toBe(403);
    const two = targetNamed(leaderView, '2');
    expect((await api(officerA, 'GET', `/targets/${two.id}/values`)).statusCode).toBe(403);

    // Sở Y tế answers for the rank target; a department's administrator does not manage the province's plan.
    expect(((await api(officerB, 'GET', `/target-plans/${plan.id}`)).json() as TargetPlanDetail).targets.map((x) => x.code)).toEqual(['2']);
    expect((await api(scopedAdmin, 'GET', '/target-plans')).json().items).toEqual([]);
    expect((await api(scopedAdmin, 'POST', `/targets/${two.id}/values`, { year: 2025, value: '1', reason: 'x', version: two.version })).statusCode).toBe(403);
    const header = ['Số TT', 'Năm', 'Giá trị'];
    expect((await upload(scopedAdmin, `/target-plans/${plan.id}/import?kind=values`, header, [['2', 2025, 1]])).statusCode).toBe(403);

    // Its own plan is its to manage.
    const ownPlan = await api(scopedAdmin, 'POST', '/target-plans', { code: 'KH-SYT', name: 'Kế hoạch CCHC của Sở Y tế', startYear: 2025, endYear: 2026 });
    expect(ownPlan.json()).toMatchObject({ owner: { code: 'SYT' }, may: { edit: true } });
    expect((await api(admin, 'GET', '/target-plans')).json().items).toHaveLength(2);
  });
});

describe('targets imported while someone changes a target', () => {
  /** The database, where someone saves target `id` just before the import writes. */
  const racing = (id: string) => new Proxy(t.database.db, {
    get(db, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(db, prop, receiver) as unknown;
      return async (fn: Parameters<Database['transaction']>[0]) => {
        const row = await findTarget(db, id);
        await updateTargetRow(db, id, row!.version, { name: `${row!.name} (đã sửa)` });
        return db.transaction(fn);
      };
    },
  });

  it('answers 409 and writes nothing (targets or values) rather than failing', async () => {
    const actor = actorOf('admin', provinceId, adminId);
    const current = targetNamed((await api(admin, 'GET', `/target-plans/${plan.id}`)).json(), '1');
    const targetsTable = { header: ['Số TT', 'Nội dung chỉ tiêu', 'Loại'], headerLine: 1, rows: [{ line: 2, cells: ['1', 'Tỷ lệ hồ sơ trực tuyến', 'Tỷ lệ'] }] };
    await expect(importTargets(racing(current.id), actor, plan.id, targetsTable)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('số 1') });
    const valuesTable = { header: ['Số TT', 'Năm', 'Giá trị'], headerLine: 1, rows: [{ line: 2, cells: ['1', '2024', '99,5'] }] };
    await expect(importTargetValues(racing(current.id), actor, plan.id, valuesTable)).rejects.toMatchObject({ code: 'CONFLICT' });
    const history: TargetHistory = (await api(admin, 'GET', `/targets/${current.id}/values`)).json();
    expect(history.values.map((v) => v.value)).not.toContain('99.5');
  });
});
