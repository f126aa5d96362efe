// Self-assessment over HTTP: the assessment view, autosave with versions and rule checks,
// not-applicable claims, evidence links, the appraiser's filtered view, the answer to a request,
// the DOCX report and "my assessments".
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionRecords, cycleUnits, explanationRequests, notifications } from '../src/db/schema/cycles';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import type { Role } from '../src/services/actor';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs } from './support/login';
import { createCycle, type CycleFixture } from './assessments-fixtures';

let t: TestApp;
let own: UnitRow;
let other: UnitRow;
let snv: UnitRow;
let stp: UnitRow;
let cycle: CycleFixture;
const sessions = new Map<string, Record<string, string>>();
const userIds = new Map<string, string>();

async function session(key: string, unit: UnitRow, roles: Role[]) {
  const user = await createUser(t.database.db, { unitId: unit.id, roles });
  userIds.set(key, user.id);
  sessions.set(key, (await loginAs(t.app, user.username, user.password)).headers);
}

let fileCounter = 0;
async function evidenceOf(unit: UnitRow, title: string): Promise<string> {
  const db = t.database.db;
  const sha256 = (++fileCounter).toString(16).padStart(64, 'a');
  const [file] = await db.insert(evidenceFiles).values({ sha256, size: 10, mimeType: 'application/pdf' }).returning();
  const [doc] = await db
    .insert(evidenceDocuments)
    .values({ fileId: file!.id, ownerUnitId: unit.id, originalName: `${title}.pdf`, title, documentNumber: `${fileCounter}/QĐ-UBND`, documentDate: '2025-03-15', issuer: 'UBND tỉnh' })
    .returning();
  return doc!.id;
}

const base = () => `/api/cycles/${cycle.cycleId}/units/${own.id}`;
const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: sessions.get(who) ?? {} });
const put = (who: string, nodeKey: string, payload: unknown) => t.app.inject({ method: 'PUT', url: `${base()}/criteria/${nodeKey}`, headers: sessions.get(who) ?? {}, payload: payload as object });
const versionOf = async (nodeKey: string) => (await get('officer', `${base()}/assessment`)).json().records[nodeKey].version as number;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const root = await createUnit(db, { name: 'UBND tỉnh Cao Bằng', typeCode: 'province' });
  own = await createUnit(db, { name: 'Sở Tư pháp', parentId: root.id });
  other = await createUnit(db, { name: 'Sở Y tế', parentId: root.id });
  snv = await createUnit(db, { name: 'Sở Nội vụ' });
  stp = await createUnit(db, { name: 'Văn phòng thẩm định' });
  cycle = await createCycle(db, { unitIds: [own.id, other.id], agencies: { SNV: snv.id, STP: stp.id } });
  await session('officer', own, ['unit_officer']);
  await session('head', own, ['unit_head']);
  await session('otherOfficer', other, ['unit_officer']);
  await session('snv', snv, ['appraiser']);
  await session('stp', stp, ['appraiser']);
  await session('admin', snv, ['admin']);
  await session('leader', snv, ['leader_viewer']);
});
afterAll(async () => t.close());

