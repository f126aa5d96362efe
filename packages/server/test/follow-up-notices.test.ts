import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { criterionEvidence, criterionRecords, cycles, notifications } from '../src/db/schema/cycles';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import { externalIndexEditions, externalIndices } from '../src/db/schema/external-indices';
import { targetPlans, targets } from '../src/db/schema/targets';
import { cleanUnusedEvidence } from '../src/services/evidence';
import { remindFollowUpTasks } from '../src/services/follow-up/task-reminders';
import { pdfBytes } from './evidence-fixtures';
import { createPubCycle, type PubCycle } from './publication-fixtures';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';

/**
 * Conclusion notices and tasks (issue 12 §1), as people use them: the province's administrator
 * records a notice and assigns tasks to units A (responsible, B cooperating), C (already overdue);
 * A reports with its evidence; B reads but cannot report; D (no task) sees nothing; an organising
 * unit's administrator cannot act on the province's notice. In the later cycle, A's linked criterion
 * is offered the evidence.
 */
let t: TestApp;
let c: PubCycle;
let dataDir: string;
let A: UnitRow, B: UnitRow, C: UnitRow, D: UnitRow, org: UnitRow;
const who: Record<string, LoggedIn> = {};
let noticeId: string;
let task1: string;
let task2: string;
let docA: string;
let docC: string;
let targetId: string;

