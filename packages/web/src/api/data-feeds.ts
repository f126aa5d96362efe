/**
 * Data-feed values (số liệu từ hệ thống) and the API tokens other systems push them with — see
 * docs/api.md "Data feeds".
 */
import { useQuery } from '@tanstack/react-query';
import type { NodeInput } from '@chiso/core';
import type { ApiToken, ChisoPulled, CreatedApiToken, FeedImported, FeedValueView, NewApiToken } from '@chiso/contract';
import { api, buildUrl } from './client';
import { useRefreshingMutation } from './mutations';

// The API's shapes are the contract's (packages/contract): a field renamed on the server fails the typecheck here.
export type { ApiToken, ChisoPulled, CreatedApiToken, FeedChannel, FeedImported, FeedValueView, NewApiToken } from '@chiso/contract';

const enc = encodeURIComponent;

const feedsKey = (cycleId: string) => ['data-feeds', cycleId];

export function useCycleFeedValues(cycleId: string) {
  return useQuery({ queryKey: feedsKey(cycleId), queryFn: ({ signal }) => api<FeedValueView[]>(`/cycles/${enc(cycleId)}/data-feeds`, { signal }) });
}

export function useUnitFeedValues(cycleId: string | undefined, unitId: string) {
  return useQuery({
    queryKey: ['data-feeds', cycleId, unitId],
    queryFn: ({ signal }) => api<FeedValueView[]>(`/cycles/${enc(cycleId ?? '')}/units/${enc(unitId)}/data-feeds`, { signal }),
    enabled: !!cycleId,
  });
}

/** The figures received, as the core's inputs per criterion key (for the unit's running total). */
export function feedInputs(values: readonly FeedValueView[]): Record<string, NodeInput> {
  const out: Record<string, NodeInput> = {};
  for (const v of values) {
    if (v.value) out[v.nodeKey] = { kind: 'rate', numerator: v.value.numerator, denominator: v.value.denominator };
  }
  return out;
}

export const feedTemplateUrl = (cycleId: string) => buildUrl(`/cycles/${enc(cycleId)}/data-feeds/template`);

export function useImportFeedValues(cycleId: string) {
  return useRefreshingMutation(['data-feeds'], ({ file, dryRun }: { file: File; dryRun: boolean }) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api<FeedImported>(`/cycles/${enc(cycleId)}/data-feeds/import`, { method: 'POST', body: fd, query: { dryRun: dryRun ? 'true' : undefined } });
  }, ({ dryRun }) => !dryRun);
}

export function usePullChisoFeeds(cycleId: string) {
  return useRefreshingMutation(['data-feeds'], () => api<ChisoPulled>(`/cycles/${enc(cycleId)}/data-feeds/pull-chiso`, { method: 'POST' }));
}

export function useApiTokens() {
  return useQuery({ queryKey: ['api-tokens'], queryFn: ({ signal }) => api<ApiToken[]>('/api-tokens', { signal }) });
}

export function useCreateApiToken() {
  return useRefreshingMutation(['api-tokens'], (body: NewApiToken) =>
    api<CreatedApiToken>('/api-tokens', { method: 'POST', body }));
}

export function useRevokeApiToken() {
  return useRefreshingMutation(['api-tokens'], (id: string) => api<ApiToken>(`/api-tokens/${enc(id)}/revoke`, { method: 'POST' }));
}
