// Owner scoping on every endpoint (issue 10 §5): the administrator, council member and leader of an
// organising unit (department B) can do nothing in another organising unit's cycles (department A's)
// nor in the province's; nor touch the evidence of units outside their scope. Every /api route that
// takes a cycle, assessment, criterion, council, result or evidence id has a case in ROUTES (a route
// added later without one fails the first test). A's own administrator reads and acts in A's cycle.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersWithRolesCovering } from '../src/db/repositories/cycle-repository';
import { auditEvents } from '../src/db/schema/audit';
import { cycles } from '../src/db/schema/cycles';
import { units } from '../src/db/schema/units';
import { consolidateGroup, loadFramework, type Framework } from '@chiso/core';
import { systemActor, type Role } from '../src/services/actor';
import { writeSnapshot } from '../src/services/publication/write-snapshot';
import { pdfBytes } from './evidence-fixtures';
import { createPubCycle, pubFramework, type PubCycle } from './publication-fixtures';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { multipartBody } from './support/multipart';

/** What a case needs: the cycle, its group and framework version, a participant and one of its criteria; a document. */
interface Target {
  cycleId: string;
  groupId: string;
  frameworkVersionId: string;
  unitId: string;
  nodeKey: string;
  /** A document of a unit of the cycle (the evidence routes). */
  evidenceId: string;
  evidenceUnitId: string;
  /** A unit under the owner (a would-be participant or agency). */
  otherUnitId: string;
}