const api = (as: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api${url}`, headers: who[as]!.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function documentOf(unitId: string, name: string): Promise<string> {
  const db = t.database.db;
  const sha = Math.random().toString(16).slice(2).padEnd(64, '0').slice(0, 64);
  const [file] = await db.insert(evidenceFiles).values({ sha256: sha, size: 10, mimeType: 'application/pdf' }).returning();
  const [doc] = await db.insert(evidenceDocuments).values({ fileId: file!.id, ownerUnitId: unitId, originalName: name, title: name }).returning();
  return doc!.id;
}

const notice = { number: '15/TB-UBND', issuedOn: '2020-01-05', chairedBy: 'Đồng chí Chủ tịch UBND tỉnh', title: 'Kết luận về kết quả Chỉ số CCHC năm 2019', body: 'Các sở khắc phục hạn chế.', year: 2019 };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chiso-follow-up-'));
  t = await createTestApp({ CHISO_DATA_DIR: dataDir, CHISO_UPLOAD_MAX_MB: '1' });
  const db = t.database.db;
  c = await createPubCycle(db, { unitCount: 3 });
  // The later cycle: the notice follows up 2019, the cycle assesses 2020.
  await db.update(cycles).set({ year: 2020 }).where(eq(cycles.id, c.cycleId));
  [A, B, C] = c.units as [UnitRow, UnitRow, UnitRow];
  D = await createUnit(db, { name: 'Sở không có nhiệm vụ' });
  org = await createUnit(db, { name: 'Sở tổ chức khác' });
  const users = {
    admin: await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id }),
    leader: await createUser(db, { roles: ['leader_viewer'], unitId: c.agencyUnits.SNV.id }),
    officerA: await createUser(db, { roles: ['unit_officer'], unitId: A.id }),
    headB: await createUser(db, { roles: ['unit_head'], unitId: B.id }),
    officerC: await createUser(db, { roles: ['unit_officer'], unitId: C.id }),
    officerD: await createUser(db, { roles: ['unit_officer'], unitId: D.id }),
    orgAdmin: await createUser(db, { roles: ['admin'], unitId: org.id, scopeUnitId: org.id }),
  };
  for (const [key, u] of Object.entries(users)) who[key] = await loginAs(t.app, u.username, u.password);
  docA = await documentOf(A.id, 'ke-hoach-khac-phuc.pdf');
  docC = await documentOf(C.id, 'tai-lieu-cua-C.pdf');
  const [plan] = await db.insert(targetPlans).values({ code: 'KH-CCHC', name: 'Kế hoạch CCHC 2021–2025', startYear: 2021, endYear: 2025 }).returning();
  const [target] = await db.insert(targets).values({ planId: plan!.id, code: 'CT3', name: 'Tỷ lệ hồ sơ trực tuyến', position: 0, measure: 'rate', direction: 'higher', source: 'entered' }).returning();
  targetId = target!.id;
  await db.insert(externalIndices).values({ key: 'PAPI', label: 'PAPI', name: 'Chỉ số PAPI', publisher: 'UNDP', periodicity: 'year', subjects: 'province' });
  await db.insert(externalIndexEditions).values([
    { indexKey: 'PAPI', year: 2018, components: [{ key: 'P5', name: 'Thủ tục hành chính (cũ)', maxPoints: null }] },
    { indexKey: 'PAPI', year: 2019, components: [{ key: 'P5', name: 'Thủ tục hành chính công', maxPoints: null }] },
  ]);
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('recording a notice and its tasks', () => {
  it('refuses an incomplete notice in Vietnamese, and anyone but an administrator of its owner', async () => {
    const bad = await api('admin', 'POST', '/follow-up/notices', { ...notice, number: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Nhập số hiệu thông báo');
    expect((await api('officerA', 'POST', '/follow-up/notices', notice)).statusCode).toBe(403);
    expect((await api('leader', 'POST', '/follow-up/notices', notice)).statusCode).toBe(403);
    expect((await api('orgAdmin', 'POST', '/follow-up/notices', { ...notice, ownerUnitId: c.agencyUnits.SNV.id })).statusCode).toBe(403);
  });

  it('the administrator records the notice and assigns tasks with cooperating units and a linked criterion', async () => {
    const res = await api('admin', 'POST', '/follow-up/notices', notice);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ number: '15/TB-UBND', owner: null, year: 2019, file: null, version: 1, may: { edit: true }, tasks: { total: 0 } });
    noticeId = created.id;

    const one = await api('admin', 'POST', `/follow-up/notices/${noticeId}/tasks`, {
      title: 'Sở A khắc phục tiêu chí kế hoạch', responsibleUnitId: A.id, cooperatingUnitIds: [B.id], deadline: '2099-06-10',
      links: [{ kind: 'criterion', frameworkVersionId: c.frameworkVersionId, nodeKey: 'ke-hoach' }, { kind: 'target', targetId }, { kind: 'external_component', indexKey: 'PAPI', componentKey: 'P5' }],
    });
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json()).toMatchObject({
      status: 'open', overdue: false, responsibleUnit: { id: A.id }, cooperatingUnits: [{ id: B.id }], reports: [],
      links: [
        { kind: 'criterion', programCode: 'cchc', nodeKey: 'ke-hoach', code: '1.1', name: 'Ban hành kế hoạch' },
        { kind: 'target', targetId, code: 'CT3', name: 'Tỷ lệ hồ sơ trực tuyến' },
        { kind: 'external_component', indexKey: 'PAPI', componentKey: 'P5', name: 'PAPI – Thủ tục hành chính công' },
      ],
    });
    task1 = one.json().id;

    const two = await api('admin', 'POST', `/follow-up/notices/${noticeId}/tasks`, { title: 'Sở C báo cáo', responsibleUnitId: C.id, deadline: '2020-01-10' });
    expect(two.statusCode, two.body).toBe(201);
    expect(two.json()).toMatchObject({ status: 'open', overdue: true });
    task2 = two.json().id;
  });

  it('refuses a deadline before the notice, an unknown criterion, and a task from someone else', async () => {
    const early = await api('admin', 'POST', `/follow-up/notices/${noticeId}/tasks`, { title: 'X', responsibleUnitId: A.id, deadline: '2019-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Hạn hoàn thành không được trước ngày ban hành thông báo');
    const node = await api('admin', 'POST', `/follow-up/notices/${noticeId}/tasks`, {
      title: 'X', responsibleUnitId: A.id, deadline: '2099-01-01', links: [{ kind: 'criterion', frameworkVersionId: c.frameworkVersionId, nodeKey: 'khong-co' }],
    });
    expect(node.statusCode).toBe(400);
    expect(node.body).toContain('Bộ tiêu chí không có tiêu chí “khong-co”');
    const unknown = await api('admin', 'POST', `/follow-up/notices/${noticeId}/tasks`, {
      title: 'X', responsibleUnitId: A.id, deadline: '2099-01-01',
      links: [{ kind: 'target', targetId: '00000000-0000-4000-8000-000000000001' }, { kind: 'external_component', indexKey: 'PAPI', componentKey: 'P9' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Không tìm thấy chỉ tiêu.');
    expect(unknown.body).toContain('Chỉ số PAPI không có thành phần “P9”');
    for (const as of ['officerA', 'orgAdmin', 'leader']) {
      expect((await api(as, 'POST', `/follow-up/notices/${noticeId}/tasks`, { title: 'X', responsibleUnitId: A.id, deadline: '2099-01-01' })).statusCode).toBe(403);
    }
  });

  it('edits with the version and answers 409 on a stale one; an organising unit’s administrator cannot', async () => {
    const res = await api('admin', 'PATCH', `/follow-up/notices/${noticeId}`, { ...notice, title: 'Kết luận (đã sửa)', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Kết luận (đã sửa)', version: 2 });
    expect((await api('admin', 'PATCH', `/follow-up/notices/${noticeId}`, { ...notice, version: 1 })).statusCode).toBe(409);
    expect((await api('orgAdmin', 'PATCH', `/follow-up/notices/${noticeId}`, { ...notice, version: 2 })).statusCode).toBe(403);
    expect((await api('orgAdmin', 'PATCH', `/follow-up/tasks/${task1}`, { title: 'X', version: 1 })).statusCode).toBe(403);
  });

  it('attaches the signed file through the evidence store; those who see the notice download it', async () => {
    const body = multipartBody({}, { name: 'TB 15-TB-UBND.pdf', bytes: pdfBytes(), type: 'application/pdf' });
    expect((await t.app.inject({ method: 'POST', url: `/api/follow-up/notices/${noticeId}/file`, headers: { ...who.officerA!.headers, ...body.headers }, payload: body.payload })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: `/api/follow-up/notices/${noticeId}/file`, headers: { ...who.admin!.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().file).toEqual({ name: 'TB 15-TB-UBND.pdf', size: pdfBytes().length, url: `/api/follow-up/notices/${noticeId}/file` });
    const download = await api('officerA', 'GET', `/follow-up/notices/${noticeId}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdfBytes())).toBe(true);
    expect((await api('officerD', 'GET', `/follow-up/notices/${noticeId}/file`)).statusCode).toBe(403);
  });
});

