/**
 * The hash chains' rows (docs/security.md): `chain_heads`, `audit_chain` (appended by the
 * trigger of migration 0010), `snapshot_seals`, and the snapshot and audit rows read as text to be
 * hashed. What is hashed, and what a mismatch means, is decided by services/integrity/.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';

export type ChainName = 'audit' | 'snapshots';

/** Rows of a raw query, whichever driver (both return `{ rows }`). */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  return ((await executor.execute(query)) as unknown as { rows: T[] }).rows;
}

/** "2026-12-04T16:39:01.123456Z": a timestamp column in UTC, as the chains hash it. */
const utcText = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// ---------------------------------------------------------------------------------------------
// Chain heads

export interface ChainHeadRow {
  seq: number;
  hash: string;
  /** Whether the snapshots published before the chain existed have been sealed. */
  sealed: boolean;
}

/** The chain's head row; with `lock`, held (FOR UPDATE) until the transaction ends. */
export async function readChainHead(executor: Executor, name: ChainName, lock: boolean): Promise<ChainHeadRow | undefined> {
  const [row] = await queryRows<{ seq: string; hash: string; sealed: boolean }>(
    executor,
    sql`SELECT seq::text AS seq, hash, sealed_at IS NOT NULL AS sealed FROM chain_heads WHERE name = ${name} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return row && { seq: Number(row.seq), hash: row.hash, sealed: row.sealed };
}

/** Creates the chain's head at position 0 unless it exists. */
export async function createChainHead(executor: Executor, name: ChainName, genesisHash: string): Promise<void> {
  await executor.execute(sql`INSERT INTO chain_heads (name, seq, hash) VALUES (${name}, 0, ${genesisHash}) ON CONFLICT (name) DO NOTHING`);
}

/** Moves the head, and records that the rows from before the chain are sealed. */
export async function moveChainHeadSealed(executor: Executor, name: ChainName, head: { seq: number; hash: string }): Promise<void> {
  await executor.execute(sql`UPDATE chain_heads SET seq = ${head.seq}, hash = ${head.hash}, sealed_at = now() WHERE name = ${name}`);
}

export async function moveChainHead(executor: Executor, name: ChainName, head: { seq: number; hash: string }): Promise<void> {
  await executor.execute(sql`UPDATE chain_heads SET seq = ${head.seq}, hash = ${head.hash} WHERE name = ${name}`);
}

/** The hash of the chain's entry at `seq` (audit_chain or snapshot_seals), if it is still there. */
export async function chainEntryHash(executor: Executor, name: ChainName, seq: number): Promise<string | undefined> {
  const table = name === 'audit' ? sql`audit_chain` : sql`snapshot_seals`;
  const [row] = await queryRows<{ hash: string }>(executor, sql`SELECT hash FROM ${table} WHERE seq = ${seq}`);
  return row?.hash;
}

// ---------------------------------------------------------------------------------------------
// The audit chain

/** An audit event as hashed: every column as text, keyed by its name in code. */
export interface CanonicalEvent {
  id: string;
  at: string;
  actorUserId: string | null;
  actorUsername: string | null;
  ip: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/**
 * The columns of a CanonicalEvent (jsonb in PostgreSQL's own text form, which keeps decimals
 * exactly as written). Must give the same JSON as the SQL function chiso_audit_canonical
 * (migration 0010), which chains the events.
 */
const canonicalEventColumns = sql.raw(`e.id::text AS "id",
  to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "at",
  e.actor_user_id::text AS "actorUserId", e.actor_username AS "actorUsername", e.ip::text AS "ip",
  e.entity_type AS "entityType", e.entity_id AS "entityId", e.action AS "action",
  e.before::text AS "before", e.after::text AS "after", e.reason AS "reason"`);

/** An audit chain entry with its event as it is now (the event's columns absent when it was deleted). */
export interface ChainedEventRow extends Partial<CanonicalEvent> {
  seq: string;
  event_id: string;
  event_at: string;
  previous_hash: string;
  hash: string;
  present: boolean;
}

/** Audit chain entries from `fromSeq` to `toSeq`, in order, at most `limit`. */
export async function chainedAuditEvents(executor: Executor, fromSeq: number, toSeq: number, limit: number): Promise<ChainedEventRow[]> {
  return queryRows<ChainedEventRow>(
    executor,
    sql`SELECT c.seq::text AS seq, c.event_id::text AS event_id, ${utcText(sql`c.event_at`)} AS event_at,
               c.previous_hash, c.hash, e.id IS NOT NULL AS present, ${canonicalEventColumns}
        FROM audit_chain c LEFT JOIN audit_events e ON e.id = c.event_id
        WHERE c.seq >= ${fromSeq} AND c.seq <= ${toSeq} ORDER BY c.seq LIMIT ${limit}`,
  );
}

/** Audit events the chain does not cover (written outside chiso), in id order; with `afterEventId`, only later ones. */
export async function auditEventsOutsideChain(executor: Executor, afterEventId: number | undefined, limit: number): Promise<{ id: string; at: string }[]> {
  return queryRows<{ id: string; at: string }>(
    executor,
    sql`SELECT e.id::text AS id, ${utcText(sql`e.at`)} AS at FROM audit_events e
        WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)
          ${afterEventId !== undefined ? sql`AND e.id > ${afterEventId}` : sql``} ORDER BY e.id LIMIT ${limit}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Published snapshots

export const snapshotTables = { snapshot: 'result_snapshots', units: 'result_units', fields: 'result_fields', leaves: 'result_leaves' } as const;
export type SnapshotPart = keyof typeof snapshotTables;
export type SnapshotColumns = Record<SnapshotPart, string[]>;
/** A row with every value as the text PostgreSQL prints for it. */
export type TextRow = Record<string, string | null>;

/** The columns of the snapshot tables today, sorted (a seal keeps the list it hashed). */
export async function currentSnapshotColumns(executor: Executor): Promise<SnapshotColumns> {
  const rows = await queryRows<{ table_name: string; column_name: string }>(
    executor,
    sql`SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name IN (${sql.join(Object.values(snapshotTables).map((t) => sql`${t}`), sql`, `)})
        ORDER BY table_name, column_name`,
  );
  const columns = { snapshot: [], units: [], fields: [], leaves: [] } as SnapshotColumns;
  for (const [part, table] of Object.entries(snapshotTables) as [SnapshotPart, string][]) {
    columns[part] = rows.filter((r) => r.table_name === table).map((r) => r.column_name).sort();
  }
  return columns;
}

/**
 * The rows of one snapshot table, every column as the text PostgreSQL prints for it (decimals as
 * stored, e.g. "81.3300"; timestamps in the session's time zone), unordered.
 */
export async function snapshotPartRows(executor: Executor, part: SnapshotPart, snapshotId: string): Promise<TextRow[]> {
  const table = sql.identifier(snapshotTables[part]);
  const key = part === 'snapshot' ? sql.identifier('id') : sql.identifier('snapshot_id');
  const rows = await queryRows<{ j: string }>(
    executor,
    sql`SELECT (SELECT json_object_agg(f.key, f.value) FROM json_each_text(row_to_json(t)) f)::text AS j FROM ${table} t WHERE t.${key} = ${snapshotId}::uuid`,
  );
  return rows.map((r) => JSON.parse(r.j) as TextRow);
}

/** Sets the transaction's time zone to UTC (row_to_json prints timestamps in it); returns the one it had. */
export async function useUtcForTransaction(executor: Executor): Promise<string> {
  const [zone] = await queryRows<{ tz: string }>(executor, sql`SELECT current_setting('TimeZone') AS tz, set_config('TimeZone', 'UTC', true)`);
  return zone!.tz;
}

export async function restoreTransactionTimeZone(executor: Executor, zone: string): Promise<void> {
  await executor.execute(sql`SELECT set_config('TimeZone', ${zone}, true)`);
}

export interface NewSeal {
  snapshotId: string;
  seq: number;
  previousHash: string;
  hash: string;
  columns: SnapshotColumns;
  unitHashes: Record<string, string>;
}

export async function insertSnapshotSeal(executor: Executor, seal: NewSeal): Promise<void> {
  await executor.execute(sql`INSERT INTO snapshot_seals (snapshot_id, seq, previous_hash, hash, columns, unit_hashes)
    VALUES (${seal.snapshotId}::uuid, ${seal.seq}, ${seal.previousHash}, ${seal.hash}, ${JSON.stringify(seal.columns)}::jsonb, ${JSON.stringify(seal.unitHashes)}::jsonb)`);
}

/** Ids of the snapshots without a seal, oldest first. */
export async function unsealedSnapshotIds(executor: Executor): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`SELECT s.id::text AS id FROM result_snapshots s WHERE NOT EXISTS (SELECT 1 FROM snapshot_seals x WHERE x.snapshot_id = s.id) ORDER BY s.created_at, s.id`,
  );
  return rows.map((r) => r.id);
}

