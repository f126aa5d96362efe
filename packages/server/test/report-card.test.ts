import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionEvidence, criterionRecords, cycleUnits, suppliedPoints } from '../src/db/schema/cycles';
import { auditEvents } from '../src/db/schema/audit';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { commandContext } from '../src/services/context';
import { publishGroup } from '../src/services/publication/publish';
import { compareAverageIndex } from '../src/services/results/report-card';
import { importPublishedResults } from '../src/services/results/import-published';
import { systemContext } from '../src/services/context';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { at, createPubCycle, type PubCycle, setSelfInput } from './publication-fixtures';

/**
 * The report card on the worked example of the publication tests:
 * X 18/20 = 90,00 and Y 12,6/14 = 90,00 share rank 1; Z 10,25/20 = 51,25 (rank 3, Trung bình):
 * Z said no plan (1.1: 0 of 4), its report was appraised down from 6 to 3 (1.2, "Báo cáo nộp trễ
 * hạn"), the survey gave 7,25 of 10 (2.1).
 */
let t: TestApp;
let c: PubCycle;
let admin: LoggedIn;
let council: LoggedIn;
let officer: LoggedIn;

const setSelf = (unitId: string, nodeKey: string, input: unknown) => setSelfInput(t.database.db, c.cycleId, unitId, nodeKey, input);

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
  await db.update(criterionRecords).set({
    status: 'appraised', appraisalKind: 'adjust', appraisalValue: { notApplicable: false, points: 3000, input: { kind: 'choice', option: 'tre' } },
    appraisedPoints: '3', appraisalReason: 'Báo cáo nộp trễ hạn', appraisalAgency: 'STP', appraisedAt: new Date(at.appraisal),
  }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, z), eq(criterionRecords.nodeKey, 'bao-cao')));
  await db.insert(suppliedPoints).values([
    { cycleId: c.cycleId, unitId: x, nodeKey: 'dieu-tra', points: '8', source: 'test' },
    { cycleId: c.cycleId, unitId: y, nodeKey: 'dieu-tra', points: '8.6', source: 'test' },
    { cycleId: c.cycleId, unitId: z, nodeKey: 'dieu-tra', points: '7.25', source: 'test' },
  ]);
  const [zReport] = await db.select().from(criterionRecords)
    .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, z), eq(criterionRecords.nodeKey, 'bao-cao')));
  const [file] = await db.insert(evidenceFiles).values({ sha256: 'c'.repeat(64), size: 10, mimeType: 'application/pdf' }).returning();
  const [document] = await db.insert(evidenceDocuments).values({ fileId: file!.id, ownerUnitId: z, originalName: 'bao-cao.pdf', title: 'Báo cáo CCHC' }).returning();
  await db.insert(criterionEvidence).values({ criterionRecordId: zReport!.id, evidenceDocumentId: document!.id });
  await db.insert(auditEvents).values({ at: new Date(at.appraisal), actorUsername: 'stp.thamdinh', entityType: 'criterion_record', entityId: zReport!.id, action: 'decide', reason: 'Báo cáo nộp trễ hạn' });
  for (const unitId of [x, y, z]) await db.update(cycleUnits).set({ state: 'approved' }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, unitId)));
  const a = await createUser(db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id });
  const m = await createUser(db, { roles: ['council_member'], unitId: c.agencyUnits.SNV.id });
  const o = await createUser(db, { roles: ['unit_officer'], unitId: x });
  const adminActor: Actor = { userId: a.id, username: a.username, unitId: a.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
  await publishGroup(commandContext(db, adminActor, () => new Date(at.publication)), { cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '45/QĐ-UBND' });
  admin = await loginAs(t.app, a.username, a.password);
  council = await loginAs(t.app, m.username, m.password);
  officer = await loginAs(t.app, o.username, o.password);
});
afterAll(async () => t?.close());

const cardUrl = (unitId: string) => `/api/cycles/${c.cycleId}/results/${c.groupId}/units/${unitId}/report-card`;

