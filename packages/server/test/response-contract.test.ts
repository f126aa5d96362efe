// A route answers only what its response schema (packages/contract) describes: the app built with
// `strictResponses` refuses a field the schema would silently drop, and the demo's answers pass.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { AuditPage } from '@chiso/contract';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { loginAs } from './support/login';
import { multipartBody } from './support/multipart';
import { pdfBytes } from './evidence-fixtures';
import { demoPassword, loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle, type DemoCycleResult } from '../src/demo/load-demo-cycle';
import { droppedFields, strictSerializerCompiler } from '../src/http/strict-serializer';

describe('strict response serializer', () => {
  const route = { method: 'GET', url: '/x', httpStatus: '200' };
  const schema = z.object({ a: z.string(), rows: z.array(z.object({ id: z.string() })), any: z.unknown() });

  it('names every field the schema does not describe, nested ones too', () => {
    const serialize = strictSerializerCompiler({ ...route, schema });
    expect(() => serialize({ a: 'x', extra: 1, rows: [{ id: '1' }, { id: '2', name: 'n' }], any: { free: true } })).toThrow(
      'GET /x: the response schema does not describe extra, rows[1].name',
    );
  });

  it('passes an answer the schema describes, undefined fields and free-form values included', () => {
    const serialize = strictSerializerCompiler({ ...route, schema });
    expect(JSON.parse(serialize({ a: 'x', rows: [], any: { free: [1] }, gone: undefined }))).toEqual({ a: 'x', rows: [], any: { free: [1] } });
    expect(droppedFields({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});

describe('the demo answers as its contract says', () => {
  let t: TestApp;
  let demo: DemoCycleResult;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-response-contract-'));
  beforeAll(async () => {
    t = await createTestApp({ CHISO_DATA_DIR: dataDir });
    await loadDemoProvince(t.database.db);
    await loadDemoFrameworks(t.database.db);
    demo = await loadDemoCycle(t.database.db);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('every area: a representative GET of each answers 200 (a field its schema lacks would be a 500)', async () => {
    const admin = await loginAs(t.app, 'snv.quantri', demoPassword);
    const unitId = demo.unitIds[0];
    const cycle = (await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.cycleId}`, headers: admin.headers })).json<{ groups: { groupId: string }[] }>();
    const groupId = cycle.groups[0]?.groupId;
    const urls = ['/cycles', `/cycles/${demo.cycleId}`, `/cycles/${demo.cycleId}/progress`, '/my/assessments', `/cycles/${demo.cycleId}/units/${unitId}/assessment`,
      `/cycles/${demo.cycleId}/appraisal`, `/cycles/${demo.cycleId}/appraisal?unitOffset=0&unitLimit=20&unitSearch=so`, `/cycles/${demo.cycleId}/appraisal/pending`, `/cycles/${demo.cycleId}/council?groupId=${groupId}`, `/cycles/${demo.cycleId}/results`, '/units', `/units/${unitId}`, `/units/${unitId}/users`, `/units/${unitId}/lineage`, '/unit-types', '/auth/me', '/users', '/frameworks', '/group-sets', '/notifications', '/notifications/preferences', '/public/results', `/cycles/${demo.cycleId}/data-feeds`, `/cycles/${demo.cycleId}/units/${unitId}/data-feeds`, '/api-tokens', `/cycles/${demo.cycleId}/risk`, `/cycles/${demo.cycleId}/units/${unitId}/risk`];
    const bad: string[] = [];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url: `/api${url}`, headers: admin.headers });
      if (res.statusCode !== 200) bad.push(`${url} ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    expect(bad).toEqual([]);
  });

  it('evidence, audit and health: a document, the unit’s list, the audit pages and the health answer as the contract says', async () => {
    const admin = await loginAs(t.app, 'snv.quantri', demoPassword);
    const unitId = demo.unitIds[0];
    const body = multipartBody({ documentNumber: '12/QĐ-UBND', documentDate: '2025-01-05', title: 'Kế hoạch CCHC' }, { name: 'ke-hoach.pdf', bytes: pdfBytes(), type: 'application/pdf' });
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/units/${unitId}/evidence`, payload: body.payload, headers: { ...admin.headers, ...body.headers } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const document = uploaded.json<{ id: string; version: number }>();
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/evidence/${document.id}`, headers: admin.headers, payload: { version: document.version, issuer: 'UBND tỉnh' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const urls = [`/units/${unitId}/evidence`, `/evidence/${document.id}`, '/audit', '/audit?page=2&pageSize=5', '/audit?from=2020-01-01&to=2099-12-31&entityType=evidence_document', '/health'];
    const bad: string[] = [];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url: `/api${url}`, headers: admin.headers });
      if (res.statusCode !== 200) bad.push(`${url} ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    expect(bad).toEqual([]);
    // The upload and the edit are in the trail, newest first, each told in a sentence.
    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?entityId=${document.id}`, headers: admin.headers })).json<AuditPage>();
    expect(audit.items.map((e) => e.entityType)).toEqual(['evidence_document', 'evidence_document']);
    expect(audit.total).toBe(2);
    expect(audit.items.every((e) => e.sentence.length > 0)).toBe(true);
  });

  it('frameworks: programs, a published version, a half-written draft and their diff answer as the contract says', async () => {
    const admin = await loginAs(t.app, 'snv.quantri', demoPassword);
    const get = (url: string) => t.app.inject({ method: 'GET', url: `/api${url}`, headers: admin.headers });
    const list = (await get('/frameworks')).json<{ items: { versions: { id: string; status: string }[] }[] }>();
    const published = list.items.flatMap((f) => f.versions).find((v) => v.status === 'published')!;
    // A draft saved half-written (a node without points, a rule of an unknown type) is answered as it was saved.
    const halfWritten = { formatVersion: 1, id: 'nua-chung', name: 'Nửa chừng', nodes: [{ key: 'a', code: '1', name: 'Lĩnh vực', rule: { type: 'khac', note: 1 } }], extra: [true, null] };
    const created = await t.app.inject({
      method: 'POST', url: '/api/frameworks', headers: admin.headers,
      payload: { programCode: 'par-index', year: 2099, groupLabel: 'Hợp đồng', name: 'Nửa chừng', document: halfWritten },
    });
    expect(created.statusCode).toBe(201);
    const draftId = created.json<{ versions: { id: string }[] }>().versions[0]!.id;
    const draft = await get(`/framework-versions/${draftId}`);
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', document: halfWritten });
    const urls = ['/programs', `/framework-versions/${published.id}`, `/framework-versions/diff?from=${published.id}&to=${draftId}`,
      `/framework-versions/diff?from=${published.id}&to=${published.id}`];
    const bad: string[] = [];
    for (const url of urls) {
      const res = await get(url);
      if (res.statusCode !== 200) bad.push(`${url} ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    expect(bad).toEqual([]);
    expect((await get(`/framework-versions/${published.id}`)).json()).toMatchObject({ status: 'published', document: { formatVersion: 1, settings: { rounding: { mode: 'half_up' } } } });
  });
});

describe('every route declares its answer', () => {
  /** Routes that answer a file (bytes with their own content type, not JSON): nothing for a response schema to check. */
  const fileAnswers = new Set([
    'GET /api/units/export', 'GET /api/framework-versions/:id/export', 'GET /api/framework-versions/:id/score-template', 'GET /api/evidence/:id/content',
    'GET /api/cycles/:id/units/:unitId/report.docx', 'GET /api/public/results/:cycleId/:groupId/export', 'GET /api/public/results/:cycleId/:groupId/snapshot.json',
    'GET /api/cycles/:id/supplied-points/template', 'GET /api/cycles/:id/council/export', 'GET /api/cycles/:id/data-feeds/template',
    'GET /api/cycles/:id/results/:groupId/documents/appraisal-report.docx', 'GET /api/cycles/:id/results/:groupId/documents/publication-decision.docx',
    'GET /api/cycles/:id/results/:groupId/documents/publication-decision.pdf',
    'GET /api/public/results/:cycleId/:groupId/open-data.csv', 'GET /api/public/results/:cycleId/:groupId/open-data-method.txt',
    // The signed conclusion notice (issue 12 §1).
    'GET /api/follow-up/notices/:id/file',
    // A target plan's import template (issue 12 §3).
    'GET /api/follow-up/target-plans/:id/template',
    // An external index's import template (issue 12 §4).
    'GET /api/follow-up/external-indices/:key/template',
    'GET /api/results/imports/template.xlsx',
    // The survey's raw answers (CSV/XLSX, streamed) and aggregated counts (issue 13 §6).
    'GET /api/surveys/:id/export/raw', 'GET /api/surveys/:id/export/aggregated',
    // The survey's links as a table, their QR slips (PDF) and one link's QR code (SVG) (issue 13 §3).
    'GET /api/surveys/:id/invitations/export', 'GET /api/surveys/:id/invitations/qr.pdf', 'GET /api/surveys/:id/invitations/:invitationId/qr.svg',
    // A questionnaire's template and a version as a workbook (issue 13 §1).
    'GET /api/surveys/:id/questionnaires/:questionnaireId/template', 'GET /api/surveys/:id/questionnaires/:questionnaireId/versions/:versionId/xlsx',
    // A questionnaire's answers template, for imports of answers (issue 13 §3).
    'GET /api/surveys/:id/questionnaires/:questionnaireId/answers-template',
    // A ScoreResult as JSON, or the same as a CSV/XLSX file when asked for one.
    'POST /api/framework-versions/:id/score',
  ]);
  it('each /api route has a response schema for its success status (a new route without one fails here)', async () => {
    const routes: RouteOptions[] = [];
    const t = await createTestApp({}, { onRoute: (route) => routes.push(route) });
    try {
      const api = routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
      expect(api.length).toBeGreaterThan(50);
      const missing = api
        .filter((r) => !fileAnswers.has(`${String(r.method)} ${r.url}`))
        .filter((r) => !Object.keys((r.schema?.response ?? {}) as object).some((status) => /^2(\d\d|xx)$/.test(status)))
        .map((r) => `${String(r.method)} ${r.url}`);
      expect(missing).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
