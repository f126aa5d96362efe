import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkHead, EvidenceRejectedError, kindFromFileName, needsContainerCheck, sniffLength, verifyContainer, type EvidenceKind } from './evidence-types';

/**
 * What both evidence backends share (storage/evidence-store.ts describes the store): receiving an
 * upload into a local temporary file (SHA-256, size limits, content type), the in-process
 * coordination with garbage collection (a mutex and pins), and the grace period that makes
 * collection safe across several server processes.
 */

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

export const sha256Pattern = /^[0-9a-f]{64}$/;

/** `sha256/ab/cd/<sha256>`: where content lives, under the folder or as the object key. */
export function contentKey(sha256: string): string {
  if (!sha256Pattern.test(sha256)) throw new EvidenceMissingError(sha256);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * Content (and temporary files) younger than this is never collected, whatever the database says.
 * Another server process may have just written it (or found it already there and refreshed it) and
 * not committed the row that refers to it yet; its pins are in its own memory. A row is committed
 * seconds after its content is written, so an hour is a wide margin; unreferenced content merely
 * waits for the next daily collection.
 */
export const collectionGraceMs = 60 * 60 * 1000;

export function tooLargeError(maxBytes: number): EvidenceRejectedError {
  const mb = maxBytes / (1024 * 1024);
  const shown = Number.isInteger(mb) ? `${mb} MB` : `${maxBytes.toLocaleString('vi-VN')} byte`;
  return new EvidenceRejectedError('too_large', `Tệp vượt quá dung lượng cho phép (tối đa ${shown} mỗi tệp). Hãy nén hoặc tách tệp rồi tải lên lại.`);
}

/** Serialises the steps that must not interleave: placing content and deleting unreferenced content. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Coordination shared by every store object on the same place (folder, bucket) in this process:
 * the mutex, the pinned content (written, its row not committed yet) and the temporary files of
 * uploads in progress. Other processes are covered by the grace period.
 */
export interface Coordination {
  mutex: Mutex;
  pins: Map<string, number>;
  inFlight: Set<string>;
  /** Pins `sha256` until the returned function is called (once; later calls do nothing). */
  pin(sha256: string): () => void;
}
const coordinationByPlace = new Map<string, Coordination>();
export function coordinationFor(place: string): Coordination {
  let found = coordinationByPlace.get(place);
  if (!found) {
    const pins = new Map<string, number>();
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
    found = { mutex: new Mutex(), pins, inFlight: new Set(), pin };
    coordinationByPlace.set(place, found);
  }
  return found;
}

export interface ReceivedUpload {
  sha256: string;
  size: number;
  kind: EvidenceKind;
  /** The durable (fsynced) temporary file holding the bytes. */
  tmpPath: string;
  tmpName: string;
}

/**
 * Streams an upload through a SHA-256 hash and a byte counter into a new temporary file in
 * `tmpDir`, checks the content type from the first bytes (and inside containers), refuses as soon
 * as a size limit is crossed, and fsyncs. On refusal the temporary file is removed; on success the
 * caller owns it (and its name stays in `coordination.inFlight` until the caller calls `settle`).
 */
export async function receiveUpload(
  source: Readable | AsyncIterable<Uint8Array>,
  fileName: string,
  options: { tmpDir: string; maxBytes: number; limit?: WriteLimit; inFlight: Set<string> },
): Promise<ReceivedUpload & { settle(): Promise<void> }> {
  const { tmpDir, maxBytes, limit, inFlight } = options;
  // The name decides what the content must be; refused before a byte is read.
  const expected = kindFromFileName(fileName);
  await fsp.mkdir(tmpDir, { recursive: true });
  const tmpName = `${randomUUID()}.part`;
  const tmpPath = path.join(tmpDir, tmpName);
  inFlight.add(tmpName);
  const settle = async () => {
    await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
    inFlight.delete(tmpName);
  };
  let handle: fsp.FileHandle | undefined;
  let sink: fs.WriteStream | undefined;
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
    // Written and closed: look inside containers, then make the bytes durable.
    handle = await fsp.open(tmpPath, 'r+');
    const kind = needsContainerCheck(expected) ? await verifyContainer(handle, size, fileName, expected) : expected;
    await handle.sync();
    await handle.close();
    handle = undefined;
    return { sha256: hash.digest('hex'), size, kind, tmpPath, tmpName, settle };
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    // A refused upload may fail before the file is even open: wait until the stream has opened
    // and closed it, or the removal would run first and leave the file behind.
    if (sink && !sink.closed) await once(sink, 'close').catch(() => undefined);
    await settle();
    throw error;
  }
}

/**
 * Streams bytes that were checked when first uploaded (a backup being restored) into a new
 * temporary file, and refuses them unless their SHA-256 is `sha256`: no type check, no size limit.
 */
export async function receiveKnownContent(
  sha256: string,
  source: Readable | AsyncIterable<Uint8Array>,
  options: { tmpDir: string; inFlight: Set<string> },
): Promise<{ size: number; tmpPath: string; settle(): Promise<void> }> {
  if (!sha256Pattern.test(sha256)) throw new EvidenceMissingError(sha256);
  await fsp.mkdir(options.tmpDir, { recursive: true });
  const tmpName = `${randomUUID()}.part`;
  const tmpPath = path.join(options.tmpDir, tmpName);
  options.inFlight.add(tmpName);
  const settle = async () => {
    await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
    options.inFlight.delete(tmpName);
  };
  try {
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(source, meter, fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o640 }));
    const actual = hash.digest('hex');
    if (actual !== sha256) throw new Error(`Nội dung tệp ${sha256} bị hỏng (SHA-256 thực tế ${actual}); không nhận tệp này.`);
    const handle = await fsp.open(tmpPath, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { size, tmpPath, settle };
  } catch (error) {
    await settle();
    throw error;
  }
}

/** Hands the hashes to `sweep` in batches of `size` (collection asks the database about a batch at once). */
export async function inBatches(hashes: AsyncIterable<string>, size: number, sweep: (batch: string[]) => Promise<void>): Promise<void> {
  let batch: string[] = [];
  for await (const sha256 of hashes) {
    batch.push(sha256);
    if (batch.length >= size) {
      await sweep(batch);
      batch = [];
    }
  }
  if (batch.length) await sweep(batch);
}

const readDir = (directory: string) => fsp.readdir(directory).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
export { readDir };

/**
 * Removes the temporary files of uploads that are over: not in progress in this process, and not
 * touched for the grace period (an upload in progress in another process writes to its file).
 */
export async function removeStaleTemporaryFiles(tmpDir: string, inFlight: Set<string>, cutoff: number): Promise<number> {
  let removed = 0;
  for (const name of await readDir(tmpDir)) {
    if (inFlight.has(name)) continue;
    const file = path.join(tmpDir, name);
    const stat = await fsp.stat(file).catch(() => undefined);
    if (!stat?.isFile() || stat.mtimeMs > cutoff) continue;
    await fsp.rm(file, { force: true });
    removed++;
  }
  return removed;
}
