import type { Readable } from 'node:stream';
import type { Database, Executor } from '../db/client';
import { appraisesUnitInOpenCycle, evidenceUsesForAgency, frozenUseOfEvidence } from '../db/repositories/assessment-repository';
import {
  evidenceOwnerExists,
  findEvidenceDocument,
  findReferencedSha256,
  deleteUnusedEvidenceDocument,
  findUnusedEvidenceDocuments,
  markUnreferencedEvidenceUnused,
  insertEvidenceDocument,
  lockUnitEvidence,
  unitEvidenceBytesSince,
  listEvidenceDocumentsOfUnit,
  updateEvidenceMetadata as writeEvidenceMetadata,
  upsertEvidenceFile,
  type EvidenceDocumentWithFile,
  type EvidenceMetadataPatch,
} from '../db/repositories/evidence-repository';
import type { Config } from '../config/env';
import { openEvidenceStore, EvidenceMissingError, type EvidenceStoreSettings, type CollectResult, type EvidenceStore, type StoredEvidence, type WriteLimit } from '../storage/evidence-store';
import { EvidenceRejectedError } from '../storage/evidence-types';
import { appraiserSeesUse, assertMayEditEvidence, assertMayUploadEvidence, evidenceAbilities, evidenceReach, privateToUnit } from './policies/evidence';
import { localDate } from '../auth/clock';
import { systemActor, type Actor } from './actor';
import { recordAudit } from './audit';
import { agenciesOfUnit, leafAgencyFor, loadCycleContext } from './cycles/context';
import { AppError, notFound, ruleViolation, staleVersion, type ErrorDetail } from './errors';

/**
 * Evidence documents (tài liệu kiểm chứng) of a unit: upload (streamed into the content store,
 * deduplicated by SHA-256), metadata (số văn bản, ngày, cơ quan ban hành, trích yếu), reading, and
 * garbage collection of content no row references.
 */

/** Anything with pino's `warn(context, message)`; fastify's logger fits. */
export interface EvidenceLogger {
  warn(context: object, message: string): void;
}

export interface EvidenceDeps {
  db: Database;
  store: EvidenceStore;
  log?: EvidenceLogger;
  /** Bytes of distinct content a unit may upload per calendar year (CHISO_EVIDENCE_QUOTA_MB); none: no quota. */
  quotaBytes?: number;
}

export interface UnusedEvidenceResult {
  /** Documents removed (each audited). */
  documentsRemoved: number;
  /** Content files removed from the store (no document used them any more). */
  contentFilesRemoved: number;
  temporaryFilesRemoved: number;
}

export interface EvidenceMetadata {
  documentNumber?: string | null;
  /** `YYYY-MM-DD`. */
  documentDate?: string | null;
  issuer?: string | null;
  title?: string | null;
}

export interface StoreEvidenceInput {
  stream: Readable | AsyncIterable<Uint8Array>;
  /** The name the user's computer gave; its extension must agree with the content. */
  fileName: string;
  /** What the browser claimed; kept in the audit trail only, never trusted. */
  declaredMime?: string | null;
  ownerUnitId: string;
  metadata?: EvidenceMetadata;
}

/** What the API sends about a document. */
export interface EvidenceDocumentView {
  id: string;
  ownerUnitId: string;
  fileName: string;
  documentNumber: string | null;
  documentDate: string | null;
  issuer: string | null;
  title: string | null;
  sha256: string;
  size: number;
  mimeType: string;
  uploadedBy: string | null;
  uploadedAt: string;
  version: number;
  mayEdit: boolean;
}

// ---------------------------------------------------------------- access (rules: policies/evidence.ts)

/** `evidenceReach` of the policy, with the appraiser's open-cycle check asked of the database. */
async function unitEvidenceReach(db: Executor, actor: Actor, unitId: string): Promise<'all' | 'none' | { appraisedBy: string }> {
  const reach = evidenceReach(actor, unitId);
  if (reach === 'all' || reach === 'none') return reach;
  return (await appraisesUnitInOpenCycle(db, reach.appraisedBy, unitId)) ? reach : 'none';
}

/** Of the unit's documents (all when `documentIds` is omitted), those backing a criterion the appraiser's agency appraises. */
async function documentsAppraisedBy(db: Executor, agencyUnitId: string, ownerUnitId: string, documentIds?: readonly string[]): Promise<Set<string>> {
  const uses = await evidenceUsesForAgency(db, ownerUnitId, agencyUnitId, documentIds);
  const visible = new Set<string>();
  for (const cycleId of new Set(uses.map((use) => use.cycleId))) {
    const ctx = await loadCycleContext(db, cycleId);
    const mine = new Set(agenciesOfUnit(ctx, agencyUnitId));
    for (const use of uses) {
      if (use.cycleId !== cycleId || visible.has(use.documentId) || !ctx.units.has(use.unitId)) continue;
      if (appraiserSeesUse(mine, { unitState: ctx.units.get(use.unitId)!.state, agency: leafAgencyFor(ctx, use.unitId, use.nodeKey) })) visible.add(use.documentId);
    }
  }
  return visible;
}

