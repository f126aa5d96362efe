import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { criterionRecords, cycles } from '../src/db/schema/cycles';
import { createTestApp, type TestApp } from './support/app';
import { loginAs, type LoggedIn } from './support/login';
import { createAppraisalCycle, recordRow, setSelf, setUnitState, type AppraisalCycle } from './appraisal-fixtures';

/**
 * Authorization matrix of the appraisal and council criterion endpoints over HTTP: each role ×
 * each endpoint → status. The cycle's calendar is moved around the real clock (appraisal and
 * explanation windows open, council date passed) — the server's own clock, no sleeping.
 */
const roles = ['anonymous', 'officer', 'head', 'leader', 'admin', 'stp', 'member', 'snv', 'chair'] as const;
type Who = (typeof roles)[number];

let t: TestApp;
let c: AppraisalCycle;
let U1: string, U2: string, U3: string;
const session: Partial<Record<Who, LoggedIn>> = {};
const day = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  c = await createAppraisalCycle(db, 3);
  [U1, U2, U3] = c.units.map((u) => u.id) as [string, string, string];
  const now = Date.now();
  const d = (n: number) => new Date(now + n * day);
  await db.update(cycles).set({
    selfAssessmentOpens: d(-40), selfAssessmentDeadline: d(-11), appraisalFrom: d(-10), appraisalTo: d(10),
    explanationFrom: d(-10), explanationTo: d(10), councilDate: d(-1), publicationDate: d(30),
  }).where(eq(cycles.id, c.cycleId));
  for (const u of [U1, U3]) {
    await setSelf(db, c, u, 'ke-hoach', { kind: 'yes_no', value: true }, '4');
    await setSelf(db, c, u, 'bao-cao', { kind: 'choice', option: 'du' }, '6');
    await setUnitState(db, c, u, 'submitted');
  }
  // U2 appraised, its report already proposed by the council.
  await setSelf(db, c, U2, 'ke-hoach', { kind: 'yes_no', value: true }, '4', 'appraised');
  await setSelf(db, c, U2, 'bao-cao', { kind: 'choice', option: 'du' }, '6', 'council_proposed');
  const appraised = { appraisalKind: 'accept', appraisedPoints: '4', appraisalAgency: 'SNV', appraisedAt: d(-2), appraisalValue: { notApplicable: false, points: 4000, input: { kind: 'yes_no', value: true } } };
  await db.update(criterionRecords).set(appraised).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, U2), eq(criterionRecords.nodeKey, 'ke-hoach')));
  const six = { notApplicable: false, points: 6000, input: { kind: 'choice', option: 'du' } };
  await db.update(criterionRecords).set({
    appraisalKind: 'accept', appraisedPoints: '6', appraisalAgency: 'STP', appraisedAt: d(-2), appraisalValue: six,
    councilValue: { notApplicable: false, points: 3000, input: { kind: 'choice', option: 'tre' } }, councilPoints: '3', councilReason: 'Trễ hạn', councilProposedAt: d(0), councilApproved: false,
  }).where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, U2), eq(criterionRecords.nodeKey, 'bao-cao')));
  await setUnitState(db, c, U2, 'appraised');
  for (const who of roles) if (who !== 'anonymous') session[who] = await loginAs(t.app, c.users[who].username, c.users[who].password);
});
afterAll(async () => t?.close());

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  url: () => string;
  body?: () => Promise<unknown>;
  expected: Record<Who, number>;
}

const v = async (unitId: string, nodeKey: string) => (await recordRow(t.database.db, c, unitId, nodeKey)).version;
const cell = (unitId: string, nodeKey: string, what: string) => `/api/cycles/${c.cycleId}/units/${unitId}/criteria/${nodeKey}/${what}`;
const only = (allowed: Partial<Record<Who, number>>): Record<Who, number> =>
  Object.fromEntries(roles.map((r) => [r, r === 'anonymous' ? 401 : (allowed[r] ?? 403)])) as Record<Who, number>;

