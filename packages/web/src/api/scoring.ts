/**
 * "Tính thử điểm" — POST /api/framework-versions/:id/score and GET …/score-template (docs/api.md,
 * "Criteria frameworks"). The server computes with the same code as `chiso score`; nothing is stored.
 */
import { useMutation } from '@tanstack/react-query';
import type { ScoreFiles as ContractScoreFiles, ScoreResult } from '@chiso/contract';
import { api, ApiError, buildUrl, getCsrfToken } from './client';

// The answer's shape is the contract's (packages/contract).
export type { ScoreExplanation, ScoreResult, ScoreRow } from '@chiso/contract';

export type ScoreFiles = ContractScoreFiles<File>;

function formData(files: ScoreFiles): FormData {
  const fd = new FormData();
  fd.append('inputs', files.inputs, files.inputs.name);
  if (files.units) fd.append('units', files.units, files.units.name);
  return fd;
}

const scorePath = (versionId: string) => `/framework-versions/${encodeURIComponent(versionId)}/score`;

export function useScoreVersion(versionId: string) {
  return useMutation({
    mutationFn: (files: ScoreFiles) => api<ScoreResult>(scorePath(versionId), { method: 'POST', body: formData(files) }),
  });
}

export function scoreTemplateUrl(versionId: string, format: 'csv' | 'xlsx'): string {
  return buildUrl(`/framework-versions/${encodeURIComponent(versionId)}/score-template`, { format });
}

/** The result workbook (same as `chiso score --vi --out ket-qua.xlsx`), saved through the browser. */
export async function downloadScoreWorkbook(versionId: string, files: ScoreFiles): Promise<void> {
  const headers: Record<string, string> = {};
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(buildUrl(scorePath(versionId), { format: 'xlsx' }), { method: 'POST', body: formData(files), headers, credentials: 'include' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'ket-qua.xlsx';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
