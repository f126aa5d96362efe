import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFixed, pointsToString } from '@chiso/core';
import { criterionEvidence, criterionRecords, cycleUnits, cycles, suppliedPoints } from '../src/db/schema/cycles';
import { auditEvents } from '../src/db/schema/audit';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { consolidateCycleGroup } from '../src/services/council/consolidation';
import { councilTable } from '../src/services/council/council-table';
import { loadCycleContext } from '../src/services/cycles/context';
import { commandContext } from '../src/services/context';
import { amendGroup, publishGroup } from '../src/services/publication/publish';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { at, createPubCycle, type PubCycle, setSelfInput } from './publication-fixtures';

/**
 * Council table and publication on the worked example (see publication-snapshot.test.ts):
 * X 18/20 = 90,00; Y 12,6/14 = 90,00 (shared rank 1); Z 10,25/20 = 51,25 (rank 3).
 */
let t: TestApp;
let c: PubCycle;
let adminActor: Actor;
let memberActor: Actor;
let admin: LoggedIn;
let council: LoggedIn;
let officer: LoggedIn;

const setSelf = (unitId: string, nodeKey: string, input: unknown) => setSelfInput(t.database.db, c.cycleId, unitId, nodeKey, input);
async function setState(state: string, unitIds = c.units.map((u) => u.id)) {
  for (const unitId of unitIds) await t.database.db.update(cycleUnits).set({ state }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, unitId)));
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createPubCycle(db);
  const [x, y, z] = c.units.map((u) => u.id) as [string, string, string];
  await setSelf(x, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(x, 'bao-cao', { kind: 'choice', option: 'du' });
  await setSelf(y, 'ke-hoach', { kind: 'yes_no', value: true });
  await setSelf(y, 'bao-cao', { kind: 'not_applicable', reason: 'Không có nhiệm vụ báo cáo' });
  await setSelf(z, 'ke-hoach', { kind: 'yes_no', value: false });
  await setSelf(z, 'bao-cao', { kind: 'choice', option: 'du' });
  // Z's report appraised down to 3 with a reason.
  await db.update(criterionRecords).set({
    status: 'appraised', appraisalKind: 'adjust', appraisalValue: { notApplicable: false, points: 3000, input: { kind: 'choice', option: 'tre' } },
    appraisedPoints: '3', appraisalReason: 'Báo cáo nộp trễ hạn', appraisalAgency: 'STP', appraisedAt: new Date(at.appraisal),
  }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, z), eq(criterionRecords.nodeKey, 'bao-cao')));
  await db.insert(suppliedPoints).values([
    { cycleId: c.cycleId, unitId: x, nodeKey: 'dieu-tra', points: '8', source: 'test' },
    { cycleId: c.cycleId, unitId: y, nodeKey: 'dieu-tra', points: '8.6', source: 'test' },
    { cycleId: c.cycleId, unitId: z, nodeKey: 'dieu-tra', points: '7.25', source: 'test' },
  ]);
  // What the trace must find behind Z's report: its evidence and the appraiser's decision.
  const [zReport] = await db.select().from(criterionRecords)
    .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, z), eq(criterionRecords.nodeKey, 'bao-cao')));
  const [file] = await db.insert(evidenceFiles).values({ sha256: 'b'.repeat(64), size: 10, mimeType: 'application/pdf' }).returning();
  const [document] = await db.insert(evidenceDocuments).values({
    fileId: file!.id, ownerUnitId: z, originalName: 'bao-cao-cchc.pdf', title: 'Báo cáo CCHC năm', documentNumber: '88/BC-UBND', documentDate: '2030-01-20', issuer: 'UBND',
  }).returning();
  await db.insert(criterionEvidence).values({ criterionRecordId: zReport!.id, evidenceDocumentId: document!.id });
  await db.insert(auditEvents).values([
    { at: new Date(at.appraisal), actorUsername: 'stp.thamdinh', entityType: 'criterion_record', entityId: zReport!.id, action: 'decide', reason: 'Báo cáo nộp trễ hạn' },
    // After the publication: not part of what was published.
    { at: new Date(at.publication + 86_400_000), actorUsername: 'snv.quantri', entityType: 'criterion_record', entityId: zReport!.id, action: 'note', reason: 'Sau công bố' },
  ]);
  const a = await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id });
  const m = await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id });
  const o = await createUser(db, { roles: ['unit_officer'], unitId: x });
  adminActor = { userId: a.id, username: a.username, unitId: a.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
  memberActor = { userId: m.id, username: m.username, unitId: m.unitId, roles: ['council_member'], scope: PROVINCE_SCOPE, ip: null };
  admin = await loginAs(t.app, a.username, a.password);
  council = await loginAs(t.app, m.username, m.password);
  officer = await loginAs(t.app, o.username, o.password);
  await setState('council_reviewed');
});
afterAll(async () => t?.close());

