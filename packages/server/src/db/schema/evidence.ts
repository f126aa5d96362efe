import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { units } from './units';

/**
 * Evidence content (tệp nội dung), one row per distinct SHA-256: the bytes live in the file store
 * (`storage/evidence-store.ts`) under that hash. Several documents, of several units, may share it.
 */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Detected from the content, never taken from the browser. */
    mimeType: text('mime_type').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('evidence_files_sha256_key').on(table.sha256),
    check('evidence_files_sha256_check', sql`${table.sha256} ~ '^[0-9a-f]{64}$'`),
    check('evidence_files_size_check', sql`${table.size} > 0`),
  ],
);

/**
 * An evidence document (tài liệu kiểm chứng) of a unit: the unit's own description of a file
 * (number, date, issuer, title). Private to the owner unit (and, once assigned, its appraisers).
 */
export const evidenceDocuments = pgTable(
  'evidence_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => evidenceFiles.id),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    originalName: text('original_name').notNull(),
    /** Số văn bản, e.g. `125/QĐ-UBND`. */
    documentNumber: text('document_number'),
    /** Ngày ban hành. */
    documentDate: date('document_date', { mode: 'string' }),
    /** Cơ quan ban hành. */
    issuer: text('issuer'),
    title: text('title'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    /**
     * Since when no criterion record or answer refers to it (the upload, or the removal of its last
     * link); null while one does. Kept by triggers on the link tables (migration 0011): the unused
     * evidence cleanup counts its grace period from here, not from the upload.
     */
    unusedSince: timestamp('unused_since', { withTimezone: true }).defaultNow(),
  },
  (table) => [
    index('evidence_documents_owner_idx').on(table.ownerUnitId, table.uploadedAt),
    index('evidence_documents_file_idx').on(table.fileId),
    check('evidence_documents_original_name_check', sql`length(${table.originalName}) BETWEEN 1 AND 255`),
  ],
);