/** The hash a snapshot was sealed with, if it was. */
export async function findSealHash(executor: Executor, snapshotId: string): Promise<string | undefined> {
  const [row] = await queryRows<{ hash: string }>(executor, sql`SELECT hash FROM snapshot_seals WHERE snapshot_id = ${snapshotId}::uuid`);
  return row?.hash;
}

/** A seal with its publication's label ("kỳ PAR 2025, nhóm Sở, ban, ngành, bản số 2") and time (ISO UTC). */
export interface SealRow {
  seq: string;
  snapshot_id: string;
  previous_hash: string;
  hash: string;
  columns: SnapshotColumns;
  unit_hashes: Record<string, string>;
  label: string;
  created_at: string;
}

/** "kỳ PAR 2025, nhóm Sở, ban, ngành, bản số 2". */
const snapshotLabel = sql`concat('kỳ ', c.program_code, ' ', c.year, ', nhóm ', g.name, ', bản số ', s.number)`;

const sealsWhere = (executor: Executor, where: SQL, order: SQL) =>
  queryRows<SealRow>(
    executor,
    sql`SELECT x.seq::text AS seq, x.snapshot_id::text AS snapshot_id, x.previous_hash, x.hash, x.columns, x.unit_hashes, ${snapshotLabel} AS label,
               ${utcText(sql`s.created_at`)} AS created_at
        FROM snapshot_seals x JOIN result_snapshots s ON s.id = x.snapshot_id
        JOIN cycles c ON c.id = s.cycle_id JOIN unit_groups g ON g.id = s.group_id
        WHERE ${where} ${order}`,
  );