describe('council table', () => {
  it('shows self vs final totals, difference, index, shared rank, class and disputed criteria with reasons', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/council?groupId=${c.groupId}`, headers: council.headers });
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as { unit: { code: string } }[];
    const [x, y, z] = c.units;
    const byCode = Object.fromEntries(rows.map((r) => [r.unit.code, r]));
    expect(byCode[x!.code]).toMatchObject({ selfTotal: '18', finalTotal: '18', difference: '0', applicableMax: '20', index: '90.00', rank: 1, classLabel: 'Xuất sắc', disputed: [] });
    expect(byCode[y!.code]).toMatchObject({ selfTotal: '12.6', finalTotal: '12.6', applicableMax: '14', index: '90.00', rank: 1 });
    expect(byCode[z!.code]).toMatchObject({
      selfTotal: '13.25', finalTotal: '10.25', difference: '-3', index: '51.25', rank: 3, classLabel: 'Trung bình',
      disputed: [{ nodeKey: 'bao-cao', code: '1.2', self: '6', appraised: '3', council: null, reasons: ['Điểm thẩm định khác điểm tự đánh giá', 'Lý do: Báo cáo nộp trễ hạn'] }],
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/council?groupId=${c.groupId}`, headers: officer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/council?groupId=${c.groupId}` })).statusCode).toBe(401);
  });

  it("carries each row's allowed unit actions for the reader: the chair may approve, another member is refused", async () => {
    const db = t.database.db;
    const ch = await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id });
    const chairActor: Actor = { userId: ch.id, username: ch.username, unitId: ch.unitId, roles: ['council_member'], scope: PROVINCE_SCOPE, ip: null };
    await db.update(cycles).set({ councilChairUserId: ch.id }).where(eq(cycles.id, c.cycleId));
    try {
      const approveOf = async (actor: Actor) => {
        const table = await councilTable(db, actor, c.cycleId, c.groupId, new Date(at.council));
        expect(table.rows.map((r) => r.state)).toEqual(['council_reviewed', 'council_reviewed', 'council_reviewed']);
        return table.rows.map((r) => r.allowedActions.find((x) => x.action === 'approve'));
      };
      for (const a of await approveOf(chairActor)) expect(a).toMatchObject({ allowed: true, label: 'Phê duyệt kết quả' });
      for (const a of await approveOf(memberActor)) expect(a).toMatchObject({ allowed: false, refusal: { code: 'not_chair' } });
      // Over HTTP (today is before the 2030 council date): the rows carry the same list.
      const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/council?groupId=${c.groupId}`, headers: council.headers });
      expect(res.json().rows[0].allowedActions).toContainEqual(expect.objectContaining({ action: 'approve', allowed: false }));
    } finally {
      await db.update(cycles).set({ councilChairUserId: null }).where(eq(cycles.id, c.cycleId));
    }
  });

  it('exports the consolidated table as XLSX with numbers', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/council/export?groupId=${c.groupId}&format=xlsx`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(5).value).toBe('Điểm tự đánh giá');
    const z = [3, 4, 5].map((n) => ws.getRow(n)).find((r) => r.getCell(2).value === c.units[2]!.code)!;
    expect([z.getCell(5).value, z.getCell(6).value, z.getCell(7).value, z.getCell(9).value, z.getCell(10).value]).toEqual([13.25, 10.25, -3, 51.25, 3]);
    expect(z.getCell(9).numFmt).toBe('[$-42A]#,##0.00');
    expect(wb.getWorksheet('Tiêu chí có ý kiến khác')!.getRow(2).getCell(9).value).toContain('Báo cáo nộp trễ hạn');
  });
});

describe('publication', () => {
  const input = () => ({ cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '45/QĐ-UBND' });

  it('is refused with units not approved, and before the publication date', async () => {
    await setState('approved', [c.units[0]!.id, c.units[1]!.id]);
    await expect(publishGroup(commandContext(t.database.db, adminActor, () => new Date(at.publication)), { ...input() })).rejects.toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining(c.units[2]!.code) });
    await setState('approved');
    await expect(publishGroup(commandContext(t.database.db, adminActor, () => new Date(at.beforePublication)), { ...input() })).rejects.toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('Chưa đến ngày công bố') });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}` })).statusCode).toBe(404);
  });

  it('only the administrator publishes (403 otherwise, 401 anonymous)', async () => {
    const url = `/api/cycles/${c.cycleId}/groups/${c.groupId}/publish`;
    expect((await t.app.inject({ method: 'POST', url, headers: council.headers, payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
  });

  it('writes snapshot 1 equal to the core consolidation and moves the units to published', async () => {
    const snap = await publishGroup(commandContext(t.database.db, adminActor, () => new Date(at.publication)), { ...input() });
    expect(snap.number).toBe(1);
    expect(snap.decisionNumber).toBe('45/QĐ-UBND');
    const ctx = await loadCycleContext(t.database.db, c.cycleId);
    expect([...ctx.units.values()].map((u) => u.state)).toEqual(['published', 'published', 'published']);
    const { consolidation } = await consolidateCycleGroup(t.database.db, ctx, c.groupId);
    for (const u of consolidation.units) {
      const row = snap.rows.find((r) => r.unitId === u.unitId)!;
      expect(row.achieved).toBe(pointsToString(u.score.achieved));
      expect(row.index).toBe(formatFixed(u.score.publishedIndex!, 'plain'));
      expect(row.rank).toBe(consolidation.ranking.find((r) => r.unitId === u.unitId)!.rank);
      expect(row.classLabel).toBe(consolidation.classes.get(u.unitId)?.label ?? null);
    }
    expect(snap.rows.map((r) => [r.index, r.rank])).toEqual([['90.00', 1], ['90.00', 1], ['51.25', 3]]);
    const leaves = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM result_leaves WHERE snapshot_id = ${snap.id}`);
    expect((leaves as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(9);
  });

  it('refuses a second publication; an amendment needs a reason and creates N+1, keeping N', async () => {
    await expect(publishGroup(commandContext(t.database.db, adminActor, () => new Date(at.publication)), { ...input() })).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    await expect(amendGroup(commandContext(t.database.db, adminActor, () => new Date(at.publication)), { ...input(), reason: '  ' })).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    const first = (await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}?number=1` })).json();
    // Correction after publication: the survey figure of Z was wrong.
    await t.database.db.update(suppliedPoints).set({ points: '9.25' }).where(and(eq(suppliedPoints.cycleId, c.cycleId), eq(suppliedPoints.unitId, c.units[2]!.id)));
    const res = await t.app.inject({ method: 'POST', url: `/api/cycles/${c.cycleId}/groups/${c.groupId}/amend`, headers: admin.headers, payload: { reason: 'Sai số liệu điều tra của đơn vị' } });
    expect(res.statusCode).toBe(200);
    const amended = res.json();
    expect(amended.number).toBe(2);
    expect(amended.rows.find((r: { unitId: string }) => r.unitId === c.units[2]!.id).index).toBe('61.25');
    const again = (await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}?number=1` })).json();
    expect({ ...again, versions: undefined }).toEqual({ ...first, versions: undefined });
    const logged = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/results?groupId=${c.groupId}`, headers: officer.headers });
    expect(logged.json().number).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/results?groupId=${c.groupId}` })).statusCode).toBe(401);
  });
});

describe('the trace of a published figure', () => {
  const traceUrl = (unitId: string, number?: number) =>
    `/api/cycles/${c.cycleId}/results/${c.groupId}/units/${unitId}/trace${number ? `?number=${number}` : ''}`;

  it('goes from the published index down to each criterion’s source, evidence and decisions', async () => {
    const z = c.units[2]!.id;
    const res = await t.app.inject({ method: 'GET', url: traceUrl(z, 1), headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const trace = res.json();
    expect(trace.snapshot).toMatchObject({ number: 1, decisionNumber: '45/QĐ-UBND' });
    expect(trace.unit).toMatchObject({ unitId: z, achieved: '10.25', index: '51.25', rank: 3 });
    expect(trace.leaves.map((l: { code: string; level: string; effectivePoints: string | null }) => [l.code, l.level, l.effectivePoints])).toEqual([
      ['1.1', 'self', '0'],
      ['1.2', 'appraised', '3'],
      ['2.1', 'supplied', '7.25'],
    ]);
    const report = trace.leaves[1];
    expect(report).toMatchObject({ name: expect.any(String), maxPoints: '6', selfPoints: '6', notApplicable: false });
    expect(report.evidence).toEqual([expect.objectContaining({ documentNumber: '88/BC-UBND', title: 'Báo cáo CCHC năm', originalName: 'bao-cao-cchc.pdf' })]);
    expect(report.decisions).toEqual([expect.objectContaining({ actor: 'stp.thamdinh', action: 'decide', reason: 'Báo cáo nộp trễ hạn' })]);
    // The amendment's trace shows the corrected survey figure; number 1 stays as published.
    const amended = (await t.app.inject({ method: 'GET', url: traceUrl(z), headers: admin.headers })).json();
    expect(amended.snapshot.number).toBe(2);
    expect(amended.leaves[2]).toMatchObject({ code: '2.1', effectivePoints: '9.25' });
    expect(amended.unit.index).toBe('61.25');
  });

  it('is open to the administrator, the council and the unit itself; not to another unit, nor anonymously', async () => {
    const [x, , z] = c.units.map((u) => u.id);
    expect((await t.app.inject({ method: 'GET', url: traceUrl(z!), headers: council.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: traceUrl(x!), headers: officer.headers })).statusCode).toBe(200);
    const other = await t.app.inject({ method: 'GET', url: traceUrl(z!), headers: officer.headers });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/chính đơn vị/);
    expect((await t.app.inject({ method: 'GET', url: traceUrl(z!) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: traceUrl(z!, 9), headers: admin.headers })).statusCode).toBe(404);
  });
});
