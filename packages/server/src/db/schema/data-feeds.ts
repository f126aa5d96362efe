import { sql } from 'drizzle-orm';
import { check, index, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { cycles, resultSnapshots } from './cycles';
import { units } from './units';

/** Where a figure pulled from chiso came from (stored with the value). */
export interface ChisoOrigin {
  cycleId: string;
  cycleName: string;
  year: number;
  programCode: string;
  /** The organising unit of the source cycle; null: the province's. */
  ownerUnitId: string | null;
  ownerName: string | null;
  /** The unit's own figure, or an aggregate of the units of a cycle the unit organises. */
  source: 'same_unit' | 'units_under';
  aggregate: 'average' | null;
  /** The aggregate rounded half-up to these decimals; null: exact. */
  decimals: number | null;
  figures: { unitId: string; unitCode: string; unitName: string; index: string; snapshotId: string; snapshotNumber: number; decisionNumber: string | null }[];
}

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * API tokens (mã truy cập) other systems use to push data-feed values: created by an administrator,
 * shown once, stored only as a SHA-256 hash, scoped to the data feeds of one cycle (or all cycles),
 * optionally expiring, revocable. A token can do nothing else.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, to recognise it in lists (not enough to use it). */
    prefix: text('prefix').notNull(),
    /** Null: the data feeds of every cycle. */
    cycleId: uuid('cycle_id').references(() => cycles.id, { onDelete: 'cascade' }),
    expiresAt: instant('expires_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    revokedAt: instant('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    lastUsedAt: instant('last_used_at'),
  },
  (table) => [uniqueIndex('api_tokens_hash_key').on(table.tokenHash)],
);

/**
 * The figures of a data-feed leaf per unit (tử số, mẫu số), with where they came from: an imported
 * file, a push through the API (with its token) or a published chiso snapshot; the period they
 * cover and when they were received. Consolidation reads them as supplied inputs.
 */
export const dataFeedValues = pgTable(
  'data_feed_values',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    nodeKey: text('node_key').notNull(),
    numerator: numeric('numerator', { precision: 18, scale: 6 }).notNull(),
    denominator: numeric('denominator', { precision: 18, scale: 6 }).notNull(),
    /** The period the figures cover, as the source states it (e.g. "2025", "01/2025–12/2025"). */
    period: text('period').notNull(),
    /** import | api | chiso */
    channel: text('channel').notNull(),
    /** Who supplied it, as they name themselves (system name, file name, "chiso: …"). */
    source: text('source').notNull(),
    receivedAt: instant('received_at').notNull().defaultNow(),
    receivedBy: uuid('received_by').references(() => users.id),
    apiTokenId: uuid('api_token_id').references(() => apiTokens.id),
    snapshotId: uuid('snapshot_id').references(() => resultSnapshots.id),
    /**
     * For a figure taken from chiso: the cycle it came from and every published figure behind it (one
     * for the unit's own index; each unit's for an average of the units a unit organises), with their
     * snapshots — so the value traces back to what was published (services/data-feeds/chiso-feed.ts).
     */
    chisoOrigin: jsonb('chiso_origin').$type<ChisoOrigin>(),
  },
  (table) => [
    primaryKey({ columns: [table.cycleId, table.unitId, table.nodeKey], name: 'data_feed_values_pk' }),
    index('data_feed_values_unit_idx').on(table.unitId),
    check('data_feed_values_channel_check', sql`${table.channel} IN ('import', 'api', 'chiso')`),
  ],
);
