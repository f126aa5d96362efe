import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  checkHead,
  EvidenceRejectedError,
  evidenceMimeTypes,
  kindFromFileName,
  needsContainerCheck,
  sniffLength,
  verifyContainer,
  type EvidenceKind,
} from './evidence-types';

/**
 * The evidence file store (tài liệu kiểm chứng): content-addressed files under
 * `<dataDir>/files/sha256/ab/cd/<sha256>`, so the same bytes are kept once however many documents
 * use them. The only code that touches these files.
 *
 * Writing streams the upload through a SHA-256 hash and a byte counter into a temporary file in
 * `<dataDir>/files/tmp/` (same file system), checks the content type from the first bytes, refuses
 * as soon as the size limit is crossed, fsyncs, and renames into place — a killed server never
 * leaves a partial file under a final name (only a temporary file, swept by `collectUnreferenced`).
 * The database is not involved: works the same on PGlite and PostgreSQL.
 */

export interface EvidenceStoreOptions {
  dataDir: string;
  /** Largest accepted upload in bytes; one byte more is refused. */
  maxBytes: number;
}

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

export interface EvidenceStore {
  readonly root: string;
  readonly maxBytes: number;
  writeEvidence(source: Readable | AsyncIterable<Uint8Array>, fileName: string, options?: WriteLimit): Promise<StoredEvidence>;
  /** A read stream of the stored content; `NOT_FOUND`-style error when it is missing. */
  openEvidence(sha256: string): Promise<fs.ReadStream>;
  hasEvidence(sha256: string): Promise<boolean>;
  /** Every stored content hash (walks the folder tree). */
  listEvidence(): AsyncGenerator<string>;
  /**
   * Removes content files that `referenced` does not report as used (asked in batches), and
   * temporary files of uploads no longer in progress. Pinned content (being written, its row not
   * committed yet) is never removed.
   */
  collectUnreferenced(referenced: (sha256s: string[]) => Promise<Set<string>>, options?: { batchSize?: number }): Promise<CollectResult>;
}

/** A tighter limit for one upload (what is left of the unit's quota), with its own refusal. */
export interface WriteLimit {
  maxBytes: number;
  refuse(): Error;
}

export class EvidenceMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`Không tìm thấy tệp nội dung ${sha256} trong kho tài liệu kiểm chứng.`);
    this.name = 'EvidenceMissingError';
  }
}

const sha256Pattern = /^[0-9a-f]{64}$/;
const hexPair = /^[0-9a-f]{2}$/;

/** Serialises the steps that must not interleave: placing content and deleting unreferenced content. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Coordination shared by every store object on the same folder in this process. */
interface Coordination {
  mutex: Mutex;
  pins: Map<string, number>;
  inFlight: Set<string>;
}
const coordinationByRoot = new Map<string, Coordination>();
function coordinationFor(root: string): Coordination {
  let found = coordinationByRoot.get(root);
  if (!found) {
    found = { mutex: new Mutex(), pins: new Map(), inFlight: new Set() };
    coordinationByRoot.set(root, found);
  }
  return found;
}

async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await fsp.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function tooLargeError(maxBytes: number): EvidenceRejectedError {
  const mb = maxBytes / (1024 * 1024);
  const shown = Number.isInteger(mb) ? `${mb} MB` : `${maxBytes.toLocaleString('vi-VN')} byte`;
  return new EvidenceRejectedError('too_large', `Tệp vượt quá dung lượng cho phép (tối đa ${shown} mỗi tệp). Hãy nén hoặc tách tệp rồi tải lên lại.`);
}

