import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { units } from './units';

const instant = (name: string) => timestamp(name, { withTimezone: true });
const figure = (name: string) => numeric(name, { precision: 18, scale: 4 });

/** A resolution or plan with targets (e.g. "Nghị quyết 60-NQ/TU … giai đoạn 2021–2030"), issue 12 §3. */
export const targetPlans = pgTable(
  'target_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    documentNumber: text('document_number'),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    /** The organising unit whose plan it is; null: the province's. */
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('target_plans_code_key').on(table.code), check('target_plans_years_check', sql`${table.endYear} >= ${table.startYear}`)],
);

/** One target (chỉ tiêu) of a plan: its measure, direction, baseline, final value, responsible unit and source. */
export const targets = pgTable(
  'targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => targetPlans.id, { onDelete: 'cascade' }),
    /** The target's number in the plan ("1", "2", "3a"). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Orders the targets as the plan lists them. */
    position: integer('position').notNull(),
    /** rate | count | rank | index */
    measure: text('measure').notNull(),
    unitLabel: text('unit_label').notNull().default(''),
    /** higher | lower (a rank: lower is better) */
    direction: text('direction').notNull(),
    baselineValue: figure('baseline_value'),
    baselineYear: integer('baseline_year'),
    finalValue: figure('final_value'),
    responsibleUnitId: uuid('responsible_unit_id').references(() => units.id),
    /** entered | imported | chiso */
    source: text('source').notNull(),
    sourceNote: text('source_note'),
    /** For a chiso figure: the external index (external_indices.key) whose province figure is the value… */
    sourceIndexKey: text('source_index_key'),
    /** …and which figure: value | rank. */
    sourceFigure: text('source_figure'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('targets_plan_code_key').on(table.planId, table.code),
    index('targets_responsible_unit_idx').on(table.responsibleUnitId),
    check('targets_measure_check', sql`${table.measure} IN ('rate', 'count', 'rank', 'index')`),
    check('targets_direction_check', sql`${table.direction} IN ('higher', 'lower')`),
    check('targets_source_check', sql`${table.source} IN ('entered', 'imported', 'chiso')`),
    check('targets_source_figure_check', sql`${table.sourceFigure} IS NULL OR ${table.sourceFigure} IN ('value', 'rank')`),
  ],
);

/** A target's milestone (mốc) for a year of the plan. */
export const targetMilestones = pgTable(
  'target_milestones',
  {
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    value: figure('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.targetId, table.year], name: 'target_milestones_pk' })],
);

/**
 * The values a target reached in a year: every entry kept with who, when and why; the latest (by
 * `seq`) counts. Append-only.
 */
export const targetValues = pgTable(
  'target_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Orders entries of the same instant (a demo load, an import). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    value: figure('value').notNull(),
    /** entered | imported | chiso */
    source: text('source').notNull(),
    reason: text('reason').notNull(),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (table) => [
    index('target_values_target_year_idx').on(table.targetId, table.year, table.seq),
    check('target_values_source_check', sql`${table.source} IN ('entered', 'imported', 'chiso')`),
  ],
);
