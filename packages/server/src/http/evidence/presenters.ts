import { z } from 'zod';
import type { EvidenceDocumentView } from '../../services/evidence';

/** `Evidence` of docs/api.md (plus the owner unit and `may`). */
export const evidenceSchema = z.object({
  id: z.string(),
  ownerUnitId: z.string(),
  originalName: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  uploadedAt: z.string(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean() }),
});

export type EvidenceJson = z.infer<typeof evidenceSchema>;

export function presentEvidence(view: EvidenceDocumentView): EvidenceJson {
  return {
    id: view.id,
    ownerUnitId: view.ownerUnitId,
    originalName: view.fileName,
    size: view.size,
    mimeType: view.mimeType,
    documentNumber: view.documentNumber,
    documentDate: view.documentDate,
    issuer: view.issuer,
    title: view.title,
    uploadedAt: view.uploadedAt,
    version: view.version,
    may: { edit: view.mayEdit },
  };
}

/**
 * `Content-Disposition` for a download: an ASCII fallback `filename` (diacritics stripped, quotes
 * and control characters removed) and the exact name as RFC 5987 `filename*=UTF-8''…`.
 */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_')
      .trim() || 'tai-lieu';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
