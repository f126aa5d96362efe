import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Kinds of organisation unit (province, department, commune…): data, not code. */
export const unitTypes = pgTable('unit_types', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** Depth in the usual tree (1 = province); used for display and sanity checks only. */
  level: integer('level').notNull(),
});

/** A name the unit carried before, up to and including `until`. */
export interface FormerName {
  name: string;
  until: string;
}

/** Organisation units (đơn vị) with their validity period; lineage lives in unit operations. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    typeCode: text('type_code')
      .notNull()
      .references(() => unitTypes.code),
    parentId: uuid('parent_id'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Last day the unit existed; null while it exists. */
    validTo: date('valid_to', { mode: 'string' }),
    /** Earlier names, oldest first. */
    formerNames: jsonb('former_names').$type<FormerName[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('units_code_key').on(table.code),
    index('units_parent_idx').on(table.parentId),
    foreignKey({ columns: [table.parentId], foreignColumns: [table.id], name: 'units_parent_fk' }),
    check('units_validity_check', sql`${table.validTo} IS NULL OR ${table.validTo} >= ${table.validFrom}`),
  ],
);

/**
 * Structural changes of the organisation, recorded as they happened: `merge` (sources into a new or
 * an absorbing unit), `split` (one source into new units) and `close` (a unit ends without successor).
 * `date` is the day the change takes effect: sources exist until the day before.
 */
export const unitOperations = pgTable(
  'unit_operations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
    actorUsername: text('actor_username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('unit_operations_date_idx').on(table.date), check('unit_operations_kind_check', sql`${table.kind} IN ('merge', 'split', 'close')`)],
);

/** Lineage: the predecessor unit continues (wholly or in part) as the successor, through an operation. */
export const unitLineage = pgTable(
  'unit_lineage',
  {
    operationId: uuid('operation_id')
      .notNull()
      .references(() => unitOperations.id),
    predecessorId: uuid('predecessor_id')
      .notNull()
      .references(() => units.id),
    successorId: uuid('successor_id')
      .notNull()
      .references(() => units.id),
  },
  (table) => [
    primaryKey({ columns: [table.operationId, table.predecessorId, table.successorId], name: 'unit_lineage_pk' }),
    index('unit_lineage_predecessor_idx').on(table.predecessorId),
    index('unit_lineage_successor_idx').on(table.successorId),
    check('unit_lineage_distinct_check', sql`${table.predecessorId} <> ${table.successorId}`),
  ],
);
