import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { listAuditEvents } from '../src/db/repositories/audit-repository';
import { evidenceDocuments, evidenceFiles } from '../src/db/schema/evidence';
import { evidenceFileOptions, storeEvidenceFromPart } from '../src/http/evidence/upload';
import { installErrorHandler } from '../src/http/error-handler';
import { PROVINCE_SCOPE, roleScopeOf, type Actor, type Role } from '../src/services/actor';
import { AppError } from '../src/services/errors';
import { createEvidenceService, type EvidenceService } from '../src/services/evidence';
import { collectionGraceMs, createFolderEvidenceStore, type EvidenceStore } from '../src/storage/evidence-store';
import { createTestDatabase } from './support/database';
import { createUnit, createUser, type UnitRow } from './support/factories';
import { chunked, countingSource, docxBytes, exeBytes, jpegBytes, pdfBytes, pngBytes, xlsxBytes } from './evidence-fixtures';

const MiB = 1024 * 1024;

async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('evidence service', () => {
  let database: DatabaseHandle;
  let dataDir: string;
  let store: EvidenceStore;
  let evidence: EvidenceService;
  const warnings: { context: object; message: string }[] = [];
  let unitA: UnitRow;
  let unitB: UnitRow;
  let officerA: Actor;
  let headB: Actor;
  let admin: Actor;
  let viewerA: Actor;

  async function listContent(): Promise<string[]> {
    const all: string[] = [];
    for await (const sha256 of store.listEvidence()) all.push(sha256);
    return all;
  }
  const tmpFiles = () => {
    const tmp = path.join(dataDir, 'files', 'tmp');
    return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
  };

  async function actorFor(unit: UnitRow, roles: Role[]): Promise<Actor> {
    const user = await createUser(database.db, { roles, unitId: unit.id });
    return { userId: user.id, username: user.username, unitId: unit.id, roles, scope: PROVINCE_SCOPE, ip: '10.0.0.7' };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-evidence-svc-'));
    store = createFolderEvidenceStore({ dataDir, maxBytes: 1 * MiB });
    evidence = createEvidenceService({ db: database.db, store, log: { warn: (context, message) => warnings.push({ context, message }) } });
    unitA = await createUnit(database.db);
    unitB = await createUnit(database.db);
    officerA = await actorFor(unitA, ['unit_officer']);
    headB = await actorFor(unitB, ['unit_head']);
    admin = await actorFor(unitA, ['admin']);
    viewerA = await actorFor(unitA, ['leader_viewer']);
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores an upload: content on disk, file and document rows, audit event in the same transaction', async () => {
    const bytes = pdfBytes();
    const document = await evidence.storeEvidence(
      {
        stream: chunked(bytes),
        fileName: 'C:\\Users\\van thu\\Quyết định 125.pdf',
        declaredMime: 'application/octet-stream',
        ownerUnitId: unitA.id,
        metadata: { documentNumber: ' 125/QĐ-UBND ', documentDate: '2025-03-15', issuer: 'UBND tỉnh Lạng Sơn', title: 'Kế hoạch CCHC năm 2025', },
      },
      officerA,
    );
    expect(document).toMatchObject({
      ownerUnitId: unitA.id,
      fileName: 'Quyết định 125.pdf',
      documentNumber: '125/QĐ-UBND',
      documentDate: '2025-03-15',
      issuer: 'UBND tỉnh Lạng Sơn',
      title: 'Kế hoạch CCHC năm 2025',
      size: bytes.length,
      mimeType: 'application/pdf',
      uploadedBy: officerA.userId,
      version: 1,
      mayEdit: true,
    });
    expect(await store.hasEvidence(document.sha256)).toBe(true);
    const audit = await listAuditEvents(database.db, { entityType: 'evidence_document', entityId: document.id, offset: 0, limit: 10 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: 'create',
      actorUsername: officerA.username,
      after: { ownerUnitId: unitA.id, sha256: document.sha256, mimeType: 'application/pdf', declaredMime: 'application/octet-stream', documentNumber: '125/QĐ-UBND' },
    });
    const { stream, document: again } = await evidence.openEvidenceContent(document.id, officerA);
    expect(again.id).toBe(document.id);
    expect((await buffer(stream)).equals(bytes)).toBe(true);
  });

  it('deduplicates: the same bytes twice make one file and two documents, each private to its unit', async () => {
    const bytes = await xlsxBytes();
    const first = await evidence.storeEvidence({ stream: chunked(bytes, 1000), fileName: 'bang-diem.xlsx', ownerUnitId: unitA.id }, officerA);
    const second = await evidence.storeEvidence({ stream: chunked(bytes, 333), fileName: 'so-lieu-2025.xlsx', ownerUnitId: unitB.id }, headB);
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    const files = await database.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, first.sha256));
    expect(files).toHaveLength(1);
    const documents = await database.db.select().from(evidenceDocuments).where(eq(evidenceDocuments.fileId, files[0]!.id));
    expect(documents.map((row) => row.originalName).sort()).toEqual(['bang-diem.xlsx', 'so-lieu-2025.xlsx']);
    expect((await listContent()).filter((sha256) => sha256 === first.sha256)).toHaveLength(1);

    expect((await evidence.listUnitEvidence(unitB.id, headB)).map((doc) => doc.id)).toEqual([second.id]);
    expect((await evidence.listUnitEvidence(unitA.id, officerA)).map((doc) => doc.id)).toContain(first.id);
    expect((await caught(evidence.getEvidenceDocument(first.id, headB))).code).toBe('FORBIDDEN');
    expect((await caught(evidence.openEvidenceContent(first.id, headB))).code).toBe('FORBIDDEN');
    expect((await caught(evidence.listUnitEvidence(unitA.id, headB))).code).toBe('FORBIDDEN');
    expect((await caught(evidence.getEvidenceDocument(randomUUID(), officerA))).code).toBe('NOT_FOUND');
    expect((await evidence.getEvidenceDocument(second.id, admin)).mayEdit).toBe(true);
  });

  it('refuses content that disagrees with the name, with the Vietnamese reason, leaving nothing behind', async () => {
    const before = await database.db.select().from(evidenceDocuments);
    const mismatch = await caught(evidence.storeEvidence({ stream: chunked(pdfBytes()), fileName: 'bao-cao.docx', ownerUnitId: unitA.id }, officerA));
    expect(mismatch.code).toBe('VALIDATION_FAILED');
    expect(mismatch.status).toBe(400);
    expect(mismatch.message).toBe(
      'Tệp «bao-cao.docx» có đuôi .docx nhưng nội dung là PDF. Hãy chọn đúng tệp, hoặc lưu lại tệp đúng định dạng rồi tải lên.',
    );
    expect(mismatch.details).toEqual([{ path: 'file', message: mismatch.message }]);
    const renamed = await caught(evidence.storeEvidence({ stream: chunked(exeBytes()), fileName: 'anh.png', ownerUnitId: unitA.id }, officerA));
    expect(renamed.message).toContain('chương trình chạy được (EXE/DLL)');
    expect(await database.db.select().from(evidenceDocuments)).toHaveLength(before.length);
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses an oversized upload early with 413, reading little more than the limit', async () => {
    const { stream, counter } = countingSource(pdfBytes(), 50 * MiB);
    const error = await caught(evidence.storeEvidence({ stream, fileName: 'lon.pdf', ownerUnitId: unitA.id }, officerA));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.status).toBe(413);
    expect(error.message).toContain('tối đa 1 MB');
    expect(counter.pulled).toBeLessThanOrEqual(1 * MiB + 4 * 64 * 1024);
    expect(tmpFiles()).toEqual([]);
  });

  it('checks access, the owner unit and metadata before reading a byte', async () => {
    const attempts: [Actor, string, object, string][] = [
      [headB, unitA.id, {}, 'FORBIDDEN'],
      [viewerA, unitA.id, {}, 'FORBIDDEN'],
      [admin, randomUUID(), {}, 'NOT_FOUND'],
      [officerA, 'not-a-uuid', {}, 'VALIDATION_FAILED'],
      [officerA, unitA.id, { documentDate: '2025-02-30' }, 'VALIDATION_FAILED'],
      [officerA, unitA.id, { documentNumber: 'x'.repeat(101) }, 'VALIDATION_FAILED'],
    ];
    for (const [actor, ownerUnitId, metadata, code] of attempts) {
      const { stream, counter } = countingSource(pdfBytes(), 10_000);
      const error = await caught(evidence.storeEvidence({ stream, fileName: 'a.pdf', ownerUnitId, metadata }, actor));
      expect(error.code).toBe(code);
      expect(counter.pulled).toBe(0);
    }
    const dateError = await caught(
      evidence.storeEvidence({ stream: chunked(pdfBytes()), fileName: 'a.pdf', ownerUnitId: unitA.id, metadata: { documentDate: '15/03/2025' } }, officerA),
    );
    expect(dateError.details).toEqual([{ path: 'documentDate', message: 'Ngày ban hành không hợp lệ (dạng năm-tháng-ngày, ví dụ 2025-03-15).' }]);
  });

  it('edits metadata with optimistic versioning and audits before/after', async () => {
    const created = await evidence.storeEvidence(
      { stream: chunked(pngBytes()), fileName: 'so-do.png', ownerUnitId: unitA.id, metadata: { title: 'Sơ đồ quy trình' } },
      officerA,
    );
    const updated = await evidence.updateEvidenceMetadata(created.id, 1, { documentNumber: '12/TB-SNV', issuer: 'Sở Nội vụ', title: '' }, officerA);
    expect(updated).toMatchObject({ version: 2, documentNumber: '12/TB-SNV', issuer: 'Sở Nội vụ', title: null, documentDate: null });
    const stale = await caught(evidence.updateEvidenceMetadata(created.id, 1, { title: 'Cũ' }, officerA));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details?.[0]?.current).toMatchObject({ id: created.id, version: 2, documentNumber: '12/TB-SNV' });
    expect((await caught(evidence.updateEvidenceMetadata(created.id, 2, { title: 'X' }, headB))).code).toBe('FORBIDDEN');
    const audit = await listAuditEvents(database.db, { entityType: 'evidence_document', entityId: created.id, action: 'update', offset: 0, limit: 10 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      before: { documentNumber: null, issuer: null, title: 'Sơ đồ quy trình' },
      after: { documentNumber: '12/TB-SNV', issuer: 'Sở Nội vụ', title: null },
    });
  });

  it('an organisation’s administrator manages the evidence of the units below its own, not of its own unit', async () => {
    const sub = await createUnit(database.db, { parentId: unitA.id });
    const user = await createUser(database.db, { roles: ['admin'], unitId: unitA.id, scopeUnitId: unitA.id });
    const scopedAdmin: Actor = { userId: user.id, username: user.username, unitId: unitA.id, roles: ['admin'], scope: roleScopeOf({ unitId: unitA.id, unitIds: [unitA.id, sub.id] }), ip: null };
    const ofSub = await evidence.storeEvidence({ stream: chunked(pdfBytes()), fileName: 'qd.pdf', ownerUnitId: sub.id, metadata: {} }, scopedAdmin);
    expect(ofSub.mayEdit).toBe(true);
    const refusedUpload = await caught(evidence.storeEvidence({ stream: chunked(pdfBytes()), fileName: 'qd.pdf', ownerUnitId: unitA.id, metadata: {} }, scopedAdmin));
    expect(refusedUpload.code).toBe('FORBIDDEN');
    expect(refusedUpload.message).toContain('đơn vị trực thuộc');
    // Its own unit's documents it reads, but does not describe.
    const ofOwn = await evidence.storeEvidence({ stream: chunked(pngBytes()), fileName: 'so-do.png', ownerUnitId: unitA.id, metadata: {} }, officerA);
    expect((await evidence.getEvidenceDocument(ofOwn.id, scopedAdmin)).mayEdit).toBe(false);
    const refusedEdit = await caught(evidence.updateEvidenceMetadata(ofOwn.id, 1, { title: 'Sửa' }, scopedAdmin));
    expect(refusedEdit.code).toBe('FORBIDDEN');
    expect(refusedEdit.message).toContain('đơn vị trực thuộc');
    expect((await caught(evidence.updateEvidenceMetadata(ofOwn.id, 1, { title: 'Sửa' }, headB))).message).toContain('chỉ đơn vị sở hữu');
  });

  it('leaves an orphan content file when the database write fails, and collectOrphanFiles removes it', async () => {
    const kept = await evidence.storeEvidence({ stream: chunked(docxBytes()), fileName: 'bao-cao.docx', ownerUnitId: unitA.id }, officerA);
    // An actor whose user row does not exist: the document's uploaded_by reference fails in the transaction.
    const ghost: Actor = { ...officerA, userId: randomUUID(), username: 'ghost' };
    const bytes = jpegBytes();
    await expect(evidence.storeEvidence({ stream: chunked(bytes), fileName: 'anh.jpg', ownerUnitId: unitA.id }, ghost)).rejects.toThrow();
    const orphanSha = createHash('sha256').update(bytes).digest('hex');
    expect(warnings.at(-1)).toMatchObject({ context: { sha256: orphanSha }, message: expect.stringContaining('collectOrphanFiles') });
    expect(await store.hasEvidence(orphanSha)).toBe(true);
    expect(await database.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, orphanSha))).toEqual([]);
    expect(await listAuditEvents(database.db, { actorUsername: 'ghost', offset: 0, limit: 5 })).toMatchObject({ total: 0 });

    const contentBefore = await listContent();
    // The orphan is fresh: only a collection past the grace period (another process could be about to commit its row) removes it.
    expect((await evidence.collectOrphanFiles()).removed).toEqual([]);
    const result = await evidence.collectOrphanFiles(new Date(Date.now() + collectionGraceMs + 1000));
    expect(result.removed).toEqual([orphanSha]);
    expect(await listContent()).toEqual(contentBefore.filter((sha256) => sha256 !== orphanSha));
    expect(await store.hasEvidence(kept.sha256)).toBe(true);
    // Every remaining content file has its row.
    const rows = await database.db.select({ sha256: evidenceFiles.sha256 }).from(evidenceFiles);
    expect(new Set(rows.map((row) => row.sha256))).toEqual(new Set(await listContent()));
  });
});

