// Evidence over HTTP: upload (metadata before the file), list, metadata edits with versions,
// download headers, size and content refusals, and who may read a unit's evidence.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleUnits } from '../src/db/schema/cycles';
import type { Role } from '../src/services/actor';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs } from './support/login';
import { multipartBody } from './support/multipart';
import { createCycle } from './assessments-fixtures';
import { exeBytes, pdfBytes, pngBytes } from './evidence-fixtures';

let t: TestApp;
let dataDir: string;
let own: UnitRow;
let other: UnitRow;
let agency: UnitRow;
let idleAgency: UnitRow;
let stpAgency: UnitRow;
let cycleId: string;
const sessions = new Map<string, Record<string, string>>();

async function session(key: string, unit: UnitRow, roles: Role[]) {
  const user = await createUser(t.database.db, { unitId: unit.id, roles });
  sessions.set(key, (await loginAs(t.app, user.username, user.password)).headers);
}

function upload(who: string, unitId: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  const body = multipartBody(fields, file);
  return t.app.inject({ method: 'POST', url: `/api/units/${unitId}/evidence`, payload: body.payload, headers: { ...sessions.get(who), ...body.headers } });
}
const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: sessions.get(who) ?? {} });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-evidence-routes-'));
  t = await createTestApp({ CHISO_DATA_DIR: dataDir, CHISO_UPLOAD_MAX_MB: '1' });
  const db = t.database.db;
  own = await createUnit(db, { name: 'Sở Tư pháp thử' });
  other = await createUnit(db);
  agency = await createUnit(db, { name: 'Sở Nội vụ thử' });
  idleAgency = await createUnit(db);
  stpAgency = await createUnit(db, { name: 'Văn phòng thẩm định thử' });
  ({ cycleId } = await createCycle(db, { unitIds: [own.id], agencies: { SNV: agency.id, STP: stpAgency.id } }));
  await session('officer', own, ['unit_officer']);
  await session('head', own, ['unit_head']);
  await session('otherOfficer', other, ['unit_officer']);
  await session('appraiser', agency, ['appraiser']);
  await session('idleAppraiser', idleAgency, ['appraiser']);
  await session('stpAppraiser', stpAgency, ['appraiser']);
  await session('council', agency, ['council_member']);
  await session('admin', agency, ['admin']);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('upload, list, edit, download', () => {
  let documentId: string;

  it('stores an upload with its metadata and lists it', async () => {
    const response = await upload(
      'officer',
      own.id,
      { documentNumber: '125/QĐ-UBND', documentDate: '2025-03-15', issuer: 'UBND tỉnh Lạng Sơn', title: 'Kế hoạch cải cách hành chính năm 2025' },
      { name: 'Quyết định kế hoạch CCHC.pdf', bytes: pdfBytes(), type: 'application/pdf' },
    );
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      ownerUnitId: own.id,
      originalName: 'Quyết định kế hoạch CCHC.pdf',
      mimeType: 'application/pdf',
      size: pdfBytes().length,
      documentNumber: '125/QĐ-UBND',
      documentDate: '2025-03-15',
      issuer: 'UBND tỉnh Lạng Sơn',
      title: 'Kế hoạch cải cách hành chính năm 2025',
      version: 1,
      may: { edit: true },
    });
    documentId = body.id;
    const list = await get('head', `/api/units/${own.id}/evidence`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([documentId]);
  });

  it('edits metadata with the version; a stale version gets 409 with the current document', async () => {
    const url = `/api/evidence/${documentId}`;
    const first = await t.app.inject({ method: 'PATCH', url, headers: sessions.get('head'), payload: { version: 1, issuer: 'Văn phòng UBND tỉnh' } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, issuer: 'Văn phòng UBND tỉnh', documentNumber: '125/QĐ-UBND' });
    const stale = await t.app.inject({ method: 'PATCH', url, headers: sessions.get('officer'), payload: { version: 1, title: 'Cũ' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].current).toMatchObject({ id: documentId, version: 2 });
    const badDate = await t.app.inject({ method: 'PATCH', url, headers: sessions.get('officer'), payload: { version: 2, documentDate: '2025-02-30' } });
    expect(badDate.statusCode).toBe(400);
  });

  it('downloads with the detected type, the original name (RFC 5987) and nosniff', async () => {
    const response = await get('officer', `/api/evidence/${documentId}/content`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.rawPayload.equals(pdfBytes())).toBe(true);
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toContain('attachment; filename="Quyet dinh ke hoach CCHC.pdf"');
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Quyết định kế hoạch CCHC.pdf')}`);
    const inline = await get('officer', `/api/evidence/${documentId}/content?inline=true`);
    expect(String(inline.headers['content-disposition'])).toMatch(/^inline;/);
  });

  it('refuses content that is not what its name says, in Vietnamese', async () => {
    const response = await upload('officer', own.id, {}, { name: 'bao-cao.pdf', bytes: exeBytes() });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/[ăâđêôơư]/);
  });

  it('refuses an upload above CHISO_UPLOAD_MAX_MB with 413', async () => {
    const big = Buffer.concat([pngBytes(), Buffer.alloc(1024 * 1024 + 10, 7)]);
    const response = await upload('officer', own.id, {}, { name: 'anh.png', bytes: big });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a request without a file', async () => {
    expect((await upload('officer', own.id, { title: 'x' })).statusCode).toBe(400);
  });
});

