// Evidence metadata (number, date, issuer, title) is frozen with the record it backs: editable while
// the unit may change the record (draft, returned for revision, awaiting its answer), refused once
// submitted or published; and the published trace shows what the document said at publication.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { criterionEvidence, criterionRecords, cycles, cycleUnits } from '../src/db/schema/cycles';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import { PROVINCE_SCOPE, type Actor } from '../src/services/actor';
import { commandContext } from '../src/services/context';
import { publishGroup } from '../src/services/publication/publish';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { createCycle, type CycleFixture } from './assessments-fixtures';
import { at, createPubCycle } from './publication-fixtures';

let t: TestApp;
let own: UnitRow;
let cycle: CycleFixture;
let officer: LoggedIn;
let admin: LoggedIn;
let adminActor: Actor;
let fileCounter = 0;

async function documentOf(unitId: string, title: string): Promise<string> {
  const db = t.database.db;
  const [file] = await db.insert(evidenceFiles).values({ sha256: (++fileCounter).toString(16).padStart(64, 'e'), size: 10, mimeType: 'application/pdf' }).returning();
  const [doc] = await db.insert(evidenceDocuments).values({ fileId: file!.id, ownerUnitId: unitId, originalName: `${title}.pdf`, title, documentNumber: '12/KH-UBND', documentDate: '2025-01-10', issuer: 'UBND tỉnh' }).returning();
  return doc!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  own = await createUnit(db);
  const agency = await createUnit(db);
  cycle = await createCycle(db, { unitIds: [own.id], agencies: { SNV: agency.id, STP: agency.id } });
  const o = await createUser(db, { unitId: own.id, roles: ['unit_officer'] });
  const a = await createUser(db, { unitId: agency.id, roles: ['admin'] });
  officer = await loginAs(t.app, o.username, o.password);
  admin = await loginAs(t.app, a.username, a.password);
  adminActor = { userId: a.id, username: a.username, unitId: a.unitId, roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };
});
afterAll(async () => t?.close());

const setState = (state: string) =>
  t.database.db.update(cycleUnits).set({ state }).where(and(eq(cycleUnits.cycleId, cycle.cycleId), eq(cycleUnits.unitId, own.id)));
const setRecordStatus = (status: string) =>
  t.database.db.update(criterionRecords).set({ status }).where(and(eq(criterionRecords.cycleId, cycle.cycleId), eq(criterionRecords.unitId, own.id), eq(criterionRecords.nodeKey, 'ke-hoach')));

async function patch(who: LoggedIn, id: string, changes: object) {
  const [row] = await t.database.db.select({ version: evidenceDocuments.version }).from(evidenceDocuments).where(eq(evidenceDocuments.id, id));
  return t.app.inject({ method: 'PATCH', url: `/api/evidence/${id}`, headers: who.headers, payload: { version: row!.version, ...changes } });
}

