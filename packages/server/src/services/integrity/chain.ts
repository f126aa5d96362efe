/**
 * Hash chains over the audit trail and the published snapshots (docs/security.md). Each entry's
 * hash covers the canonical form of its row(s) and the previous entry's hash, so an edited,
 * deleted or reordered row breaks the chain where it happened. Appends lock the chain's head row
 * (FOR UPDATE) until the writer's transaction ends, so concurrent writers extend it one at a time:
 * audit events at commit, by a deferred trigger (migration 0010), which hashes them in SQL; this
 * module hashes them again on its own to verify. Snapshots are sealed here, when written.
 */
import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/client';
import {
  createChainHead, currentSnapshotColumns, findSealHash, insertSnapshotSeal, moveChainHead, moveChainHeadSealed, readChainHead,
  restoreTransactionTimeZone, snapshotPartRows, unsealedSnapshotIds, useUtcForTransaction,
  type CanonicalEvent, type ChainName, type SnapshotColumns, type SnapshotPart, type TextRow,
} from '../../db/repositories/integrity-repository';

export type { CanonicalEvent, ChainName, SnapshotColumns, SnapshotPart };

export const GENESIS_HASH = '0'.repeat(64);
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

/** An audit event's canonical JSON (the same as chiso_audit_canonical's, migration 0010). */
export const canonicalEvent = (row: CanonicalEvent): string =>
  canonicalJson({
    id: row.id, at: row.at, actorUserId: row.actorUserId, actorUsername: row.actorUsername, ip: row.ip, entityType: row.entityType,
    entityId: row.entityId, action: row.action, before: row.before, after: row.after, reason: row.reason,
  });

interface Head {
  seq: number;
  hash: string;
}

/** The chain's head, read without locking (verification); undefined before the first append. */
export async function chainHead(executor: Executor, name: ChainName): Promise<Head | undefined> {
  const head = await readChainHead(executor, name, false);
  return head && { seq: head.seq, hash: head.hash };
}

/**
 * Locks the snapshot chain's head until the transaction ends. The first time (a database from
 * before the chain), the snapshots already there are sealed first, oldest first.
 */
async function lockSnapshotChainHead(tx: Executor): Promise<Head> {
  const name: ChainName = 'snapshots';
  let head = await readChainHead(tx, name, true);
  if (!head) {
    await createChainHead(tx, name, GENESIS_HASH);
    head = (await readChainHead(tx, name, true))!;
  }
  if (head.sealed) return head;
  const sealed = await sealBacklogSnapshots(tx, head);
  await moveChainHeadSealed(tx, name, sealed);
  return sealed;
}

/** Makes sure the snapshot chain covers the snapshots published before it (before verifying). */
export async function ensureChains(db: Database): Promise<void> {
  await db.transaction((tx) => lockSnapshotChainHead(tx));
}

// ---------------------------------------------------------------------------------------------
// Published snapshots

/**
 * The rows of one snapshot table, every value as the text PostgreSQL prints for it (decimals as
 * stored, e.g. "81.3300"; timestamps in UTC), only the listed columns, in canonical order.
 */
async function snapshotRows(tx: Executor, part: SnapshotPart, snapshotId: string, columns: readonly string[]): Promise<TextRow[]> {
  const picked = (await snapshotPartRows(tx, part, snapshotId)).map(
    (all): TextRow => Object.fromEntries(columns.map((c) => [c, c in all ? all[c]! : '(không còn cột này)'])),
  );
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
  const zone = await useUtcForTransaction(tx);
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
    // Rows by unit in one pass (their order kept): filtering every row per unit is quadratic —
    // 3,321 units × 498,150 leaves held a publication for many minutes.
    const byUnit = (rows: TextRow[]) => {
      const out = new Map<string, TextRow[]>();
      for (const r of rows) {
        if (r.unit_id === null || r.unit_id === undefined) continue;
        const list = out.get(r.unit_id);
        if (list) list.push(r);
        else out.set(r.unit_id, [r]);
      }
      return out;
    };
    const [fieldsOf, leavesOf] = [byUnit(fields), byUnit(leaves)];
    for (const unit of units) {
      const id = unit.unit_id ?? '';
      unitHashes[id] = sha256Hex(canonicalJson({ unit, fields: fieldsOf.get(id) ?? [], leaves: leavesOf.get(id) ?? [] }));
      unitNames[id] = `${unit.unit_code ?? ''} ${unit.unit_name ?? ''}`.trim();
    }
    return { text, hash: sha256Hex(text), unitHashes, unitNames };
  } finally {
    await restoreTransactionTimeZone(tx, zone);
  }
}

async function appendSeal(tx: Executor, head: Head, snapshotId: string): Promise<Head> {
  const columns = await currentSnapshotColumns(tx);
  const document = await snapshotDocument(tx, snapshotId, head.hash, columns);
  const seq = head.seq + 1;
  await insertSnapshotSeal(tx, { snapshotId, seq, previousHash: head.hash, hash: document.hash, columns, unitHashes: document.unitHashes });
  return { seq, hash: document.hash };
}

async function sealBacklogSnapshots(tx: Executor, head: Head): Promise<Head> {
  let current: Head = { seq: head.seq, hash: head.hash };
  for (const id of await unsealedSnapshotIds(tx)) current = await appendSeal(tx, current, id);
  return current;
}

/** Seals a snapshot just written (head, units, fields, leaves), in the same transaction; returns its hash. */
export async function sealSnapshot(tx: Executor, snapshotId: string): Promise<string> {
  const head = await lockSnapshotChainHead(tx);
  // The chain's first append seals what was there already, this snapshot included.
  const already = await findSealHash(tx, snapshotId);
  if (already) return already;
  const sealed = await appendSeal(tx, head, snapshotId);
  await moveChainHead(tx, 'snapshots', sealed);
  return sealed.hash;
}
