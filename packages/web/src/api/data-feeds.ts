/**
 * Data-feed values (số liệu từ hệ thống) and the API tokens other systems push them with — see
 * docs/api.md "Data feeds".
 */
import { useQuery } from '@tanstack/react-query';
import type { NodeInput } from '@chiso/core';
import { api, buildUrl } from './client';
import { useRefreshingMutation } from './mutations';

const enc = encodeURIComponent;

export type FeedChannel = 'import' | 'api' | 'chiso';

export interface FeedValueView {
  unitId: string;
  unitCode: string;
  unitName: string;
  nodeKey: string;
  code: string;
  name: string;
  feed: string;
  /** The value is a figure chiso published for another program (e.g. the PAR index). */
  fromChiso: boolean;
  numeratorLabel: string;
  denominatorLabel: string;
  value: null | {
    numerator: string;
    denominator: string;
    period: string;
    channel: FeedChannel;
    source: string;
    receivedAt: string;
    /** The administrator's name or the API token's ("Mã API “…”"). */
    receivedBy: string | null;
    /** Points the rule gives ("1.5"), null when not applicable. */
    points: string | null;
    explanation: string;
  };
}

export interface FeedImported {
  imported: number;
  blank: number;
  unchanged: number;
  dryRun: boolean;
}

export interface ChisoPulled {
  pulled: number;
  unchanged: number;
  skipped: { unit: string; criterion: string; message: string }[];
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  cycleId: string | null;
  cycleName: string | null;
  expiresAt: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

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
  return useRefreshingMutation(['api-tokens'], (body: { name: string; cycleId: string | null; expiresAt: string | null }) =>
    api<{ token: string; record: ApiToken }>('/api-tokens', { method: 'POST', body }));
}

export function useRevokeApiToken() {
  return useRefreshingMutation(['api-tokens'], (id: string) => api<ApiToken>(`/api-tokens/${enc(id)}/revoke`, { method: 'POST' }));
}
