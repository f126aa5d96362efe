/** External indices (issue 12 §4) — docs/api.md "External indices". */
import { useQuery } from '@tanstack/react-query';
import type {
  ExternalComponentLinkBody, ExternalEditionBody, ExternalEditionView, ExternalImported, ExternalIndexDetail, ExternalIndexSummary, ExternalValueBody,
} from '@chiso/contract';
import { api, buildUrl } from './client';
import { useRefreshingMutation } from './mutations';

export type {
  ExternalComponentChangeView, ExternalComponentLinkView, ExternalEditionBody, ExternalEditionView, ExternalImported, ExternalIndexDetail, ExternalIndexSummary,
  ExternalValueView,
} from '@chiso/contract';

const enc = encodeURIComponent;
const KEY = ['external-indices'];
const base = '/follow-up/external-indices';

export function useExternalIndices() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api<ExternalIndexSummary[]>(base, { signal }) });
}

export function useExternalIndex(key: string | undefined) {
  return useQuery({
    queryKey: [...KEY, key],
    queryFn: ({ signal }) => api<ExternalIndexDetail>(`${base}/${enc(key ?? '')}`, { signal }),
    enabled: !!key,
  });
}

export const externalTemplateUrl = (key: string, year: number) => buildUrl(`${base}/${enc(key)}/template`, { year: String(year) });

export function useImportExternalValues(key: string) {
  return useRefreshingMutation(KEY, ({ file, dryRun }: { file: File; dryRun: boolean }) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api<ExternalImported>(`${base}/${enc(key)}/import`, { method: 'POST', body: fd, query: { dryRun: dryRun ? 'true' : undefined } });
  }, ({ dryRun }) => !dryRun);
}

export function useSaveExternalEdition(key: string) {
  return useRefreshingMutation(KEY, ({ year, body }: { year: number; body: ExternalEditionBody }) =>
    api<ExternalEditionView>(`${base}/${enc(key)}/editions/${year}`, { method: 'PUT', body }));
}

export function useSaveExternalValue(key: string) {
  return useRefreshingMutation(KEY, (body: ExternalValueBody) => api<ExternalIndexDetail>(`${base}/${enc(key)}/values`, { method: 'PUT', body }));
}

export function useAddComponentLink(key: string) {
  return useRefreshingMutation(KEY, (body: ExternalComponentLinkBody) => api<ExternalIndexDetail>(`${base}/${enc(key)}/links`, { method: 'POST', body }));
}

export function useRemoveComponentLink(key: string) {
  return useRefreshingMutation(KEY, (linkId: string) => api<ExternalIndexDetail>(`${base}/${enc(key)}/links/${enc(linkId)}`, { method: 'DELETE' }));
}