describe('who sees what', () => {
  it('a unit sees only the tasks it is responsible for or cooperates on, and the notice only through them', async () => {
    const ids = async (as: string) => (await api(as, 'GET', '/follow-up/tasks')).json().items.map((x: { id: string }) => x.id).filter((id: string) => [task1, task2].includes(id)).sort();
    expect(await ids('officerA')).toEqual([task1]);
    expect(await ids('headB')).toEqual([task1]);
    expect(await ids('officerC')).toEqual([task2]);
    expect(await ids('officerD')).toEqual([]);
    expect(await ids('leader')).toEqual([task1, task2].sort());

    const forA = await api('officerA', 'GET', `/follow-up/notices/${noticeId}`);
    expect(forA.statusCode).toBe(200);
    expect(forA.json().taskList.map((x: { id: string }) => x.id)).toEqual([task1]);
    expect(forA.json()).toMatchObject({ tasks: { total: 1 }, may: { edit: false } });
    expect((await api('officerA', 'GET', '/follow-up/notices?year=2019')).json().items.map((n: { id: string }) => n.id)).toEqual([noticeId]);
    expect((await api('officerD', 'GET', '/follow-up/notices')).json().items).toEqual([]);
    expect((await api('officerD', 'GET', `/follow-up/notices/${noticeId}`)).statusCode).toBe(403);
    expect((await api('officerD', 'GET', `/follow-up/tasks/${task1}`)).statusCode).toBe(403);
    expect((await api('officerC', 'GET', `/follow-up/tasks/${task1}`)).statusCode).toBe(403);
    expect((await api('orgAdmin', 'GET', `/follow-up/notices/${noticeId}`)).statusCode).toBe(403);
    expect((await api('admin', 'GET', '/follow-up/tasks/00000000-0000-4000-8000-000000000009')).statusCode).toBe(404);
  });

  it('the cooperating unit reads the task but may not report; the leader reads everything', async () => {
    const forB = await api('headB', 'GET', `/follow-up/tasks/${task1}`);
    expect(forB.json().may).toEqual({ edit: false, report: false });
    expect((await api('officerA', 'GET', `/follow-up/tasks/${task1}`)).json().may).toEqual({ edit: false, report: true });
    expect((await api('admin', 'GET', `/follow-up/tasks/${task1}`)).json().may).toEqual({ edit: true, report: false });
    const leader = await api('leader', 'GET', `/follow-up/notices/${noticeId}`);
    expect(leader.json().taskList).toHaveLength(2);
  });

  it('overdue flags, filters and the counts per notice and per unit', async () => {
    const overdue = (await api('admin', 'GET', `/follow-up/tasks?noticeId=${noticeId}&overdue=true`)).json().items;
    expect(overdue.map((x: { id: string }) => x.id)).toEqual([task2]);
    expect((await api('admin', 'GET', `/follow-up/tasks?unitId=${A.id}`)).json().items.map((x: { id: string }) => x.id)).toEqual([task1]);
    const detail = (await api('admin', 'GET', `/follow-up/notices/${noticeId}`)).json();
    expect(detail.tasks).toEqual({ total: 2, open: 1, inProgress: 0, done: 0, overdue: 1, cancelled: 0 });
    expect(detail.byUnit).toHaveLength(2);
    expect(detail.byUnit.find((u: { unit: { id: string } }) => u.unit.id === C.id).counts).toMatchObject({ total: 1, overdue: 1 });
  });
});

