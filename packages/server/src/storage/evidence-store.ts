import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config/env';
import { createFolderEvidenceStore } from './folder-evidence-store';
import type { EvidenceKind } from './evidence-types';
import type { WriteLimit } from './evidence-upload';

/**
 * The evidence file store (tài liệu kiểm chứng): content-addressed, so the same bytes are kept once
 * however many documents use them, under `sha256/ab/cd/<sha256>`. The only code that touches the
 * content. Two backends behind this one interface:
 *
 * - a folder (`folder-evidence-store.ts`): `<CHISO_EVIDENCE_DIR>/files/…`, the data folder by
 *   default; a network folder mounted on every server process works the same;
 * - an S3-compatible object store (`s3-evidence-store.ts`), loaded only when chosen.
 *
 * Writing streams the upload through a SHA-256 hash and a byte counter into a local temporary
 * file, checks the content type from the first bytes, refuses as soon as the size limit is crossed,
 * and only then puts the content under its final name (rename, or PutObject): a partial upload is
 * never visible under a final name. The database is not involved.
 *
 * Garbage collection (`collectUnreferenced`) never removes content pinned in this process (written,
 * its row not committed yet), nor content younger than the grace period (`collectionGraceMs`): the
 * pins of other server processes are in their memory, so age is what protects their fresh uploads.
 * Storing content that is already there refreshes its age (touch, or a new PutObject when it is old).
 */

export interface StoredEvidence {
  sha256: string;
  size: number;
  kind: EvidenceKind;
  mimeType: string;
  /** The same bytes were already stored; nothing new was written. */
  deduplicated: boolean;
  /**
   * Unpins the content. While pinned, garbage collection leaves the file alone even if no database
   * row references it yet; call once the row is committed (or the write abandoned).
   */
  release(): void;
}

export interface CollectResult {
  /** Content files removed because nothing referenced them. */
  removed: string[];
  /** Temporary files left by interrupted uploads, removed. */
  temporaryFilesRemoved: number;
}

export interface CollectOptions {
  batchSize?: number;
  /** The clock the grace period is measured against (tests and `chiso evidence clean` pass their own). */
  now?: Date;
}

export interface EvidenceStore {
  readonly kind: 'folder' | 's3';
  /** Where the content is, for people: a folder path or `s3://bucket`. */
  readonly location: string;
  readonly maxBytes: number;
  writeEvidence(source: Readable | AsyncIterable<Uint8Array>, fileName: string, options?: WriteLimit): Promise<StoredEvidence>;
  /** A read stream of the stored content; `EvidenceMissingError` when it is missing. */
  openEvidence(sha256: string): Promise<Readable>;
  hasEvidence(sha256: string): Promise<boolean>;
  /** The stored content's size; null when it is missing. */
  statEvidence(sha256: string): Promise<{ size: number } | null>;
  /**
   * Stores bytes already checked when first uploaded (restoring a backup) under their hash,
   * refusing them when their SHA-256 differs; no type check or size limit.
   */
  importEvidence(sha256: string, source: Readable | AsyncIterable<Uint8Array>): Promise<{ size: number }>;
  /** Every stored content hash. */
  listEvidence(): AsyncGenerator<string>;
  /**
   * Removes content that `referenced` does not report as used (asked in batches), and temporary
   * files of uploads that are over. Content pinned in this process or younger than the grace
   * period is never removed.
   */
  collectUnreferenced(referenced: (sha256s: string[]) => Promise<Set<string>>, options?: CollectOptions): Promise<CollectResult>;
  /** Frees the connections of the S3 client (nothing for a folder). */
  close(): void;
}

/** What opening the configured store needs: the whole `Config` fits. */
export type EvidenceStoreSettings = Pick<Config, 'dataDir' | 'uploadMaxMb'> & Partial<Pick<Config, 'evidenceStore'>>;

const MiB = 1024 * 1024;
const opened = new WeakMap<EvidenceStoreSettings, Promise<EvidenceStore>>();

/** Folder of the temporary files of an S3 store's uploads (local to each process). */
export const s3UploadTmpDir = (dataDir: string) => path.join(dataDir, 'evidence-upload-tmp');

/**
 * The store the configuration names (CHISO_EVIDENCE_STORE), opened once per configuration object.
 * The S3 client library is imported only here, only for the S3 backend; opening it checks that the
 * bucket can be reached and fails with a Vietnamese message saying what to fix.
 */
export function openEvidenceStore(settings: EvidenceStoreSettings): Promise<EvidenceStore> {
  let found = opened.get(settings);
  if (!found) {
    found = open(settings);
    opened.set(settings, found);
  }
  return found;
}

async function open(settings: EvidenceStoreSettings): Promise<EvidenceStore> {
  const maxBytes = settings.uploadMaxMb * MiB;
  const setting = settings.evidenceStore ?? { kind: 'folder', dir: settings.dataDir };
  if (setting.kind === 'folder') return createFolderEvidenceStore({ dataDir: setting.dir, maxBytes });
  const { createS3EvidenceStore } = await import('./s3-evidence-store');
  return createS3EvidenceStore({ ...setting, maxBytes, tmpDir: s3UploadTmpDir(settings.dataDir) });
}

export { createFolderEvidenceStore, type FolderEvidenceStoreOptions } from './folder-evidence-store';
export { EvidenceMissingError, tooLargeError, collectionGraceMs, type WriteLimit } from './evidence-upload';
export { EvidenceRejectedError } from './evidence-types';
