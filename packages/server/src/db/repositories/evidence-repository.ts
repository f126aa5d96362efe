import { and, desc, eq, gte, inArray, isNull, lt, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { criterionEvidence, explanationAnswerEvidence } from '../schema/cycles';
import { evidenceDocuments, evidenceFiles } from '../schema/evidence';
import { conclusionNotices, followUpTaskReportEvidence } from '../schema/follow-up-tasks';
import { units } from '../schema/units';

export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
export type EvidenceDocumentRow = typeof evidenceDocuments.$inferSelect;
export type NewEvidenceDocument = typeof evidenceDocuments.$inferInsert;

/** A document with the facts of its content file. */
export interface EvidenceDocumentWithFile extends EvidenceDocumentRow {
  sha256: string;
  size: number;
  mimeType: string;
}

export interface EvidenceMetadataPatch {
  documentNumber?: string | null;
  documentDate?: string | null;
  issuer?: string | null;
  title?: string | null;
}

/**
 * The file row for this content: inserted when new, the existing one otherwise (concurrent uploads
 * of the same bytes meet on the unique hash and share one row).
 */
export async function upsertEvidenceFile(executor: Executor, file: { sha256: string; size: number; mimeType: string }): Promise<EvidenceFileRow> {
  const [inserted] = await executor.insert(evidenceFiles).values(file).onConflictDoNothing({ target: evidenceFiles.sha256 }).returning();
  if (inserted) return inserted;
  const [existing] = await executor.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, file.sha256));
  if (!existing) throw new Error(`evidence file ${file.sha256} vanished during upsert`);
  return existing;
}

export async function insertEvidenceDocument(executor: Executor, document: NewEvidenceDocument): Promise<EvidenceDocumentRow> {
  const [row] = await executor.insert(evidenceDocuments).values(document).returning();
  return row!;
}

const withFileColumns = {
  id: evidenceDocuments.id,
  fileId: evidenceDocuments.fileId,
  ownerUnitId: evidenceDocuments.ownerUnitId,
  originalName: evidenceDocuments.originalName,
  documentNumber: evidenceDocuments.documentNumber,
  documentDate: evidenceDocuments.documentDate,
  issuer: evidenceDocuments.issuer,
  title: evidenceDocuments.title,
  uploadedBy: evidenceDocuments.uploadedBy,
  uploadedAt: evidenceDocuments.uploadedAt,
  updatedAt: evidenceDocuments.updatedAt,
  version: evidenceDocuments.version,
  unusedSince: evidenceDocuments.unusedSince,
  sha256: evidenceFiles.sha256,
  size: evidenceFiles.size,
  mimeType: evidenceFiles.mimeType,
};

export async function findEvidenceDocument(executor: Executor, id: string): Promise<EvidenceDocumentWithFile | undefined> {
  const [row] = await executor
    .select(withFileColumns)
    .from(evidenceDocuments)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, evidenceDocuments.fileId))
    .where(eq(evidenceDocuments.id, id));
  return row;
}

/** These documents (those that exist), in no particular order. */
export async function findEvidenceDocuments(executor: Executor, ids: readonly string[]): Promise<EvidenceDocumentWithFile[]> {
  if (ids.length === 0) return [];
  return executor
    .select(withFileColumns)
    .from(evidenceDocuments)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, evidenceDocuments.fileId))
    .where(inArray(evidenceDocuments.id, [...ids]));
}

/** A unit's documents, newest first. */
export async function listEvidenceDocumentsOfUnit(executor: Executor, ownerUnitId: string): Promise<EvidenceDocumentWithFile[]> {
  return executor
    .select(withFileColumns)
    .from(evidenceDocuments)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, evidenceDocuments.fileId))
    .where(eq(evidenceDocuments.ownerUnitId, ownerUnitId))
    .orderBy(desc(evidenceDocuments.uploadedAt), desc(evidenceDocuments.id));
}

