/**
 * Published results for logged-in readers and their year over year (issue 11 §1): a group's
 * snapshot and the same units' earlier published years, through their lineage.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ResultSnapshot, YearOverYear } from '@chiso/contract';

export type { ComparisonBasis, EarlierResult, FieldYearChange, UnitYear, UnitYearOverYear, YearOverYear } from '@chiso/contract';

const enc = encodeURIComponent;

/** A published group's latest snapshot (or `number`), as a logged-in user reads it. */
export function useGroupResults(cycleId: string | undefined, groupId: string | undefined, num?: number) {
  return useQuery({
    queryKey: ['results', 'snapshot', cycleId, groupId, num ?? null],
    queryFn: ({ signal }) => api<ResultSnapshot>(`/cycles/${enc(cycleId ?? '')}/results`, { query: { groupId, number: num }, signal }),
    enabled: !!cycleId && !!groupId,
  });
}

/**
 * A published group's year over year, as a logged-in reader ('signed-in') or on the public site
 * ('public': no login, not retried — the page then shows the ranking alone). A group with no
 * earlier year comes back with `previousYear: null`; a 404 means the group is not published.
 */
export function useYearOverYear(cycleId: string | undefined, groupId: string | undefined, variant: 'signed-in' | 'public' = 'signed-in') {
  const isPublic = variant === 'public';
  const c = enc(cycleId ?? '');
  const g = enc(groupId ?? '');
  return useQuery({
    queryKey: [isPublic ? 'public' : 'results', 'year-over-year', cycleId, groupId],
    queryFn: ({ signal }) => isPublic
      ? api<YearOverYear>(`/public/results/${c}/${g}/year-over-year`, { signal, silentAuth: true })
      : api<YearOverYear>(`/cycles/${c}/results/${g}/year-over-year`, { signal }),
    enabled: !!cycleId && !!groupId,
    ...(isPublic ? { retry: false } : {}),
  });
}
