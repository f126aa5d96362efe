import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from './units';

/** A way of cutting units into ranking cohorts (e.g. one per year's index). */
export const groupSets = pgTable(
  'group_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The organising authority whose cohorts these are (see cycles.owner_unit_id); null for the province's. */
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('group_sets_code_key').on(table.code)],
);

/** A cohort of units ranked against each other. */
export const unitGroups = pgTable(
  'unit_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupSetId: uuid('group_set_id')
      .notNull()
      .references(() => groupSets.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('unit_groups_set_code_key').on(table.groupSetId, table.code),
    // Target of the membership's composite foreign key, so a membership names its group's own set.
    unique('unit_groups_id_set_key').on(table.id, table.groupSetId),
  ],
);

/**
 * Membership of a unit in a group. The set is repeated here so the database itself guarantees
 * exclusivity: a unit belongs to at most one group of a set.
 */
export const unitGroupMembers = pgTable(
  'unit_group_members',
  {
    groupSetId: uuid('group_set_id').notNull(),
    groupId: uuid('group_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (table) => [
    primaryKey({ columns: [table.groupId, table.unitId], name: 'unit_group_members_pk' }),
    uniqueIndex('unit_group_members_one_group_per_set').on(table.groupSetId, table.unitId),
    index('unit_group_members_unit_idx').on(table.unitId),
    foreignKey({
      columns: [table.groupId, table.groupSetId],
      foreignColumns: [unitGroups.id, unitGroups.groupSetId],
      name: 'unit_group_members_group_fk',
    }).onDelete('cascade'),
  ],
);
