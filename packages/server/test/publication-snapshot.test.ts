import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CriterionRecord, type Framework, consolidateGroup, formatFixed, loadFramework, pointsToString } from '@chiso/core';
import * as resultRepository from '../src/db/repositories/result-repository';
import { systemActor } from '../src/services/actor';
import { writeSnapshot } from '../src/services/publication/write-snapshot';
import { auditEvents } from '../src/db/schema/audit';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs } from './support/login';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';

/**
 * The snapshot writer on its own (no workflow): the worked example's figures go through the
 * core's consolidateGroup, are stored insert-only, and come back through the public endpoints.
 */
let t: TestApp;
let c: PubCycle;
const framework = (loadFramework(pubFramework) as { ok: true; framework: Framework }).framework;

const rec = (nodeKey: string, input: CriterionRecord['self']['input'], appraisal?: CriterionRecord['appraisal']): CriterionRecord => ({
  nodeKey, status: appraisal ? 'appraised' : 'pending', self: input ? { input } : {}, requests: [], ...(appraisal ? { appraisal } : {}),
});

/**
 * Worked example (indexes with two decimals, bands Xuất sắc ≥ 90, Trung bình ≥ 50):
 *  X: 4 + 6 + survey 8    = 18    of 20 → 90,00 → rank 1, Xuất sắc
 *  Y: 4 + (n/a) + 8,6     = 12,6  of 14 → 90,00 → rank 1 (shared), Xuất sắc
 *  Z: 0 + 3 (appraised from 6) + 7,25 = 10,25 of 20 → 51,25 → rank 3, Trung bình
 */
