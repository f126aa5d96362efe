import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionRecords, cycleUnits, suppliedPoints } from '../src/db/schema/cycles';
import { auditEvents } from '../src/db/schema/audit';
import { notifications } from '../src/db/schema/cycles';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { commandContext, systemContext } from '../src/services/context';
import { amendGroup, publishGroup } from '../src/services/publication/publish';
import { importPublishedResults } from '../src/services/results/import-published';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { at, createPubCycle, type PubCycle, setSelfInput } from './publication-fixtures';

/**
 * Remediation plans (issue 12 §2) on the report card's worked example: Z (10,25/20) lost 4 points on
 * 1.1 (no plan), 3 on 1.2 (appraised down, "Báo cáo nộp trễ hạn") and 2,75 on the survey 2.1; the
 * same units' results of 2001 imported from a decision give only field figures.
 */
let t: TestApp;
let c: PubCycle;
let importedCycleId: string;
let admin: LoggedIn;
let council: LoggedIn;
let otherAdmin: LoggedIn;
let appraiser: LoggedIn;
let zOfficer: LoggedIn;
let zHead: LoggedIn;
let xOfficer: LoggedIn;
let xHead: LoggedIn;

const setSelf = (unitId: string, nodeKey: string, input: unknown) => setSelfInput(t.database.db, c.cycleId, unitId, nodeKey, input);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db);
  const [x, y, z] = c.units as [PubCycle['units'][number], PubCycle['units'][number], PubCycle['units'][number]];
  for (const u of [x, y]) await setSelf(u.id, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(z.id, 'ke-hoach', { kind: 'yes_no', value: false });
  for (const u of [x, y, z]) await setSelf(u.id, 'bao-cao', { kind: 'choice', option: 'du' });
  await db.update(criterionRecords).set({
    status: 'appraised', appraisalKind: 'adjust', appraisalValue: { notApplicable: false, points: 3000, input: { kind: 'choice', option: 'tre' } },
    appraisedPoints: '3', appraisalReason: 'Báo cáo nộp trễ hạn', appraisalAgency: 'STP', appraisedAt: new Date(at.appraisal),
  }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, z.id), eq(criterionRecords.nodeKey, 'bao-cao')));
  const [zReport] = await db.select().from(criterionRecords)
    .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, z.id), eq(criterionRecords.nodeKey, 'bao-cao')));
  await db.insert(auditEvents).values({ at: new Date(at.appraisal), actorUsername: 'stp.thamdinh', entityType: 'criterion_record', entityId: zReport!.id, action: 'decide', reason: 'Báo cáo nộp trễ hạn' });
  await db.insert(suppliedPoints).values([
    { cycleId: c.cycleId, unitId: x.id, nodeKey: 'dieu-tra', points: '8', source: 'test' },
    { cycleId: c.cycleId, unitId: y.id, nodeKey: 'dieu-tra', points: '8.6', source: 'test' },
    { cycleId: c.cycleId, unitId: z.id, nodeKey: 'dieu-tra', points: '7.25', source: 'test' },
  ]);
  for (const u of [x, y, z]) await db.update(cycleUnits).set({ state: 'approved' }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, u.id)));
  const a = await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id });
  const adminActor: Actor = { userId: a.id, username: a.username, unitId: a.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
  await publishGroup(commandContext(db, adminActor, () => new Date(at.publication)), { cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '45/QĐ-UBND' });
  importedCycleId = (await importPublishedResults(systemContext(db), {
    programCode: 'cchc', year: 2001, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, publishedOn: '2002-02-01',
    table: {
      header: ['Mã đơn vị', 'Điểm đạt', 'Điểm tối đa', 'Chỉ số', 'Xếp hạng', 'Xếp loại', '1. Chỉ đạo (10)', '2. Mức độ hài lòng (10)'],
      rows: [[x.code, 20, 20, '100.00', 1, 'Xuất sắc', 10, 10], [y.code, 17, 20, '85.00', 2, 'Tốt', 8, 9], [z.code, '11.96', 20, '59.80', 3, 'Trung bình', '5.5', '6.46']],
    },
  })).cycleId;
  const department = await createUnit(db);
  const login = async (input: Parameters<typeof createUser>[1]) => { const u = await createUser(db, input); return loginAs(t.app, u.username, u.password); };
  admin = await loginAs(t.app, a.username, a.password);
  council = await login({ roles: ['council_member'], unitId: c.agencyUnits.SNV.id });
  otherAdmin = await login({ roles: ['admin'], unitId: department.id, scopeUnitId: department.id });
  appraiser = await login({ roles: ['appraiser'], unitId: c.agencyUnits.STP.id });
  zOfficer = await login({ roles: ['unit_officer'], unitId: z.id });
  zHead = await login({ roles: ['unit_head'], unitId: z.id });
  xOfficer = await login({ roles: ['unit_officer'], unitId: x.id });
  xHead = await login({ roles: ['unit_head'], unitId: x.id });
});
afterAll(async () => t?.close());

