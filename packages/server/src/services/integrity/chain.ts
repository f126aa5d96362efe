/**
 * Hash chains over the audit trail and the published snapshots (docs/security.md). Each entry's
 * hash covers the canonical form of its row(s) and the previous entry's hash, so an edited,
 * deleted or reordered row breaks the chain where it happened. Appends lock the chain's head row
 * (FOR UPDATE) until the writer's transaction ends, so concurrent writers extend it one at a time:
 * audit events at commit, by a deferred trigger (migration 0010), which hashes them in SQL; this
 * module hashes them again on its own to verify. Snapshots are sealed here, when written.
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';

export const GENESIS_HASH = '0'.repeat(64);
export type ChainName = 'audit' | 'snapshots';
/** The `format` of a snapshot's canonical document. */
export const SNAPSHOT_FORMAT = 'chiso.result-snapshot/1';

/** JSON with object keys in code-unit order, no spaces; `undefined` members left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An audit chain entry's hash: the previous hash, a newline, the event's canonical JSON. */
export function chainHash(previousHash: string, canonical: string): string {
  return sha256Hex(`${previousHash}\n${canonical}`);
}

export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  return ((await executor.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * An audit event as hashed: every column as text (jsonb in PostgreSQL's own text form, which keeps
 * decimals exactly as written), keyed by its name in code. Must give the same JSON as the SQL
 * function chiso_audit_canonical (migration 0010), which chains the events.
 */
export const canonicalEventColumns = sql.raw(`e.id::text AS "id",
  to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "at",
  e.actor_user_id::text AS "actorUserId", e.actor_username AS "actorUsername", e.ip::text AS "ip",
  e.entity_type AS "entityType", e.entity_id AS "entityId", e.action AS "action",
  e.before::text AS "before", e.after::text AS "after", e.reason AS "reason"`);

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

export const canonicalEvent = (row: CanonicalEvent): string =>
  canonicalJson({
    id: row.id, at: row.at, actorUserId: row.actorUserId, actorUsername: row.actorUsername, ip: row.ip, entityType: row.entityType,
    entityId: row.entityId, action: row.action, before: row.before, after: row.after, reason: row.reason,
  });

interface Head {
  seq: number;
  hash: string;
}

async function readHead(executor: Executor, name: ChainName, lock: boolean): Promise<(Head & { sealed: boolean }) | undefined> {
  const [row] = await queryRows<{ seq: string; hash: string; sealed: boolean }>(
    executor,
    sql`SELECT seq::text AS seq, hash, sealed_at IS NOT NULL AS sealed FROM chain_heads WHERE name = ${name} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return row && { seq: Number(row.seq), hash: row.hash, sealed: row.sealed };
}

/** The chain's head, read without locking (verification); undefined before the first append. */
export async function chainHead(executor: Executor, name: ChainName): Promise<Head | undefined> {
  const head = await readHead(executor, name, false);
  return head && { seq: head.seq, hash: head.hash };
}

/**
 * Locks the snapshot chain's head until the transaction ends. The first time (a database from
 * before the chain), the snapshots already there are sealed first, oldest first.
 */
async function lockSnapshotChainHead(tx: Executor): Promise<Head> {
  const name: ChainName = 'snapshots';
  let head = await readHead(tx, name, true);
  if (!head) {
    await tx.execute(sql`INSERT INTO chain_heads (name, seq, hash) VALUES (${name}, 0, ${GENESIS_HASH}) ON CONFLICT (name) DO NOTHING`);
    head = (await readHead(tx, name, true))!;
  }
  if (head.sealed) return head;
  const sealed = await sealBacklogSnapshots(tx, head);
  await tx.execute(sql`UPDATE chain_heads SET seq = ${sealed.seq}, hash = ${sealed.hash}, sealed_at = now() WHERE name = ${name}`);
  return sealed;
}

async function moveHead(tx: Executor, name: ChainName, head: Head): Promise<void> {
  await tx.execute(sql`UPDATE chain_heads SET seq = ${head.seq}, hash = ${head.hash} WHERE name = ${name}`);
}

/** Makes sure the snapshot chain covers the snapshots published before it (before verifying). */
export async function ensureChains(db: Database): Promise<void> {
  await db.transaction((tx) => lockSnapshotChainHead(tx));
}

// ---------------------------------------------------------------------------------------------
// Published snapshots

const snapshotTables = { snapshot: 'result_snapshots', units: 'result_units', fields: 'result_fields', leaves: 'result_leaves' } as const;
export type SnapshotPart = keyof typeof snapshotTables;
export type SnapshotColumns = Record<SnapshotPart, string[]>;
type Row = Record<string, string | null>;

/** The columns of the snapshot tables today (a seal keeps the list it hashed). */
async function currentSnapshotColumns(executor: Executor): Promise<SnapshotColumns> {
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
 * The rows of one snapshot table, every value as the text PostgreSQL prints for it (decimals as
 * stored, e.g. "81.3300"; timestamps in UTC), only the listed columns, in canonical order.
 */
async function snapshotRows(tx: Executor, part: SnapshotPart, snapshotId: string, columns: readonly string[]): Promise<Row[]> {
  const table = sql.identifier(snapshotTables[part]);
  const key = part === 'snapshot' ? sql.identifier('id') : sql.identifier('snapshot_id');
  const rows = await queryRows<{ j: string }>(
    tx,
    sql`SELECT (SELECT json_object_agg(f.key, f.value) FROM json_each_text(row_to_json(t)) f)::text AS j FROM ${table} t WHERE t.${key} = ${snapshotId}::uuid`,
  );
  const picked = rows.map((r) => {
    const all = JSON.parse(r.j) as Row;
    return Object.fromEntries(columns.map((c) => [c, c in all ? all[c]! : '(không còn cột này)']));
  });
  return picked.map((row) => [canonicalJson(row), row] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

export interface SnapshotDocument {
  /** The exact bytes hashed (UTF-8): what `GET …/snapshot.json` serves. */
  text: string;
  hash: string;
  /** Per unit id: the hash of that unit's rows (to say where a changed snapshot differs). */
  unitHashes: Record<string, string>;
  /** Unit id → "code name", for messages. */
  unitNames: Record<string, string>;
}

/**
 * A snapshot's canonical document: `{fields, format, leavesHash, previousHash, snapshot, units}` as
 * canonical JSON. Runs in a transaction of its own settings: row_to_json prints timestamps in the
 * session's time zone, set to UTC here for this transaction only and restored after.
 */
export async function snapshotDocument(tx: Executor, snapshotId: string, previousHash: string, columns: SnapshotColumns): Promise<SnapshotDocument> {
  const [zone] = await queryRows<{ tz: string }>(tx, sql`SELECT current_setting('TimeZone') AS tz, set_config('TimeZone', 'UTC', true)`);
  try {
    const [snapshot, units, fields, leaves] = [
      (await snapshotRows(tx, 'snapshot', snapshotId, columns.snapshot))[0] ?? null,
      await snapshotRows(tx, 'units', snapshotId, columns.units),
      await snapshotRows(tx, 'fields', snapshotId, columns.fields),
      await snapshotRows(tx, 'leaves', snapshotId, columns.leaves),
    ];
    // Per-criterion points are not public (only the trace shows them, to those allowed): the public
    // document carries their hash, which seals them all the same.
    const text = canonicalJson({ format: SNAPSHOT_FORMAT, previousHash, snapshot, units, fields, leavesHash: sha256Hex(canonicalJson(leaves)) });
    const unitHashes: Record<string, string> = {};
    const unitNames: Record<string, string> = {};
    for (const unit of units) {
      const id = unit.unit_id ?? '';
      const mine = (rows: Row[]) => rows.filter((r) => r.unit_id === id);
      unitHashes[id] = sha256Hex(canonicalJson({ unit, fields: mine(fields), leaves: mine(leaves) }));
      unitNames[id] = `${unit.unit_code ?? ''} ${unit.unit_name ?? ''}`.trim();
    }
    return { text, hash: sha256Hex(text), unitHashes, unitNames };
  } finally {
    await tx.execute(sql`SELECT set_config('TimeZone', ${zone!.tz}, true)`);
  }
}

async function appendSeal(tx: Executor, head: Head, snapshotId: string): Promise<Head> {
  const columns = await currentSnapshotColumns(tx);
  const document = await snapshotDocument(tx, snapshotId, head.hash, columns);
  const seq = head.seq + 1;
  await tx.execute(sql`INSERT INTO snapshot_seals (snapshot_id, seq, previous_hash, hash, columns, unit_hashes)
    VALUES (${snapshotId}::uuid, ${seq}, ${head.hash}, ${document.hash}, ${JSON.stringify(columns)}::jsonb, ${JSON.stringify(document.unitHashes)}::jsonb)`);
  return { seq, hash: document.hash };
}

async function sealBacklogSnapshots(tx: Executor, head: Head): Promise<Head> {
  const pending = await queryRows<{ id: string }>(
    tx,
    sql`SELECT s.id::text AS id FROM result_snapshots s WHERE NOT EXISTS (SELECT 1 FROM snapshot_seals x WHERE x.snapshot_id = s.id) ORDER BY s.created_at, s.id`,
  );
  let current: Head = { seq: head.seq, hash: head.hash };
  for (const { id } of pending) current = await appendSeal(tx, current, id);
  return current;
}

/** Seals a snapshot just written (head, units, fields, leaves), in the same transaction; returns its hash. */
export async function sealSnapshot(tx: Executor, snapshotId: string): Promise<string> {
  const head = await lockSnapshotChainHead(tx);
  // The chain's first append seals what was there already, this snapshot included.
  const [already] = await queryRows<{ hash: string }>(tx, sql`SELECT hash FROM snapshot_seals WHERE snapshot_id = ${snapshotId}::uuid`);
  if (already) return already.hash;
  const sealed = await appendSeal(tx, head, snapshotId);
  await moveHead(tx, 'snapshots', sealed);
  return sealed.hash;
}