function example(ids: string[]) {
  const [x, y, z] = ids as [string, string, string];
  const accepted = (value: number) => ({ kind: 'adjust' as const, value: { notApplicable: false, points: value as never }, reason: 'Thiếu tài liệu', decidedAt: 0 });
  return consolidateGroup(framework, [
    { unitId: x, profile: {}, records: { 'ke-hoach': rec('ke-hoach', { kind: 'yes_no', value: true }), 'bao-cao': rec('bao-cao', { kind: 'choice', option: 'du' }) }, supplied: { 'dieu-tra': { kind: 'survey', points: '8' } } },
    { unitId: y, profile: {}, records: { 'ke-hoach': rec('ke-hoach', { kind: 'yes_no', value: true }), 'bao-cao': rec('bao-cao', { kind: 'not_applicable', reason: 'Không có nhiệm vụ' }) }, supplied: { 'dieu-tra': { kind: 'survey', points: '8,6' } } },
    { unitId: z, profile: {}, records: { 'ke-hoach': rec('ke-hoach', { kind: 'yes_no', value: false }), 'bao-cao': rec('bao-cao', { kind: 'choice', option: 'du' }, accepted(3000)) }, supplied: { 'dieu-tra': { kind: 'survey', points: '7.25' } } },
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  c = await createPubCycle(t.database.db);
});
afterAll(async () => t?.close());

describe('result snapshots', () => {
  it('stores the core figures exactly and serves them publicly without login', async () => {
    const consolidation = example(c.units.map((u) => u.id));
    await t.database.db.transaction((tx) => writeSnapshot(tx, systemActor, {
      cycleId: c.cycleId, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, framework, consolidation,
      units: c.units.map((u) => ({ unitId: u.id, code: u.code, name: u.name })), refs: new Map(), number: 1, decisionNumber: '123/QĐ-UBND', now: new Date(),
    }));
    const res = await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.number).toBe(1);
    expect(body.decisionNumber).toBe('123/QĐ-UBND');
    const byCode = Object.fromEntries(body.rows.map((r: { unitCode: string }) => [r.unitCode, r]));
    const [x, y, z] = c.units;
    expect(byCode[x!.code]).toMatchObject({ achieved: '18', applicableMax: '20', index: '90.00', rank: 1, classLabel: 'Xuất sắc' });
    expect(byCode[y!.code]).toMatchObject({ achieved: '12.6', applicableMax: '14', index: '90.00', rank: 1, classLabel: 'Xuất sắc' });
    expect(byCode[z!.code]).toMatchObject({ achieved: '10.25', applicableMax: '20', index: '51.25', rank: 3, classLabel: 'Trung bình' });
    expect(byCode[y!.code].fields).toEqual([
      { fieldKey: 'chi-dao', code: '1', name: 'Công tác chỉ đạo, điều hành', achieved: '4', applicableMax: '4', componentIndex: '100.00' },
      { fieldKey: 'hai-long', code: '2', name: 'Mức độ hài lòng', achieved: '8.6', applicableMax: '10', componentIndex: '86.00' },
    ]);
    // Equal to the core, figure by figure.
    for (const u of consolidation.units) {
      const row = body.rows.find((r: { unitId: string }) => r.unitId === u.unitId);
      expect(row.achieved).toBe(pointsToString(u.score.achieved));
      expect(row.index).toBe(formatFixed(u.score.publishedIndex!, 'plain'));
      expect(row.rank).toBe(consolidation.ranking.find((r) => r.unitId === u.unitId)!.rank);
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/public/results' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toContainEqual(expect.objectContaining({ cycleId: c.cycleId, groupId: c.groupId, latestNumber: 1, program: { code: 'cchc', name: 'Chỉ số cải cách hành chính' } }));
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'result_snapshot'));
    expect(audit.some((a) => a.action === 'publish')).toBe(true);
  });

  it('keeps the exact values behind the shown figures; they come back in the trace, not in the public table', async () => {
    // The same framework without a points rounding: a survey average of 26/3 stays exact.
    const document = { ...pubFramework, settings: { ...pubFramework.settings, rounding: { indexDecimals: 2 } } };
    const exactFramework = (loadFramework(document) as { ok: true; framework: Framework }).framework;
    const e = await createPubCycle(t.database.db, { document, withRecords: false });
    const x = e.units[0]!;
    const consolidation = consolidateGroup(exactFramework, [{
      unitId: x.id, profile: {},
      records: { 'ke-hoach': rec('ke-hoach', { kind: 'yes_no', value: true }), 'bao-cao': rec('bao-cao', { kind: 'choice', option: 'tre' }) },
      supplied: { 'dieu-tra': { kind: 'survey', points: { num: 26n, den: 3n } } },
    }]);
    await t.database.db.transaction((tx) => writeSnapshot(tx, systemActor, {
      cycleId: e.cycleId, groupId: e.groupId, frameworkVersionId: e.frameworkVersionId, framework: exactFramework, consolidation,
      units: [{ unitId: x.id, code: x.code, name: x.name }], refs: new Map(), number: 1, now: new Date(),
    }));
    // 4 + 3 + 26/3 = 47/3 of 20 → 235/3 % = 78,33 as published.
    const shown = (await t.app.inject({ method: 'GET', url: `/api/public/results/${e.cycleId}/${e.groupId}` })).json().rows[0];
    expect(shown).toMatchObject({ achieved: '15.667', index: '78.33' });
    expect(shown).not.toHaveProperty('achievedExact');
    expect(shown).not.toHaveProperty('indexExact');

    const a = await createUser(t.database.db, { roles: ['admin'], unitId: e.agencyUnits.SNV.id });
    const admin = await loginAs(t.app, a.username, a.password);
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${e.cycleId}/results/${e.groupId}/units/${x.id}/trace`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const trace = res.json();
    expect(trace.unit).toMatchObject({ achieved: '15.667', achievedExact: '47/3', indexExact: '235/3', bonusExact: '0', index: '78.33' });
    expect(trace.unit.fields.map((f: { achievedExact: string }) => f.achievedExact)).toEqual(['7', '26/3']);
    const survey = trace.leaves.find((l: { nodeKey: string }) => l.nodeKey === 'dieu-tra');
    expect(survey).toMatchObject({ effectivePoints: '8.667', effectiveExact: '26/3', selfExact: null });
    expect(trace.leaves.find((l: { nodeKey: string }) => l.nodeKey === 'bao-cao')).toMatchObject({ selfExact: '3', effectiveExact: '3' });
  });

  it('has no update or delete in the repository; an amendment adds N+1 and keeps N as published', async () => {
    const names = Object.keys(resultRepository);
    expect(names.filter((n) => /update|delete|remove|replace|upsert|set|modify/i.test(n))).toEqual([]);
    const before = (await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}?number=1` })).json();
    // The correction: Z's report accepted in full (6 instead of 3).
    const ids = c.units.map((u) => u.id);
    const corrected = consolidateGroup(framework, [
      ...example(ids).units.slice(0, 2).map((u) => ({ unitId: u.unitId, profile: {}, records: {}, supplied: u.effectiveInputs })),
      { unitId: ids[2]!, profile: {}, records: { 'ke-hoach': rec('ke-hoach', { kind: 'yes_no', value: false }), 'bao-cao': rec('bao-cao', { kind: 'choice', option: 'du' }) }, supplied: { 'dieu-tra': { kind: 'survey', points: '7.25' } } },
    ]);
    await t.database.db.transaction((tx) => writeSnapshot(tx, systemActor, {
      cycleId: c.cycleId, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, framework, consolidation: corrected,
      units: c.units.map((u) => ({ unitId: u.id, code: u.code, name: u.name })), refs: new Map(), number: 2, reason: 'Sửa điểm tiêu chí 1.2', now: new Date(),
    }));
    const latest = (await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}` })).json();
    expect(latest.number).toBe(2);
    expect(latest.reason).toBe('Sửa điểm tiêu chí 1.2');
    expect(latest.rows.find((r: { unitId: string }) => r.unitId === ids[2]).index).toBe('66.25');
    expect(latest.versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    const again = (await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}?number=1` })).json();
    expect({ ...again, versions: undefined }).toEqual({ ...before, versions: undefined });
    expect(again.rows.find((r: { unitId: string }) => r.unitId === ids[2]).index).toBe('51.25');
  });

  it('exports a snapshot as XLSX that exceljs opens, with the figures as numbers', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}/export?format=xlsx&number=1` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Kết quả')!;
    // Title rows 1–3, the header row 5 (repeated on every printed page), then the units.
    expect(ws.getRow(5).getCell(7).value).toBe('Chỉ số (%)');
    const rows = [6, 7, 8].map((n) => ws.getRow(n));
    const z = rows.find((r) => r.getCell(2).value === c.units[2]!.code)!;
    expect(z.getCell(1).value).toBe(3);
    expect(z.getCell(7).value).toBe(51.25);
    expect(z.getCell(7).numFmt).toBe('[$-42A]#,##0.00');
    expect(z.getCell(8).value).toBe('Trung bình');
  });

  it('404 for groups never published and for unknown numbers', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.cycleId}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}?number=9` })).statusCode).toBe(404);
  });
});
