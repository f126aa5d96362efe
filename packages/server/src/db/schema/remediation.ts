import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { cycles, resultSnapshots } from './cycles';
import { unitGroups } from './group-sets';
import { units } from './units';

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A unit's remediation plan (kế hoạch khắc phục, issue 12 §2), drawn from one published snapshot of
 * its results: drafted and edited by its staff, submitted by its head, accepted or returned (with a
 * reason) by an administrator of the cycle's owner. One plan per unit and snapshot.
 */
export const remediationPlans = pgTable(
  'remediation_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    cycleId: uuid('cycle_id').notNull().references(() => cycles.id),
    groupId: uuid('group_id').notNull().references(() => unitGroups.id),
    snapshotId: uuid('snapshot_id').notNull().references(() => resultSnapshots.id),
    /** The results' year; the plan is carried out the year after. */
    year: integer('year').notNull(),
    /** `criteria`: drafted from the lost points ledger; `fields`: from an imported result's fields. */
    detail: text('detail').notNull(),
    /** core REMEDIATION_PLAN_STATUSES. */
    status: text('status').notNull().default('draft'),
    title: text('title').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    submittedAt: instant('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    decidedAt: instant('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    /** Why the plan was returned. */
    reason: text('reason'),
  },
  (table) => [
    uniqueIndex('remediation_plans_unit_snapshot_key').on(table.unitId, table.snapshotId),
    index('remediation_plans_cycle_idx').on(table.cycleId),
    check('remediation_plans_status_check', sql`${table.status} in ('draft', 'submitted', 'accepted', 'returned')`),
  ],
);

/** An item of a plan: a criterion or field that lost points (with the points at stake and the cause), or the unit's own. */
export const remediationItems = pgTable(
  'remediation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id').notNull().references(() => remediationPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** core RemediationItemSource: criterion, field, own. */
    source: text('source').notNull(),
    nodeKey: text('node_key'),
    fieldKey: text('field_key'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Points lost, exact when it terminates (else to 6 decimals; the exact value beside it). Null: the unit's own item. */
    pointsLost: numeric('points_lost', { precision: 16, scale: 6 }),
    /** The exact points lost, "num/den" in lowest terms. */
    pointsLostExact: text('points_lost_exact'),
    cause: text('cause'),
    action: text('action').notNull().default(''),
    responsible: text('responsible').notNull().default(''),
    deadline: date('deadline', { mode: 'string' }),
  },
  (table) => [index('remediation_items_plan_idx').on(table.planId, table.position)],
);

/** An item's progress at the end of a quarter of the plan's year (one row per item and quarter). */
export const remediationProgress = pgTable(
  'remediation_progress',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id').notNull().references(() => remediationItems.id, { onDelete: 'cascade' }),
    quarter: smallint('quarter').notNull(),
    /** core REMEDIATION_PROGRESS_STATUSES. */
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
    reportedAt: instant('reported_at').notNull().defaultNow(),
    reportedBy: uuid('reported_by').references(() => users.id),
  },
  (table) => [
    uniqueIndex('remediation_progress_item_quarter_key').on(table.itemId, table.quarter),
    check('remediation_progress_quarter_check', sql`${table.quarter} between 1 and 4`),
  ],
);