/** Updates metadata when `expectedVersion` is current; `undefined` when it is stale (or the row is gone). */
export async function updateEvidenceMetadata(
  executor: Executor,
  id: string,
  expectedVersion: number,
  patch: EvidenceMetadataPatch,
): Promise<EvidenceDocumentRow | undefined> {
  const [row] = await executor
    .update(evidenceDocuments)
    .set({ ...patch, version: sql`${evidenceDocuments.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(evidenceDocuments.id, id), eq(evidenceDocuments.version, expectedVersion)))
    .returning();
  return row;
}

/** Which of these hashes have a file row (the store keeps those contents). */
export async function findReferencedSha256(executor: Executor, sha256s: string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await executor.select({ sha256: evidenceFiles.sha256 }).from(evidenceFiles).where(inArray(evidenceFiles.sha256, sha256s));
  return new Set(rows.map((row) => row.sha256));
}

/** Whether the unit exists (any validity): documents must belong to a real unit. */
export async function evidenceOwnerExists(executor: Executor, unitId: string): Promise<boolean> {
  const [row] = await executor.select({ id: units.id }).from(units).where(eq(units.id, unitId));
  return row !== undefined;
}

/**
 * Bytes of distinct content behind the unit's documents uploaded since `since` (the same file
 * uploaded twice counts once: it is stored once).
 */
export async function unitEvidenceBytesSince(executor: Executor, unitId: string, since: Date): Promise<number> {
  const fileIds = executor
    .select({ id: evidenceDocuments.fileId })
    .from(evidenceDocuments)
    .where(and(eq(evidenceDocuments.ownerUnitId, unitId), gte(evidenceDocuments.uploadedAt, since)));
  const [row] = await executor
    .select({ bytes: sql<string>`coalesce(sum(${evidenceFiles.size}), 0)` })
    .from(evidenceFiles)
    .where(inArray(evidenceFiles.id, fileIds));
  return Number(row?.bytes ?? 0);
}

/** Serialises a unit's uploads until the transaction ends, so two at once cannot both pass the quota. */
export async function lockUnitEvidence(executor: Executor, unitId: string): Promise<void> {
  await executor.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`evidence-quota:${unitId}`}, 0))`);
}

/** Neither a criterion's self-assessment, an answer to a request nor a task's progress report refers to the document. */
const unreferenced = [
  notExists(sql`(SELECT 1 FROM ${criterionEvidence} WHERE ${criterionEvidence.evidenceDocumentId} = ${evidenceDocuments.id})`),
  notExists(sql`(SELECT 1 FROM ${explanationAnswerEvidence} WHERE ${explanationAnswerEvidence.evidenceDocumentId} = ${evidenceDocuments.id})`),
  notExists(sql`(SELECT 1 FROM ${followUpTaskReportEvidence} WHERE ${followUpTaskReportEvidence.evidenceDocumentId} = ${evidenceDocuments.id})`),
];

/**
 * Starts the clock of documents nothing refers to whose `unused_since` is still empty: the link
 * triggers (migration 0011) set it, but two transactions removing a document's last two links at
 * once each still see the other's, and neither does.
 */
export async function markUnreferencedEvidenceUnused(executor: Executor): Promise<void> {
  await executor.update(evidenceDocuments).set({ unusedSince: sql`now()` }).where(and(isNull(evidenceDocuments.unusedSince), ...unreferenced));
}

/** Documents no record has referred to since before `before`, longest unused first. */
export async function findUnusedEvidenceDocuments(executor: Executor, before: Date): Promise<EvidenceDocumentWithFile[]> {
  return executor
    .select(withFileColumns)
    .from(evidenceDocuments)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, evidenceDocuments.fileId))
    .where(and(lt(evidenceDocuments.unusedSince, before), ...unreferenced))
    .orderBy(evidenceDocuments.unusedSince, evidenceDocuments.id);
}

/**
 * Deletes the document if still unreferenced (checked again in the same statement); its file row
 * too when no other document uses it. Any other table that refers to the document by a foreign key
 * makes the delete fail instead, so the caller keeps it.
 */
export async function deleteUnusedEvidenceDocument(executor: Executor, id: string): Promise<{ deleted: boolean; fileRemoved: boolean }> {
  const [deleted] = await executor
    .delete(evidenceDocuments)
    .where(and(eq(evidenceDocuments.id, id), ...unreferenced))
    .returning({ fileId: evidenceDocuments.fileId });
  if (!deleted) return { deleted: false, fileRemoved: false };
  const removed = await executor
    .delete(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.id, deleted.fileId),
        notExists(sql`(SELECT 1 FROM ${evidenceDocuments} WHERE ${evidenceDocuments.fileId} = ${evidenceFiles.id})`),
        // A conclusion notice's signed file keeps the content too.
        notExists(sql`(SELECT 1 FROM ${conclusionNotices} WHERE ${conclusionNotices.fileId} = ${evidenceFiles.id})`),
      ),
    )
    .returning({ id: evidenceFiles.id });
  return { deleted: true, fileRemoved: removed.length > 0 };
}
