// Every criterion save answers with the assessment's status after it (issue 7, blocker 1): the self
// total, progress, submission checks and allowed actions the submission tab shows, computed by the
// server in the save's transaction, and ordered by (version, revision).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/services/actor';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs } from './support/login';
import { createCycle, type CycleFixture } from './assessments-fixtures';

let t: TestApp;
let own: UnitRow;
let cycle: CycleFixture;
const sessions = new Map<string, Record<string, string>>();

async function session(key: string, unit: UnitRow, roles: Role[]) {
  const user = await createUser(t.database.db, { unitId: unit.id, roles });
  sessions.set(key, (await loginAs(t.app, user.username, user.password)).headers);
}
const base = () => `/api/cycles/${cycle.cycleId}/units/${own.id}`;
const get = async (who: string) => (await t.app.inject({ method: 'GET', url: `${base()}/assessment`, headers: sessions.get(who)! })).json();
async function put(who: string, nodeKey: string, input: unknown) {
  const { records } = await get(who);
  const res = await t.app.inject({ method: 'PUT', url: `${base()}/criteria/${nodeKey}`, headers: sessions.get(who)!, payload: { version: records[nodeKey].version, input } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const submitOf = (s: { allowedActions: { action: string; allowed: boolean }[] }) => s.allowedActions.find((a) => a.action === 'submit')!;
const errors = (s: { submissionIssues: { severity: string; nodeKey?: string }[] }) => s.submissionIssues.filter((i) => i.severity === 'error');

beforeAll(async () => {
  t = await createTestApp();
  own = await createUnit(t.database.db, { name: 'Sở Tư pháp' });
  const snv = await createUnit(t.database.db, { name: 'Sở Nội vụ' });
  cycle = await createCycle(t.database.db, { unitIds: [own.id], agencies: { SNV: snv.id, STP: snv.id }, policy: { evidenceRequiredForPoints: false, explanationRequiredWithoutEvidence: false } });
  await session('officer', own, ['unit_officer']);
  await session('head', own, ['unit_head']);
  await session('appraiser', snv, ['appraiser']);
});
afterAll(async () => t.close());

describe('a criterion save carries the assessment status', () => {
  it('brings the total, progress, checks and the head’s "submit" up to date with each save', async () => {
    const start = await get('head');
    expect(start).toMatchObject({ selfScore: { achieved: '0.000' }, progress: { filled: 0, applicable: 4 } });
    expect(submitOf(start).allowed).toBe(false);

    const first = await put('officer', 'ke-hoach', { kind: 'choice', option: 'kip-thoi' });
    expect(first).toMatchObject({ nodeKey: 'ke-hoach', self: { points: '2.000' } });
    expect(first.assessment).toMatchObject({ state: 'draft', selfScore: { achieved: '2.000', applicableMax: '10.000' }, progress: { filled: 1, applicable: 4 } });
    expect(first.assessment.revision).toBeGreaterThan(start.revision);
    expect(errors(first.assessment).some((i: { nodeKey?: string }) => i.nodeKey === 'ke-hoach')).toBe(false);
    expect(errors(first.assessment).some((i: { nodeKey?: string }) => i.nodeKey === 'dung-han')).toBe(true);

    const second = await put('officer', 'kiem-tra', { kind: 'yes_no', value: true });
    const third = await put('officer', 'hoan-thanh', { kind: 'rate', numerator: '3', denominator: '4' });
    expect(third.assessment.revision).toBeGreaterThan(second.assessment.revision);
    // The officer may not submit: the head may, once nothing is missing.
    const last = await put('head', 'dung-han', { kind: 'rate', numerator: '10', denominator: '10' });
    expect(last.assessment).toMatchObject({ selfScore: { achieved: '9.250', applicableMax: '10.000', index: '92.50' }, progress: { filled: 4, applicable: 4 } });
    expect(errors(last.assessment)).toEqual([]);
    expect(submitOf(last.assessment).allowed).toBe(true);
    // Exactly what a reload would show.
    const reloaded = await get('head');
    for (const k of ['version', 'revision', 'state', 'selfScore', 'progress', 'deadline', 'submissionIssues', 'allowedActions'] as const) {
      expect(last.assessment[k], k).toEqual(reloaded[k]);
    }
  });

  it('an answer carries the status after the state it brings (explained), not the one before', async () => {
    const submitted = await t.app.inject({ method: 'POST', url: `${base()}/actions/submit`, headers: sessions.get('head')!, payload: {} });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const before = await get('appraiser');
    const asked = await t.app.inject({
      method: 'POST', url: `${base()}/criteria/ke-hoach/request`, headers: sessions.get('appraiser')!,
      payload: { version: before.records['ke-hoach'].version, kind: 'explanation', message: 'Giải trình ngày ban hành', deadline: new Date(Date.now() + 5 * 86_400_000).toISOString() },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const unit = await get('officer');
    expect(unit.state).toBe('explanation_requested');
    const res = await t.app.inject({
      method: 'POST', url: `${base()}/criteria/ke-hoach/answer`, headers: sessions.get('officer')!,
      payload: { version: unit.records['ke-hoach'].version, text: 'Kế hoạch ban hành ngày 05/01/2025' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const answered = res.json();
    expect(answered.requests[0].answer.text).toBe('Kế hoạch ban hành ngày 05/01/2025');
    expect(answered.assessment.state).toBe('explained');
    expect(answered.assessment.version).toBeGreaterThan(unit.version);
    const reloaded = await get('officer');
    for (const k of ['version', 'revision', 'state', 'allowedActions'] as const) expect(answered.assessment[k], k).toEqual(reloaded[k]);
  });
});
