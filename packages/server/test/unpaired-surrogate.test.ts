// JSON may carry half of a surrogate pair ("\ud800" alone): it has no UTF-8 form and PostgreSQL's
// jsonb refuses it, so a save failed with a 500. It is refused like a NUL: 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, ensureUnitType } from './support/factories';
import { loginAs } from './support/login';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  await ensureUnitType(t.database.db, 'province');
  const root = await createUnit(t.database.db, { code: 'LS', typeCode: 'province', validFrom: '2000-01-01' });
  const a = await createUser(t.database.db, { unitId: root.id, roles: ['admin'] });
  admin = (await loginAs(t.app, a.username, a.password)).headers;
});
afterAll(async () => t.close());

/** Raw JSON text, so the escape reaches the server as written. */
const send = (method: 'POST' | 'PUT', url: string, json: string) =>
  t.app.inject({ method, url, headers: { ...admin, 'content-type': 'application/json' }, payload: json });

describe('half of a surrogate pair in JSON', () => {
  it('in a text field is a 400 naming the field; a whole pair (an emoji) is kept', async () => {
    const refused = await send('POST', '/api/frameworks', '{"programCode":"par-index","year":2042,"groupLabel":"Sở","name":"Bộ \\udc00"}');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'name' }] });
    const kept = await send('POST', '/api/frameworks', '{"programCode":"par-index","year":2042,"groupLabel":"Sở","name":"Bộ \\ud83d\\ude00"}');
    expect(kept.statusCode).toBe(201);
    expect(kept.json().name).toBe('Bộ 😀');
  });

  it('in a framework document is a 400 naming where, nothing saved', async () => {
    const created = await send('POST', '/api/frameworks', '{"programCode":"par-index","year":2043,"groupLabel":"Sở","name":"Bộ"}');
    const versionId = created.json().versions[0].id as string;
    const refused = await send('PUT', `/api/framework-versions/${versionId}`, '{"version":1,"document":{"formatVersion":1,"id":"x","name":"x\\ud800y","nodes":[]}}');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe('document.name');
    expect(refused.json().error.message).toContain('Unicode');
  });
});