/** The seals from `fromSeq` to `toSeq`, in chain order. */
export async function sealsInRange(executor: Executor, fromSeq: number, toSeq: number): Promise<SealRow[]> {
  return sealsWhere(executor, sql`x.seq >= ${fromSeq} AND x.seq <= ${toSeq}`, sql`ORDER BY x.seq`);
}

export async function findSealOfSnapshot(executor: Executor, snapshotId: string): Promise<SealRow | undefined> {
  return (await sealsWhere(executor, sql`x.snapshot_id = ${snapshotId}::uuid`, sql``))[0];
}

/** The seal with this hash (lower-case hex). */
export async function findSealWithHash(executor: Executor, hash: string): Promise<SealRow | undefined> {
  return (await sealsWhere(executor, sql`x.hash = ${hash}`, sql``))[0];
}

/** Published snapshots without a seal (written outside chiso), oldest first, with their label and time. */
export async function unsealedSnapshots(executor: Executor): Promise<{ id: string; label: string; created_at: string }[]> {
  return queryRows<{ id: string; label: string; created_at: string }>(
    executor,
    sql`SELECT s.id::text AS id, ${snapshotLabel} AS label, ${utcText(sql`s.created_at`)} AS created_at
        FROM result_snapshots s JOIN cycles c ON c.id = s.cycle_id JOIN unit_groups g ON g.id = s.group_id
        WHERE NOT EXISTS (SELECT 1 FROM snapshot_seals x WHERE x.snapshot_id = s.id) ORDER BY s.created_at`,
  );
}