// ---------------------------------------------------------------- validation

const invalid = (details: ErrorDetail[]) => new AppError('VALIDATION_FAILED', details.map((detail) => detail.message).join(' '), details);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const limits = { documentNumber: 100, issuer: 300, title: 1000 } as const;
const labels = { documentNumber: 'Số văn bản', issuer: 'Cơ quan ban hành', title: 'Trích yếu' } as const;

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= '1945-01-01';
}

/** Trims; empty strings become null; only the keys given are returned (a patch). */
function cleanMetadata(metadata: EvidenceMetadata): EvidenceMetadataPatch {
  const details: ErrorDetail[] = [];
  const patch: EvidenceMetadataPatch = {};
  for (const key of ['documentNumber', 'issuer', 'title'] as const) {
    const raw = metadata[key];
    if (raw === undefined) continue;
    const value = raw === null ? null : raw.normalize('NFC').replace(/\s+/g, ' ').trim() || null;
    if (value !== null && value.length > limits[key]) details.push({ path: key, message: `${labels[key]} dài quá ${limits[key]} ký tự.` });
    patch[key] = value;
  }
  if (metadata.documentDate !== undefined) {
    const value = metadata.documentDate?.trim() || null;
    if (value !== null && !isRealDate(value)) details.push({ path: 'documentDate', message: 'Ngày ban hành không hợp lệ (dạng năm-tháng-ngày, ví dụ 2025-03-15).' });
    patch.documentDate = value;
  }
  if (details.length) throw invalid(details);
  return patch;
}

/**
 * The name to keep: without any folder part (some browsers send a full path), control characters
 * or surrounding spaces, at most 255 characters with the extension kept.
 */
export function cleanFileName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (fileName.split(/[\\/]/).pop() ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!base || base === '.' || base === '..') throw invalid([{ path: 'file', message: 'Tệp tải lên không có tên.' }]);
  if (base.length <= 255) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 255 - extension.length) + extension;
}

