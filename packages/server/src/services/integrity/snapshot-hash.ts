/**
 * What the public sees of a snapshot's seal: its hash (printed on the results page and in the
 * documents) and its canonical document (`…/snapshot.json`, whose SHA-256 is that hash).
 */
import type { Database, Executor } from '../../db/client';
import { findSealHash, findSealOfSnapshot, findSealWithHash } from '../../db/repositories/integrity-repository';
import { snapshotDocument } from './chain';

/** The sealed hash of a snapshot (null for a snapshot without seal: reported by the verification). */
export async function snapshotHash(executor: Executor, snapshotId: string): Promise<string | null> {
  return (await findSealHash(executor, snapshotId)) ?? null;
}

/** The canonical document of a snapshot, from its rows as they are now (its SHA-256 is the sealed hash unless they were changed). */
export async function snapshotJson(db: Database, snapshotId: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const seal = await findSealOfSnapshot(tx, snapshotId);
    return seal ? (await snapshotDocument(tx, snapshotId, seal.previous_hash, seal.columns)).text : null;
  });
}

/** The publication sealed with this hash, and whether its rows still hash to it. */
export async function findSealByHash(db: Database, hash: string): Promise<{ label: string; createdAt: string; seq: number; intact: boolean } | null> {
  return db.transaction(async (tx) => {
    const seal = await findSealWithHash(tx, hash.toLowerCase());
    if (!seal) return null;
    const document = await snapshotDocument(tx, seal.snapshot_id, seal.previous_hash, seal.columns);
    return { label: `kết quả công bố ${seal.label}`, createdAt: seal.created_at, seq: Number(seal.seq), intact: document.hash === seal.hash };
  });
}