interface Call {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/**
 * How each route is called, and how it refuses another owner's people: `refused` is the status
 * (403; 401 for the push, which takes an API token, never a session). `public`: the published results,
 * which anyone reads — another owner's people get exactly what the owner's administrator gets.
 */
type Case = { call: (t: Target) => Call; refused: 401 | 403 | 404 } | { call: (t: Target) => Call; public: true };

const csv = () => multipartBody({}, { name: 'so-lieu.csv', bytes: Buffer.from('Mã đơn vị,Mã tiêu chí,Điểm\nX,1,1\n', 'utf8'), type: 'text/csv' });
const pdf = () => multipartBody({ title: 'Kế hoạch CCHC' }, { name: 'ke-hoach.pdf', bytes: pdfBytes(), type: 'application/pdf' });
const at = (days: number) => new Date(Date.UTC(2030, 5, 1) + days * 86_400_000).toISOString();
const crit = (t: Target, tail: string) => `/api/cycles/${t.cycleId}/units/${t.unitId}/criteria/${t.nodeKey}${tail}`;
const refuse = (call: (t: Target) => Call, refused: 401 | 403 | 404 = 403): Case => ({ call, refused });

const ROUTES: Record<string, Case> = {
  // The cycle and its set-up.
  'GET /api/cycles/:id': refuse((t) => ({ url: `/api/cycles/${t.cycleId}` })),
  'PATCH /api/cycles/:id': refuse((t) => ({ url: `/api/cycles/${t.cycleId}`, payload: { version: 1, name: 'Đổi tên' } })),
  'PUT /api/cycles/:id/agencies': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/agencies`, payload: { version: 1, agencies: [{ agencyCode: 'SNV', unitId: t.otherUnitId }] } })),
  'PUT /api/cycles/:id/groups': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/groups`, payload: { version: 1, groups: [{ groupId: t.groupId, frameworkVersionId: t.frameworkVersionId }] } })),
  'PUT /api/cycles/:id/units': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/units`, payload: { version: 1, unitIds: [t.otherUnitId] } })),
  'POST /api/cycles/:id/reassignments': refuse((t) => ({
    url: `/api/cycles/${t.cycleId}/reassignments`, payload: { frameworkVersionId: t.frameworkVersionId, nodeKey: t.nodeKey, agencyCode: 'STP', reason: 'Phân công lại' },
  })),
  'POST /api/cycles/:id/open': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/open`, payload: { version: 1 } })),
  'POST /api/cycles/:id/close': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/close`, payload: { version: 1 } })),
  'POST /api/cycles/:id/reopen': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/reopen`, payload: { version: 1, reason: 'Đính chính' } })),
  'POST /api/cycles/:id/participants': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/participants`, payload: { unitId: t.otherUnitId, reason: 'Bổ sung', version: 1 } })),
  'POST /api/cycles/:id/units/:unitId/extension': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/units/${t.unitId}/extension`, payload: { until: at(10), reason: 'Gia hạn' } })),
  'GET /api/cycles/:id/progress': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/progress` })),
  'GET /api/cycles/:id/demo-calendar': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/demo-calendar` })),
  'POST /api/cycles/:id/demo-calendar/advance': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/demo-calendar/advance`, payload: { version: 1 } })),
  'GET /api/cycles/:id/framework-corrections': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/framework-corrections` })),
  'GET /api/cycles/:id/framework-corrections/preview': refuse((t) => ({
    url: `/api/cycles/${t.cycleId}/framework-corrections/preview?groupId=${t.groupId}&frameworkVersionId=${t.frameworkVersionId}`,
  })),
  'POST /api/cycles/:id/framework-corrections': refuse((t) => ({
    url: `/api/cycles/${t.cycleId}/framework-corrections`, payload: { groupId: t.groupId, frameworkVersionId: t.frameworkVersionId, reason: 'Điều chỉnh', version: 1 },
  })),
  // A unit's assessment and its criteria.
  'GET /api/cycles/:id/units/:unitId/assessment': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/units/${t.unitId}/assessment` })),
  'GET /api/cycles/:id/units/:unitId/report.docx': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/units/${t.unitId}/report.docx` })),
  'GET /api/cycles/:id/units/:unitId/correction-flags': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/units/${t.unitId}/correction-flags` })),
  'POST /api/cycles/:id/units/:unitId/actions/:action': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/units/${t.unitId}/actions/submit_on_behalf`, payload: {} })),
  'PUT /api/cycles/:id/units/:unitId/criteria/:nodeKey': refuse((t) => ({ url: crit(t, ''), payload: { version: 1, explanation: 'Giải trình' } })),
  // Evidence of the unit's completed follow-up tasks linked to the criterion (issue 12 §1).
  'GET /api/cycles/:id/units/:unitId/criteria/:nodeKey/task-evidence': refuse((t) => ({ url: crit(t, '/task-evidence') })),
  'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/answer': refuse((t) => ({ url: crit(t, '/answer'), payload: { version: 1, text: 'Trả lời' } })),
  'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/decide': refuse((t) => ({ url: crit(t, '/decide'), payload: { version: 1, decision: { kind: 'accept' } } })),
  'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/request': refuse((t) => ({
    url: crit(t, '/request'), payload: { version: 1, kind: 'explanation', message: 'Đề nghị giải trình', deadline: at(5) },
  })),
  'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/propose': refuse((t) => ({ url: crit(t, '/propose'), payload: { version: 1, value: { points: '1' }, reason: 'Đề xuất' } })),
  'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/approve': refuse((t) => ({ url: crit(t, '/approve'), payload: { version: 1 } })),
  'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/reject': refuse((t) => ({ url: crit(t, '/reject'), payload: { version: 1, reason: 'Không đồng ý' } })),
  // Appraisal.
  'GET /api/cycles/:id/appraisal': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/appraisal?agency=SNV` })),
  'GET /api/cycles/:id/appraisal/pending': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/appraisal/pending?agency=SNV` })),
  'POST /api/cycles/:id/appraisal/bulk-accept': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/appraisal/bulk-accept`, payload: { items: [{ unitId: t.unitId, nodeKey: t.nodeKey, version: 1 }] } })),
  'POST /api/cycles/:id/appraisal/criteria/:nodeKey/confirm-not-applicable': refuse((t) => ({
    url: `/api/cycles/${t.cycleId}/appraisal/criteria/${t.nodeKey}/confirm-not-applicable`, payload: { items: [{ unitId: t.unitId, version: 1 }] },
  })),
  'GET /api/cycles/:id/supplied-points/template': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/supplied-points/template` })),
  'POST /api/cycles/:id/supplied-points/import': refuse((t) => {
    const body = csv();
    return { url: `/api/cycles/${t.cycleId}/supplied-points/import?dryRun=true`, payload: body.payload, headers: body.headers };
  }),
  // Data feeds.
  'GET /api/cycles/:id/data-feeds': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/data-feeds` })),
  'GET /api/cycles/:id/data-feeds/template': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/data-feeds/template` })),
  'GET /api/cycles/:id/units/:unitId/data-feeds': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/units/${t.unitId}/data-feeds` })),
  'POST /api/cycles/:id/data-feeds/import': refuse((t) => {
    const body = csv();
    return { url: `/api/cycles/${t.cycleId}/data-feeds/import?dryRun=true`, payload: body.payload, headers: body.headers };
  }),
  'POST /api/cycles/:id/data-feeds/pull-chiso': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/data-feeds/pull-chiso` })),
  // Token-authenticated (an external system's API token, checked before the body is read): a session is refused.
  'POST /api/cycles/:id/data-feeds/push': refuse((t) => ({
    url: `/api/cycles/${t.cycleId}/data-feeds/push`, payload: { source: 'Hệ thống khác', values: [] },
  }), 401),
  // The council and publication.
  'GET /api/cycles/:id/council': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/council?groupId=${t.groupId}` })),
  'GET /api/cycles/:id/council/export': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/council/export?groupId=${t.groupId}` })),
  'POST /api/cycles/:id/groups/:groupId/publish': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/groups/${t.groupId}/publish`, payload: { decisionNumber: '1/QĐ' } })),
  'POST /api/cycles/:id/groups/:groupId/amend': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/groups/${t.groupId}/amend`, payload: { reason: 'Đính chính' } })),
  // Results: the published snapshots are public; the trace of a figure is not.
  'GET /api/cycles/:id/results': { call: (t) => ({ url: `/api/cycles/${t.cycleId}/results` }), public: true },
  'GET /api/cycles/:id/results/:groupId/units/:unitId/trace': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/results/${t.groupId}/units/${t.unitId}/trace` })),
  // A unit's report card (the trace's policy), the group's weak criteria and rank sensitivity: not public.
  'GET /api/cycles/:id/results/:groupId/units/:unitId/report-card': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/results/${t.groupId}/units/${t.unitId}/report-card` })),
  'GET /api/cycles/:id/results/:groupId/weak-criteria': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/results/${t.groupId}/weak-criteria` })),
  'GET /api/cycles/:id/results/:groupId/sensitivity': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/results/${t.groupId}/sensitivity` })),
  // The official documents of a published group: the owner's administrators, council and leaders only.
  'GET /api/cycles/:id/results/:groupId/documents/appraisal-report.docx': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/results/${t.groupId}/documents/appraisal-report.docx` })),
  'GET /api/cycles/:id/results/:groupId/documents/publication-decision.docx': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/results/${t.groupId}/documents/publication-decision.docx` })),
  'GET /api/cycles/:id/results/:groupId/documents/publication-decision.pdf': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/results/${t.groupId}/documents/publication-decision.pdf` })),
  'GET /api/public/results/:cycleId/:groupId': { call: (t) => ({ url: `/api/public/results/${t.cycleId}/${t.groupId}` }), public: true },
  'GET /api/public/results/:cycleId/:groupId/export': { call: (t) => ({ url: `/api/public/results/${t.cycleId}/${t.groupId}/export` }), public: true },
  'GET /api/public/results/:cycleId/:groupId/predecessors': { call: (t) => ({ url: `/api/public/results/${t.cycleId}/${t.groupId}/predecessors` }), public: true },
  'GET /api/public/results/:cycleId/:groupId/snapshot.json': { call: (t) => ({ url: `/api/public/results/${t.cycleId}/${t.groupId}/snapshot.json` }), public: true },
  'GET /api/cycles/:id/results/:groupId/year-over-year': { call: (t) => ({ url: `/api/cycles/${t.cycleId}/results/${t.groupId}/year-over-year` }), public: true },
  'GET /api/public/results/:cycleId/:groupId/year-over-year': { call: (t) => ({ url: `/api/public/results/${t.cycleId}/${t.groupId}/year-over-year` }), public: true },
  // The open data of a published group (issue 11 §7).
  'GET /api/public/results/:cycleId/:groupId/open-data.csv': { call: (t) => ({ url: `/api/public/results/${t.cycleId}/${t.groupId}/open-data.csv` }), public: true },
  'GET /api/public/results/:cycleId/:groupId/open-data.json': { call: (t) => ({ url: `/api/public/results/${t.cycleId}/${t.groupId}/open-data.json` }), public: true },
  'GET /api/public/results/:cycleId/:groupId/open-data-method.txt': { call: (t) => ({ url: `/api/public/results/${t.cycleId}/${t.groupId}/open-data-method.txt` }), public: true },
  // The mid-year risk of losing points (issue 12 §5).
  'GET /api/cycles/:id/risk': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/risk` })),
  'GET /api/cycles/:id/units/:unitId/risk': refuse((t) => ({ url: `/api/cycles/${t.cycleId}/units/${t.unitId}/risk` })),
  // Evidence of a unit of the cycle.
  'GET /api/units/:unitId/evidence': refuse((t) => ({ url: `/api/units/${t.evidenceUnitId}/evidence` })),
  'POST /api/units/:unitId/evidence': refuse((t) => {
    const body = pdf();
    return { url: `/api/units/${t.evidenceUnitId}/evidence`, payload: body.payload, headers: body.headers };
  }),
  'GET /api/evidence/:id': refuse((t) => ({ url: `/api/evidence/${t.evidenceId}` })),
  'PATCH /api/evidence/:id': refuse((t) => ({ url: `/api/evidence/${t.evidenceId}`, payload: { version: 1, title: 'Sửa trích yếu' } })),
  'GET /api/evidence/:id/content': refuse((t) => ({ url: `/api/evidence/${t.evidenceId}/content` })),
};