const MiB = 1024 * 1024;
const sizeText = (bytes: number) =>
  bytes >= 1024 * MiB
    ? `${(bytes / (1024 * MiB)).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} GB`
    : `${(bytes / MiB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** The start of the calendar year (Vietnam time) that the quota counts. */
function quotaYear(now: Date): { year: string; since: Date } {
  const year = localDate(now).slice(0, 4);
  return { year, since: new Date(`${year}-01-01T00:00:00+07:00`) };
}

function quotaExceeded(quota: number, used: number, year: string): AppError {
  const message =
    `Đơn vị đã tải lên ${sizeText(used)} tài liệu kiểm chứng trong năm ${year}; hạn mức là ${sizeText(quota)} mỗi năm, ` +
    'nên tệp này không được nhận (chưa lưu gì). Hãy nén tệp hoặc dùng lại tài liệu đã tải lên; cần thêm dung lượng thì báo quản trị viên.';
  return new AppError('PAYLOAD_TOO_LARGE', message, [{ path: 'file', message }]);
}

/** A foreign key refused the delete: some record still refers to the row. */
function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
}

function rejection(error: EvidenceRejectedError): AppError {
  const code = error.reason === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED';
  return new AppError(code, error.message, [{ path: 'file', message: error.message }]);
}

/** What the API sends about a document the actor may read (other services' answers too). */
export function toView(actor: Actor, row: EvidenceDocumentWithFile): EvidenceDocumentView {
  return {
    id: row.id,
    ownerUnitId: row.ownerUnitId,
    fileName: row.originalName,
    documentNumber: row.documentNumber,
    documentDate: row.documentDate,
    issuer: row.issuer,
    title: row.title,
    sha256: row.sha256,
    size: row.size,
    mimeType: row.mimeType,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt.toISOString(),
    version: row.version,
    mayEdit: evidenceAbilities(actor, row.ownerUnitId).edit,
  };
}

const metadataOf = (row: Pick<EvidenceDocumentWithFile, 'documentNumber' | 'documentDate' | 'issuer' | 'title'>) => ({
  documentNumber: row.documentNumber,
  documentDate: row.documentDate,
  issuer: row.issuer,
  title: row.title,
});

// ---------------------------------------------------------------- the service

export function createEvidenceService(deps: EvidenceDeps) {
  const { db, store } = deps;

  /**
   * Streams the upload into the store (content checked, size limited), then in one transaction
   * upserts the file row, inserts the document and its audit event. Access and metadata are checked
   * before a byte is read; the caller owns the stream when this throws before reading it.
   */
  async function storeEvidence(input: StoreEvidenceInput, actor: Actor): Promise<EvidenceDocumentView> {
    if (!uuidPattern.test(input.ownerUnitId)) throw invalid([{ path: 'ownerUnitId', message: 'Mã đơn vị không hợp lệ.' }]);
    assertMayUploadEvidence(actor, input.ownerUnitId);
    const fileName = cleanFileName(input.fileName);
    const metadata = cleanMetadata(input.metadata ?? {});
    if (!(await evidenceOwnerExists(db, input.ownerUnitId))) throw notFound('đơn vị');

    // The unit's quota: refused before a byte is stored when used up, and the upload is cut as soon as
    // it crosses what is left; checked again under a per-unit lock when the row is written.
    const quota = deps.quotaBytes;
    const { year, since } = quotaYear(new Date());
    let limit: WriteLimit | undefined;
    if (quota !== undefined) {
      const used = await unitEvidenceBytesSince(db, input.ownerUnitId, since);
      if (used >= quota) throw quotaExceeded(quota, used, year);
      limit = { maxBytes: quota - used, refuse: () => quotaExceeded(quota, used, year) };
    }

    let stored: StoredEvidence;
    try {
      stored = await store.writeEvidence(input.stream, fileName, limit);
    } catch (error) {
      if (error instanceof EvidenceRejectedError) throw rejection(error);
      throw error;
    }
    try {
      const id = await db.transaction(async (tx) => {
        if (quota !== undefined) await lockUnitEvidence(tx, input.ownerUnitId);
        const file = await upsertEvidenceFile(tx, { sha256: stored.sha256, size: stored.size, mimeType: stored.mimeType });
        const document = await insertEvidenceDocument(tx, {
          fileId: file.id,
          ownerUnitId: input.ownerUnitId,
          originalName: fileName,
          ...metadata,
          uploadedBy: actor.userId || null,
        });
        await recordAudit(tx, actor, {
          entityType: 'evidence_document',
          entityId: document.id,
          action: 'create',
          after: {
            ownerUnitId: document.ownerUnitId,
            fileName,
            sha256: file.sha256,
            size: file.size,
            mimeType: file.mimeType,
            declaredMime: input.declaredMime ?? null,
            ...metadataOf(document),
          },
        });
        if (quota !== undefined) {
          const used = await unitEvidenceBytesSince(tx, input.ownerUnitId, since);
          if (used > quota) throw quotaExceeded(quota, used - stored.size, year);
        }
        return document.id;
      });
      const row = await findEvidenceDocument(db, id);
      return toView(actor, row!);
    } catch (error) {
      // The content stays on disk without a row: harmless (the next upload of the same bytes reuses
      // it) and removed by collectOrphanFiles().
      if (!stored.deduplicated) deps.log?.warn({ sha256: stored.sha256, err: error }, 'evidence content stored but its row was not written; left for collectOrphanFiles');
      throw error;
    } finally {
      stored.release();
    }
  }

  async function readable(id: string, actor: Actor): Promise<EvidenceDocumentWithFile> {
    const row = uuidPattern.test(id) ? await findEvidenceDocument(db, id) : undefined;
    if (!row) throw notFound('tài liệu kiểm chứng');
    const reach = await unitEvidenceReach(db, actor, row.ownerUnitId);
    if (reach === 'none') throw privateToUnit();
    if (reach !== 'all' && !(await documentsAppraisedBy(db, reach.appraisedBy, row.ownerUnitId, [row.id])).has(row.id)) throw privateToUnit();
    return row;
  }

  async function getEvidenceDocument(id: string, actor: Actor): Promise<EvidenceDocumentView> {
    return toView(actor, await readable(id, actor));
  }

  async function listUnitEvidence(ownerUnitId: string, actor: Actor): Promise<EvidenceDocumentView[]> {
    const reach = uuidPattern.test(ownerUnitId) ? await unitEvidenceReach(db, actor, ownerUnitId) : 'none';
    if (reach === 'none') throw privateToUnit();
    const rows = await listEvidenceDocumentsOfUnit(db, ownerUnitId);
    const visible = reach === 'all' ? undefined : await documentsAppraisedBy(db, reach.appraisedBy, ownerUnitId);
    return rows.filter((row) => !visible || visible.has(row.id)).map((row) => toView(actor, row));
  }

  /** Edits the metadata with optimistic versioning; audited with before/after. */
  async function updateEvidenceMetadata(id: string, expectedVersion: number, changes: EvidenceMetadata, actor: Actor): Promise<EvidenceDocumentView> {
    const patch = cleanMetadata(changes);
    await db.transaction(async (tx) => {
      const current = uuidPattern.test(id) ? await findEvidenceDocument(tx, id) : undefined;
      if (!current) throw notFound('tài liệu kiểm chứng');
      assertMayEditEvidence(actor, current.ownerUnitId);
      if (current.version !== expectedVersion) throw staleVersion(toView(actor, current));
      // A submitted or published record does not change except through the workflow: nor does what its evidence says.
      const frozen = await frozenUseOfEvidence(tx, id);
      if (frozen) {
        throw ruleViolation(
          `Tài liệu “${current.title ?? current.originalName}” là tài liệu kiểm chứng của hồ sơ đã gửi trong “${frozen.cycleName}”, nên không sửa được số, ngày, ` +
            'cơ quan ban hành, trích yếu. Chỉ sửa được khi hồ sơ được trả lại để sửa, hoặc khi đơn vị đang trả lời yêu cầu giải trình tiêu chí có tài liệu này; ' +
            'nếu cần, hãy tải lên tài liệu mới.',
        );
      }
      const updated = await writeEvidenceMetadata(tx, id, expectedVersion, patch);
      if (!updated) {
        const latest = await findEvidenceDocument(tx, id);
        throw staleVersion(latest ? toView(actor, latest) : null);
      }
      await recordAudit(tx, actor, {
        entityType: 'evidence_document',
        entityId: id,
        action: 'update',
        before: metadataOf(current),
        after: metadataOf(updated),
      });
    });
    return getEvidenceDocument(id, actor);
  }

  /** The document and a stream of its content, for users allowed to see it. */
  async function openEvidenceContent(id: string, actor: Actor): Promise<{ document: EvidenceDocumentView; stream: Readable }> {
    const row = await readable(id, actor);
    try {
      return { document: toView(actor, row), stream: await store.openEvidence(row.sha256) };
    } catch (error) {
      if (error instanceof EvidenceMissingError) throw new AppError('INTERNAL', 'Tệp nội dung của tài liệu này không còn trong kho. Hãy báo quản trị viên.');
      throw error;
    }
  }

  /** Removes content files that no `evidence_files` row references, and leftover temporary files. */
  async function collectOrphanFiles(now?: Date): Promise<CollectResult> {
    return store.collectUnreferenced((sha256s) => findReferencedSha256(db, sha256s), now ? { now } : {});
  }

  /**
   * Removes documents no record has referred to (no criterion's self-assessment, no answer to a
   * request) for more than `days` days before `now` — since their upload or since their last link
   * was removed, whichever is later — each with its audit event, then the content
   * no document uses any more. A document some other record refers to by a foreign key (a submitted,
   * published or frozen one included) is never removed: the delete fails and it is kept.
   */
  async function removeUnusedEvidence(days: number, now = new Date()): Promise<UnusedEvidenceResult> {
    const before = new Date(now.getTime() - days * 86_400_000);
    let documentsRemoved = 0;
    await markUnreferencedEvidenceUnused(db);
    for (const document of await findUnusedEvidenceDocuments(db, before)) {
      try {
        const removed = await db.transaction(async (tx) => {
          const { deleted } = await deleteUnusedEvidenceDocument(tx, document.id);
          if (!deleted) return false;
          await recordAudit(tx, systemActor, {
            entityType: 'evidence_document',
            entityId: document.id,
            action: 'delete',
            before: { ownerUnitId: document.ownerUnitId, fileName: document.originalName, sha256: document.sha256, size: document.size, uploadedAt: document.uploadedAt.toISOString(), unusedSince: document.unusedSince?.toISOString() ?? null, ...metadataOf(document) },
            reason: `Không gắn với tiêu chí, câu trả lời giải trình hay báo cáo tiến độ nhiệm vụ nào suốt ${days} ngày (CHISO_EVIDENCE_UNUSED_DAYS).`,
          });
          return true;
        });
        if (removed) documentsRemoved++;
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
      }
    }
    const collected = await collectOrphanFiles(now);
    return { documentsRemoved, contentFilesRemoved: collected.removed.length, temporaryFilesRemoved: collected.temporaryFilesRemoved };
  }

  return { storeEvidence, getEvidenceDocument, listUnitEvidence, updateEvidenceMetadata, openEvidenceContent, collectOrphanFiles, removeUnusedEvidence };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;

/** The daily job (and its tests): the configured store (the data folder by default), the configured grace period. */
export async function cleanUnusedEvidence(db: Database, config: EvidenceStoreSettings & Pick<Config, 'evidenceUnusedDays'>, now = new Date()): Promise<UnusedEvidenceResult> {
  const store = await openEvidenceStore(config);
  return createEvidenceService({ db, store }).removeUnusedEvidence(config.evidenceUnusedDays, now);
}