describe('evidence metadata frozen with the record', () => {
  let documentId: string;

  beforeAll(async () => {
    documentId = await documentOf(own.id, 'Kế hoạch CCHC');
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/cycles/${cycle.cycleId}/units/${own.id}/criteria/ke-hoach`,
      headers: officer.headers,
      payload: { version: 1, input: { kind: 'choice', option: 'kip-thoi' }, evidenceIds: [documentId] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it('is editable while the unit drafts', async () => {
    const res = await patch(officer, documentId, { documentNumber: '13/KH-UBND' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it.each(['submitted', 'in_appraisal', 'appraised', 'published'])('is refused, for everyone, once the unit is %s', async (state) => {
    await setState(state);
    await setRecordStatus(state === 'submitted' ? 'pending' : 'appraised');
    for (const who of [officer, admin]) {
      const res = await patch(who, documentId, { title: 'Sửa sau khi gửi' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('không sửa được số, ngày, cơ quan ban hành, trích yếu') });
    }
    const [row] = await t.database.db.select().from(evidenceDocuments).where(eq(evidenceDocuments.id, documentId));
    expect(row).toMatchObject({ title: 'Kế hoạch CCHC', documentNumber: '13/KH-UBND' });
  });

  it('is editable again when returned for revision, and while the criterion awaits the unit’s answer — not on another criterion', async () => {
    await setState('returned_for_revision');
    await setRecordStatus('draft');
    expect((await patch(officer, documentId, { issuer: 'Văn phòng UBND tỉnh' })).statusCode).toBe(200);
    await setState('explanation_requested');
    await setRecordStatus('explanation_requested');
    expect((await patch(officer, documentId, { issuer: 'UBND tỉnh' })).statusCode).toBe(200);
    await setRecordStatus('pending');
    expect((await patch(officer, documentId, { issuer: 'Sở Nội vụ' })).statusCode).toBe(422);
  });

  it('is refused once the cycle is closed, whatever the unit’s state', async () => {
    await setState('draft');
    await setRecordStatus('draft');
    await t.database.db.update(cycles).set({ status: 'closed' }).where(eq(cycles.id, cycle.cycleId));
    try {
      expect((await patch(officer, documentId, { issuer: 'Sở Nội vụ' })).statusCode).toBe(422);
    } finally {
      await t.database.db.update(cycles).set({ status: 'open' }).where(eq(cycles.id, cycle.cycleId));
    }
  });

  it('a document no record uses stays editable', async () => {
    const loose = await documentOf(own.id, 'Tài liệu chưa dùng');
    expect((await patch(officer, loose, { title: 'Tài liệu đã đặt tên' })).statusCode).toBe(200);
  });
});

describe('the published trace', () => {
  it('shows the evidence as it was at publication, even if it was edited since (before the freeze)', async () => {
    const db = t.database.db;
    const c = await createPubCycle(db);
    for (const u of c.units) {
      await db.update(criterionRecords).set({ selfInput: { kind: 'yes_no', value: true }, status: 'pending' })
        .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, u.id), eq(criterionRecords.nodeKey, 'ke-hoach')));
      await db.update(cycleUnits).set({ state: 'approved' }).where(and(eq(cycleUnits.cycleId, c.cycleId), eq(cycleUnits.unitId, u.id)));
    }
    const x = c.units[0]!.id;
    const [record] = await db.select().from(criterionRecords).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, x), eq(criterionRecords.nodeKey, 'ke-hoach')));
    const id = await documentOf(x, 'Kế hoạch năm');
    await db.insert(criterionEvidence).values({ criterionRecordId: record!.id, evidenceDocumentId: id });
    const snapshot = await publishGroup(commandContext(db, adminActor, () => new Date(at.publication)), { cycleId: c.cycleId, groupId: c.groupId, decisionNumber: '45/QĐ-UBND' });

    // Through the API the published record's evidence cannot change any more.
    expect((await patch(admin, id, { documentNumber: '99/KH-UBND' })).statusCode).toBe(422);
    // An edit made before the freeze existed: the row changed, the audit kept what it said.
    await db.update(evidenceDocuments).set({ documentNumber: '99/KH-UBND', title: 'Đã sửa sau công bố' }).where(eq(evidenceDocuments.id, id));
    await db.insert(auditEvents).values({
      at: new Date(new Date(snapshot.createdAt).getTime() + 60_000), actorUsername: 'ai.do', entityType: 'evidence_document', entityId: id, action: 'update',
      before: { documentNumber: '12/KH-UBND', documentDate: '2025-01-10', issuer: 'UBND tỉnh', title: 'Kế hoạch năm' },
      after: { documentNumber: '99/KH-UBND', documentDate: '2025-01-10', issuer: 'UBND tỉnh', title: 'Đã sửa sau công bố' },
    });

    const trace = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/results/${c.groupId}/units/${x}/trace`, headers: admin.headers });
    expect(trace.statusCode, trace.body).toBe(200);
    const leaf = trace.json().leaves.find((l: { nodeKey: string }) => l.nodeKey === 'ke-hoach');
    expect(leaf.evidence).toEqual([{ id, documentNumber: '12/KH-UBND', documentDate: '2025-01-10', issuer: 'UBND tỉnh', title: 'Kế hoạch năm', originalName: 'Kế hoạch năm.pdf' }]);
  });
});
