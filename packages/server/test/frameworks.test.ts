import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { loadFramework } from '@chiso/core';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';
import { auditEvents } from '../src/db/schema/audit';
import { frameworkVersions } from '../src/db/schema/frameworks';
import { frameworkToXlsx } from '../src/documents/framework-xlsx';

const demoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/demo/frameworks');
const demo = (name: string) => JSON.parse(fs.readFileSync(path.join(demoDir, `${name}.json`), 'utf8')) as Record<string, unknown>;

/** A multipart/form-data body with text fields first, then the file. */
function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----chiso${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('criteria frameworks API', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let officer: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp();
    const unit = await createUnit(t.database.db);
    const a = await createUser(t.database.db, { roles: ['admin'], unitId: unit.id });
    const o = await createUser(t.database.db, { roles: ['unit_officer'], unitId: unit.id });
    admin = await loginAs(t.app, a.username, a.password);
    officer = await loginAs(t.app, o.username, o.password);
  });
  afterAll(async () => t.close());

  const api = (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  it('lists the built-in programs', async () => {
    const r = await api(officer, 'GET', '/api/programs');
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([
      { code: 'par-index', name: 'Chỉ số CCHC' },
      { code: 'task-performance', name: 'Xếp loại mức độ hoàn thành nhiệm vụ năm' },
    ]);
  });

  it('creates an empty draft, saves it with optimistic locking, refuses to publish it while invalid, publishes it when valid, then freezes it', async () => {
    const created = await api(admin, 'POST', '/api/frameworks', { programCode: 'par-index', year: 2030, groupLabel: 'Sở, ban, ngành', name: 'Bộ tiêu chí thử 2030' });
    expect(created.statusCode).toBe(201);
    const summary = created.json();
    expect(summary).toMatchObject({ program: { code: 'par-index', name: 'Chỉ số CCHC' }, year: 2030, groupLabel: 'Sở, ban, ngành', name: 'Bộ tiêu chí thử 2030' });
    expect(summary.versions).toHaveLength(1);
    expect(summary.versions[0]).toMatchObject({ number: 1, status: 'draft', reason: null, publishedAt: null });

    const versionId = summary.versions[0].id as string;
    const draft = (await api(officer, 'GET', `/api/framework-versions/${versionId}`)).json();
    expect(draft.document).toMatchObject({ formatVersion: 1, id: 'par-index-2030-so-ban-nganh', name: 'Bộ tiêu chí thử 2030', year: 2030, nodes: [] });
    expect(draft.issues.map((i: { code: string }) => i.code)).toContain('no_nodes');
    expect(draft.may).toEqual({ edit: false, publish: false, newVersion: false });
    const adminView = (await api(admin, 'GET', `/api/framework-versions/${versionId}`)).json();
    expect(adminView.may).toEqual({ edit: true, publish: true, newVersion: false });

    // Publishing an invalid draft: 422 with the issues.
    const refused = await api(admin, 'POST', `/api/framework-versions/${versionId}/publish`, { version: draft.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('RULE_VIOLATION');
    expect(refused.json().error.details.map((d: { code: string }) => d.code)).toContain('no_nodes');

    // Save the departments framework into the draft (numbers given as numbers are canonicalised).
    const doc = demo('departments-2025');
    const saved = await api(admin, 'PUT', `/api/framework-versions/${versionId}`, { version: draft.version, document: doc });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(draft.version + 1);
    expect(saved.json().issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect(saved.json().document).toEqual(doc);

    // A stale version: 409 with the current record.
    const stale = await api(admin, 'PUT', `/api/framework-versions/${versionId}`, { version: draft.version, document: { ...doc, name: 'Muộn' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(stale.json().error.details[0].current).toMatchObject({ id: versionId, version: draft.version + 1, document: { name: doc.name } });

    const published = await api(admin, 'POST', `/api/framework-versions/${versionId}/publish`, { version: draft.version + 1 });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', number: 1, may: { edit: false, publish: false, newVersion: true } });
    expect(published.json().publishedAt).toEqual(expect.any(String));

    // API level: a published version is not edited, nor published again.
    const edit = await api(admin, 'PUT', `/api/framework-versions/${versionId}`, { version: published.json().version, document: { ...doc, name: 'Sửa sau ban hành' } });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error.code).toBe('RULE_VIOLATION');
    const again = await api(admin, 'POST', `/api/framework-versions/${versionId}/publish`, { version: published.json().version });
    expect(again.statusCode).toBe(422);

    // Database level: UPDATE and DELETE of the published row are refused by the seal.
    const db = t.database.db;
    await expect(db.update(frameworkVersions).set({ document: { ...doc, name: 'Sửa thẳng trong CSDL' } }).where(eq(frameworkVersions.id, versionId))).rejects.toThrow();
    await expect(db.update(frameworkVersions).set({ status: 'draft', publishedAt: null }).where(eq(frameworkVersions.id, versionId))).rejects.toThrow();
    await expect(db.update(frameworkVersions).set({ reason: 'lén sửa' }).where(eq(frameworkVersions.id, versionId))).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM framework_versions WHERE id = ${versionId}`)).rejects.toThrow();
    const [row] = await db.select().from(frameworkVersions).where(eq(frameworkVersions.id, versionId));
    expect(row!.document).toEqual(doc);
    expect(row!.status).toBe('published');

    // Audit: create, update, publish — summaries, not documents.
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'framework_version'), eq(auditEvents.entityId, versionId)));
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'publish', 'update']);
    const publish = events.find((e) => e.action === 'publish')!;
    expect(publish.before).toMatchObject({ status: 'draft', number: 1 });
    expect(publish.after).toMatchObject({ status: 'published', number: 1, nodeCount: expect.any(Number), contentHash: expect.any(String) });
    expect(JSON.stringify(publish.after).length).toBeLessThan(400);
  });

  it('refuses a second framework for the same program, year and group (409 DUPLICATE) and an unknown program (400)', async () => {
    const body = { programCode: 'task-performance', year: 2031, groupLabel: 'Sở, ban, ngành', name: 'A' };
    expect((await api(admin, 'POST', '/api/frameworks', body)).statusCode).toBe(201);
    const dup = await api(admin, 'POST', '/api/frameworks', { ...body, name: 'B' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    const unknown = await api(admin, 'POST', '/api/frameworks', { ...body, programCode: 'khong-co' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('programCode');
  });

  it('makes a new version with a reason from a published one, and diffs the two by stable key', async () => {
    const doc = demo('communes-2025');
    const created = (await api(admin, 'POST', '/api/frameworks', { programCode: 'par-index', year: 2032, groupLabel: 'UBND cấp xã', name: 'Xã 2032', document: doc })).json();
    const v1 = created.versions[0].id as string;
    const v1view = (await api(admin, 'GET', `/api/framework-versions/${v1}`)).json();
    expect((await api(admin, 'POST', `/api/framework-versions/${v1}/publish`, { version: v1view.version })).statusCode).toBe(200);

    const noReason = await api(admin, 'POST', `/api/frameworks/${created.id}/versions`, { fromVersionId: v1, reason: '   ' });
    expect(noReason.statusCode).toBe(400);

    const v2 = await api(admin, 'POST', `/api/frameworks/${created.id}/versions`, { fromVersionId: v1, reason: 'Điều chỉnh tiêu chí 1.1 theo Công văn 123' });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ number: 2, status: 'draft', reason: 'Điều chỉnh tiêu chí 1.1 theo Công văn 123', frameworkId: created.id });

    // From a draft: refused.
    const fromDraft = await api(admin, 'POST', `/api/frameworks/${created.id}/versions`, { fromVersionId: v2.json().id, reason: 'x' });
    expect(fromDraft.statusCode).toBe(422);

    // Rename one node and renumber another; drop a bonus leaf.
    const edited = structuredClone(v2.json().document) as { nodes: { key: string; code: string; name: string; children?: unknown[] }[] };
    edited.nodes[0]!.name = 'Chỉ đạo, điều hành CCHC (sửa)';
    const saved = await api(admin, 'PUT', `/api/framework-versions/${v2.json().id}`, { version: v2.json().version, document: edited });
    expect(saved.statusCode).toBe(200);

    const diff = await api(officer, 'GET', `/api/framework-versions/diff?from=${v1}&to=${v2.json().id}`);
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toMatchObject({ from: { id: v1, number: 1 }, to: { number: 2 }, added: [], removed: [] });
    expect(diff.json().changed).toEqual([
      expect.objectContaining({ key: edited.nodes[0]!.key, code: edited.nodes[0]!.code, fields: [{ field: 'name', before: doc.nodes && (doc.nodes as { name: string }[])[0]!.name, after: 'Chỉ đạo, điều hành CCHC (sửa)' }] }),
    ]);

    const summary = (await api(officer, 'GET', '/api/frameworks?program=par-index&year=2032')).json().items;
    expect(summary).toHaveLength(1);
    expect(summary[0].versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
  });

  it('copies a framework to the next year with its keys, so the two years can be compared', async () => {
    const doc = demo('task-performance-2025');
    const created = (await api(admin, 'POST', '/api/frameworks', { programCode: 'task-performance', year: 2025, groupLabel: 'Sở, ban, ngành', name: 'Xếp loại 2025', document: doc })).json();
    const copy = await api(admin, 'POST', `/api/frameworks/${created.id}/copy`, { year: 2026 });
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ year: 2026, groupLabel: 'Sở, ban, ngành', name: 'Xếp loại 2026', program: { code: 'task-performance' } });
    expect(copy.json().versions).toMatchObject([{ number: 1, status: 'draft' }]);
    const next = (await api(admin, 'GET', `/api/framework-versions/${copy.json().versions[0].id}`)).json();
    expect(next.document.year).toBe(2026);
    expect(next.document.id).toBe('task-performance-2026');
    const diff = (await api(admin, 'GET', `/api/framework-versions/diff?from=${created.versions[0].id}&to=${next.id}`)).json();
    expect(diff).toMatchObject({ added: [], removed: [], changed: [] });
    expect(diff.frameworkChanges).toEqual(expect.arrayContaining(['id', 'name', 'year']));

    const again = await api(admin, 'POST', `/api/frameworks/${created.id}/copy`, { year: 2026 });
    expect(again.statusCode).toBe(409);
  });

  it('diffs a half-written draft as it is, and lists the scalars changed inside a rule', async () => {
    type Node = { key: string; maxPoints: unknown; rule?: Record<string, unknown>; children?: Node[] };
    const created = (await api(admin, 'POST', '/api/frameworks', { programCode: 'par-index', year: 2040, groupLabel: 'Sở, ban, ngành', name: 'So sánh', document: demo('departments-2025') })).json();
    const v1 = (await api(admin, 'GET', `/api/framework-versions/${created.versions[0].id}`)).json();
    expect((await api(admin, 'POST', `/api/framework-versions/${v1.id}/publish`, { version: v1.version })).statusCode).toBe(200);
    const v2 = (await api(admin, 'POST', `/api/frameworks/${created.id}/versions`, { fromVersionId: v1.id, reason: 'Thử so sánh' })).json();

    const edited = structuredClone(v2.document) as { nodes: Node[] };
    const firstLeaf = (n: Node): Node => (n.children?.length ? firstLeaf(n.children[0]!) : n);
    const leaf = firstLeaf(edited.nodes[0]!);
    const ruleBefore = structuredClone(leaf.rule);
    leaf.rule = { type: 'yes_no', yesPoints: String(leaf.maxPoints), noPoints: '0' };
    const broken = edited.nodes[1]!;
    const maxBefore = broken.maxPoints;
    broken.maxPoints = 'mười';
    expect((await api(admin, 'PUT', `/api/framework-versions/${v2.id}`, { version: v2.version, document: edited })).statusCode).toBe(200);

    const diff = await api(officer, 'GET', `/api/framework-versions/diff?from=${v1.id}&to=${v2.id}`);
    expect(diff.statusCode).toBe(200);
    type Change = { field: string; before: unknown; after: unknown; parts?: { path: string; before: string; after: string }[] };
    const byKey = new Map((diff.json().changed as { key: string; fields: Change[] }[]).map((c) => [c.key, c.fields]));
    expect(byKey.get(broken.key)).toEqual([{ field: 'maxPoints', before: maxBefore, after: 'mười' }]);
    const rule = byKey.get(leaf.key)!.find((f) => f.field === 'rule')!;
    expect(rule.before).toEqual(ruleBefore);
    expect(rule.parts).toEqual(expect.arrayContaining([
      { path: 'type', before: String(ruleBefore!.type), after: 'yes_no' },
      { path: 'yesPoints', before: '', after: String(leaf.maxPoints) },
    ]));
  });

  it('exports a version as canonical JSON and as XLSX that reads back to the same framework', async () => {
    const doc = demo('departments-2025');
    const created = (await api(admin, 'POST', '/api/frameworks', { programCode: 'par-index', year: 2033, groupLabel: 'Sở, ban, ngành', name: 'Xuất', document: doc })).json();
    const id = created.versions[0].id;
    const json = await api(officer, 'GET', `/api/framework-versions/${id}/export?format=json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toBe('attachment; filename="departments-2025-v1.json"');
    expect(json.body).toBe(fs.readFileSync(path.join(demoDir, 'departments-2025.json'), 'utf8'));
    const xlsx = await api(officer, 'GET', `/api/framework-versions/${id}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bộ tiêu chí', 'Cài đặt', 'Xếp loại', 'Cơ quan thẩm định']);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([
      undefined,
      'Mã', 'Tên tiêu chí', 'Điểm tối đa', 'Cách chấm', 'Loại quy tắc', 'Tham số quy tắc', 'Tài liệu kiểm chứng', 'Cơ quan thẩm định', 'Nguồn', 'Áp dụng', 'Khóa',
    ]);

    // …and imports back (XLSX) into another year as a draft equal to the original.
    const form = multipart({ programCode: 'par-index', year: '2034', groupLabel: 'Sở, ban, ngành' }, { name: 'bo-tieu-chi.xlsx', content: xlsx.rawPayload, type: 'application/octet-stream' });
    const imported = await t.app.inject({ method: 'POST', url: '/api/frameworks/import', headers: { ...admin.headers, ...form.headers }, payload: form.payload });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ year: 2034, name: doc.name });
    const back = (await api(admin, 'GET', `/api/framework-versions/${imported.json().versions[0].id}`)).json();
    expect(back.document).toEqual(doc);
  });

  it('imports nothing from a file with errors and lists every one with its cell (XLSX) or path (JSON)', async () => {
    const loaded = loadFramework(demo('departments-2025'));
    if (!loaded.ok) throw new Error('demo framework invalid');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await frameworkToXlsx(loaded.framework)) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('Bộ tiêu chí')!;
    sheet.getCell('C3').value = 'ba điểm';
    sheet.getCell('E5').value = 'Có/Không';
    sheet.getCell('F5').value = 'Có: 1\nKhông: abc';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const before = (await api(admin, 'GET', '/api/frameworks?year=2035')).json().items.length;

    const form = multipart({ programCode: 'par-index', year: '2035', groupLabel: 'Sở, ban, ngành', name: 'Lỗi' }, { name: 'loi.xlsx', content: bad, type: 'application/octet-stream' });
    const r = await t.app.inject({ method: 'POST', url: '/api/frameworks/import', headers: { ...admin.headers, ...form.headers }, payload: form.payload });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('IMPORT_INVALID');
    const details = r.json().error.details as { line: number; column: string; message: string }[];
    expect(details.map((d) => `${d.column}${d.line}`)).toEqual(['C3', 'F5']);
    expect(details[0]!.message).toMatch(/^C3: điểm tối đa “ba điểm” không hợp lệ/);
    expect(details[1]!.message).toMatch(/^F5: “Không: abc” — điểm không hợp lệ/);
    expect((await api(admin, 'GET', '/api/frameworks?year=2035')).json().items.length).toBe(before);

    const badJson = { ...demo('departments-2025'), nodes: [{ key: 'x', code: '1', name: 'Thiếu điểm' }] };
    const jf = multipart({ programCode: 'par-index', year: '2035', groupLabel: 'Sở, ban, ngành', name: 'Lỗi' }, { name: 'loi.json', content: Buffer.from(JSON.stringify(badJson)), type: 'application/json' });
    const rj = await t.app.inject({ method: 'POST', url: '/api/frameworks/import', headers: { ...admin.headers, ...jf.headers }, payload: jf.payload });
    expect(rj.statusCode).toBe(422);
    expect(rj.json().error.details).toEqual([expect.objectContaining({ path: '$.nodes[0].maxPoints', code: 'format_decimal' })]);

    // Dry run of a good file: 200, nothing created.
    const good = multipart({ programCode: 'par-index', year: '2035', groupLabel: 'Sở, ban, ngành' }, { name: 'ok.json', content: Buffer.from(JSON.stringify(demo('departments-2025'))), type: 'application/json' });
    const dry = await t.app.inject({ method: 'POST', url: '/api/frameworks/import?dryRun=true', headers: { ...admin.headers, ...good.headers }, payload: good.payload });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().dryRun).toBe(true);
    expect((await api(admin, 'GET', '/api/frameworks?year=2035')).json().items.length).toBe(before);
  });
});