// ------------------------------------------------------------------ the multipart helper, through fastify

function multipartBody(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer } | null) {
  const boundary = `----chiso${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`, 'utf8'),
      file.bytes,
      Buffer.from('\r\n', 'utf8'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('evidence upload through @fastify/multipart', () => {
  let database: DatabaseHandle;
  let dataDir: string;
  let app: FastifyInstance;
  let unit: UnitRow;
  let actor: Actor;
  const maxBytes = 64 * 1024;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-evidence-http-'));
    const evidence = createEvidenceService({ db: database.db, store: createFolderEvidenceStore({ dataDir, maxBytes }) });
    unit = await createUnit(database.db);
    const user = await createUser(database.db, { roles: ['unit_officer'], unitId: unit.id });
    actor = { userId: user.id, username: user.username, unitId: unit.id, roles: ['unit_officer'], scope: PROVINCE_SCOPE, ip: null };
    app = Fastify({ logger: false });
    installErrorHandler(app);
    // As app.ts registers it (a 20 MB default); the route narrows it to the configured limit.
    await app.register(multipart, { limits: { fileSize: 20 * MiB, files: 1 } });
    app.post<{ Params: { unitId: string } }>('/units/:unitId/evidence', async (request, reply) =>
      reply.status(201).send(await storeEvidenceFromPart(evidence, await request.file(evidenceFileOptions(maxBytes)), request.params.unitId, actor)),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the file part with the metadata fields sent before it', async () => {
    const bytes = docxBytes();
    const body = multipartBody(
      { documentNumber: '45/KH-UBND', documentDate: '2025-01-20', issuer: 'UBND huyện', title: 'Kế hoạch tuyên truyền' },
      { name: 'Kế hoạch 45.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes },
    );
    const response = await app.inject({ method: 'POST', url: `/units/${unit.id}/evidence`, ...body });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      fileName: 'Kế hoạch 45.docx',
      documentNumber: '45/KH-UBND',
      documentDate: '2025-01-20',
      issuer: 'UBND huyện',
      title: 'Kế hoạch tuyên truyền',
      size: bytes.length,
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ownerUnitId: unit.id,
    });
  });

  it('answers 400 with the reason for a mismatch, 413 for an oversized file, 400 without a file', async () => {
    const mismatch = await app.inject({
      method: 'POST',
      url: `/units/${unit.id}/evidence`,
      ...multipartBody({}, { name: 'anh.jpg', type: 'image/jpeg', bytes: pngBytes() }),
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('có đuôi .jpg nhưng nội dung là ảnh PNG') } });

    const big = Buffer.concat([pdfBytes(), Buffer.alloc(maxBytes, 0x20)]);
    const oversized = await app.inject({ method: 'POST', url: `/units/${unit.id}/evidence`, ...multipartBody({}, { name: 'lon.pdf', type: 'application/pdf', bytes: big }) });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('tối đa') } });

    const empty = await app.inject({ method: 'POST', url: `/units/${unit.id}/evidence`, ...multipartBody({ title: 'x' }, null) });
    expect(empty.statusCode).toBe(400);

    const tmp = path.join(dataDir, 'files', 'tmp');
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
    const documents = await database.db.select().from(evidenceDocuments);
    expect(documents).toHaveLength(1);
  });
});
