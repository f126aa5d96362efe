/** Public results (no login) — published, immutable snapshots per program, year and group. */
import { useQuery } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import type { Items, PublicSnapshot, PublishedGroup, PublishedTrace } from '@chiso/contract';

// The API's shapes are the contract's (packages/contract): a field renamed on the server fails the typecheck here.
export type { PublicSnapshot, PublishedGroup, PublishedTrace, ResultSnapshot, SnapshotField, SnapshotRow } from '@chiso/contract';

const enc = encodeURIComponent;

export function usePublishedResults() {
  return useQuery({
    queryKey: ['public', 'list'],
    queryFn: ({ signal }) => api<Items<PublishedGroup>>('/public/results', { signal, silentAuth: true }),
  });
}

export function useResultSnapshot(cycleId: string | undefined, groupId: string | undefined, num?: number) {
  return useQuery({
    queryKey: ['public', 'snapshot', cycleId, groupId, num ?? null],
    queryFn: ({ signal }) =>
      api<PublicSnapshot>(`/public/results/${enc(cycleId ?? '')}/${enc(groupId ?? '')}`, { query: { number: num }, signal, silentAuth: true }),
    enabled: !!cycleId && !!groupId,
  });
}

export function resultsExportUrl(cycleId: string, groupId: string, num?: number): string {
  return buildUrl(`/public/results/${enc(cycleId)}/${enc(groupId)}/export`, { format: 'xlsx', number: num });
}

/** An official document of a published group (appraisal report, publication decision), for its organiser's administrators, council and leaders. */
export function resultDocumentUrl(cycleId: string, groupId: string, file: 'appraisal-report.docx' | 'publication-decision.docx' | 'publication-decision.pdf'): string {
  return buildUrl(`/cycles/${enc(cycleId)}/results/${enc(groupId)}/documents/${file}`);
}

/** The snapshot's canonical document: its SHA-256 is the printed check code. */
export function snapshotDocumentUrl(cycleId: string, groupId: string, num?: number): string {
  return buildUrl(`/public/results/${enc(cycleId)}/${enc(groupId)}/snapshot.json`, { number: num });
}

export const programName = (p: PublishedGroup['program']): string => p.name;
export const programCode = (p: PublishedGroup['program']): string => p.code;

/**
 * The order readers meet published groups in (the first is the default): the reader's own level's
 * groups (`ownerId`: the reader's organisation, null for the province's readers and the public), then
 * the province's, then the other organisers' by name — each newest year first (a department
 * publishing a newer year does not become the province's default); one organiser's groups in the
 * group set's order, as the server lists them — never by publication time.
 */
export function readerOrder(items: readonly PublishedGroup[], ownerId: string | null = null): PublishedGroup[] {
  const level = (g: PublishedGroup) => ((g.owner?.id ?? null) === ownerId ? 0 : g.owner === null ? 1 : 2);
  return [...items].sort((a, b) => level(a) - level(b) || b.year - a.year || (a.owner?.name ?? '').localeCompare(b.owner?.name ?? '', 'vi'));
}

export function usePublishedTrace(cycleId: string, groupId: string, unitId: string | null) {
  return useQuery({
    queryKey: ['results', 'trace', cycleId, groupId, unitId],
    queryFn: ({ signal }) => api<PublishedTrace>(`/cycles/${enc(cycleId)}/results/${enc(groupId)}/units/${enc(unitId ?? '')}/trace`, { signal }),
    enabled: !!unitId,
  });
}
