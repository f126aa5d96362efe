/**
 * Published results for logged-in readers and their year over year (issue 11 §1): a group's
 * snapshot and the same units' earlier published years, through their lineage.
 */
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';
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
 * The group's year over year; `null` when the server has none for it (404: no comparison yet),
 * so pages show this year alone instead of an error.
 */
export function useYearOverYear(cycleId: string | undefined, groupId: string | undefined) {
  return useQuery({
    queryKey: ['results', 'year-over-year', cycleId, groupId],
    queryFn: async ({ signal }): Promise<YearOverYear | null> => {
      try {
        return await api<YearOverYear>(`/cycles/${enc(cycleId ?? '')}/results/${enc(groupId ?? '')}/year-over-year`, { signal });
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    enabled: !!cycleId && !!groupId,
  });
}
