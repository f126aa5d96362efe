import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { EvidenceStoreSetting } from '../config/env';
import type { CollectOptions, CollectResult, EvidenceStore, StoredEvidence } from './evidence-store';
import { evidenceMimeTypes } from './evidence-types';
import { collectionGraceMs, contentKey, coordinationFor, EvidenceMissingError, inBatches, receiveKnownContent, receiveUpload, removeStaleTemporaryFiles, sha256Pattern, type WriteLimit } from './evidence-upload';

/**
 * The S3-compatible backend (Amazon S3, MinIO, Ceph, a provider's object storage): content under
 * the key `sha256/ab/cd/<sha256>` of one bucket. This module is imported only when
 * CHISO_EVIDENCE_STORE=s3, so the S3 client library costs nothing at start otherwise.
 *
 * An upload is received into a local temporary file first (hash, size limit, content type: the
 * same code as the folder), then put with one PutObject unless the same bytes are already there
 * (HeadObject). Every process pins its own uploads until their rows are committed; across
 * processes, objects younger than the grace period (LastModified) are never collected, and storing
 * content whose object is older than half the grace period puts it again to refresh its age.
 * Collection looks at an object's age once more right before DeleteObject. What is left is the
 * moment between that look and the delete; keep versioning on in the bucket (README) to undo it.
 */

type S3Setting = Extract<EvidenceStoreSetting, { kind: 's3' }>;

export interface S3EvidenceStoreOptions extends Omit<S3Setting, 'kind'> {
  maxBytes: number;
  /** Local folder for the temporary files of uploads. */
  tmpDir: string;
  graceMs?: number;
}

export class EvidenceStoreUnavailableError extends Error {}

const keyPattern = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

const notFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

/** What to tell the administrator when the bucket cannot be used. */
function unreachable(options: S3EvidenceStoreOptions, error: unknown): EvidenceStoreUnavailableError {
  const where = `bucket “${options.bucket}”${options.endpoint ? ` tại ${options.endpoint}` : ''}`;
  const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const hint =
    status === 404
      ? 'Bucket không tồn tại: hãy tạo bucket hoặc sửa CHISO_S3_BUCKET.'
      : status === 403 || status === 401
        ? 'Kho từ chối khóa truy cập: kiểm tra CHISO_S3_ACCESS_KEY_ID, CHISO_S3_SECRET_ACCESS_KEY và quyền của khóa trên bucket.'
        : status === 301 || status === 400
          ? 'Kiểm tra CHISO_S3_REGION, CHISO_S3_ENDPOINT và CHISO_S3_FORCE_PATH_STYLE.'
          : error instanceof Error && error.name === 'CredentialsProviderError'
            ? 'Chưa có khóa truy cập: đặt CHISO_S3_ACCESS_KEY_ID và CHISO_S3_SECRET_ACCESS_KEY (hoặc AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY).'
            : 'Không kết nối được: kiểm tra CHISO_S3_ENDPOINT và mạng giữa máy chủ chiso và kho.';
  return new EvidenceStoreUnavailableError(`Không dùng được kho tài liệu kiểm chứng S3 (${where}). ${hint} (${detail})`);
}

