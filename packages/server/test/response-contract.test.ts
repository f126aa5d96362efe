// A route answers only what its response schema (packages/contract) describes: the app built with
// `strictResponses` refuses a field the schema would silently drop, and the demo's answers pass.
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { loginAs } from './support/login';
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
  beforeAll(async () => {
    t = await createTestApp({}, { strictResponses: true });
    await loadDemoProvince(t.database.db);
    await loadDemoFrameworks(t.database.db);
    demo = await loadDemoCycle(t.database.db);
  }, 120_000);
  afterAll(async () => t?.close());

  it('every area: a representative GET of each answers 200 (a field its schema lacks would be a 500)', async () => {
    const admin = await loginAs(t.app, 'snv.quantri', demoPassword);
    const unitId = demo.unitIds[0];
    const cycle = (await t.app.inject({ method: 'GET', url: `/api/cycles/${demo.cycleId}`, headers: admin.headers })).json<{ groups: { groupId: string }[] }>();
    const groupId = cycle.groups[0]?.groupId;
    const urls = ['/cycles', `/cycles/${demo.cycleId}`, `/cycles/${demo.cycleId}/progress`, '/my/assessments', `/cycles/${demo.cycleId}/units/${unitId}/assessment`,
      `/cycles/${demo.cycleId}/appraisal`, `/cycles/${demo.cycleId}/council?groupId=${groupId}`, `/cycles/${demo.cycleId}/results`, '/units', `/units/${unitId}`, `/units/${unitId}/users`, `/units/${unitId}/lineage`, '/unit-types', '/auth/me', '/users', '/frameworks', '/group-sets', '/notifications', '/notifications/preferences', '/public/results', `/cycles/${demo.cycleId}/data-feeds`, `/cycles/${demo.cycleId}/units/${unitId}/data-feeds`, '/api-tokens'];
    const bad: string[] = [];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url: `/api${url}`, headers: admin.headers });
      if (res.statusCode !== 200) bad.push(`${url} ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    expect(bad).toEqual([]);
  });
});
