/**
 * What the public sees of a snapshot's seal: its hash (printed on the results page and in the
 * documents) and its canonical document (`…/snapshot.json`, whose SHA-256 is that hash).
 */
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { queryRows, snapshotDocument, type SnapshotColumns } from './chain';

interface SealRow {
  seq: string;
  previous_hash: string;
  hash: string;
  columns: SnapshotColumns;
}

async function readSeal(executor: Executor, where: ReturnType<typeof sql>): Promise<(SealRow & { snapshot_id: string; label: string; created_at: string }) | undefined> {
  const [row] = await queryRows<SealRow & { snapshot_id: string; label: string; created_at: string }>(
    executor,
    sql`SELECT x.seq::text AS seq, x.snapshot_id::text AS snapshot_id, x.previous_hash, x.hash, x.columns,
               concat('kết quả công bố kỳ ', c.program_code, ' ', c.year, ', nhóm ', g.name, ', bản số ', s.number) AS label,
               to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
        FROM snapshot_seals x JOIN result_snapshots s ON s.id = x.snapshot_id
        JOIN cycles c ON c.id = s.cycle_id JOIN unit_groups g ON g.id = s.group_id WHERE ${where}`,
  );
  return row;
}

/** The sealed hash of a snapshot (null for a snapshot without seal: reported by the verification). */
export async function snapshotHash(executor: Executor, snapshotId: string): Promise<string | null> {
  const [row] = await queryRows<{ hash: string }>(executor, sql`SELECT hash FROM snapshot_seals WHERE snapshot_id = ${snapshotId}::uuid`);
  return row?.hash ?? null;
}

/** The canonical document of a snapshot, from its rows as they are now (its SHA-256 is the sealed hash unless they were changed). */
export async function snapshotJson(db: Database, snapshotId: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const seal = await readSeal(tx, sql`x.snapshot_id = ${snapshotId}::uuid`);
    return seal ? (await snapshotDocument(tx, snapshotId, seal.previous_hash, seal.columns)).text : null;
  });
}

/** The publication sealed with this hash, and whether its rows still hash to it. */
export async function findSealByHash(db: Database, hash: string): Promise<{ label: string; createdAt: string; seq: number; intact: boolean } | null> {
  return db.transaction(async (tx) => {
    const seal = await readSeal(tx, sql`x.hash = ${hash.toLowerCase()}`);
    if (!seal) return null;
    const document = await snapshotDocument(tx, seal.snapshot_id, seal.previous_hash, seal.columns);
    return { label: seal.label, createdAt: seal.created_at, seq: Number(seal.seq), intact: document.hash === seal.hash };
  });
}