/**
 * The routes an administrator never uses, whatever the owner (the control below leaves them out):
 * the unit's own entries and answers, the appraising agency's bulk commands, the council's
 * proposals and the chair's decisions, and the push of an external system (an API token).
 */
const NOT_ADMINISTRATORS: ReadonlySet<string> = new Set([
  'PUT /api/cycles/:id/units/:unitId/criteria/:nodeKey', 'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/answer',
  'POST /api/cycles/:id/appraisal/bulk-accept', 'POST /api/cycles/:id/appraisal/criteria/:nodeKey/confirm-not-applicable',
  'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/propose', 'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/approve',
  'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/reject', 'POST /api/cycles/:id/data-feeds/push',
]);

/** The routes that must have a case: a cycle's (`/cycles/:id…`, `:cycleId`) and evidence's. */
const takesScopedId = (url: string) => url.startsWith('/api/cycles/:id') || url.includes(':cycleId') || url.includes('/evidence');

const methodOf = (key: string) => key.slice(0, key.indexOf(' ')) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe('owner scoping on every endpoint', () => {
  let t: TestApp;
  const routes: RouteOptions[] = [];
  let deptA: UnitRow;
  let deptB: UnitRow;
  let ownCycle: PubCycle;
  let provinceCycle: PubCycle;
  const targets: Record<'A' | 'province', Target> = {} as never;
  const sessions: Record<string, LoggedIn> = {};
  const usernames: Record<string, string> = {};
  /** Department B's administrator's answers on A's cycle, by route (the control compares A's own). */
  const refusalsOfB = new Map<string, string>();

  async function userOf(key: string, roles: Role[], unitId: string, scopeUnitId: string | null) {
    const user = await createUser(t.database.db, { roles, unitId, scopeUnitId });
    usernames[key] = user.username;
    sessions[key] = await loginAs(t.app, user.username, user.password);
  }

  const send = (who: LoggedIn | null, method: string, call: Call) =>
    t.app.inject({ method: method as 'GET', url: call.url, headers: { ...(who?.headers ?? {}), ...(call.headers ?? {}) }, ...(call.payload !== undefined ? { payload: call.payload as string } : {}) });

  beforeAll(async () => {
    t = await createTestApp({}, { onRoute: (route) => routes.push(route) });
    const db = t.database.db;
    deptA = await createUnit(db, { name: 'Sở Y tế (thử)' });
    deptB = await createUnit(db, { name: 'Sở Giáo dục (thử)' });

    // A's cycle: its participants and agencies are units under A.
    ownCycle = await createPubCycle(db, { unitCount: 2 });
    const underA = [...ownCycle.units, ownCycle.agencyUnits.SNV, ownCycle.agencyUnits.STP].map((u) => u.id);
    await db.update(units).set({ parentId: deptA.id }).where(inArray(units.id, underA));
    await db.update(cycles).set({ ownerUnitId: deptA.id }).where(eq(cycles.id, ownCycle.cycleId));
    const spareA = await createUnit(db, { parentId: deptA.id });
    // The province's cycle (owner null).
    provinceCycle = await createPubCycle(db, { unitCount: 2 });
    const spareProvince = await createUnit(db);
    await publish(ownCycle);
    await publish(provinceCycle);

    await userOf('adminA', ['admin'], deptA.id, deptA.id);
    await userOf('adminB', ['admin'], deptB.id, deptB.id);
    await userOf('councilA', ['council_member'], deptA.id, deptA.id);
    await userOf('councilB', ['council_member'], deptB.id, deptB.id);
    await userOf('leaderB', ['leader_viewer'], deptB.id, deptB.id);
    await userOf('province', ['admin'], ownCycle.agencyUnits.SNV.id, null);

    // A document of a participant of each cycle, uploaded by an administrator whose scope holds the unit.
    const upload = async (who: LoggedIn, unitId: string) => {
      const body = pdf();
      const res = await t.app.inject({ method: 'POST', url: `/api/units/${unitId}/evidence`, payload: body.payload, headers: { ...who.headers, ...body.headers } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const first = (c: PubCycle) => c.units[0]!.id;
    targets.A = {
      cycleId: ownCycle.cycleId, groupId: ownCycle.groupId, frameworkVersionId: ownCycle.frameworkVersionId, unitId: first(ownCycle), nodeKey: 'ke-hoach',
      evidenceUnitId: first(ownCycle), evidenceId: await upload(sessions.adminA!, first(ownCycle)), otherUnitId: spareA.id,
    };
    targets.province = {
      cycleId: provinceCycle.cycleId, groupId: provinceCycle.groupId, frameworkVersionId: provinceCycle.frameworkVersionId, unitId: first(provinceCycle), nodeKey: 'ke-hoach',
      evidenceUnitId: first(provinceCycle), evidenceId: await upload(sessions.province!, first(provinceCycle)), otherUnitId: spareProvince.id,
    };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  /** A published snapshot of the cycle's group (the writer on its own, as publication-snapshot.test.ts): results to read and trace. */
  async function publish(c: PubCycle) {
    const framework = (loadFramework(pubFramework) as { ok: true; framework: Framework }).framework;
    const consolidation = consolidateGroup(framework, c.units.map((u) => ({
      unitId: u.id, profile: {}, records: { 'ke-hoach': { nodeKey: 'ke-hoach', status: 'pending', self: { input: { kind: 'yes_no', value: true } }, requests: [] } },
      supplied: { 'dieu-tra': { kind: 'survey', points: '8' } },
    })));
    await t.database.db.transaction((tx) => writeSnapshot(tx, systemActor, {
      cycleId: c.cycleId, groupId: c.groupId, frameworkVersionId: c.frameworkVersionId, framework, consolidation,
      units: c.units.map((u) => ({ unitId: u.id, code: u.code, name: u.name })), refs: new Map(), number: 1, decisionNumber: '1/QĐ', now: new Date(),
    }));
  }

  it('every route taking a cycle, assessment, criterion, council, result or evidence id has a case (a new route without one fails here)', () => {
    const api = routes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD').map((r) => `${String(r.method)} ${r.url}`);
    expect(api.length).toBeGreaterThan(50);
    const needed = api.filter((key) => takesScopedId(key.slice(key.indexOf(' ') + 1))).sort();
    expect(Object.keys(ROUTES).sort()).toEqual(needed);
  });

  for (const who of ['adminB', 'councilB', 'leaderB'] as const) {
    for (const target of ['A', 'province'] as const) {
      it(`${who}, department B’s, is refused on every route of ${target === 'A' ? 'department A’s cycle' : 'the province’s cycle'} and its evidence`, async () => {
        const wrong: string[] = [];
        for (const [key, c] of Object.entries(ROUTES)) {
          if ('public' in c) continue;
          const res = await send(sessions[who]!, methodOf(key), c.call(targets[target]));
          if (who === 'adminB' && target === 'A') refusalsOfB.set(key, `${res.statusCode} ${res.body}`);
          const code = res.statusCode === 401 ? 'UNAUTHENTICATED' : res.statusCode === 404 ? 'NOT_FOUND' : 'FORBIDDEN';
          const error = res.statusCode >= 400 ? res.json<{ error?: { code: string; message: string } }>().error : undefined;
          if (res.statusCode !== c.refused || error?.code !== code || !error.message) wrong.push(`${key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        expect(wrong).toEqual([]);
      });
    }
  }

  it('nothing was changed by those refusals: department B’s people left no audit event but their logins', async () => {
    const names = [usernames.adminB!, usernames.councilB!, usernames.leaderB!];
    const events = await t.database.db.select({ action: auditEvents.action, entityType: auditEvents.entityType }).from(auditEvents)
      .where(and(inArray(auditEvents.actorUsername, names), ne(auditEvents.action, 'login')));
    expect(events).toEqual([]);
  });

  it('published results are public: department B’s people read exactly what the cycle’s own administrator reads', async () => {
    const wrong: string[] = [];
    for (const [key, c] of Object.entries(ROUTES)) {
      if (!('public' in c)) continue;
      for (const target of ['A', 'province'] as const) {
        const call = c.call(targets[target]);
        const owner = await send(sessions[target === 'A' ? 'adminA' : 'province']!, methodOf(key), call);
        if (owner.statusCode !== 200) wrong.push(`owner ${key} (${target}): ${owner.statusCode} ${owner.body.slice(0, 200)}`);
        // The workbook is built anew on each call (its creation time): the same file type and size, not the same bytes.
        const same = (r: typeof owner) => (key.endsWith('/export') ? r.headers['content-type'] === owner.headers['content-type'] && r.rawPayload.length > 0 : r.body === owner.body);
        for (const who of ['adminB', 'councilB', 'leaderB'] as const) {
          const res = await send(sessions[who]!, methodOf(key), call);
          if (res.statusCode !== owner.statusCode || !same(res)) wrong.push(`${who} ${key} (${target}): ${res.statusCode} vs ${owner.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('department A’s administrator reads and acts in A’s cycle: the cycle, progress, an assessment, the appraisal matrix, the council table, results, evidence', async () => {
    const A = targets.A;
    const adminA = sessions.adminA!;
    const reads = [
      `/api/cycles/${A.cycleId}`, `/api/cycles/${A.cycleId}/progress`, `/api/cycles/${A.cycleId}/units/${A.unitId}/assessment`,
      `/api/cycles/${A.cycleId}/appraisal`, `/api/cycles/${A.cycleId}/council?groupId=${A.groupId}`, `/api/cycles/${A.cycleId}/results`,
      `/api/cycles/${A.cycleId}/supplied-points/template`, `/api/units/${A.evidenceUnitId}/evidence`, `/api/evidence/${A.evidenceId}`,
      `/api/cycles/${A.cycleId}/results?groupId=${A.groupId}`, `/api/cycles/${A.cycleId}/results/${A.groupId}/units/${A.unitId}/trace`,
    ];
    const wrong: string[] = [];
    for (const url of reads) {
      const res = await send(adminA, 'GET', { url });
      if (res.statusCode !== 200) wrong.push(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    // A's administrator may in A's cycle what the province's administrator may there.
    for (const url of [`/api/cycles/${A.cycleId}`, `/api/cycles/${A.cycleId}/units/${A.unitId}/assessment`]) {
      const mine = (await send(adminA, 'GET', { url })).json<{ may?: unknown; allowedActions?: unknown }>();
      const province = (await send(sessions.province!, 'GET', { url })).json<{ may?: unknown; allowedActions?: unknown }>();
      expect([mine.may, mine.allowedActions]).toEqual([province.may, province.allowedActions]);
    }
    const assessment = (await send(adminA, 'GET', { url: `/api/cycles/${A.cycleId}/units/${A.unitId}/assessment` })).json<{ records: Record<string, { self: unknown }> }>();
    expect(Object.keys(assessment.records).sort()).toEqual(['bao-cao', 'dieu-tra', 'ke-hoach']);
    const edited = await send(adminA, 'PATCH', { url: `/api/evidence/${A.evidenceId}`, payload: { version: 1, issuer: 'Sở Y tế' } });
    expect(edited.statusCode, edited.body).toBe(200);
  });

  // Last, as it changes A's cycle: the refusals above are the owner's dimension, not the role's —
  // the same calls by A's own administrator pass the authorization of the cycle: they succeed, or
  // meet the workflow's own answer (409, 422, a 404 for a result not yet published, the core's 403
  // for a criterion an assigned agency appraises), never B's refusal.
  it('control: every call refused to department B’s administrator passes the owner check for department A’s', async () => {
    expect(refusalsOfB.size).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const [key, c] of Object.entries(ROUTES)) {
      if ('public' in c || NOT_ADMINISTRATORS.has(key)) continue;
      const res = await send(sessions.adminA!, methodOf(key), c.call(targets.A));
      if (res.statusCode === 401 || res.statusCode >= 500 || `${res.statusCode} ${res.body}` === refusalsOfB.get(key)) wrong.push(`${key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('department A’s administrator is refused the province’s cycle as any other user', async () => {
    const P = targets.province;
    const wrong: string[] = [];
    for (const key of ['GET /api/cycles/:id/units/:unitId/assessment', 'GET /api/cycles/:id/council', 'GET /api/cycles/:id/appraisal', 'GET /api/cycles/:id/progress',
      'GET /api/cycles/:id/results/:groupId/units/:unitId/trace', 'POST /api/cycles/:id/units/:unitId/criteria/:nodeKey/decide', 'GET /api/evidence/:id']) {
      const c = ROUTES[key]!;
      const res = await send(sessions.adminA!, methodOf(key), c.call(P));
      if ('public' in c || res.statusCode !== c.refused) wrong.push(`${key}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the province’s administrator reads both levels: A’s cycle and the province’s', async () => {
    for (const target of [targets.A, targets.province]) {
      for (const url of [`/api/cycles/${target.cycleId}/progress`, `/api/cycles/${target.cycleId}/units/${target.unitId}/assessment`, `/api/cycles/${target.cycleId}/council?groupId=${target.groupId}`, `/api/evidence/${target.evidenceId}`,
        `/api/cycles/${target.cycleId}/results/${target.groupId}/units/${target.unitId}/trace`]) {
        const res = await send(sessions.province!, 'GET', { url });
        expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
      }
    }
  });

  it('department A’s council member reads A’s council table and assessments, not the province’s', async () => {
    for (const [target, status] of [['A', 200], ['province', 403]] as const) {
      const x = targets[target];
      for (const url of [`/api/cycles/${x.cycleId}/council?groupId=${x.groupId}`, `/api/cycles/${x.cycleId}/units/${x.unitId}/assessment`]) {
        const res = await send(sessions.councilA!, 'GET', { url });
        expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(status);
      }
    }
  });

  it('who hears of a cycle’s events (a submission, the council’s date): its owner’s administrators and council, not another owner’s', async () => {
    const names = async (roles: string[], owner: string | null) => {
      const ids = new Set((await usersWithRolesCovering(t.database.db, roles, owner)).map((r) => r.id));
      return Object.entries(usernames).filter(([key]) => ids.has(sessions[key]!.user.id)).map(([key]) => key).sort();
    };
    expect(await names(['admin'], deptA.id)).toEqual(['adminA']);
    expect(await names(['council_member'], deptA.id)).toEqual(['councilA']);
    expect(await names(['admin'], ownCycle.units[0]!.id)).toEqual(['adminA']); // a cycle of a unit under A
    expect(await names(['admin'], null)).toEqual(['province']);
    expect(await names(['council_member'], deptB.id)).toEqual(['councilB']);
  });

  it('the audit trail is the province administrator’s: an organising unit’s administrator is told so', async () => {
    const refused = await send(sessions.adminA!, 'GET', { url: '/api/audit' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('quản trị viên cấp tỉnh');
    expect((await send(sessions.province!, 'GET', { url: '/api/audit' })).statusCode).toBe(200);
  });
});
