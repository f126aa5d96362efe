import { bigint, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { resultSnapshots } from './cycles';

/**
 * Tamper evidence (docs/security.md). Each chain entry carries the hash of the one before it, so an
 * edited, deleted or reordered audit event or published figure breaks the chain where it happened.
 * The entries are append-only (database triggers), like the rows they seal.
 */

/** The last entry of each chain (audit, snapshots), made at its first append; its row lock serializes appends. */
export const chainHeads = pgTable('chain_heads', {
  name: text('name').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  hash: text('hash').notNull(),
  /** When the rows written before the chain existed were sealed (at the first append or start). */
  sealedAt: timestamp('sealed_at', { withTimezone: true }),
});

/** One entry per audit event, in the order they were appended. */
export const auditChain = pgTable('audit_chain', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  eventId: bigint('event_id', { mode: 'number' }).notNull().unique(),
  /** Copied from the event, so a deleted event can still be placed in time. */
  eventAt: timestamp('event_at', { withTimezone: true }).notNull(),
  previousHash: text('previous_hash').notNull(),
  hash: text('hash').notNull(),
});

/** One entry per published snapshot: the hash of its canonical JSON document. */
export const snapshotSeals = pgTable('snapshot_seals', {
  snapshotId: uuid('snapshot_id')
    .primaryKey()
    .references(() => resultSnapshots.id),
  seq: bigint('seq', { mode: 'number' }).notNull().unique(),
  previousHash: text('previous_hash').notNull(),
  hash: text('hash').notNull(),
  /** The columns hashed, per table, as they were at publication (a later column is not in old seals). */
  columns: jsonb('columns').notNull(),
  /** Per unit: the hash of its rows, to say which unit a changed snapshot differs in. */
  unitHashes: jsonb('unit_hashes').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
});
