import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, msg } from '../../services/errors';
import { refuseNulInFields } from '../text-guard';

/**
 * Reading uploaded files for every import route. busboy cuts a part at its size limit and only
 * flags it (`truncated`); @fastify/multipart's `toBuffer()` misses the flag when the cut falls on
 * a chunk boundary, and a 5,56 MB units file was imported as its first 5 MB. Here a cut part, or a
 * cut form field, is always a 413 before anything is read from it.
 */

const MiB = 1024 * 1024;

/** Largest table (CSV/XLSX) accepted by the import routes. */
export const maxImportBytes = 5 * MiB;

export const fileTooLarge = (maxBytes: number, fileName?: string) =>
  new AppError('PAYLOAD_TOO_LARGE', fileName
    ? msg('upload.namedFileTooLarge', { file: fileName, max: Math.round((maxBytes / MiB) * 10) / 10 })
    : msg('upload.fileTooLarge', { max: Math.round((maxBytes / MiB) * 10) / 10 }));

const tooLargeCodes = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT', 'FST_FILES_LIMIT']);

/** The whole content of a file part, or a 413 when busboy cut it at `maxBytes` (a 400 when its name has a NUL). */
export async function readFilePart(part: MultipartFile, maxBytes: number): Promise<Buffer> {
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (error) {
    if (tooLargeCodes.has((error as { code?: string }).code ?? '')) throw fileTooLarge(maxBytes, part.filename);
    throw error;
  }
  if (part.file.truncated) throw fileTooLarge(maxBytes, part.filename);
  // The file's name is stored too (framework source, data-feed source, audit): PostgreSQL cannot hold a NUL.
  refuseNulInFields({ [`${part.fieldname}.filename`]: part.filename });
  return buffer;
}

/** A text form field sent before the file part; a value busboy cut at its limit is a 413, one with a NUL a 400. */
export function formField(part: MultipartFile, name: string): string | undefined {
  const entry = part.fields[name];
  const single = (Array.isArray(entry) ? entry[0] : entry) as MultipartFile | MultipartValue | undefined;
  if (!single || single.type !== 'field') return undefined;
  if (single.valueTruncated) throw new AppError('PAYLOAD_TOO_LARGE', msg('error.fieldTooLong', { name }));
  if (typeof single.value !== 'string') return undefined;
  refuseNulInFields({ [name]: single.value });
  return single.value;
}

const sendFile = (field: string) => new AppError('BAD_REQUEST', `Hãy gửi tệp trong trường “${field}” (multipart/form-data).`);

/** The one file of a multipart request, in field `field`, read whole (see `readFilePart`). */
export async function readUploadedFile(
  request: FastifyRequest,
  maxBytes: number,
  field = 'file',
): Promise<{ buffer: Buffer; fileName: string; part: MultipartFile }> {
  if (!request.isMultipart()) throw sendFile(field);
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part || part.fieldname !== field) throw sendFile(field);
  return { buffer: await readFilePart(part, maxBytes), fileName: part.filename, part };
}

/** Uploads that are parsed (imports, trial scoring) each user may send per minute, per route family. */
export const uploadsPerMinute = 30;

/**
 * A pre-handler that refuses a user's uploads past `uploadsPerMinute` (429 with Retry-After), before
 * any byte of the file is read. Keyed by the logged-in user (the address when there is none).
 */
export function uploadRateLimit(app: FastifyInstance, family: string) {
  const limiter = app.createRateLimit({
    max: uploadsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `upload-${family}:${request.actor?.userId ?? request.ip}`,
  });
  return async (request: FastifyRequest) => {
    const limit = await limiter(request);
    if (!limit.isAllowed && limit.isExceeded) {
      const seconds = Math.max(1, Math.ceil(limit.ttl / 1000));
      throw new AppError('RATE_LIMITED', msg('error.uploadRateLimited', { limit: uploadsPerMinute, seconds }), undefined, seconds);
    }
  };
}
