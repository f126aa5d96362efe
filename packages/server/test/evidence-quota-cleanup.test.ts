// Evidence storage cannot be filled without bound: a per-unit yearly quota (413 before anything is
// stored) and the removal of documents no record refers to after a grace period (chiso evidence
// clean, and the server's daily job), audited, never touching what a record uses.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceCommand } from '../src/cli/evidence';
import { migrationsFolder } from '../src/db/client';
import { auditEvents } from '../src/db/schema/audit';
import { criterionRecords, cycleUnits } from '../src/db/schema/cycles';
import { evidenceDocuments } from '../src/db/schema/evidence';
import { defaultJobTasks } from '../src/services/notifications/jobs';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { loginAs } from './support/login';
import { multipartBody } from './support/multipart';
import { createCycle } from './assessments-fixtures';
import { pngBytes } from './evidence-fixtures';

const KiB = 1024;
/** A PNG of about `size` bytes with content of its own. */
const png = (size: number) => Buffer.concat([pngBytes(), randomBytes(size - pngBytes().length)]);

/** Content files and leftover temporary files in the store. */
function storeFiles(dataDir: string): { content: string[]; temporary: string[] } {
  const list = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name)) : [e.name])) : [];
  return { content: list(path.join(dataDir, 'files', 'sha256')), temporary: list(path.join(dataDir, 'files', 'tmp')) };
}

function uploader(t: TestApp) {
  return (who: Record<string, string>, unitId: string, bytes: Buffer, name = 'tai-lieu.png') => {
    const body = multipartBody({ title: name }, { name, bytes });
    return t.app.inject({ method: 'POST', url: `/api/units/${unitId}/evidence`, payload: body.payload, headers: { ...who, ...body.headers } });
  };
}

describe('per-unit evidence quota (CHISO_EVIDENCE_QUOTA_MB)', () => {
  let t: TestApp;
  let dataDir: string;
  let own: UnitRow;
  let other: UnitRow;
  let officer: Record<string, string>;
  let otherOfficer: Record<string, string>;
  let upload: ReturnType<typeof uploader>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-evidence-quota-'));
    t = await createTestApp({ CHISO_DATA_DIR: dataDir, CHISO_UPLOAD_MAX_MB: '2', CHISO_EVIDENCE_QUOTA_MB: '1' });
    own = await createUnit(t.database.db);
    other = await createUnit(t.database.db);
    const a = await createUser(t.database.db, { unitId: own.id, roles: ['unit_officer'] });
    const b = await createUser(t.database.db, { unitId: other.id, roles: ['unit_officer'] });
    officer = (await loginAs(t.app, a.username, a.password)).headers;
    otherOfficer = (await loginAs(t.app, b.username, b.password)).headers;
    upload = uploader(t);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const documents = async (unitId: string) => (await t.app.inject({ method: 'GET', url: `/api/units/${unitId}/evidence`, headers: unitId === own.id ? officer : otherOfficer })).json().items as unknown[];

  it('refuses with 413 the file that would go past the unit’s quota, storing nothing of it', async () => {
    expect((await upload(officer, own.id, png(700 * KiB))).statusCode).toBe(201);
    const refused = await upload(officer, own.id, png(400 * KiB));
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.json().error.message).toMatch(/hạn mức là 1 MB mỗi năm.*chưa lưu gì/);
    expect(await documents(own.id)).toHaveLength(1);
    expect(storeFiles(dataDir)).toEqual({ content: [expect.any(String)], temporary: [] });
  });

  it('takes files up to the quota exactly, then refuses before reading', async () => {
    expect((await upload(officer, own.id, png(200 * KiB))).statusCode).toBe(201);
    expect((await upload(officer, own.id, png(124 * KiB))).statusCode).toBe(201); // 1 024 KiB: the quota, not past it
    const refused = await upload(officer, own.id, pngBytes());
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error.message).toContain('Đơn vị đã tải lên 1 MB');
    expect(await documents(own.id)).toHaveLength(3);
  });

  it('counts each unit on its own', async () => {
    expect((await upload(otherOfficer, other.id, png(700 * KiB))).statusCode).toBe(201);
  });
});

