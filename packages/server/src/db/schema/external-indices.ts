import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { units } from './units';

/** A component of an index in one year's edition (PAPI's dimensions, PCI's sub-indices…); maxPoints a decimal string or null. */
export interface ExternalComponentDef {
  key: string;
  name: string;
  maxPoints: string | null;
}

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * External indices the province follows (issue 12 §4): PAR INDEX, SIPAS, PAPI, PCI, DTI, the
 * national service index of Decision 766. Definitions are data: their components and maxima are
 * per year (external_index_editions).
 */
export const externalIndices = pgTable(
  'external_indices',
  {
    /** Stable key, e.g. PAPI, PAR_INDEX, SERVICE_766. */
    key: text('key').primaryKey(),
    /** Short label officials write ("PAPI", "PAR INDEX"). */
    label: text('label').notNull(),
    name: text('name').notNull(),
    publisher: text('publisher').notNull(),
    /** year | month */
    periodicity: text('periodicity').notNull(),
    /** province | province_and_units (766 also scores departments and communes). */
    subjects: text('subjects').notNull(),
    /** What a value is measured in: "điểm" or "%". */
    valueUnit: text('value_unit').notNull().default('điểm'),
    /** Where the figures come from (for the demo: "Dữ liệu minh họa"). */
    source: text('source'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    check('external_indices_periodicity_check', sql`${table.periodicity} IN ('year', 'month')`),
    check('external_indices_subjects_check', sql`${table.subjects} IN ('province', 'province_and_units')`),
  ],
);

/** One year's edition of an index: its components with their maxima, the overall maximum, how many provinces are ranked. */
export const externalIndexEditions = pgTable(
  'external_index_editions',
  {
    indexKey: text('index_key').notNull().references(() => externalIndices.key, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    components: jsonb('components').$type<ExternalComponentDef[]>().notNull().default(sql`'[]'::jsonb`),
    /** Exact decimal; null: no stated maximum. */
    maxValue: numeric('max_value'),
    /** Ranked among (63 provinces before July 2025, 34 after); null: not ranked. */
    rankOf: integer('rank_of'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.indexKey, table.year], name: 'external_index_editions_pk' }),
    check('external_index_editions_year_check', sql`${table.year} BETWEEN 2000 AND 2100`),
  ],
);

/**
 * A value of an index for a period ('2024', or '2024-05' for a monthly index) and a subject: the
 * province (unit_id null) or a unit (766). Figures are numeric without scale: kept as written.
 */
export const externalIndexValues = pgTable(
  'external_index_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indexKey: text('index_key').notNull().references(() => externalIndices.key, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    year: integer('year').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    value: numeric('value').notNull(),
    rank: integer('rank'),
    rankOf: integer('rank_of'),
    groupLabel: text('group_label'),
    /** Component values by component key, exact decimal strings. */
    components: jsonb('components').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    source: text('source'),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (table) => [
    unique('external_index_values_subject_key').on(table.indexKey, table.period, table.unitId).nullsNotDistinct(),
    index('external_index_values_unit_idx').on(table.unitId),
    check('external_index_values_period_check', sql`${table.period} ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'`),
    check('external_index_values_rank_check', sql`${table.rank} IS NULL OR ${table.rank} >= 1`),
  ],
);

/** What drives a component: a responsible unit, or a criterion (program + stable node key), with a note. */
export const externalComponentLinks = pgTable(
  'external_component_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indexKey: text('index_key').notNull().references(() => externalIndices.key, { onDelete: 'cascade' }),
    componentKey: text('component_key').notNull(),
    /** unit | criterion */
    kind: text('kind').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    programCode: text('program_code'),
    nodeKey: text('node_key'),
    /** The criterion as named when linked ("3.3 Tỷ lệ hồ sơ…"). */
    label: text('label'),
    note: text('note'),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [
    index('external_component_links_component_idx').on(table.indexKey, table.componentKey),
    check('external_component_links_kind_check', sql`(${table.kind} = 'unit' AND ${table.unitId} IS NOT NULL) OR (${table.kind} = 'criterion' AND ${table.programCode} IS NOT NULL AND ${table.nodeKey} IS NOT NULL)`),
  ],
);