describe('a unit’s report card', () => {
  it('gives the published figures, the lost points biggest first with their causes, and the what-if by the same engine', async () => {
    const z = c.units[2]!.id;
    const res = await t.app.inject({ method: 'GET', url: cardUrl(z), headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card).toMatchObject({ index: '51.25', rank: 3, rankedUnits: 3, classLabel: 'Trung bình', achieved: '10.25', applicableMax: '20', snapshotNumber: 1, replayExact: true, note: null });
    expect(card.ledger.totalLost).toBe('9.75');
    expect(card.ledger.lines.map((l: { code: string; lost: string; kind: string }) => [l.code, l.lost, l.kind])).toEqual([
      ['1.1', '4', 'not_achieved'], ['1.2', '3', 'appraisal_change'], ['2.1', '2.75', 'survey'],
    ]);
    expect(card.ledger.lines[1]).toMatchObject({ self: '6', achieved: '3', reason: 'Báo cáo nộp trễ hạn', level: 'appraised', evidenceCount: 1 });
    expect(card.fields.map((f: { code: string; componentIndex: string; groupAverageIndex: string; lost: string }) => [f.code, f.componentIndex, f.groupAverageIndex, f.lost])).toEqual([
      // Field 1: X 10/10, Y 4/4, Z 3/10 → (100 + 100 + 30) / 3; field 2: 80, 86, 72,5.
      ['1', '30.00', '76.67', '7'], ['2', '72.50', '79.50', '2.75'],
    ]);
    expect(card.whatIf.map((o: { code: string; gain: string; indexGain: string; after: { index: string; rank: number; classLabel: string }; classChanged: boolean }) =>
      [o.code, o.gain, o.indexGain, o.after.index, o.after.rank, o.after.classLabel, o.classChanged])).toEqual([
      ['1.1', '4', '20.00', '71.25', 3, 'Khá', true],
      ['1.2', '3', '15.00', '66.25', 3, 'Trung bình', false],
      ['2.1', '2.75', '13.75', '65.00', 3, 'Trung bình', false],
    ]);
  });

  it('is the unit’s own and the province’s: another unit’s staff is refused in Vietnamese, anonymous 401, unknown snapshot 404', async () => {
    const [x, , z] = c.units.map((u) => u.id) as [string, string, string];
    expect((await t.app.inject({ method: 'GET', url: cardUrl(x), headers: officer.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: cardUrl(z), headers: council.headers })).statusCode).toBe(200);
    const other = await t.app.inject({ method: 'GET', url: cardUrl(z), headers: officer.headers });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/chính đơn vị/);
    expect((await t.app.inject({ method: 'GET', url: cardUrl(z) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `${cardUrl(z)}?number=7`, headers: admin.headers })).statusCode).toBe(404);
  });
});

describe('what the report card page needs, read once', () => {
  it('carries the unit’s own year over year (as the group’s gives it) and whether the reader reads the whole group', async () => {
    const x = c.units[0]!.id;
    const group = (await t.app.inject({ method: 'GET', url: `/api/public/results/${c.cycleId}/${c.groupId}/year-over-year` })).json();
    const mine = group.units.find((u: { unitId: string }) => u.unitId === x);
    const own = (await t.app.inject({ method: 'GET', url: cardUrl(x), headers: officer.headers })).json();
    expect(own.yearOverYear).toEqual(mine);
    expect(own.readsGroup).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: cardUrl(x), headers: admin.headers })).json()).toMatchObject({ readsGroup: true, yearOverYear: mine });
  });

  it('answers the same card again from the group replayed once per snapshot', async () => {
    const z = c.units[2]!.id;
    const [a, b] = [await t.app.inject({ method: 'GET', url: cardUrl(z), headers: admin.headers }), await t.app.inject({ method: 'GET', url: cardUrl(z), headers: admin.headers })];
    expect(b.json()).toEqual(a.json());
  });
});

describe('the weak fields’ order', () => {
  it('compares average indexes exactly, not as floats; a field applying nowhere comes last', () => {
    // Equal as doubles, different as decimals.
    expect(compareAverageIndex('90.10000000000000001', '90.1')).toBe(1);
    expect(['90.10000000000000001', null, '90.1', '12.5'].sort(compareAverageIndex)).toEqual(['12.5', '90.1', '90.10000000000000001', null]);
  });
});

