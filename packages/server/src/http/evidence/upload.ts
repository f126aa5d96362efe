import type { MultipartFile } from '@fastify/multipart';
import type { Actor } from '../../services/actor';
import { AppError } from '../../services/errors';
import { formField } from '../imports/upload';
import type { EvidenceDocumentView, EvidenceMetadata, EvidenceService } from '../../services/evidence';

/**
 * Glue between a `@fastify/multipart` file part and the evidence service, so an upload route is
 * one line:
 *
 *   return reply.status(201).send(await storeEvidenceFromPart(evidence, await request.file(evidenceFileOptions(maxBytes)), unitId, request.actor));
 *
 * Metadata travels as ordinary form fields **before** the file part (`documentNumber`,
 * `documentDate` as YYYY-MM-DD, `issuer`, `title`): busboy only knows fields that precede the file
 * when the file is handed over.
 */

/**
 * Options for `request.file()`: one byte above our limit, so the store (which counts bytes and
 * says so in Vietnamese) is the one that refuses, not busboy's silent truncation.
 */
export function evidenceFileOptions(maxBytes: number) {
  return { limits: { fileSize: maxBytes + 1, files: 1 } };
}

export const evidenceMetadataFields = ['documentNumber', 'documentDate', 'issuer', 'title'] as const;

export async function storeEvidenceFromPart(
  evidence: Pick<EvidenceService, 'storeEvidence'>,
  part: MultipartFile | undefined,
  ownerUnitId: string,
  actor: Actor,
): Promise<EvidenceDocumentView> {
  if (!part) throw new AppError('BAD_REQUEST', 'Chưa có tệp nào được gửi lên. Hãy chọn tệp tài liệu kiểm chứng.');
  const metadata: EvidenceMetadata = {};
  for (const name of evidenceMetadataFields) {
    const value = formField(part, name);
    if (value !== undefined) metadata[name] = value;
  }
  try {
    return await evidence.storeEvidence(
      { stream: part.file, fileName: part.filename, declaredMime: part.mimetype, ownerUnitId, metadata },
      actor,
    );
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', 'Tệp vượt quá dung lượng cho phép.');
    }
    throw error;
  } finally {
    // Refused before (or while) reading: stop reading the rest of the upload.
    if (!part.file.readableEnded && !part.file.destroyed) part.file.destroy();
  }
}