describe('progress reports', () => {
  it('only the responsible unit reports, with its own evidence, at the current version', async () => {
    const report = { status: 'in_progress', text: 'Đã xây dựng dự thảo kế hoạch.', evidenceDocumentIds: [docA], version: 1 };
    const cooperating = await api('headB', 'POST', `/follow-up/tasks/${task1}/reports`, report);
    expect(cooperating.statusCode).toBe(403);
    expect(cooperating.json().error.message).toContain('đơn vị chủ trì');
    expect((await api('admin', 'POST', `/follow-up/tasks/${task1}/reports`, report)).statusCode).toBe(403);
    expect((await api('officerC', 'POST', `/follow-up/tasks/${task1}/reports`, report)).statusCode).toBe(403);
    const foreign = await api('officerA', 'POST', `/follow-up/tasks/${task1}/reports`, { ...report, evidenceDocumentIds: [docC] });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toContain('tài liệu kiểm chứng của đơn vị mình');
    expect((await api('officerA', 'POST', `/follow-up/tasks/${task1}/reports`, { ...report, text: '' })).statusCode).toBe(400);

    const ok = await api('officerA', 'POST', `/follow-up/tasks/${task1}/reports`, report);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'in_progress', version: 2, reports: [{ status: 'in_progress', evidence: [{ id: docA }] }] });
    expect(ok.json().lastReportedAt).not.toBeNull();
    expect((await api('officerA', 'POST', `/follow-up/tasks/${task1}/reports`, report)).statusCode).toBe(409);

    const done = await api('officerA', 'POST', `/follow-up/tasks/${task1}/reports`, { ...report, status: 'done', text: 'Đã ban hành kế hoạch.', version: 2 });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ status: 'done', version: 3, may: { report: false } });
    const again = await api('officerA', 'POST', `/follow-up/tasks/${task1}/reports`, { ...report, version: 3 });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toContain('quản trị viên mở lại');
  });

  it('the report’s evidence counts as a use: the unused-evidence cleanup keeps it, and the notice’s file', async () => {
    const db = t.database.db;
    const [doc] = await db.select().from(evidenceDocuments).where(eq(evidenceDocuments.id, docA));
    expect(doc!.unusedSince).toBeNull();
    const result = await cleanUnusedEvidence(db, { dataDir, uploadMaxMb: 1, evidenceUnusedDays: 30 }, new Date(Date.now() + 400 * 86_400_000));
    expect(result.documentsRemoved).toBeGreaterThanOrEqual(1);
    const left = new Set((await db.select({ id: evidenceDocuments.id }).from(evidenceDocuments)).map((d) => d.id));
    expect(left.has(docA)).toBe(true);
    expect(left.has(docC)).toBe(false);
    const download = await api('admin', 'GET', `/follow-up/notices/${noticeId}/file`);
    expect(download.rawPayload.equals(pdfBytes())).toBe(true);
  });

  it('the administrator cancels with a reason, reopens, and edits only with the current version', async () => {
    const noReason = await api('admin', 'PATCH', `/follow-up/tasks/${task2}`, { status: 'cancelled', version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Nhập lý do hủy nhiệm vụ');
    const cancelled = await api('admin', 'PATCH', `/follow-up/tasks/${task2}`, { status: 'cancelled', reason: 'Đã sáp nhập nhiệm vụ', version: 1 });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', overdue: false, version: 2 });
    expect((await api('officerC', 'POST', `/follow-up/tasks/${task2}/reports`, { status: 'done', text: 'X', version: 2 })).statusCode).toBe(422);
    const reopened = await api('admin', 'PATCH', `/follow-up/tasks/${task2}`, { status: 'open', deadline: '2099-12-31', version: 2 });
    expect(reopened.json()).toMatchObject({ status: 'open', overdue: false, deadline: '2099-12-31', version: 3 });
    expect((await api('admin', 'PATCH', `/follow-up/tasks/${task2}`, { title: 'Cũ', version: 2 })).statusCode).toBe(409);
    // A title-only edit keeps the task's cooperating units and links.
    const titled = await api('admin', 'PATCH', `/follow-up/tasks/${task1}`, { title: 'Sở A khắc phục (sửa)', version: 3 });
    expect(titled.json()).toMatchObject({ title: 'Sở A khắc phục (sửa)', status: 'done', cooperatingUnits: [{ id: B.id }], links: [{ kind: 'criterion' }, { kind: 'target' }, { kind: 'external_component' }] });
  });

  it('audits every change', async () => {
    const events = await t.database.db.select().from(auditEvents).where(like(auditEvents.entityType, 'follow_up_task'));
    const mine = events.filter((e) => e.entityId === task1 || e.entityId === task2).map((e) => e.action).sort();
    expect(mine).toEqual(['cancel', 'create', 'create', 'reopen', 'report', 'report', 'update'].sort());
    const noticeEvents = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'conclusion_notice'), eq(auditEvents.entityId, noticeId)));
    expect(noticeEvents.map((e) => e.action).sort()).toEqual(['attach_file', 'create', 'update']);
  });
});