describe('a unit’s published results', () => {
  it('lists the unit’s report cards for its own staff; another unit’s staff is refused', async () => {
    const [x, , z] = c.units.map((u) => u.id) as [string, string, string];
    const res = await t.app.inject({ method: 'GET', url: `/api/units/${x}/report-cards`, headers: officer.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ cycleId: c.cycleId, groupId: c.groupId, snapshotNumber: 1, index: '90.00', rank: 1, classLabel: 'Xuất sắc' })]);
    expect((await t.app.inject({ method: 'GET', url: `/api/units/${z}/report-cards`, headers: officer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/units/${z}/report-cards`, headers: admin.headers })).json().items).toHaveLength(1);
  });

  it('lists to another owner’s administrator none of the province’s cycles (as the trace of a published figure)', async () => {
    const z = c.units[2]!.id;
    const o = await createUser(t.database.db, { roles: ['admin'], unitId: c.agencyUnits.SNV.id, scopeUnitId: c.agencyUnits.SNV.id });
    const other = await loginAs(t.app, o.username, o.password);
    const res = await t.app.inject({ method: 'GET', url: `/api/units/${z}/report-cards`, headers: other.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/units/${z}/report-cards`, headers: council.headers })).json().items).toHaveLength(1);
  });
});

describe('the group’s weak criteria and rank sensitivity', () => {
  it('lists the criteria losing most points across units and the weakest fields', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/results/${c.groupId}/weak-criteria`, headers: council.headers });
    expect(res.statusCode, res.body).toBe(200);
    const weak = res.json();
    // Survey: 2 + 1,4 + 2,75 = 6,15 over 3 units; 1.1: Z's 4; 1.2: Z's 3 (Y does not apply).
    expect(weak.criteria.map((k: { code: string; totalLost: string; unitsLosing: number; applicableUnits: number; lostPercent: string }) =>
      [k.code, k.totalLost, k.unitsLosing, k.applicableUnits, k.lostPercent])).toEqual([
      ['2.1', '6.15', 3, 3, '20.50'], ['1.1', '4', 1, 3, '33.33'], ['1.2', '3', 1, 2, '25.00'],
    ]);
    expect(weak.fields.map((f: { code: string; averageIndex: string }) => [f.code, f.averageIndex])).toEqual([['1', '76.67'], ['2', '79.50']]);
  });

  it('finds for each unit the smallest single-criterion gain that moves its rank or class', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/results/${c.groupId}/sensitivity`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.replayExact).toBe(true);
    const z = s.units.find((u: { unitId: string }) => u.unitId === c.units[2]!.id);
    expect(z.smallest).toMatchObject({ code: '1.1', gain: '4', after: { classLabel: 'Khá' } });
  });

  it('is refused to a unit’s staff (403 in Vietnamese)', async () => {
    for (const path of ['weak-criteria', 'sensitivity']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/results/${c.groupId}/${path}`, headers: officer.headers });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/phiếu kết quả của chính mình/);
    }
  });
});

describe('the report card of results imported from a published decision (no criterion detail)', () => {
  it('says it has field figures only, gives each field’s lost points (maximum − achieved) and no ledger nor what-if', async () => {
    const [x, y, z] = c.units as [PubCycle['units'][number], PubCycle['units'][number], PubCycle['units'][number]];
    const imported = await importPublishedResults(systemContext(t.database.db), {
      programCode: 'cchc', year: 2001, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, publishedOn: '2002-02-01',
      table: {
        header: ['Mã đơn vị', 'Điểm đạt', 'Điểm tối đa', 'Chỉ số', 'Xếp hạng', 'Xếp loại', '1. Chỉ đạo (10)', '2. Mức độ hài lòng (10)'],
        rows: [[x.code, 18, 20, '90.00', 1, 'Xuất sắc', 9, 9], [y.code, 17, 20, '85.00', 2, 'Tốt', 8, 9], [z.code, '11.96', 20, '59.80', 3, 'Trung bình', '5.5', '6.46']],
      },
    });
    const url = `/api/cycles/${imported.cycleId}/results/${imported.groupId}/units/${z.id}/report-card`;
    const res = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(card).toMatchObject({ detail: 'fields_only', year: 2001, index: '59.80', rank: 3, classLabel: 'Trung bình', note: null });
    expect(card.fields.map((f: { code: string; achieved: string; lost: string }) => [f.code, f.achieved, f.lost])).toEqual([['1', '5.5', '4.5'], ['2', '6.46', '3.54']]);
    expect(card.ledger).toEqual({ lines: [], totalLost: '8.04', cappedOut: '0' });
    expect(card.whatIf).toEqual([]);
    // The cycle chiso scored itself keeps its criterion detail.
    const own = await t.app.inject({ method: 'GET', url: cardUrl(z.id), headers: admin.headers });
    expect(own.json().detail).toBe('criteria');
  });
});