describe('who may read a unit evidence', () => {
  let documentId: string;
  // Appraisers read a unit's evidence once it has submitted; the unit edits it while it drafts.
  const setUnitState = (state: string) => t.database.db.update(cycleUnits).set({ state }).where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.unitId, own.id)));
  beforeAll(async () => {
    const response = await upload('officer', own.id, { title: 'Ảnh chụp' }, { name: 'anh.png', bytes: pngBytes() });
    documentId = response.json().id;
    // Backs "1.1 Ban hành kế hoạch", which SNV appraises (STP appraises 1.3 and field 2).
    const assessment = (await get('officer', `/api/cycles/${cycleId}/units/${own.id}/assessment`)).json();
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/cycles/${cycleId}/units/${own.id}/criteria/ke-hoach`,
      headers: sessions.get('officer'),
      payload: { version: assessment.records['ke-hoach'].version, input: { kind: 'choice', option: 'kip-thoi' }, evidenceIds: [documentId] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await setUnitState('submitted');
  });

  it.each([
    ['officer', 200],
    ['head', 200],
    ['admin', 200],
    ['council', 200],
    ['appraiser', 200],
    ['stpAppraiser', 403],
    ['idleAppraiser', 403],
    ['otherOfficer', 403],
    ['anonymous', 401],
  ])('%s → %i', async (who, status) => {
    expect((await get(who, `/api/evidence/${documentId}`)).statusCode).toBe(status);
    expect((await get(who, `/api/evidence/${documentId}/content`)).statusCode).toBe(status);
  });

  it('an appraiser reads only the documents that back criteria its agency appraises', async () => {
    const unattached = (await upload('officer', own.id, { title: 'Chưa gắn tiêu chí' }, { name: 'b.png', bytes: pngBytes() })).json().id;
    const listed = async (who: string) => {
      const response = await get(who, `/api/units/${own.id}/evidence`);
      expect(response.statusCode).toBe(200);
      return response.json().items.map((item: { id: string }) => item.id);
    };
    expect(await listed('officer')).toEqual(expect.arrayContaining([documentId, unattached]));
    expect(await listed('council')).toEqual(expect.arrayContaining([documentId, unattached]));
    expect(await listed('appraiser')).toEqual([documentId]);
    expect(await listed('stpAppraiser')).toEqual([]);
    expect((await get('appraiser', `/api/evidence/${unattached}/content`)).statusCode).toBe(403);
    expect((await get('idleAppraiser', `/api/units/${own.id}/evidence`)).statusCode).toBe(403);
    expect((await get('otherOfficer', `/api/units/${own.id}/evidence`)).statusCode).toBe(403);
  });

  it.each([
    ['officer', 200],
    ['admin', 200],
    ['council', 403],
    ['appraiser', 403],
    ['otherOfficer', 403],
  ])('only the unit (and the administrator) edit or upload: %s → %i', async (who, status) => {
    await setUnitState('draft');
    const current = (await get('officer', `/api/evidence/${documentId}`)).json();
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/evidence/${documentId}`, headers: sessions.get(who), payload: { version: current.version, issuer: `Sửa bởi ${who}` } });
    expect(patch.statusCode).toBe(status);
    expect((await upload(who, own.id, {}, { name: 'a.png', bytes: pngBytes() })).statusCode).toBe(status === 200 ? 201 : status);
  });

  it('marks documents read-only for readers', async () => {
    await setUnitState('submitted');
    expect((await get('appraiser', `/api/evidence/${documentId}`)).json().may).toEqual({ edit: false });
  });
});