describe('documents no record refers to are removed after the grace period (CHISO_EVIDENCE_UNUSED_DAYS)', () => {
  let t: TestApp;
  let dataDir: string;
  let own: UnitRow;
  let officer: Record<string, string>;
  let cycleId: string;
  const ids: Record<'attached' | 'unused' | 'sameBytes' | 'submitted' | 'referredElsewhere', string> = { attached: '', unused: '', sameBytes: '', submitted: '', referredElsewhere: '' };
  const attachedBytes = png(2 * KiB);
  const printed: string[] = [];

  const clean = (daysFromNow: number, args: string[] = ['clean']) =>
    evidenceCommand(args, t.config, {
      open: async () => ({ handle: t.database, lock: null, close: async () => {} }) as never,
      print: (text) => void printed.push(text),
      now: new Date(Date.now() + daysFromNow * 86_400_000),
    });
  const status = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/evidence/${id}`, headers: officer })).statusCode;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-evidence-clean-'));
    t = await createTestApp({ CHISO_DATA_DIR: dataDir });
    const db = t.database.db;
    own = await createUnit(db);
    const agency = await createUnit(db);
    ({ cycleId } = await createCycle(db, { unitIds: [own.id], agencies: { SNV: agency.id, STP: agency.id } }));
    const user = await createUser(db, { unitId: own.id, roles: ['unit_officer'] });
    officer = (await loginAs(t.app, user.username, user.password)).headers;
    const upload = uploader(t);
    const id = async (bytes: Buffer) => (await upload(officer, own.id, bytes)).json().id as string;
    ids.attached = await id(attachedBytes);
    ids.unused = await id(png(3 * KiB));
    ids.sameBytes = await id(attachedBytes); // another document over the attached one's content
    ids.submitted = await id(png(4 * KiB));
    ids.referredElsewhere = await id(png(6 * KiB));
    // A record of some other kind (a table the cleanup does not know) that refers to a document.
    await db.execute(sql`CREATE TABLE test_other_references (evidence_document_id uuid NOT NULL REFERENCES evidence_documents(id))`);
    await db.execute(sql`INSERT INTO test_other_references VALUES (${ids.referredElsewhere})`);
    for (const [nodeKey, evidenceIds] of [['ke-hoach', [ids.attached]], ['kiem-tra', [ids.submitted]]] as const) {
      const saved = await t.app.inject({
        method: 'PUT',
        url: `/api/cycles/${cycleId}/units/${own.id}/criteria/${nodeKey}`,
        headers: officer,
        payload: { version: 1, input: nodeKey === 'ke-hoach' ? { kind: 'choice', option: 'kip-thoi' } : { kind: 'yes_no', value: true }, evidenceIds },
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    // The unit has submitted: its records (and their evidence) are frozen.
    await db.update(cycleUnits).set({ state: 'submitted' }).where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.unitId, own.id)));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps everything within the grace period', async () => {
    expect(await clean(29)).toMatchObject({ documentsRemoved: 0 });
    expect(storeFiles(dataDir).content).toHaveLength(4);
  });

  it('after it, removes the documents no record uses, with an audit event each, and content nobody uses', async () => {
    expect(await clean(31)).toEqual({ documentsRemoved: 2, contentFilesRemoved: 1, temporaryFilesRemoved: 0 });
    expect(await status(ids.unused)).toBe(404);
    expect(await status(ids.sameBytes)).toBe(404);
    // What a record refers to stays, its content too (shared with a removed document or not).
    expect(await status(ids.attached)).toBe(200);
    expect(await status(ids.submitted)).toBe(200);
    expect(await status(ids.referredElsewhere)).toBe(200); // its delete failed on the foreign key: kept
    expect((await t.app.inject({ method: 'GET', url: `/api/evidence/${ids.attached}/content`, headers: officer })).rawPayload).toEqual(attachedBytes);
    expect(storeFiles(dataDir).content).toHaveLength(3);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'evidence_document'), eq(auditEvents.action, 'delete')));
    expect(events.map((e) => e.entityId).sort()).toEqual([ids.unused, ids.sameBytes].sort());
    expect(events[0]).toMatchObject({ actorUsername: 'system', reason: expect.stringContaining('30 ngày') });
    expect(printed.at(-1)).toContain('Đã xóa 2 tài liệu kiểm chứng');
  });

  it('is also one of the server’s daily jobs, with the configured grace period', async () => {
    const fresh = (await uploader(t)(officer, own.id, png(5 * KiB))).json().id as string;
    await t.database.db.update(evidenceDocuments).set({ uploadedAt: sql`now() - interval '40 days'`, unusedSince: sql`now() - interval '40 days'` }).where(eq(evidenceDocuments.id, fresh));
    await t.database.db.update(evidenceDocuments).set({ uploadedAt: sql`now() - interval '40 days'` }).where(eq(evidenceDocuments.id, ids.attached));
    const task = defaultJobTasks(t.database.db, t.config).evidenceCleanup;
    expect(task).toBeDefined();
    await task!();
    expect(await status(fresh)).toBe(404);
    expect(await status(ids.attached)).toBe(200);
    expect(defaultJobTasks(t.database.db, { ...t.config, evidenceUnusedDays: 0 }).evidenceCleanup).toBeUndefined();
  });

  it('counts the grace period from when the last link went, not from the upload', async () => {
    const db = t.database.db;
    await db.update(cycleUnits).set({ state: 'draft' }).where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.unitId, own.id)));
    const upload = uploader(t);
    const [today, monthAgo] = [(await upload(officer, own.id, png(7 * KiB))).json().id as string, (await upload(officer, own.id, png(8 * KiB))).json().id as string];
    const url = `/api/cycles/${cycleId}/units/${own.id}/criteria/ke-hoach`;
    const version = async () =>
      (await db.select().from(criterionRecords).where(and(eq(criterionRecords.cycleId, cycleId), eq(criterionRecords.unitId, own.id), eq(criterionRecords.nodeKey, 'ke-hoach'))))[0]!.version;
    const save = async (evidenceIds: string[]) => {
      const saved = await t.app.inject({ method: 'PUT', url, headers: officer, payload: { version: await version(), input: { kind: 'choice', option: 'kip-thoi' }, evidenceIds } });
      expect(saved.statusCode, saved.body).toBe(200);
    };
    await save([ids.attached, today, monthAgo]);
    expect((await db.select().from(evidenceDocuments).where(eq(evidenceDocuments.id, today)))[0]!.unusedSince).toBeNull();
    // Both uploaded 40 days ago; both detached by this save, one's detachment moved 31 days back.
    await db.update(evidenceDocuments).set({ uploadedAt: sql`now() - interval '40 days'` }).where(inArray(evidenceDocuments.id, [today, monthAgo]));
    await save([ids.attached]);
    await db.update(evidenceDocuments).set({ unusedSince: sql`now() - interval '31 days'` }).where(eq(evidenceDocuments.id, monthAgo));
    await defaultJobTasks(db, t.config).evidenceCleanup!();
    expect(await status(today)).toBe(200);
    expect(await status(monthAgo)).toBe(404);
  });

  it('starts the clock of existing documents at their upload when nothing refers to them, not at all when something does (migration 0011)', async () => {
    const db = t.database.db;
    const loose = (await uploader(t)(officer, own.id, png(9 * KiB))).json().id as string;
    // As the added column leaves every existing row: its default.
    await db.update(evidenceDocuments).set({ uploadedAt: sql`now() - interval '50 days'` }).where(eq(evidenceDocuments.id, loose));
    await db.update(evidenceDocuments).set({ unusedSince: sql`now()` });
    const migration = fs.readFileSync(path.join(migrationsFolder, '0011_evidence_unused_since.sql'), 'utf8').split('--> statement-breakpoint');
    await db.execute(sql.raw(migration.find((statement) => statement.includes('-- Existing documents'))!));
    const row = async (id: string) => (await db.select().from(evidenceDocuments).where(eq(evidenceDocuments.id, id)))[0]!;
    expect((await row(ids.attached)).unusedSince).toBeNull();
    expect((await row(loose)).unusedSince).toEqual((await row(loose)).uploadedAt);
  });
});