describe('the assessment view', () => {
  it('shows the unit its framework, records, live self score, checks and actions', async () => {
    const response = await get('officer', `${base()}/assessment`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.unit).toMatchObject({ id: own.id, name: 'Sở Tư pháp' });
    expect(body.state).toBe('draft');
    expect(body.framework.nodes).toHaveLength(2);
    expect(Object.keys(body.records).sort()).toEqual(['dung-han', 'hoan-thanh', 'ke-hoach', 'kiem-tra']);
    expect(body.records['ke-hoach']).toMatchObject({ status: 'draft', version: 1, self: { input: null, points: null, evidence: [] }, may: { edit: true, answer: false, decide: false } });
    expect(body.selfScore).toEqual({ achieved: '0.000', applicableMax: '10.000', index: '0.00' });
    expect(body.submissionIssues.map((i: { code: string }) => i.code)).toContain('missing_input');
    expect(body.allowedActions.find((a: { action: string }) => a.action === 'edit')).toMatchObject({ allowed: true });
    const submit = body.allowedActions.find((a: { action: string }) => a.action === 'submit');
    expect(submit).toMatchObject({ allowed: false });
    expect(submit.refusal.message).toMatch(/Chỉ thủ trưởng đơn vị/);
  });

  it('refuses another unit (403) and an unknown cycle (404)', async () => {
    expect((await get('otherOfficer', `${base()}/assessment`)).statusCode).toBe(403);
    expect((await get('officer', `/api/cycles/00000000-0000-4000-8000-000000000000/units/${own.id}/assessment`)).statusCode).toBe(404);
  });

  it('shows an appraiser only the criteria of its agency', async () => {
    const snvView = (await get('snv', `${base()}/assessment`)).json();
    expect(Object.keys(snvView.records).sort()).toEqual(['ke-hoach', 'kiem-tra']);
    expect(snvView.records['ke-hoach'].may.edit).toBe(false);
    expect(snvView.submissionIssues.every((i: { nodeKey?: string }) => ['ke-hoach', 'kiem-tra'].includes(i.nodeKey ?? ''))).toBe(true);
    const stpView = (await get('stp', `${base()}/assessment`)).json();
    expect(Object.keys(stpView.records).sort()).toEqual(['dung-han', 'hoan-thanh']);
    expect(Object.keys((await get('leader', `${base()}/assessment`)).json().records)).toHaveLength(4);
  });
});