export async function createS3EvidenceStore(options: S3EvidenceStoreOptions): Promise<EvidenceStore> {
  const { bucket, maxBytes, tmpDir, graceMs = collectionGraceMs } = options;
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Plain requests, as every S3-compatible store understands them (no streamed checksum trailers).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000 },
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    client.destroy();
    throw unreachable(options, error);
  }
  const { mutex, pins, inFlight, pin } = coordinationFor(`s3:${options.endpoint ?? ''}/${bucket}`);

  /** Size and age of an object; null when there is none. */
  async function head(key: string): Promise<{ size: number; modified: number } | null> {
    try {
      const found = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: found.ContentLength ?? -1, modified: found.LastModified?.getTime() ?? 0 };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  /** Puts a received temporary file under its key unless the same content is there and recent; pins it. */
  const place = (sha256: string, size: number, tmpPath: string, mimeType: string | undefined) =>
    mutex.run(async () => {
      const key = contentKey(sha256);
      const existing = await head(key);
      const same = existing?.size === size;
      // Old content is put again: its new age keeps other processes' collections away from it.
      if (!same || existing.modified < Date.now() - graceMs / 2) {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: fs.createReadStream(tmpPath), ContentLength: size, ...(mimeType ? { ContentType: mimeType } : {}) }));
      }
      return { deduplicated: same, release: pin(sha256) };
    });

  async function writeEvidence(source: Readable | AsyncIterable<Uint8Array>, fileName: string, limit?: WriteLimit): Promise<StoredEvidence> {
    const received = await receiveUpload(source, fileName, { tmpDir, maxBytes, limit, inFlight });
    try {
      const { sha256, size, kind, tmpPath } = received;
      const mimeType = evidenceMimeTypes[kind];
      const { deduplicated, release } = await place(sha256, size, tmpPath, mimeType);
      return { sha256, size, kind, mimeType, deduplicated, release };
    } finally {
      await received.settle();
    }
  }

  async function importEvidence(sha256: string, source: Readable | AsyncIterable<Uint8Array>): Promise<{ size: number }> {
    const received = await receiveKnownContent(sha256, source, { tmpDir, inFlight });
    try {
      (await place(sha256, received.size, received.tmpPath, undefined)).release();
      return { size: received.size };
    } finally {
      await received.settle();
    }
  }

  async function statEvidence(sha256: string): Promise<{ size: number } | null> {
    if (!sha256Pattern.test(sha256)) return null;
    const found = await head(contentKey(sha256));
    return found ? { size: found.size } : null;
  }

  async function openEvidence(sha256: string): Promise<Readable> {
    try {
      const found = await client.send(new GetObjectCommand({ Bucket: bucket, Key: contentKey(sha256) }));
      return found.Body as Readable;
    } catch (error) {
      if (notFound(error)) throw new EvidenceMissingError(sha256);
      throw error;
    }
  }

  async function hasEvidence(sha256: string): Promise<boolean> {
    if (!sha256Pattern.test(sha256)) return false;
    return (await head(contentKey(sha256))) !== null;
  }

  async function* listObjects(): AsyncGenerator<{ sha256: string; modified: number }> {
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'sha256/', ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) {
        const match = keyPattern.exec(object.Key ?? '');
        if (match && match[3]!.startsWith(match[1]! + match[2]!)) yield { sha256: match[3]!, modified: object.LastModified?.getTime() ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async function* listEvidence(): AsyncGenerator<string> {
    for await (const { sha256 } of listObjects()) yield sha256;
  }

  async function collectUnreferenced(referenced: (sha256s: string[]) => Promise<Set<string>>, { batchSize = 500, now = new Date() }: CollectOptions = {}): Promise<CollectResult> {
    const cutoff = now.getTime() - graceMs;
    const removed: string[] = [];
    const sweep = async (batch: string[]) =>
      mutex.run(async () => {
        const candidates = batch.filter((sha256) => !pins.has(sha256));
        if (candidates.length === 0) return;
        const used = await referenced(candidates);
        for (const sha256 of candidates) {
          if (used.has(sha256)) continue;
          // Its age once more: another process may have stored it again since the listing.
          const current = await head(contentKey(sha256));
          if (!current || current.modified > cutoff) continue;
          await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: contentKey(sha256) }));
          removed.push(sha256);
        }
      });
    async function* oldEnough() {
      for await (const object of listObjects()) if (object.modified <= cutoff) yield object.sha256;
    }
    await inBatches(oldEnough(), batchSize, sweep);
    const temporaryFilesRemoved = await removeStaleTemporaryFiles(tmpDir, inFlight, cutoff);
    return { removed, temporaryFilesRemoved };
  }

  return {
    kind: 's3',
    location: `s3://${bucket}`,
    maxBytes,
    writeEvidence,
    openEvidence,
    hasEvidence,
    statEvidence,
    importEvidence,
    listEvidence,
    collectUnreferenced,
    close: () => client.destroy(),
  };
}
