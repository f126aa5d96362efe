/**
 * The public site (no login): a published group's year over year, a unit's published results over
 * the years and its predecessors', and the open data downloads of a group.
 */
import { useQuery } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import type { PredecessorResults, UnitPublishedResults } from '@chiso/contract';
import { useYearOverYear } from './year-over-year';

export type { OpenData, PredecessorResults, UnitPublishedResult, UnitPublishedResults, UnitYearOverYear, YearOverYear } from '@chiso/contract';

const enc = encodeURIComponent;

/** A published group next to the same units' earlier years (public): the shared year-over-year hook's public variant. */
export const usePublicYearOverYear = (cycleId: string | undefined, groupId: string | undefined) => useYearOverYear(cycleId, groupId, 'public');

/** Every published result of a unit, newest year first, with its fields. */
export function useUnitPublishedResults(unitId: string) {
  return useQuery({
    queryKey: ['public', 'unit-results', unitId],
    queryFn: ({ signal }) => api<UnitPublishedResults>(`/public/units/${enc(unitId)}/results`, { signal, silentAuth: true }),
  });
}

/** A unit's predecessors (mergers, splits) and their published results. */
export function useUnitPredecessorResults(unitId: string) {
  return useQuery({
    queryKey: ['public', 'unit-predecessors', unitId],
    queryFn: ({ signal }) => api<PredecessorResults>(`/public/units/${enc(unitId)}/predecessor-results`, { signal, silentAuth: true }),
  });
}

/** The open data files of a published group: CSV, JSON and the method note. */
export function openDataUrls(cycleId: string, groupId: string, num?: number): { csv: string; json: string; method: string } {
  const base = `/public/results/${enc(cycleId)}/${enc(groupId)}`;
  return {
    csv: buildUrl(`${base}/open-data.csv`, { number: num }),
    json: buildUrl(`${base}/open-data.json`, { number: num }),
    method: buildUrl(`${base}/open-data-method.txt`, { number: num }),
  };
}
