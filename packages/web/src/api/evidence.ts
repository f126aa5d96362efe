/**
 * Evidence (tài liệu kiểm chứng): the unit's documents, private to the unit and to the
 * appraisers of its criteria. Uploads go through XMLHttpRequest to report progress.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, buildUrl, getCsrfToken, type ApiErrorDetail } from './client';
import type { Evidence, EvidenceFields, Items, UpdateEvidence } from '@chiso/contract';

export type { Evidence, EvidenceFields } from '@chiso/contract';

/** What the upload input accepts; the server checks the content, not only the extension. */
export const EVIDENCE_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';

export function unitEvidenceQuery(unitId: string) {
  return queryOptions({
    queryKey: ['evidence', unitId],
    queryFn: ({ signal }) => api<Items<Evidence>>(`/units/${encodeURIComponent(unitId)}/evidence`, { signal }),
  });
}

export function useUnitEvidence(unitId: string) {
  return useQuery(unitEvidenceQuery(unitId));
}

export function evidenceContentUrl(id: string): string {
  return buildUrl(`/evidence/${encodeURIComponent(id)}/content`);
}

/** "QĐ 12/QĐ-UBND · 05/01/2025 · Kế hoạch CCHC" style label. */
export function evidenceLabel(e: Evidence, formatDate: (d: string) => string): string {
  const parts = [e.documentNumber, e.documentDate ? formatDate(e.documentDate) : null, e.title].filter(Boolean);
  return parts.length ? parts.join(' · ') : e.originalName;
}

/**
 * Multipart upload with progress: the text fields before the file part (the server reads
 * them first), errors as ApiError with the server's Vietnamese message.
 */
export function uploadEvidence(
  unitId: string, fields: EvidenceFields, file: File, onProgress: (percent: number) => void, signal?: AbortSignal,
): Promise<Evidence> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) fd.append(k, v);
  fd.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(`/units/${encodeURIComponent(unitId)}/evidence`));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as Evidence);
        return;
      }
      const env = (body as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | null)?.error;
      reject(new ApiError(xhr.status, env?.code ?? (xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${xhr.status}`),
        env?.message ?? (xhr.status === 413 ? 'Tệp quá lớn' : xhr.statusText || 'Lỗi'), env?.details ?? []));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được máy chủ'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(fd);
  });
}

export function useUploadEvidence(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ fields, file, onProgress }: { fields: EvidenceFields; file: File; onProgress: (p: number) => void }) =>
      uploadEvidence(unitId, fields, file, onProgress),
    onSuccess: (e) => {
      qc.setQueryData(unitEvidenceQuery(unitId).queryKey, (old) => (old ? { items: [e, ...old.items.filter((x) => x.id !== e.id)] } : old));
      void qc.invalidateQueries({ queryKey: ['evidence', unitId] });
    },
  });
}

export function useUpdateEvidence(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateEvidence & { id: string }) =>
      api<Evidence>(`/evidence/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['evidence', unitId] }),
  });
}
