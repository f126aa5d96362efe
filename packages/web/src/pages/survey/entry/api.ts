/** Paper entry and answer imports of a survey (issue 13 §3) — docs/api.md "Survey: entry". */
import { useQuery } from '@tanstack/react-query';
import type { ImportedAnswers, ImportProgress, NewPaperBatch, PaperBatch, PaperBatchDetail, PaperEntryInput, PaperForm, ReconcileInput, SurveyImportList } from '@chiso/contract';
import { api, ApiError, buildUrl, getCsrfToken } from '../../../api/client';
import { useRefreshingMutation } from '../../../api/mutations';
import { SURVEYS_KEY } from '../api';

export type { ImportedAnswers, ImportProgress, PaperBatch, PaperBatchDetail, PaperForm, PaperFormSummary, PaperFormState } from '@chiso/contract';

const enc = encodeURIComponent;
const batchesPath = (surveyId: string) => `/surveys/${enc(surveyId)}/paper-batches`;
const ENTRY_KEY = [...SURVEYS_KEY, 'entry'];

export function usePaperBatches(surveyId: string) {
  return useQuery({ queryKey: [...ENTRY_KEY, surveyId, 'batches'], queryFn: ({ signal }) => api<{ items: PaperBatch[] }>(batchesPath(surveyId), { signal }) });
}

export function usePaperBatch(surveyId: string, batchId: string | undefined) {
  return useQuery({
    queryKey: [...ENTRY_KEY, surveyId, 'batch', batchId],
    queryFn: ({ signal }) => api<PaperBatchDetail>(`${batchesPath(surveyId)}/${enc(batchId ?? '')}`, { signal }),
    enabled: !!batchId,
  });
}

export function usePaperForm(surveyId: string, batchId: string, formNumber: string | undefined) {
  return useQuery({
    queryKey: [...ENTRY_KEY, surveyId, 'form', batchId, formNumber],
    queryFn: ({ signal }) => api<PaperForm>(`${batchesPath(surveyId)}/${enc(batchId)}/forms/${enc(formNumber ?? '')}`, { signal }),
    enabled: !!formNumber,
  });
}

export function useCreatePaperBatch(surveyId: string) {
  return useRefreshingMutation(SURVEYS_KEY, (body: NewPaperBatch) => api<PaperBatchDetail>(batchesPath(surveyId), { method: 'POST', body }));
}

export function useEnterPaperForm(surveyId: string, batchId: string) {
  return useRefreshingMutation(SURVEYS_KEY, (body: PaperEntryInput) => api<PaperForm>(`${batchesPath(surveyId)}/${enc(batchId)}/entries`, { method: 'POST', body }));
}

export function useReconcilePaperForm(surveyId: string, batchId: string) {
  return useRefreshingMutation(SURVEYS_KEY, ({ formNumber, ...body }: ReconcileInput & { formNumber: string }) =>
    api<PaperForm>(`${batchesPath(surveyId)}/${enc(batchId)}/forms/${enc(formNumber)}/reconcile`, { method: 'POST', body }));
}

export function useSurveyImports(surveyId: string) {
  return useQuery({ queryKey: [...ENTRY_KEY, surveyId, 'imports'], queryFn: ({ signal }) => api<SurveyImportList>(`/surveys/${enc(surveyId)}/imports`, { signal }) });
}

export const answersTemplateUrl = (surveyId: string, questionnaireId: string, format: 'xlsx' | 'csv') =>
  buildUrl(`/surveys/${enc(surveyId)}/questionnaires/${enc(questionnaireId)}/answers-template`, { format });

export const importProgress = (surveyId: string, key: string, signal?: AbortSignal) =>
  api<ImportProgress>(`/surveys/${enc(surveyId)}/imports/progress/${enc(key)}`, { signal });

/**
 * Sends the answers file with XMLHttpRequest, which (unlike fetch) reports upload progress; the
 * server's answer or error envelope is read as `api()` reads it.
 */
export function uploadAnswers(
  surveyId: string, query: { questionnaireId: string; dryRun: boolean; progressKey: string }, file: File, onUpload: (fraction: number) => void,
): Promise<ImportedAnswers> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(`/surveys/${enc(surveyId)}/imports`, query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onUpload(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được máy chủ'));
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ImportedAnswers);
      const env = (body as { error?: { code: string; message: string; details?: ApiError['details'] } } | null)?.error;
      reject(new ApiError(xhr.status, env?.code ?? `HTTP_${xhr.status}`, env?.message ?? xhr.statusText, env?.details ?? []));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
