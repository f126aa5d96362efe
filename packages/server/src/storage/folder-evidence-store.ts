import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { CollectOptions, CollectResult, EvidenceStore, StoredEvidence } from './evidence-store';
import { evidenceMimeTypes } from './evidence-types';
import {
  collectionGraceMs,
  contentKey,
  coordinationFor,
  EvidenceMissingError,
  inBatches,
  readDir,
  receiveKnownContent,
  receiveUpload,
  removeStaleTemporaryFiles,
  sha256Pattern,
  type WriteLimit,
} from './evidence-upload';

/**
 * The folder backend: content under `<dataDir>/files/sha256/ab/cd/<sha256>`, temporary files in
 * `<dataDir>/files/tmp/` (same file system: the final step is a rename, after an fsync). A killed
 * server never leaves a partial file under a final name, only a temporary file, swept by
 * `collectUnreferenced` once it is older than the grace period.
 *
 * Several processes may share the folder (a network folder mounted on each). A collection in one
 * process never removes what another has just stored: content younger than the grace period is
 * left alone, storing content that is already there refreshes its modification time, and removal
 * first renames the file aside and looks at its time again, so a refresh that came in between
 * (another process reusing the content) puts it back. A refresh that comes after the rename finds
 * no file and writes the content anew.
 */

export interface FolderEvidenceStoreOptions {
  /** The folder that holds `files/` (CHISO_EVIDENCE_DIR; the data folder by default). */
  dataDir: string;
  /** Largest accepted upload in bytes; one byte more is refused. */
  maxBytes: number;
  /** Content and temporary files younger than this are never collected (`collectionGraceMs` by default). */
  graceMs?: number;
}

const hexPair = /^[0-9a-f]{2}$/;

async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await fsp.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function createFolderEvidenceStore(options: FolderEvidenceStoreOptions): EvidenceStore {
  const root = path.join(path.resolve(options.dataDir), 'files');
  const contentRoot = path.join(root, 'sha256');
  const tmpDir = path.join(root, 'tmp');
  const { maxBytes, graceMs = collectionGraceMs } = options;
  const { mutex, pins, inFlight, pin } = coordinationFor(root);
  const contentPath = (sha256: string) => path.join(root, contentKey(sha256));

  /** Marks existing content as just used (another process's collection then leaves it); false when it is gone. */
  const refresh = async (file: string) => {
    const now = new Date();
    return fsp.utimes(file, now, now).then(
      () => true,
      (error: unknown) => (missing(error) ? false : Promise.reject(error)),
    );
  };

  /** Puts a received temporary file under its final name unless the same content is there (then refreshed); pins it. */
  const place = (sha256: string, size: number, tmpPath: string) =>
    mutex.run(async () => {
      const finalPath = contentPath(sha256);
      const finalDir = path.dirname(finalPath);
      const created = await fsp.mkdir(finalDir, { recursive: true });
      const existing = await fsp.stat(finalPath).catch(() => undefined);
      const same = existing?.isFile() === true && existing.size === size && (await refresh(finalPath));
      if (!same) {
        await fsp.rename(tmpPath, finalPath);
        await fsyncDirectory(finalDir);
        if (created) {
          // New ab/ or ab/cd/ folders: make their entries durable too.
          await fsyncDirectory(path.dirname(finalDir));
          await fsyncDirectory(contentRoot);
        }
      }
      return { deduplicated: same, release: pin(sha256) };
    });

  async function writeEvidence(source: Readable | AsyncIterable<Uint8Array>, fileName: string, limit?: WriteLimit): Promise<StoredEvidence> {
    const received = await receiveUpload(source, fileName, { tmpDir, maxBytes, limit, inFlight });
    try {
      const { sha256, size, kind, tmpPath } = received;
      const { deduplicated, release } = await place(sha256, size, tmpPath);
      return { sha256, size, kind, mimeType: evidenceMimeTypes[kind], deduplicated, release };
    } finally {
      await received.settle();
    }
  }

  async function importEvidence(sha256: string, source: Readable | AsyncIterable<Uint8Array>): Promise<{ size: number }> {
    const received = await receiveKnownContent(sha256, source, { tmpDir, inFlight });
    try {
      (await place(sha256, received.size, received.tmpPath)).release();
      return { size: received.size };
    } finally {
      await received.settle();
    }
  }

  async function statEvidence(sha256: string): Promise<{ size: number } | null> {
    if (!sha256Pattern.test(sha256)) return null;
    const stat = await fsp.stat(contentPath(sha256)).catch(() => undefined);
    return stat?.isFile() ? { size: stat.size } : null;
  }

  async function openEvidence(sha256: string): Promise<Readable> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(contentPath(sha256), 'r');
    } catch (error) {
      if (missing(error)) throw new EvidenceMissingError(sha256);
      throw error;
    }
    // The stream owns the handle and closes it at the end; a file removed meanwhile stays readable.
    return handle.createReadStream();
  }

  const hasEvidence = async (sha256: string) => (await statEvidence(sha256)) !== null;

  async function* listEvidence(): AsyncGenerator<string> {
    for (const first of (await readDir(contentRoot)).sort()) {
      if (!hexPair.test(first)) continue;
      for (const second of (await readDir(path.join(contentRoot, first))).sort()) {
        if (!hexPair.test(second)) continue;
        for (const name of (await readDir(path.join(contentRoot, first, second))).sort()) {
          if (sha256Pattern.test(name) && name.startsWith(first + second)) yield name;
        }
      }
    }
  }

  /** Removes one content file unless it was refreshed after `cutoff`; true when removed. */
  async function removeIfStale(sha256: string, cutoff: number): Promise<boolean> {
    const file = contentPath(sha256);
    const aside = path.join(tmpDir, `${sha256}.${randomUUID()}.collected`);
    await fsp.mkdir(tmpDir, { recursive: true });
    try {
      await fsp.rename(file, aside);
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
    const stat = await fsp.stat(aside);
    if (stat.mtimeMs > cutoff) {
      // Another process reused it between our look and the rename: put it back (a copy it wrote
      // meanwhile has the same bytes).
      await fsp.rename(aside, file);
      return false;
    }
    await fsp.rm(aside, { force: true });
    return true;
  }

  async function collectUnreferenced(referenced: (sha256s: string[]) => Promise<Set<string>>, { batchSize = 500, now = new Date() }: CollectOptions = {}): Promise<CollectResult> {
    const cutoff = now.getTime() - graceMs;
    const removed: string[] = [];
    const sweep = async (batch: string[]) =>
      // Under the mutex: no upload of this process can place (and pin) one of these while we decide and delete.
      mutex.run(async () => {
        const candidates: string[] = [];
        for (const sha256 of batch) {
          if (pins.has(sha256)) continue;
          const stat = await fsp.stat(contentPath(sha256)).catch(() => undefined);
          if (stat && stat.mtimeMs <= cutoff) candidates.push(sha256);
        }
        if (candidates.length === 0) return;
        const used = await referenced(candidates);
        for (const sha256 of candidates) {
          if (!used.has(sha256) && (await removeIfStale(sha256, cutoff))) removed.push(sha256);
        }
      });
    await inBatches(listEvidence(), batchSize, sweep);
    const temporaryFilesRemoved = await removeStaleTemporaryFiles(tmpDir, inFlight, cutoff);
    return { removed, temporaryFilesRemoved };
  }

  return { kind: 'folder', location: root, maxBytes, writeEvidence, openEvidence, hasEvidence, statEvidence, importEvidence, listEvidence, collectUnreferenced, close: () => undefined };
}
