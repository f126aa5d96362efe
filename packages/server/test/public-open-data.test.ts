/**
 * The public site (issue 11 §7): a unit's published results over the years and a published group's
 * open data (CSV, JSON, method note) — no login, published snapshots only: an unpublished cycle's
 * units and groups never appear.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CriterionRecord, type Framework, consolidateGroup, loadFramework } from '@chiso/core';
import type { OpenData, PublishedGroup, UnitPublishedResults } from '@chiso/contract';
import { cycles } from '../src/db/schema/cycles';
import { frameworkVersions } from '../src/db/schema/frameworks';
import { systemContext } from '../src/services/context';
import { importPublishedResults } from '../src/services/results/import-published';
import { systemActor } from '../src/services/actor';
import { writeSnapshot } from '../src/services/publication/write-snapshot';
import { createTestApp, type TestApp } from './support/app';
import { createUnit } from './support/factories';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';

const framework = (loadFramework(pubFramework) as { ok: true; framework: Framework }).framework;

let t: TestApp;
let older: PubCycle;
let newer: PubCycle;
let unpublished: PubCycle;
let districtId: string;

/** Publishes a group through the core (each unit: the plan yes/no, the report given, survey points). */
async function publish(c: PubCycle, answers: { yes: boolean; survey: string }[], decisionNumber: string, names?: string[]) {
  const record = (nodeKey: string, input: NonNullable<CriterionRecord['self']['input']>): CriterionRecord => ({ nodeKey, status: 'pending', self: { input }, requests: [] });
  const consolidation = consolidateGroup(framework, c.units.map((u, i) => ({
    unitId: u.id, profile: {},
    records: { 'ke-hoach': record('ke-hoach', { kind: 'yes_no', value: answers[i]!.yes }), 'bao-cao': record('bao-cao', { kind: 'choice', option: 'du' }) },
    supplied: { 'dieu-tra': { kind: 'survey', points: answers[i]!.survey } },
  })));
  await t.database.db.transaction((tx) => writeSnapshot(tx, systemActor, {
    cycleId: c.cycleId, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, framework, consolidation,
    units: c.units.map((u, i) => ({ unitId: u.id, code: u.code, name: names?.[i] ?? u.name })), refs: new Map(), number: 1, decisionNumber, now: new Date(),
  }));
}

const get = (url: string) => t.app.inject({ method: 'GET', url });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  // A district's own 2024 cycle and the province's 2025 cycle, for the same three units.
  districtId = (await createUnit(db, { name: 'UBND huyện Đình Lập' })).id;
  older = await createPubCycle(db, { unitCount: 3, withRecords: false });
  await db.update(cycles).set({ ownerUnitId: districtId, year: 2024, name: 'Chỉ số CCHC các xã năm 2024' }).where(eq(cycles.id, older.cycleId));
  await publish(older, [{ yes: true, survey: '9' }, { yes: false, survey: '8' }, { yes: true, survey: '6' }], '45/QĐ-UBND',
    // A name as it was published that a spreadsheet would run as a formula.
    [older.units[0]!.name, '=HYPERLINK("http://x.invalid","Xã B")', older.units[2]!.name]);
  newer = await createPubCycle(db, { unitCount: 1, withRecords: false });
  newer.units = older.units;
  await db.update(cycles).set({ year: 2025, name: 'Chỉ số CCHC các xã năm 2025' }).where(eq(cycles.id, newer.cycleId));
  await publish(newer, [{ yes: true, survey: '10' }, { yes: true, survey: '7' }, { yes: false, survey: '5' }], '12/QĐ-UBND');
  // A cycle of the same kind that nobody published.
  unpublished = await createPubCycle(db, { unitCount: 2, withRecords: false });
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/public/units/:unitId/results', () => {
  it('gives, without login, every published result of the unit, newest year first, with field figures and the organiser', async () => {
    const res = await get(`/api/public/units/${older.units[0]!.id}/results`);
    expect(res.statusCode).toBe(200);
    const body = res.json<UnitPublishedResults>();
    expect(body.unit.id).toBe(older.units[0]!.id);
    expect(body.results.map((r) => r.year)).toEqual([2025, 2024]);
    const [r2025, r2024] = body.results;
    // 2025: 4 + 6 + 10 of 20 → 100 %; 2024: 4 + 6 + 9 → 95 %.
    expect(r2025).toMatchObject({ index: '100.00', rank: 1, rankedUnits: 3, classLabel: 'Xuất sắc', owner: null, decisionNumber: '12/QĐ-UBND' });
    expect(r2024).toMatchObject({ index: '95.00', rank: 1, rankedUnits: 3, achieved: '19', applicableMax: '20', owner: { id: districtId, name: 'UBND huyện Đình Lập' } });
    expect(r2024!.fields.map((f) => [f.code, f.name, f.componentIndex])).toEqual([['1', 'Công tác chỉ đạo, điều hành', '100.00'], ['2', 'Mức độ hài lòng', '90.00']]);
  });

  it('gives a unit of an unpublished cycle no results, and an unknown unit 404', async () => {
    const res = await get(`/api/public/units/${unpublished.units[0]!.id}/results`);
    expect(res.statusCode).toBe(200);
    expect(res.json<UnitPublishedResults>().results).toEqual([]);
    expect((await get('/api/public/units/00000000-0000-4000-8000-000000000000/results')).statusCode).toBe(404);
  });
});