describe('the evidence offered in the later cycle', () => {
  const url = () => `/cycles/${c.cycleId}/units/${A.id}/criteria/ke-hoach/task-evidence`;

  it('offers the done task’s evidence to the unit on the linked criterion, marked once attached', async () => {
    const res = await api('officerA', 'GET', url());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ taskId: task1, noticeNumber: '15/TB-UBND', noticeYear: 2019, attached: false, document: expect.objectContaining({ id: docA }) }),
    ]);
    const [record] = await t.database.db.select().from(criterionRecords)
      .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, A.id), eq(criterionRecords.nodeKey, 'ke-hoach')));
    await t.database.db.insert(criterionEvidence).values({ criterionRecordId: record!.id, evidenceDocumentId: docA });
    expect((await api('officerA', 'GET', url())).json().items[0].attached).toBe(true);
    expect((await api('officerA', 'GET', `/cycles/${c.cycleId}/units/${A.id}/criteria/bao-cao/task-evidence`)).json().items).toEqual([]);
  });

  it('another unit is refused; the administrator reads it', async () => {
    expect((await api('officerC', 'GET', url())).statusCode).toBe(403);
    expect((await api('headB', 'GET', url())).statusCode).toBe(403);
    expect((await api('admin', 'GET', url())).json().items).toHaveLength(1);
  });

  it('an organising unit’s administrator reads its own cycle, not through it a unit outside its scope', async () => {
    const db = t.database.db;
    const [cycle] = await db.select().from(cycles).where(eq(cycles.id, c.cycleId));
    const { id: _id, ...rest } = cycle!;
    const [own] = await db.insert(cycles).values({ ...rest, name: `${rest.name} (của đơn vị tổ chức)`, ownerUnitId: org.id }).returning();
    const res = await api('orgAdmin', 'GET', `/cycles/${own!.id}/units/${A.id}/criteria/ke-hoach/task-evidence`);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Bạn chỉ xem được tài liệu của nhiệm vụ do đơn vị mình chủ trì');
  });
});