const api = (who: LoggedIn | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/follow-up/plans${url}`, headers: who?.headers, payload });

type Item = { id: string; code: string; source: string; pointsLost: string | null; pointsLostExact: string | null; cause: string; action: string; responsible: string; deadline: string | null };

describe('drafting a plan from a published result', () => {
  let planId: string;

  it('lists the unit’s published results without a plan, then drafts one item per criterion that lost points, biggest loss first', async () => {
    const z = c.units[2]!.id;
    const before = (await api(zOfficer, 'GET', '')).json();
    expect(before.candidates.map((r: { cycleId: string; imported: boolean }) => [r.cycleId, r.imported])).toEqual(expect.arrayContaining([[c.cycleId, false], [importedCycleId, true]]));
    const res = await api(zOfficer, 'POST', '', { cycleId: c.cycleId, groupId: c.groupId, unitId: z });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    planId = plan.id;
    expect(plan.planYear).toBe(plan.year + 1);
    expect(plan).toMatchObject({ status: 'draft', detail: 'criteria', itemCount: 3, pointsAtStake: '9.75', version: 1, may: { edit: true, submit: false, decide: false, report: false } });
    expect(plan.items.map((i: Item) => [i.code, i.source, i.pointsLost, i.pointsLostExact])).toEqual([
      ['1.1', 'criterion', '4', '4'], ['1.2', 'criterion', '3', '3'], ['2.1', 'criterion', '2.75', '11/4'],
    ]);
    // The ledger's cause as it is: appraised down, without evidence, in a cycle that requires it.
    expect(plan.items[1].cause).toBe('Thiếu tài liệu kiểm chứng; lý do: Báo cáo nộp trễ hạn');
    // The report card's total lost, exactly.
    const card = (await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/results/${c.groupId}/units/${z}/report-card`, headers: zOfficer.headers })).json();
    expect(plan.pointsAtStake).toBe(card.ledger.totalLost);
    const after = (await api(zOfficer, 'GET', '')).json();
    expect(after.candidates.map((r: { cycleId: string }) => r.cycleId)).not.toContain(c.cycleId);
    expect(after.plans.map((p: { id: string }) => p.id)).toEqual([planId]);
    const again = await api(zHead, 'POST', '', { cycleId: c.cycleId, groupId: c.groupId, unitId: z });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/đã lập kế hoạch/);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, planId), eq(auditEvents.action, 'create')));
    expect(event).toMatchObject({ entityType: 'remediation_plan', actorUsername: zOfficer.user.username, after: expect.objectContaining({ items: 3, pointsAtStake: '39/4' }) });
  });

  it('drafts one item per field from results imported without criterion detail (maximum − achieved)', async () => {
    const res = await api(zHead, 'POST', '', { cycleId: importedCycleId, groupId: c.groupId, unitId: c.units[2]!.id });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({ detail: 'fields', year: 2001, pointsAtStake: '8.04', itemCount: 2 });
    expect(plan.items.map((i: Item) => [i.code, i.source, i.pointsLost])).toEqual([['1', 'field', '4.5'], ['2', 'field', '3.54']]);
    expect(plan.items[0].cause).toMatch(/không có chi tiết theo tiêu chí/);
    // A unit that lost nothing gets an empty draft it fills with its own items.
    const full = await api(xOfficer, 'POST', '', { cycleId: importedCycleId, groupId: c.groupId, unitId: c.units[0]!.id });
    expect(full.json()).toMatchObject({ itemCount: 0, pointsAtStake: '0' });
  });

  it('is drafted by the unit’s own staff only: another unit, the administrator and an appraiser are refused in Vietnamese', async () => {
    const body = { cycleId: c.cycleId, groupId: c.groupId, unitId: c.units[1]!.id };
    for (const who of [zOfficer, admin, appraiser]) {
      const res = await api(who, 'POST', '', body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/chính đơn vị/);
    }
    expect((await api(null, 'POST', '', body)).statusCode).toBe(401);
  });

  describe('editing, submitting and deciding', () => {
    it('saves actions, responsible and deadlines, adds the unit’s own item and removes one; a stale version is 409 with the current plan', async () => {
      const plan = (await api(zOfficer, 'GET', `/${planId}`)).json();
      const [first, second, third] = plan.items as Item[];
      // The fixture's results year is random: the deadlines fall in the plan's year.
      const y = plan.planYear;
      const res = await api(zOfficer, 'PUT', `/${planId}`, {
        version: 1,
        items: [
          { id: first!.id, action: `Ban hành kế hoạch CCHC năm ${y} trước 31/01`, responsible: 'Văn phòng', deadline: `${y}-01-31` },
          { id: third!.id, action: 'Tuyên truyền để người dân đánh giá', responsible: 'Phòng Hành chính', deadline: null },
          { code: 'B1', name: 'Tập huấn cán bộ làm công tác CCHC', action: 'Mở 2 lớp tập huấn', responsible: 'Văn phòng', deadline: `${y}-06-30` },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      const saved = res.json();
      expect(saved.version).toBe(2);
      expect(saved.items.map((i: Item) => [i.code, i.source, i.action, i.deadline])).toEqual([
        ['1.1', 'criterion', `Ban hành kế hoạch CCHC năm ${y} trước 31/01`, `${y}-01-31`],
        ['2.1', 'criterion', 'Tuyên truyền để người dân đánh giá', null],
        ['B1', 'own', 'Mở 2 lớp tập huấn', `${y}-06-30`],
      ]);
      expect(saved.pointsAtStake).toBe('6.75');
      expect(second).toBeDefined();
      const stale = await api(zHead, 'PUT', `/${planId}`, { version: 1, items: [] });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.details[0].current).toMatchObject({ id: planId, version: 2 });
      const edits = saved.items.map((i: Item) => ({ id: i.id, code: i.code, name: i.source === 'own' ? 'Tập huấn cán bộ làm công tác CCHC' : undefined, action: i.action, responsible: i.responsible, deadline: i.deadline }));
      const renamed = await api(zOfficer, 'PUT', `/${planId}`, { version: 2, items: [{ ...edits[0], code: 'X', name: 'Đổi tên' }, ...edits.slice(1)] });
      expect(renamed.statusCode, renamed.body).toBe(200);
      // A criterion's code and name stay the ledger's.
      expect(renamed.json().items[0]).toMatchObject({ code: '1.1', name: 'Ban hành kế hoạch' });
    });

    it('refuses, in Vietnamese, a deadline before the results year', async () => {
      const plan = (await api(zOfficer, 'GET', `/${planId}`)).json();
      const items = plan.items.map((i: Item & { name: string }) => ({ id: i.id, action: i.action, responsible: i.responsible, deadline: i.deadline, ...(i.source === 'own' ? { code: i.code, name: i.name } : {}) }));
      items[0].deadline = `${plan.year - 1}-12-31`;
      const res = await api(zOfficer, 'PUT', `/${planId}`, { version: plan.version, items });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toBe(`Thời hạn 31/12/${plan.year - 1} trước năm ${plan.year} của kết quả đánh giá.`);
      expect(res.json().error.details[0].path).toBe('items.0.deadline');
      expect((await api(zOfficer, 'GET', `/${planId}`)).json()).toMatchObject({ version: plan.version, itemCount: plan.itemCount });
    });

    it('only the head submits (as the self-assessment); the officer is refused; submitted, it is no longer editable', async () => {
      const { version } = (await api(zOfficer, 'GET', `/${planId}`)).json();
      const byOfficer = await api(zOfficer, 'POST', `/${planId}/submit`, { version });
      expect(byOfficer.statusCode).toBe(403);
      expect(byOfficer.json().error.message).toBe('Chỉ lãnh đạo đơn vị mới nộp được kế hoạch khắc phục của đơn vị.');
      expect((await api(xHead, 'POST', `/${planId}/submit`, { version })).statusCode).toBe(403);
      const res = await api(zHead, 'POST', `/${planId}/submit`, { version });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'submitted', submittedBy: expect.any(String), may: { edit: false, submit: false } });
      expect((await api(zOfficer, 'PUT', `/${planId}`, { version: version + 1, items: [] })).statusCode).toBe(422);
    });

    it('the administrator returns it with a reason, the unit fixes and resubmits it, the administrator accepts it', async () => {
      let plan = (await api(admin, 'GET', `/${planId}`)).json();
      expect(plan.may).toMatchObject({ decide: true, edit: false });
      expect((await api(admin, 'POST', `/${planId}/decision`, { version: plan.version, decision: 'return' })).statusCode).toBe(422);
      for (const who of [council, otherAdmin, zHead]) expect((await api(who, 'POST', `/${planId}/decision`, { version: plan.version, decision: 'accept' })).statusCode).toBe(403);
      plan = (await api(admin, 'POST', `/${planId}/decision`, { version: plan.version, decision: 'return', reason: 'Bổ sung giải pháp cho tiêu chí 2.1' })).json();
      expect(plan).toMatchObject({ status: 'returned', reason: 'Bổ sung giải pháp cho tiêu chí 2.1' });
      plan = (await api(zOfficer, 'GET', `/${planId}`)).json();
      expect(plan.may).toMatchObject({ edit: true, submit: false });
      plan = (await api(zHead, 'POST', `/${planId}/submit`, { version: plan.version })).json();
      expect(plan).toMatchObject({ status: 'submitted', reason: null });
      const stale = await api(admin, 'POST', `/${planId}/decision`, { version: plan.version - 1, decision: 'accept' });
      expect(stale.statusCode).toBe(409);
      plan = (await api(admin, 'POST', `/${planId}/decision`, { version: plan.version, decision: 'accept' })).json();
      expect(plan).toMatchObject({ status: 'accepted', decidedBy: expect.any(String), may: { report: false, decide: false } });
      const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, planId))).map((e) => e.action);
      expect(actions).toEqual(['create', 'update', 'update', 'submit', 'return', 'submit', 'accept']);
      // The owner's administrators hear of each submission (not another owner's); the unit of each decision.
      const noticesOf = async (who: LoggedIn) => (await t.database.db.select().from(notifications).where(eq(notifications.userId, who.user.id)))
        .filter((n) => n.link === `/follow-up/plans/${planId}`).map((n) => n.kind);
      expect(await noticesOf(admin)).toEqual(['remediation_plan.submitted', 'remediation_plan.submitted']);
      expect(await noticesOf(otherAdmin)).toEqual([]);
      expect(await noticesOf(zOfficer)).toEqual(['remediation_plan.returned', 'remediation_plan.accepted']);
      expect(await noticesOf(xOfficer)).toEqual([]);
      const [returned] = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, zOfficer.user.id), eq(notifications.kind, 'remediation_plan.returned')));
      expect(returned).toMatchObject({ body: 'Lý do: Bổ sung giải pháp cho tiêu chí 2.1', title: expect.stringMatching(/^Kế hoạch khắc phục của .+ bị trả lại$/) });
    });
  });

  describe('quarterly progress', () => {
    it('the unit reports an item per quarter; a second report of the quarter needs its version; the summary counts it', async () => {
      const plan = (await api(zOfficer, 'GET', `/${planId}`)).json();
      expect(plan.may.report).toBe(true);
      const item = plan.items[0] as Item;
      const first = await api(zOfficer, 'PUT', `/${planId}/progress`, { itemId: item.id, quarter: 1, status: 'done', note: 'Đã ban hành Kế hoạch số 12/KH' });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().items[0].progress).toEqual([expect.objectContaining({ quarter: 1, status: 'done', version: 1, note: 'Đã ban hành Kế hoạch số 12/KH' })]);
      expect(first.json().quarters[0]).toEqual({ quarter: 1, done: 1, inProgress: 0, notStarted: 2, pointsRecovered: '4' });
      expect((await api(zHead, 'PUT', `/${planId}/progress`, { itemId: item.id, quarter: 1, status: 'in_progress' })).statusCode).toBe(409);
      const second = await api(zHead, 'PUT', `/${planId}/progress`, { itemId: item.id, quarter: 1, status: 'in_progress', version: 1 });
      expect(second.json().items[0].progress[0]).toMatchObject({ status: 'in_progress', version: 2 });
      expect((await api(xOfficer, 'PUT', `/${planId}/progress`, { itemId: item.id, quarter: 2, status: 'done' })).statusCode).toBe(403);
      expect((await api(admin, 'PUT', `/${planId}/progress`, { itemId: item.id, quarter: 2, status: 'done' })).statusCode).toBe(403);
      expect((await api(zOfficer, 'PUT', `/${planId}/progress`, { itemId: item.id, quarter: 5, status: 'done' })).statusCode).toBe(400);
      const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, planId), eq(auditEvents.action, 'report_progress')));
      expect(events).toHaveLength(2);
    });

    it('a draft plan takes no progress report', async () => {
      const { plans } = (await api(zOfficer, 'GET', '')).json();
      const draft = plans.find((p: { status: string }) => p.status === 'draft');
      const full = (await api(zOfficer, 'GET', `/${draft.id}`)).json();
      const res = await api(zOfficer, 'PUT', `/${draft.id}/progress`, { itemId: full.items[0].id, quarter: 1, status: 'done' });
      expect(res.statusCode).toBe(422);
    });
  });
});

