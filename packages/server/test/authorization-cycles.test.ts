// Authorization matrix for /api/cycles and /api/notifications over HTTP with real sessions (demo
// province): each role × own / other unit, and anonymous → expected status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { loginAs } from './support/login';
import { demoPassword, loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle, type DemoCycleResult } from '../src/demo/load-demo-cycle';
import { findUnitsByCodes } from '../src/db/repositories/unit-repository';

// Who: demo users. "own" is STP (takes part), "outsider" a commune not in the cycle.
const who = {
  admin: 'snv.quantri',
  officer: 'stp.canbo',
  head: 'stp.lanhdao',
  otherHead: 'syt.lanhdao',
  outsider: 'xa.thatkhe.canbo',
  appraiser: 'snv.thamdinh',
  council: 'hoidong.vp',
  leader: 'ubnd.chutich',
} as const;
type Who = keyof typeof who | 'anonymous';
const everyone: Who[] = [...(Object.keys(who) as (keyof typeof who)[]), 'anonymous'];

let t: TestApp;
let demo: DemoCycleResult;
let stp: string;
const headers = new Map<Who, Record<string, string>>();

async function call(w: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({ method, url, payload: payload as never, headers: headers.get(w) ?? {} });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await loadDemoProvince(db);
  await loadDemoFrameworks(db);
  demo = await loadDemoCycle(db);
  stp = (await findUnitsByCodes(db, ['STP']))[0]!.id;
  for (const [k, username] of Object.entries(who)) headers.set(k as Who, (await loginAs(t.app, username, demoPassword)).headers);
}, 120_000);
afterAll(async () => t?.close());

const status = (w: Who, allowed: readonly Who[], ok = 200) => (w === 'anonymous' ? 401 : allowed.includes(w) ? ok : 403);

describe('reading cycles', () => {
  it.each(everyone)('%s', async (w) => {
    expect((await call(w, 'GET', '/api/cycles')).statusCode).toBe(w === 'anonymous' ? 401 : 200);
    expect((await call(w, 'GET', `/api/cycles/${demo.cycleId}`)).statusCode).toBe(status(w, ['admin', 'officer', 'head', 'otherHead', 'appraiser', 'council', 'leader']));
    expect((await call(w, 'GET', `/api/cycles/${demo.cycleId}/progress`)).statusCode).toBe(status(w, ['admin', 'council', 'leader']));
    expect((await call(w, 'GET', '/api/notifications')).statusCode).toBe(w === 'anonymous' ? 401 : 200);
  });
});

describe('set-up is for the administrator only', () => {
  it.each(everyone.filter((w) => w !== 'admin'))('%s is refused', async (w) => {
    const expected = w === 'anonymous' ? 401 : 403;
    const base = `/api/cycles/${demo.cycleId}`;
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const calendar = { selfAssessmentDeadline: at, appraisalFrom: at, appraisalTo: at, explanationFrom: at, explanationTo: at, councilDate: at, publicationDate: at };
    expect((await call(w, 'POST', '/api/cycles', { programCode: 'par-index', year: 2040, name: 'x', groupSetId: demo.groupId, calendar })).statusCode).toBe(expected);
    expect((await call(w, 'PATCH', base, { version: 1, name: 'x' })).statusCode).toBe(expected);
    expect((await call(w, 'PUT', `${base}/groups`, { version: 1, groups: [] })).statusCode).toBe(expected);
    expect((await call(w, 'PUT', `${base}/agencies`, { version: 1, agencies: [] })).statusCode).toBe(expected);
    expect((await call(w, 'PUT', `${base}/units`, { version: 1, unitIds: [] })).statusCode).toBe(expected);
    expect((await call(w, 'POST', `${base}/reassignments`, { frameworkVersionId: demo.frameworkVersionId, nodeKey: 'x', agencyCode: 'SNV', reason: 'x' })).statusCode).toBe(expected);
    expect((await call(w, 'POST', `${base}/units/${stp}/extension`, { until: at, reason: 'x' })).statusCode).toBe(expected);
    expect((await call(w, 'POST', `${base}/open`, { version: 1 })).statusCode).toBe(expected);
  });

  it('the administrator passes the guard (and gets the rule answers)', async () => {
    const base = `/api/cycles/${demo.cycleId}`;
    expect((await call('admin', 'POST', `${base}/open`, { version: 999 })).statusCode).toBe(409);
    expect((await call('admin', 'POST', `${base}/reassignments`, { frameworkVersionId: demo.frameworkVersionId, nodeKey: 'khong-co', agencyCode: 'SNV', reason: 'x' })).statusCode).toBe(400);
  });
});

describe('unit actions', () => {
  // Submit STP's assessment: own head reaches the rules (422: nothing filled); everyone else is
  // refused as "not yours" (403): those who may not see STP's assessment, and the officer, appraiser,
  // council and administrator, who see it but whose role may not submit (the core's refusal).
  it.each(everyone)('%s → submit on STP', async (w) => {
    const r = await call(w, 'POST', `/api/cycles/${demo.cycleId}/units/${stp}/actions/submit`, {});
    const expected = w === 'anonymous' ? 401 : w === 'head' ? 422 : 403;
    expect(r.statusCode).toBe(expected);
  });

  it('an unknown action is a validation error', async () => {
    expect((await call('head', 'POST', `/api/cycles/${demo.cycleId}/units/${stp}/actions/nope`, {})).statusCode).toBe(400);
  });
});
