import type { Evidence } from '@chiso/contract';
import type { EvidenceDocumentView } from '../../services/evidence';

/** The service's document as the contract's `Evidence` (the stored file name is the original name). */
export function presentEvidence(view: EvidenceDocumentView): Evidence {
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
