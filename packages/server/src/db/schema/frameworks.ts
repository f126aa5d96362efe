import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { units } from './units';

/**
 * Assessment programs (chương trình đánh giá): the PAR index, the annual task-performance rating…
 * The built-in ones are ensured by the frameworks service (defaults in code, rows here for the
 * foreign keys), not by migration data: the migrations folder is regenerated from the schema.
 */
export const programs = pgTable('programs', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/** A criteria framework (bộ tiêu chí) of one program, year and unit group; its content lives in versions. */
export const frameworks = pgTable(
  'frameworks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programCode: text('program_code')
      .notNull()
      .references(() => programs.code),
    year: integer('year').notNull(),
    /** The unit group the framework is for, e.g. "Sở, ban, ngành", "UBND cấp xã". */
    groupLabel: text('group_label').notNull(),
    name: text('name').notNull(),
    /** The organising authority whose framework this is (see cycles.owner_unit_id); null for the province's. */
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('frameworks_owner_program_year_group_key').on(table.ownerUnitId, table.programCode, table.year, table.groupLabel).nullsNotDistinct(),
    check('frameworks_year_check', sql`${table.year} BETWEEN 1900 AND 2999`),
    check('frameworks_group_label_check', sql`length(btrim(${table.groupLabel})) > 0`),
  ],
);

/**
 * Numbered versions of a framework. `document` is the canonical framework JSON of
 * docs/framework-format.md — a validated document read whole, never aggregated, so jsonb.
 *
 * A published version never changes. Besides the service's `WHERE status = 'draft'`, the database
 * enforces it: publishing inserts a row in `framework_version_seals` whose foreign key points at
 * (id, framework, number, status, row version, content hash, published_at) of the version; `content_hash` is generated
 * from the document and the reason. Any UPDATE of a sealed row changes one of those and is refused
 * by the foreign key (NO ACTION), and so is a DELETE.
 */
export const frameworkVersions = pgTable(
  'framework_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id),
    number: integer('number').notNull(),
    status: text('status').notNull().default('draft'),
    /** Why this version exists (required from version 2 on). */
    reason: text('reason'),
    document: jsonb('document').notNull(),
    /** md5 of the document text and the reason; part of the publication seal. */
    contentHash: text('content_hash')
      .notNull()
      .generatedAlwaysAs(sql`md5(document::text || chr(31) || coalesce(reason, ''))`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedByUsername: text('published_by_username'),
    /** Optimistic locking. */
    version: integer('version').notNull().default(1),
  },
  (table) => [
    uniqueIndex('framework_versions_number_key').on(table.frameworkId, table.number),
    index('framework_versions_framework_idx').on(table.frameworkId),
    unique('framework_versions_seal_key').on(table.id, table.frameworkId, table.number, table.status, table.version, table.contentHash, table.publishedAt),
    check('framework_versions_status_check', sql`${table.status} IN ('draft', 'published')`),
    check('framework_versions_number_check', sql`${table.number} >= 1`),
    check(
      'framework_versions_published_check',
      sql`(${table.status} = 'draft' AND ${table.publishedAt} IS NULL) OR (${table.status} = 'published' AND ${table.publishedAt} IS NOT NULL)`,
    ),
  ],
);

/** One row per published version: freezes it (see `frameworkVersions`). Insert-only. */
export const frameworkVersionSeals = pgTable(
  'framework_version_seals',
  {
    versionId: uuid('version_id').notNull(),
    frameworkId: uuid('framework_id').notNull(),
    number: integer('number').notNull(),
    status: text('status').notNull(),
    rowVersion: integer('row_version').notNull(),
    contentHash: text('content_hash').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.versionId], name: 'framework_version_seals_pk' }),
    check('framework_version_seals_status_check', sql`${table.status} = 'published'`),
    foreignKey({
      name: 'framework_version_seals_version_fk',
      columns: [table.versionId, table.frameworkId, table.number, table.status, table.rowVersion, table.contentHash, table.publishedAt],
      foreignColumns: [frameworkVersions.id, frameworkVersions.frameworkId, frameworkVersions.number, frameworkVersions.status, frameworkVersions.version, frameworkVersions.contentHash, frameworkVersions.publishedAt],
    }),
  ],
);