export function createEvidenceStore(options: EvidenceStoreOptions): EvidenceStore {
  const root = path.join(path.resolve(options.dataDir), 'files');
  const contentRoot = path.join(root, 'sha256');
  const tmpDir = path.join(root, 'tmp');
  const { maxBytes } = options;
  const { mutex, pins, inFlight } = coordinationFor(root);

  const contentPath = (sha256: string) => {
    if (!sha256Pattern.test(sha256)) throw new EvidenceMissingError(sha256);
    return path.join(contentRoot, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  const pin = (sha256: string) => {
    pins.set(sha256, (pins.get(sha256) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (pins.get(sha256) ?? 1) - 1;
      if (left > 0) pins.set(sha256, left);
      else pins.delete(sha256);
    };
  };

  async function writeEvidence(source: Readable | AsyncIterable<Uint8Array>, fileName: string, limit?: WriteLimit): Promise<StoredEvidence> {
    // The name decides what the content must be; refused before a byte is read.
    const expected = kindFromFileName(fileName);
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmpName = `${randomUUID()}.part`;
    const tmpPath = path.join(tmpDir, tmpName);
    inFlight.add(tmpName);
    let handle: fsp.FileHandle | undefined;
    let sink: fs.WriteStream | undefined;
    let placed = false;
    try {
      const hash = createHash('sha256');
      let size = 0;
      let head: Buffer = Buffer.alloc(0);
      let headChecked = false;
      const meter = new Transform({
        transform(chunk: Buffer | string, _encoding, callback) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          size += bytes.length;
          // Refused the moment a limit is crossed: the pipeline then stops pulling the source.
          if (size > maxBytes) return callback(tooLargeError(maxBytes));
          if (limit && size > limit.maxBytes) return callback(limit.refuse());
          if (!headChecked) {
            head = Buffer.concat([head, bytes.subarray(0, sniffLength - head.length)]);
            if (head.length >= sniffLength) {
              headChecked = true;
              try {
                checkHead(fileName, expected, head);
              } catch (error) {
                return callback(error as Error);
              }
            }
          }
          hash.update(bytes);
          callback(null, bytes);
        },
        flush(callback) {
          if (!headChecked) {
            try {
              checkHead(fileName, expected, head);
            } catch (error) {
              return callback(error as Error);
            }
          }
          callback();
        },
      });
      sink = fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o640 });
      await pipeline(source, meter, sink);
      // Written and closed: look inside containers, then make the bytes durable before the rename.
      handle = await fsp.open(tmpPath, 'r+');
      const kind = needsContainerCheck(expected) ? await verifyContainer(handle, size, fileName, expected) : expected;
      await handle.sync();
      await handle.close();
      handle = undefined;

      const sha256 = hash.digest('hex');
      const finalPath = contentPath(sha256);
      const finalDir = path.dirname(finalPath);
      const { deduplicated, release } = await mutex.run(async () => {
        const created = await fsp.mkdir(finalDir, { recursive: true });
        const existing = await fsp.stat(finalPath).catch(() => undefined);
        const same = existing?.isFile() === true && existing.size === size;
        if (same) {
          await fsp.rm(tmpPath, { force: true });
        } else {
          await fsp.rename(tmpPath, finalPath);
          await fsyncDirectory(finalDir);
          if (created) {
            // New ab/ or ab/cd/ folders: make their entries durable too.
            await fsyncDirectory(path.dirname(finalDir));
            await fsyncDirectory(contentRoot);
          }
        }
        placed = true;
        return { deduplicated: same, release: pin(sha256) };
      });
      return { sha256, size, kind, mimeType: evidenceMimeTypes[kind], deduplicated, release };
    } finally {
      if (handle) await handle.close().catch(() => undefined);
      // A refused upload may fail before the file is even open: wait until the stream has opened
      // and closed it, or the removal would run first and leave the file behind.
      if (sink && !sink.closed) await once(sink, 'close').catch(() => undefined);
      if (!placed) await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
      inFlight.delete(tmpName);
    }
  }

  async function openEvidence(sha256: string): Promise<fs.ReadStream> {
    const file = contentPath(sha256);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new EvidenceMissingError(sha256);
      throw error;
    }
    // The stream owns the handle and closes it at the end; a file removed meanwhile stays readable.
    return handle.createReadStream();
  }

  async function hasEvidence(sha256: string): Promise<boolean> {
    if (!sha256Pattern.test(sha256)) return false;
    const stat = await fsp.stat(contentPath(sha256)).catch(() => undefined);
    return stat?.isFile() === true;
  }

  const readDir = (directory: string) => fsp.readdir(directory).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));

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

  async function collectUnreferenced(
    referenced: (sha256s: string[]) => Promise<Set<string>>,
    { batchSize = 500 }: { batchSize?: number } = {},
  ): Promise<CollectResult> {
    const removed: string[] = [];
    const sweep = async (batch: string[]) =>
      // Under the mutex: no upload can place (and pin) one of these while we decide and delete.
      mutex.run(async () => {
        const candidates = batch.filter((sha256) => !pins.has(sha256));
        if (candidates.length === 0) return;
        const used = await referenced(candidates);
        for (const sha256 of candidates) {
          if (used.has(sha256)) continue;
          await fsp.rm(contentPath(sha256), { force: true });
          removed.push(sha256);
        }
      });
    let batch: string[] = [];
    for await (const sha256 of listEvidence()) {
      batch.push(sha256);
      if (batch.length >= batchSize) {
        await sweep(batch);
        batch = [];
      }
    }
    if (batch.length) await sweep(batch);

    let temporaryFilesRemoved = 0;
    for (const name of await readDir(tmpDir)) {
      if (inFlight.has(name)) continue;
      await fsp.rm(path.join(tmpDir, name), { force: true });
      temporaryFilesRemoved++;
    }
    return { removed, temporaryFilesRemoved };
  }

  return { root, maxBytes, writeEvidence, openEvidence, hasEvidence, listEvidence, collectUnreferenced };
}

export { EvidenceRejectedError };