describe('GET /api/public/results names the organiser', () => {
  it('a district cycle has its owner; the province’s has none; an unpublished cycle is absent', async () => {
    const items = (await get('/api/public/results')).json<{ items: PublishedGroup[] }>().items;
    expect(items.find((i) => i.cycleId === older.cycleId)?.owner).toMatchObject({ id: districtId, name: 'UBND huyện Đình Lập' });
    expect(items.find((i) => i.cycleId === newer.cycleId)?.owner).toBeNull();
    expect(items.some((i) => i.cycleId === unpublished.cycleId)).toBe(false);
  });
});

describe('open data of a published group', () => {
  it('JSON: every unit with its field figures under stable names, and the method with the snapshot’s hash and decision', async () => {
    const res = await get(`/api/public/results/${older.cycleId}/${older.groupId}/open-data.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('du-lieu-mo-2024-');
    const data = res.json<OpenData>();
    expect(data.owner?.name).toBe('UBND huyện Đình Lập');
    expect(data.fields.map((f) => f.key)).toEqual(['chi-dao', 'hai-long']);
    expect(data.columns.map((c) => c.name)).toEqual([
      'unit_id', 'unit_code', 'unit_name', 'rank', 'ranked_units', 'index', 'class_label', 'achieved', 'bonus', 'applicable_max',
      'field_chi_dao_achieved', 'field_chi_dao_applicable_max', 'field_chi_dao_index', 'field_hai_long_achieved', 'field_hai_long_applicable_max', 'field_hai_long_index',
    ]);
    expect(data.units.map((u) => [u.rank, u.index, u.class_label])).toEqual([[1, '95.00', 'Xuất sắc'], [2, '80.00', 'Tốt'], [3, '70.00', 'Khá']]);
    const snapshot = (await get(`/api/public/results/${older.cycleId}/${older.groupId}`)).json<{ hash: string }>();
    expect(data.method.source).toMatchObject({ snapshotNumber: 1, decisionNumber: '45/QĐ-UBND', sha256: snapshot.hash, imported: false });
    expect(data.method.rounding.indexDecimals).toBe(2);
    expect(data.method.classes[0]).toEqual({ label: 'Xuất sắc', minPercent: '90' });
    expect(data.method.text).toContain(snapshot.hash);
    expect(data.method.text).toContain('Quyết định số 45/QĐ-UBND');
    expect(data.method.licence.url).toMatch(/^https:\/\//);
  });

  it('CSV: UTF-8 with BOM, the same columns and figures, formula-like text escaped', async () => {
    const res = await get(`/api/public/results/${older.cycleId}/${older.groupId}/open-data.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 6)).toEqual(['unit_id', 'unit_code', 'unit_name', 'rank', 'ranked_units', 'index']);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`${older.units[0]!.id},${older.units[0]!.code},`);
    expect(lines[1]).toContain(',95.00,Xuất sắc,19,0,20,10,10,100.00,9,10,90.00');
    // The formula-like name opens as text.
    expect(lines.find((l) => l.startsWith(older.units[1]!.id))).toContain(`"'=HYPERLINK(""http://x.invalid"",""Xã B"")"`);
  });

  it('method note as text beside the CSV', async () => {
    const res = await get(`/api/public/results/${older.cycleId}/${older.groupId}/open-data-method.txt`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('GHI CHÚ PHƯƠNG PHÁP');
    expect(res.body).toContain('field_hai_long_index');
  });

  it('method note follows the framework’s settings: rounding decimals, ranking basis and tie-breaks, bonus', async () => {
    const [version] = await t.database.db.select().from(frameworkVersions).where(eq(frameworkVersions.id, newer.frameworkVersionId));
    const document = version!.document as { settings: Record<string, unknown> };
    await t.database.db.update(frameworkVersions).set({ document: { ...document, settings: {
      ...document.settings, bonus: { countsInIndex: true }, ranking: { basis: 'exact', tieBreaks: [{ kind: 'component_index', fieldKey: 'hai-long' }, { kind: 'achieved_points' }] },
    } } }).where(eq(frameworkVersions.id, newer.frameworkVersionId));
    const text = (await get(`/api/public/results/${newer.cycleId}/${newer.groupId}/open-data-method.txt`)).body;
    expect(text).toContain('(Điểm đạt + Điểm thưởng) ÷');
    expect(text).toContain('làm tròn 2 chữ số thập phân, làm tròn nửa lên (0,005 thành 0,01)');
    expect(text).toMatch(/Xếp hạng theo chỉ số chính xác \(chưa làm tròn\).*chỉ số thành phần lĩnh vực 2\. [^,]+ cao hơn, rồi tổng điểm đạt cao hơn xếp trên/);
    expect(text).not.toContain('chỉ số bằng nhau cùng hạng');
    // The older cycle's framework: the published index, no tie-breaks.
    const older_ = (await get(`/api/public/results/${older.cycleId}/${older.groupId}/open-data-method.txt`)).body;
    expect(older_).toContain('Xếp hạng theo chỉ số đã làm tròn như công bố trong nhóm, cao nhất hạng 1; chỉ số bằng nhau cùng hạng.');
  });

  it('method note of imported results: the figures as the decision published them, no formula claimed', async () => {
    const c = await createPubCycle(t.database.db, { unitCount: 2, withRecords: false });
    await importPublishedResults(systemContext(t.database.db), {
      programCode: 'cchc', year: 2018, groupId: c.groupId, publishedOn: '2019-03-01', decisionNumber: '9/QĐ-UBND',
      table: { header: ['Mã đơn vị', 'Điểm đạt', 'Điểm tối đa', 'Chỉ số', 'Xếp hạng', '1. Chỉ đạo (10)'], rows: [[c.units[0]!.code, 80, 100, '80.0', 1, 8], [c.units[1]!.code, 70, 100, '70.0', 2, 7]] },
    });
    const [imported] = await t.database.db.select().from(cycles).where(and(eq(cycles.year, 2018), eq(cycles.origin, 'imported')));
    const data = (await get(`/api/public/results/${imported!.id}/${c.groupId}/open-data.json`)).json<OpenData>();
    expect(data.method.source.imported).toBe(true);
    expect(data.method.rounding).toEqual({ indexDecimals: 1, mode: 'as_published' });
    expect(data.method.text).toContain('đúng như công bố tại Quyết định số 9/QĐ-UBND; hệ thống không tính lại');
    expect(data.method.text).toContain('Chỉ số ghi 1 chữ số thập phân như bản công bố.');
    expect(data.method.text).toContain('Chỉ số thành phần của lĩnh vực do hệ thống tính');
    expect(data.method.text).not.toMatch(/Chỉ số = |nửa lên \(|cùng hạng|Xếp loại theo chỉ số/);
  });

  it('an unpublished group has no open data (404), for each format', async () => {
    for (const file of ['open-data.json', 'open-data.csv', 'open-data-method.txt']) {
      expect((await get(`/api/public/results/${unpublished.cycleId}/${unpublished.groupId}/${file}`)).statusCode).toBe(404);
    }
  });
});
