// Before a unit submits, the appraisers of its criteria see the status of its self-assessment
// only (docs/api.md): no entries, points, explanations nor evidence — in the assessment view, the
// evidence list, a document and its content. The council and the administrator read it as it is.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleUnits } from '../src/db/schema/cycles';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs } from './support/login';
import { createCycle, type CycleFixture } from './assessments-fixtures';

let t: TestApp;
let own: UnitRow;
let cycle: CycleFixture;
let documentId: string;
const headers: Record<'officer' | 'appraiser' | 'council', Record<string, string>> = { officer: {}, appraiser: {}, council: {} };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  own = await createUnit(db);
  const agency = await createUnit(db);
  cycle = await createCycle(db, { unitIds: [own.id], agencies: { SNV: agency.id, STP: agency.id } });
  const users = {
    officer: await createUser(db, { unitId: own.id, roles: ['unit_officer'] }),
    appraiser: await createUser(db, { unitId: agency.id, roles: ['appraiser'] }),
    council: await createUser(db, { unitId: agency.id, roles: ['council_member'] }),
  };
  for (const who of ['officer', 'appraiser', 'council'] as const) headers[who] = (await loginAs(t.app, users[who].username, users[who].password)).headers;
  const [file] = await db.insert(evidenceFiles).values({ sha256: 'c'.repeat(64), size: 10, mimeType: 'application/pdf' }).returning();
  const [doc] = await db
    .insert(evidenceDocuments)
    .values({ fileId: file!.id, ownerUnitId: own.id, originalName: 'ke-hoach.pdf', title: 'Kế hoạch CCHC', documentNumber: '12/KH-UBND', documentDate: '2025-01-10', issuer: 'UBND tỉnh' })
    .returning();
  documentId = doc!.id;
  const saved = await t.app.inject({
    method: 'PUT',
    url: `/api/cycles/${cycle.cycleId}/units/${own.id}/criteria/ke-hoach`,
    headers: headers.officer,
    payload: { version: 1, input: { kind: 'choice', option: 'kip-thoi' }, explanation: 'Ban hành ngày 10/01/2025', evidenceIds: [documentId] },
  });
  expect(saved.statusCode, saved.body).toBe(200);
});
afterAll(async () => t?.close());

const get = (who: keyof typeof headers, url: string) => t.app.inject({ method: 'GET', url, headers: headers[who] });
const assessment = (who: keyof typeof headers) => get(who, `/api/cycles/${cycle.cycleId}/units/${own.id}/assessment`);
const setState = (state: string) =>
  t.database.db.update(cycleUnits).set({ state }).where(and(eq(cycleUnits.cycleId, cycle.cycleId), eq(cycleUnits.unitId, own.id)));

describe('an appraiser before the unit submits', () => {
  it.each(['draft', 'returned_for_revision'])('sees the status only while the unit is %s', async (state) => {
    await setState(state);
    const view = await assessment('appraiser');
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.state).toBe(state);
    expect(body.records['ke-hoach'].self).toEqual({ input: null, points: null, explanation: null, evidence: [] });
    expect(Number(body.selfScore.achieved)).toBe(0);
    expect(JSON.stringify(body)).not.toContain('Ban hành ngày 10/01/2025');
    const list = await get('appraiser', `/api/units/${own.id}/evidence`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([]);
    expect((await get('appraiser', `/api/evidence/${documentId}`)).statusCode).toBe(403);
    expect((await get('appraiser', `/api/evidence/${documentId}/content`)).statusCode).toBe(403);
  });

  it('its work list counts no entries of an unsubmitted unit, and the real ones once submitted', async () => {
    const mine = async () => ((await get('appraiser', '/api/my/assessments')).json().items as { unit: { id: string }; selfScore: { achieved: string }; progress: { filled: number } }[]).find((i) => i.unit.id === own.id)!;
    await setState('draft');
    expect(await mine()).toMatchObject({ progress: { filled: 0 } });
    expect(Number((await mine()).selfScore.achieved)).toBe(0);
    await setState('submitted');
    expect(await mine()).toMatchObject({ progress: { filled: 1 } });
    expect(Number((await mine()).selfScore.achieved)).toBe(2);
  });

  it('the council (and the unit) read the unsubmitted entries as they are', async () => {
    await setState('draft');
    for (const who of ['council', 'officer'] as const) {
      const self = (await assessment(who)).json().records['ke-hoach'].self;
      expect(self).toMatchObject({ input: { kind: 'choice', option: 'kip-thoi' }, explanation: 'Ban hành ngày 10/01/2025' });
      expect(Number(self.points)).toBe(2);
      expect(self.evidence.map((e: { id: string }) => e.id)).toEqual([documentId]);
    }
  });

  it('once submitted, the appraiser reads the entries and the evidence of its criteria', async () => {
    await setState('submitted');
    const self = (await assessment('appraiser')).json().records['ke-hoach'].self;
    expect(self).toMatchObject({ input: { kind: 'choice', option: 'kip-thoi' }, explanation: 'Ban hành ngày 10/01/2025' });
    expect(Number(self.points)).toBe(2);
    expect((await get('appraiser', `/api/units/${own.id}/evidence`)).json().items.map((e: { id: string }) => e.id)).toEqual([documentId]);
    expect((await get('appraiser', `/api/evidence/${documentId}`)).statusCode).toBe(200);
  });
});
