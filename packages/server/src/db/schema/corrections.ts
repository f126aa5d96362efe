import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { cycles } from './cycles';
import { frameworkVersions } from './frameworks';
import { unitGroups } from './group-sets';
import { units } from './units';

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A correction to the framework applied to an open cycle (điều chỉnh bộ tiêu chí): one group moved
 * from one published version to a later one, with the reason and what it changed. Insert-only.
 */
export const frameworkCorrections = pgTable(
  'framework_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => unitGroups.id),
    fromVersionId: uuid('from_version_id')
      .notNull()
      .references(() => frameworkVersions.id),
    toVersionId: uuid('to_version_id')
      .notNull()
      .references(() => frameworkVersions.id),
    reason: text('reason').notNull(),
    /** Counts: changed, added, removed criteria; flagged, created, retired entries. */
    summary: jsonb('summary').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [index('framework_corrections_cycle_idx').on(table.cycleId, table.createdAt)],
);

/**
 * A criterion of a unit flagged by a correction ("Tiêu chí đã được điều chỉnh — vui lòng kiểm tra
 * lại"). The flag is open while the criterion record is still at `recordVersion`: the unit's next
 * save (or the appraiser's decision) answers it.
 */
export const criterionCorrectionFlags = pgTable(
  'criterion_correction_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    correctionId: uuid('correction_id')
      .notNull()
      .references(() => frameworkCorrections.id, { onDelete: 'cascade' }),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    nodeKey: text('node_key').notNull(),
    /** core CorrectionFlagKind: changed, input_invalid, appraisal_reset. */
    kind: text('kind').notNull(),
    recordVersion: integer('record_version').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('criterion_correction_flags_key').on(table.correctionId, table.unitId, table.nodeKey, table.kind),
    index('criterion_correction_flags_unit_idx').on(table.cycleId, table.unitId),
  ],
);