describe('autosave', () => {
  it('stores the input, computed points, explanation and evidence; a stale version gets 409 with the current view', async () => {
    const documentId = await evidenceOf(own, 'Quyết định ban hành kế hoạch');
    const saved = await put('officer', 'ke-hoach', { version: 1, input: { kind: 'choice', option: 'kip-thoi' }, explanation: 'Ban hành ngày 10/01/2025', evidenceIds: [documentId] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, self: { input: { kind: 'choice', option: 'kip-thoi' }, points: '2.000', explanation: 'Ban hành ngày 10/01/2025' } });
    expect(saved.json().self.evidence.map((e: { id: string; title: string }) => [e.id, e.title])).toEqual([[documentId, 'Quyết định ban hành kế hoạch']]);

    const stale = await put('head', 'ke-hoach', { version: 1, input: { kind: 'choice', option: 'cham' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(stale.json().error.details[0].current).toMatchObject({ version: 2, self: { points: '2.000', input: { option: 'kip-thoi' } } });

    // Only the explanation: the input and evidence stay.
    const explained = await put('head', 'ke-hoach', { version: 2, explanation: 'Đã sửa giải trình' });
    expect(explained.json()).toMatchObject({ version: 3, self: { points: '2.000', explanation: 'Đã sửa giải trình' } });
    expect(explained.json().self.evidence).toHaveLength(1);

    const rate = await put('officer', 'hoan-thanh', { version: 1, input: { kind: 'rate', numerator: '8', denominator: '10' } });
    expect(rate.json().self.points).toBe('2.400');
    const view = (await get('officer', `${base()}/assessment`)).json();
    expect(view.selfScore.achieved).toBe('4.400');

    const [row] = await t.database.db.select().from(criterionRecords).where(and(eq(criterionRecords.cycleId, cycle.cycleId), eq(criterionRecords.unitId, own.id), eq(criterionRecords.nodeKey, 'hoan-thanh')));
    expect(row!.selfPoints).toBe('2.400');
  });

  it('writes an audit event with before and after', async () => {
    const audit = await get('admin', `/api/audit?entityType=criterion_record&action=save_self`);
    expect(audit.statusCode).toBe(200);
    const items = audit.json().items as { before: { points: string | null }; after: { points: string; evidenceIds: string[]; nodeKey: string } }[];
    const first = items.find((i) => i.after.nodeKey === 'ke-hoach' && i.before.points === null);
    expect(first?.after.points).toBe('2.000');
    expect(first?.after.evidenceIds).toHaveLength(1);
  });

  it('refuses input that does not fit the rule, in Vietnamese, and keeps what was stored', async () => {
    const version = await versionOf('ke-hoach');
    const unknown = await put('officer', 'ke-hoach', { version, input: { kind: 'choice', option: 'xuat-sac' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: [{ path: 'input' }] });
    expect(unknown.json().error.message).toBe('Tiêu chí 1.1: không có mức "xuat-sac"');
    const wrongKind = await put('officer', 'ke-hoach', { version, input: { kind: 'rate', numerator: 1, denominator: 2 } });
    expect(wrongKind.json().error.message).toBe('Tiêu chí 1.1: cần chọn một mức');
    const notNumber = await put('officer', 'hoan-thanh', { version: await versionOf('hoan-thanh'), input: { kind: 'rate', numerator: 'tám', denominator: '10' } });
    expect(notNumber.json().error.message).toBe('Tiêu chí 1.3: tử số và mẫu số phải là số');
    const points = await put('officer', 'ke-hoach', { version, input: { kind: 'points', points: '2' } });
    expect(points.statusCode).toBe(422);
    expect((await get('officer', `${base()}/assessment`)).json().records['ke-hoach'].self.points).toBe('2.000');
  });

  it('accepts a not-applicable claim only where the framework allows, with a reason', async () => {
    const claim = await put('officer', 'kiem-tra', { version: await versionOf('kiem-tra'), input: { kind: 'not_applicable', reason: '  Đơn vị không có đơn vị trực thuộc ' } });
    expect(claim.statusCode).toBe(200);
    expect(claim.json().self.input).toEqual({ kind: 'not_applicable', reason: 'Đơn vị không có đơn vị trực thuộc' });
    expect((await get('officer', `${base()}/assessment`)).json().selfScore.applicableMax).toBe('9.000');
    const noReason = await put('officer', 'kiem-tra', { version: await versionOf('kiem-tra'), input: { kind: 'not_applicable', reason: ' ' } });
    expect(noReason.json().error.message).toBe('Tiêu chí 1.2: cần nêu lý do không áp dụng.');
    const notAllowed = await put('officer', 'dung-han', { version: 1, input: { kind: 'not_applicable', reason: 'Không có hồ sơ' } });
    expect(notAllowed.statusCode).toBe(422);
    expect(notAllowed.json().error.message).toBe('Tiêu chí 2.1 không được khai báo không áp dụng.');
  });

  it('refuses evidence of another unit', async () => {
    const foreign = await evidenceOf(other, 'Tài liệu của Sở Y tế');
    const response = await put('officer', 'dung-han', { version: 1, input: { kind: 'rate', numerator: 10, denominator: 10 }, evidenceIds: [foreign] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([{ path: 'evidenceIds', message: `Tài liệu ${foreign} không thuộc đơn vị này.` }]);
    expect((await versionOf('dung-han'))).toBe(1);
  });

  it('lets only the unit officer and head edit, and only while the state allows', async () => {
    for (const who of ['snv', 'admin', 'leader']) {
      expect((await put(who, 'dung-han', { version: 1, input: { kind: 'rate', numerator: 1, denominator: 1 } })).statusCode).toBe(403);
    }
    await t.database.db.update(cycleUnits).set({ state: 'submitted' }).where(and(eq(cycleUnits.cycleId, cycle.cycleId), eq(cycleUnits.unitId, own.id)));
    const locked = await put('officer', 'dung-han', { version: 1, input: { kind: 'rate', numerator: 1, denominator: 1 } });
    expect(locked.statusCode).toBe(422);
    expect(locked.json().error.message).toContain('Đã gửi');
    await t.database.db.update(cycleUnits).set({ state: 'draft' }).where(and(eq(cycleUnits.cycleId, cycle.cycleId), eq(cycleUnits.unitId, own.id)));
  });
});

describe('answering a request', () => {
  it('answers with text and evidence, moves the unit to explained and notifies the agency', async () => {
    const db = t.database.db;
    const [record] = await db
      .update(criterionRecords)
      .set({ status: 'explanation_requested' })
      .where(and(eq(criterionRecords.cycleId, cycle.cycleId), eq(criterionRecords.unitId, own.id), eq(criterionRecords.nodeKey, 'ke-hoach')))
      .returning();
    await db.insert(explanationRequests).values({ criterionRecordId: record!.id, sequence: 1, kind: 'explanation', message: 'Đề nghị giải trình thời điểm ban hành', deadline: new Date(Date.now() + 5 * 86_400_000), agency: 'SNV' });
    await db.update(cycleUnits).set({ state: 'explanation_requested' }).where(and(eq(cycleUnits.cycleId, cycle.cycleId), eq(cycleUnits.unitId, own.id)));
    const documentId = await evidenceOf(own, 'Văn bản giải trình');

    const url = `${base()}/criteria/ke-hoach/answer`;
    expect((await t.app.inject({ method: 'POST', url, headers: sessions.get('otherOfficer'), payload: { version: record!.version, text: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: sessions.get('officer'), payload: { version: record!.version, text: '  ' } })).statusCode).toBe(422);
    const response = await t.app.inject({ method: 'POST', url, headers: sessions.get('officer'), payload: { version: record!.version, text: 'Kế hoạch ban hành đúng hạn, kèm văn bản', evidenceIds: [documentId] } });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.status).toBe('explained');
    expect(view.requests[0]).toMatchObject({ kind: 'explanation', agency: 'SNV', answer: { text: 'Kế hoạch ban hành đúng hạn, kèm văn bản' } });
    expect(view.requests[0].answer.evidence.map((e: { id: string }) => e.id)).toEqual([documentId]);
    // The answer's evidence is readable by the requesting agency only, not by another appraiser.
    expect((await get('snv', `/api/evidence/${documentId}`)).statusCode).toBe(200);
    expect((await get('stp', `/api/evidence/${documentId}`)).statusCode).toBe(403);

    const [unitRow] = await db.select().from(cycleUnits).where(and(eq(cycleUnits.cycleId, cycle.cycleId), eq(cycleUnits.unitId, own.id)));
    expect(unitRow!.state).toBe('explained');
    const notes = await db.select().from(notifications).where(eq(notifications.userId, userIds.get('snv')!));
    expect(notes.map((n) => n.kind)).toContain('criterion.explanation_answered');
    expect(notes.find((n) => n.kind === 'criterion.explanation_answered')!.title).toContain('tiêu chí 1.1');

    const again = await t.app.inject({ method: 'POST', url, headers: sessions.get('officer'), payload: { version: view.version, text: 'Lần nữa' } });
    expect(again.statusCode).toBe(422);
    await db.update(cycleUnits).set({ state: 'draft' }).where(and(eq(cycleUnits.cycleId, cycle.cycleId), eq(cycleUnits.unitId, own.id)));
    await db.update(criterionRecords).set({ status: 'draft' }).where(eq(criterionRecords.id, record!.id));
  });
});

describe('report and my work', () => {
  it('exports the self-assessment report as DOCX', async () => {
    const response = await get('head', `${base()}/report.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(String(response.headers['content-disposition'])).toContain('.docx');
    const xml = await (await JSZip.loadAsync(response.rawPayload)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('SỞ TƯ PHÁP');
    expect(text).toContain('UBND TỈNH CAO BẰNG');
    expect(text).toMatch(/Cao Bằng, ngày \d{2} tháng \d{2} năm \d{4}/);
    expect(text).toContain('Ban hành kế hoạch cải cách hành chính năm');
    expect(text).toContain('2,4');
    expect(text).toContain('Đơn vị không có đơn vị trực thuộc');
    expect(text).toContain('Quyết định ban hành kế hoạch');
    expect((await get('otherOfficer', `${base()}/report.docx`)).statusCode).toBe(403);
    expect((await get('snv', `${base()}/report.docx`)).statusCode).toBe(403);
  });

  it('lists the officer its own assessment, and the appraiser the units it appraises', async () => {
    const mine = (await get('officer', '/api/my/assessments')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ cycleId: cycle.cycleId, unit: { id: own.id }, state: 'draft', progress: { filled: 2, applicable: 3 } });
    // Whether the unit may still enter its self-assessment (My work: continue or view).
    expect(mine[0].allowedActions.find((a: { action: string }) => a.action === 'edit')).toMatchObject({ allowed: true });
    expect(mine[0].allowedActions.some((a: { action: string }) => a.action === 'publish')).toBe(false);
    const appraiser = (await get('snv', '/api/my/assessments')).json().items;
    expect(appraiser.map((i: { unit: { id: string } }) => i.unit.id).sort()).toEqual([own.id, other.id].sort());
    expect(appraiser[0].toAppraise).toBe(0);
    expect((await get('admin', '/api/my/assessments')).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/my/assessments' })).statusCode).toBe(401);
  });
});