describe('who reads plans', () => {
  it('the administrator and council read every unit’s plans with status and quarters; a unit its own; others 403 in Vietnamese', async () => {
    const all = (await api(admin, 'GET', '')).json();
    expect(all.readsAll).toBe(true);
    // Newest results year first (the fixture's year is random, before or after 2001), then by unit code.
    const year = all.plans.find((p: { year: number }) => p.year !== 2001).year;
    const byYear = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);
    expect(all.plans.map((p: { unit: { unitCode: string }; year: number }) => [p.unit.unitCode, p.year])).toEqual(
      ([[c.units[2]!.code, year], [c.units[0]!.code, 2001], [c.units[2]!.code, 2001]] as [string, number][]).sort(byYear),
    );
    // The summary counts the latest year's plans: Z's accepted one, or X's and Z's drafts of 2001.
    expect(all.summary).toEqual(year > 2001 ? { units: 1, submitted: 1, accepted: 1 } : { units: 2, submitted: 0, accepted: 0 });
    expect(all.candidates).toEqual([]);
    expect((await api(council, 'GET', '')).json().plans).toHaveLength(3);
    const own = (await api(xOfficer, 'GET', '')).json();
    expect(own.plans.map((p: { unit: { unitId: string } }) => p.unit.unitId)).toEqual([c.units[0]!.id]);
    const zPlan = all.plans.find((p: { year: number }) => p.year === year).id;
    for (const who of [xOfficer, otherAdmin, appraiser]) {
      const res = await api(who, 'GET', `/${zPlan}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/Kế hoạch khắc phục chỉ chính đơn vị/);
    }
    expect((await api(xOfficer, 'PUT', `/${zPlan}`, { version: 1, items: [] })).statusCode).toBe(403);
    expect((await api(xOfficer, 'GET', `?unitId=${c.units[2]!.id}`)).statusCode).toBe(403);
    expect((await api(appraiser, 'GET', '')).statusCode).toBe(403);
    expect((await api(otherAdmin, 'GET', '')).json().plans).toEqual([]);
    expect((await api(admin, 'GET', '/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('results amended after the plan', () => {
  it('shows the plan’s publication and the newer one, and offers the unit a plan from the amended results', async () => {
    const z = c.units[2]!;
    const before = (await api(zOfficer, 'GET', '')).json();
    const old = before.plans.find((p: { cycleId: string }) => p.cycleId === c.cycleId);
    expect(old).toMatchObject({ snapshotNumber: 1, latestSnapshotNumber: 1 });
    await t.database.db.update(suppliedPoints).set({ points: '9' }).where(and(eq(suppliedPoints.cycleId, c.cycleId), eq(suppliedPoints.unitId, z.id)));
    await amendGroup(systemContext(t.database.db), { cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '50/QĐ-UBND', reason: 'Điều chỉnh điểm điều tra xã hội học' });
    const after = (await api(zOfficer, 'GET', '')).json();
    expect(after.plans.find((p: { id: string }) => p.id === old.id)).toMatchObject({ snapshotNumber: 1, latestSnapshotNumber: 2, status: 'accepted' });
    expect(after.candidates.filter((r: { cycleId: string }) => r.cycleId === c.cycleId)).toEqual([expect.objectContaining({ snapshotNumber: 2, previousPlanId: old.id })]);
    const res = await api(zHead, 'POST', '', { cycleId: c.cycleId, groupId: c.groupId, unitId: z.id });
    expect(res.statusCode, res.body).toBe(201);
    // The survey now loses 1 point instead of 2,75.
    expect(res.json()).toMatchObject({ snapshotNumber: 2, latestSnapshotNumber: 2, pointsAtStake: '8' });
    expect((await api(zOfficer, 'GET', '')).json().candidates.filter((r: { cycleId: string }) => r.cycleId === c.cycleId)).toEqual([]);
  });
});
