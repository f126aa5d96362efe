import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/services/actor';
import { cycles } from '../src/db/schema/cycles';
import { createTestApp, type TestApp } from './support/app';
import { createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';
import { createEntrySurvey, goodAnswers, questionColumns, type EntrySurvey } from './survey-entry-fixtures';

/**
 * Who types paper forms and imports answers: the administrators whose scope covers the survey's
 * owner (its cycle's owner, here a department); nobody else — not another department's
 * administrator, not the council or leaders (they read results), not the rated unit's staff.
 */
let t: TestApp;
let s: EntrySurvey;
let batchId: string;
const people = new Map<string, LoggedIn>();

const cases: { who: string; roles: Role[]; scope: 'province' | 'owner' | 'other' | null; unit: 'owner' | 'rated'; allowed: boolean }[] = [
  { who: 'province administrator', roles: ['admin'], scope: 'province', unit: 'owner', allowed: true },
  { who: "owner's administrator", roles: ['admin'], scope: 'owner', unit: 'owner', allowed: true },
  { who: "another department's administrator", roles: ['admin'], scope: 'other', unit: 'owner', allowed: false },
  { who: "owner's council member", roles: ['council_member'], scope: 'owner', unit: 'owner', allowed: false },
  { who: "owner's leader", roles: ['leader_viewer'], scope: 'owner', unit: 'owner', allowed: false },
  { who: 'appraiser', roles: ['appraiser'], scope: null, unit: 'owner', allowed: false },
  { who: "rated unit's officer", roles: ['unit_officer'], scope: null, unit: 'rated', allowed: false },
  { who: "rated unit's head", roles: ['unit_head'], scope: null, unit: 'rated', allowed: false },
];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  s = await createEntrySurvey(db);
  const owner = s.agencyUnits.SNV.id;
  await db.update(cycles).set({ ownerUnitId: owner }).where(eq(cycles.id, s.cycleId));
  for (const c of cases) {
    const scopeUnitId = c.scope === 'owner' ? owner : c.scope === 'other' ? s.agencyUnits.STP.id : null;
    const user = await createUser(db, { roles: c.roles, unitId: c.unit === 'rated' ? s.units[0]!.id : owner, scopeUnitId });
    people.set(c.who, await loginAs(t.app, user.username, user.password));
  }
  const res = await t.app.inject({
    method: 'POST', url: `/api/surveys/${s.surveyId}/paper-batches`, headers: people.get("owner's administrator")!.headers,
    payload: { questionnaireId: s.questionnaireId, unitId: s.units[0]!.id, label: 'Đợt 1' },
  });
  expect(res.statusCode).toBe(201);
  batchId = res.json().id;
});
afterAll(async () => t?.close());

const csv = Buffer.from(`Mã phiếu,Mã đơn vị,${questionColumns.join(',')}\r\n`, 'utf8');
const requests = (who: LoggedIn, i: number) => {
  const upload = multipartBody({}, { name: 'p.csv', bytes: Buffer.concat([csv, Buffer.from(`K${i},${s.units[0]!.code},${questionColumns.map((c) => goodAnswers()[c]).join(',')}\r\n`)]) });
  const base = `/api/surveys/${s.surveyId}`;
  return {
    listBatches: () => t.app.inject({ method: 'GET', url: `${base}/paper-batches`, headers: who.headers }),
    createBatch: () => t.app.inject({ method: 'POST', url: `${base}/paper-batches`, headers: who.headers, payload: { questionnaireId: s.questionnaireId, unitId: s.units[1]!.id, label: 'X' } }),
    enter: () => t.app.inject({ method: 'POST', url: `${base}/paper-batches/${batchId}/entries`, headers: who.headers, payload: { formNumber: `F${i}`, round: 1, answers: goodAnswers() } }),
    template: () => t.app.inject({ method: 'GET', url: `${base}/questionnaires/${s.questionnaireId}/answers-template`, headers: who.headers }),
    importDryRun: () => t.app.inject({ method: 'POST', url: `${base}/imports?questionnaireId=${s.questionnaireId}&dryRun=true`, payload: upload.payload, headers: { ...who.headers, ...upload.headers } }),
    imports: () => t.app.inject({ method: 'GET', url: `${base}/imports`, headers: who.headers }),
  };
};

describe('survey entry authorization', () => {
  it.each(cases.map((c, i) => [c.who, c.allowed, i] as const))('%s: allowed %s', async (who, allowed, i) => {
    const r = requests(people.get(who)!, i);
    for (const [name, call] of Object.entries(r)) {
      const res = await call();
      const expected = allowed ? (name === 'createBatch' ? 201 : 200) : 403;
      expect(res.statusCode, `${who} ${name}: ${res.body.slice(0, 200)}`).toBe(expected);
    }
  });
});