const endpoints: Endpoint[] = [
  { name: 'GET appraisal matrix of SNV', method: 'GET', url: () => `/api/cycles/${c.cycleId}/appraisal?agency=SNV`, expected: only({ admin: 200, snv: 200 }) },
  { name: 'GET appraisal matrix (own agency)', method: 'GET', url: () => `/api/cycles/${c.cycleId}/appraisal`, expected: only({ admin: 200, snv: 200, stp: 200 }) },
  { name: 'GET one page of the matrix of SNV', method: 'GET', url: () => `/api/cycles/${c.cycleId}/appraisal?agency=SNV&unitOffset=1&unitLimit=1&unitSearch=s`, expected: only({ admin: 200, snv: 200 }) },
  { name: 'GET pending cells of SNV', method: 'GET', url: () => `/api/cycles/${c.cycleId}/appraisal/pending?agency=SNV`, expected: only({ admin: 200, snv: 200 }) },
  { name: 'GET pending cells (own agency)', method: 'GET', url: () => `/api/cycles/${c.cycleId}/appraisal/pending`, expected: only({ admin: 200, snv: 200, stp: 200 }) },
  {
    name: 'POST decide (SNV criterion)', method: 'POST', url: () => cell(U1, 'ke-hoach', 'decide'),
    body: async () => ({ version: await v(U1, 'ke-hoach'), decision: { kind: 'accept' } }), expected: only({ snv: 200 }),
  },
  {
    name: 'POST request (STP criterion)', method: 'POST', url: () => cell(U1, 'bao-cao', 'request'),
    body: async () => ({ version: await v(U1, 'bao-cao'), kind: 'explanation', message: 'Giải trình', deadline: new Date(Date.now() + 5 * day).toISOString() }),
    expected: only({ stp: 200 }),
  },
  {
    name: 'POST bulk-accept (SNV criterion of U3)', method: 'POST', url: () => `/api/cycles/${c.cycleId}/appraisal/bulk-accept`,
    body: async () => ({ items: [{ unitId: U3, nodeKey: 'ke-hoach', version: await v(U3, 'ke-hoach') }] }),
    // STP may call it, but the item is skipped (see the accepted counts below).
    expected: only({ stp: 200, snv: 200 }),
  },
  {
    name: 'POST propose', method: 'POST', url: () => cell(U2, 'ke-hoach', 'propose'),
    body: async () => ({ version: await v(U2, 'ke-hoach'), value: { points: '0' }, reason: 'Ban hành muộn' }), expected: only({ member: 200, chair: 200 }),
  },
  {
    // The proposal above was last made by the chair, who may not decide on their own: make it the member's.
    name: 'POST approve', method: 'POST', url: () => cell(U2, 'ke-hoach', 'approve'),
    body: async () => {
      await t.database.db.update(criterionRecords).set({ councilProposedBy: c.users.member.id })
        .where(and(eq(criterionRecords.cycleId, c.cycleId), eq(criterionRecords.unitId, U2), eq(criterionRecords.nodeKey, 'ke-hoach')));
      return { version: await v(U2, 'ke-hoach') };
    },
    expected: only({ chair: 200 }),
  },
  {
    name: 'POST reject', method: 'POST', url: () => cell(U2, 'bao-cao', 'reject'),
    body: async () => ({ version: await v(U2, 'bao-cao'), reason: 'Báo cáo vẫn đúng hạn' }), expected: only({ chair: 200 }),
  },
];

describe('authorization: appraisal and council criterion endpoints', () => {
  const bulkAccepted: Partial<Record<Who, number>> = {};
  for (const e of endpoints) {
    it(e.name, async () => {
      const got: Record<string, number> = {};
      for (const who of roles) {
        const s = session[who];
        const res = await t.app.inject({
          method: e.method, url: e.url(), ...(s ? { headers: s.headers } : {}),
          ...(e.body ? { payload: (await e.body()) as Record<string, unknown> } : {}),
        });
        got[who] = res.statusCode;
        if (e.name.startsWith('POST bulk') && res.statusCode === 200) bulkAccepted[who] = (res.json() as { accepted: number }).accepted;
      }
      expect(got).toEqual(e.expected);
      if (e.name.startsWith('POST bulk')) expect(bulkAccepted).toEqual({ stp: 0, snv: 1 });
    });
  }

  it('the matrix of an appraiser defaults to its own agency; refusals carry Vietnamese messages', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/appraisal`, headers: session.stp!.headers });
    expect(res.json()).toMatchObject({ agency: { code: 'STP' }, criteria: [{ nodeKey: 'bao-cao' }] });
    const denied = await t.app.inject({ method: 'GET', url: `/api/cycles/${c.cycleId}/appraisal?agency=SNV`, headers: session.stp!.headers });
    expect(denied.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringContaining('cơ quan mình') } });
    const stale = await t.app.inject({ method: 'POST', url: cell(U3, 'ke-hoach', 'decide'), headers: session.snv!.headers, payload: { version: 1, decision: { kind: 'accept' } } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'CONFLICT', details: [{ current: { nodeKey: 'ke-hoach', status: 'appraised' } }] } });
  });
});