describe('assignment notices', () => {
  it('tells the responsible unit’s staff they lead it and the cooperating units’ they take part, on creation and when it is given to another unit', async () => {
    const db = t.database.db;
    const res = await api('admin', 'POST', `/follow-up/notices/${noticeId}/tasks`, { title: 'Giao việc', responsibleUnitId: A.id, cooperatingUnitIds: [B.id], deadline: '2099-03-31' });
    expect(res.statusCode, res.body).toBe(201);
    const task = res.json() as { id: string; version: number };
    const sent = async () => (await db.select().from(notifications).where(eq(notifications.link, `/follow-up/tasks/${task.id}`))).map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body }));
    const users = (key: string) => who[key]!.user.id;
    expect(await sent()).toEqual(expect.arrayContaining([
      { userId: users('officerA'), kind: 'follow_up.task_assigned', title: 'Đơn vị được giao chủ trì một nhiệm vụ', body: 'Giao việc (Thông báo kết luận số 15/TB-UBND, hạn 31/03/2099). Hãy thực hiện và báo cáo tiến độ.' },
      { userId: users('headB'), kind: 'follow_up.task_cooperating', title: 'Đơn vị được giao phối hợp thực hiện một nhiệm vụ', body: 'Giao việc (Thông báo kết luận số 15/TB-UBND, hạn 31/03/2099). Hãy phối hợp với đơn vị chủ trì.' },
    ]));
    expect((await sent()).map((n) => n.userId)).not.toContain(users('officerC'));
    // A title edit tells nobody; handing it to C tells C alone.
    const before = (await sent()).length;
    const titled = await api('admin', 'PATCH', `/follow-up/tasks/${task.id}`, { title: 'Giao việc (sửa)', version: task.version });
    expect((await sent()).length).toBe(before);
    const moved = await api('admin', 'PATCH', `/follow-up/tasks/${task.id}`, { responsibleUnitId: C.id, version: titled.json().version });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await sent();
    expect(after.length).toBe(before + 1);
    expect(after).toContainEqual(expect.objectContaining({ userId: users('officerC'), kind: 'follow_up.task_assigned' }));
  });
});

describe('reminders', () => {
  it('reminds the responsible unit before the deadline and once when overdue', async () => {
    const db = t.database.db;
    const res = await api('admin', 'POST', `/follow-up/notices/${noticeId}/tasks`, { title: 'Nhắc hạn', responsibleUnitId: C.id, deadline: '2099-06-10' });
    const taskId = res.json().id as string;
    const sentFor = async () => (await db.select().from(notifications).where(eq(notifications.link, `/follow-up/tasks/${taskId}`))).filter((n) => n.kind !== 'follow_up.task_assigned');
    await remindFollowUpTasks(db, new Date('2099-06-01T03:00:00Z'), [3, 1]);
    expect(await sentFor()).toHaveLength(0);
    await remindFollowUpTasks(db, new Date('2099-06-08T03:00:00Z'), [3, 1]);
    await remindFollowUpTasks(db, new Date('2099-06-08T04:00:00Z'), [3, 1]);
    const due = await sentFor();
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ kind: 'follow_up.task_due', title: 'Nhiệm vụ sắp đến hạn (10/06/2099, còn 3 ngày)' });
    await remindFollowUpTasks(db, new Date('2099-06-10T16:00:00Z'), [3, 1]);
    expect((await sentFor()).filter((n) => n.kind === 'follow_up.task_overdue')).toHaveLength(0);
    await remindFollowUpTasks(db, new Date('2099-06-11T03:00:00Z'), [3, 1]);
    await remindFollowUpTasks(db, new Date('2099-06-12T03:00:00Z'), [3, 1]);
    const overdue = (await sentFor()).filter((n) => n.kind === 'follow_up.task_overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.title).toBe('Nhiệm vụ quá hạn (hạn 10/06/2099)');
  });
});
