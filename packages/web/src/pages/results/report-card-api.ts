/** The report card, weak criteria, rank sensitivity and a unit's report cards (issue 11 §4–5). */
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client';
import type { RankSensitivity, ReportCard, UnitReportCards, WeakCriteria } from '@chiso/contract';

export type { LostPointsLineView, RankSensitivity, ReportCard, UnitReportCards, WeakCriteria, WhatIfOptionView } from '@chiso/contract';

const enc = encodeURIComponent;
const groupPath = (cycleId: string, groupId: string) => `/cycles/${enc(cycleId)}/results/${enc(groupId)}`;

export function useReportCard(cycleId: string, groupId: string, unitId: string) {
  return useQuery({
    queryKey: ['results', 'report-card', cycleId, groupId, unitId],
    queryFn: ({ signal }) => api<ReportCard>(`${groupPath(cycleId, groupId)}/units/${enc(unitId)}/report-card`, { signal }),
  });
}

/** A group view only every-unit readers get: `null` when refused (403), so a unit's page simply has no panel. */
function groupView<T>(name: string, path: string, cycleId: string, groupId: string, enabled: boolean) {
  return {
    queryKey: ['results', name, cycleId, groupId],
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<T | null> => {
      try {
        return await api<T>(`${groupPath(cycleId, groupId)}/${path}`, { signal });
      } catch (e) {
        if (isApiError(e) && e.status === 403) return null;
        throw e;
      }
    },
    enabled,
  };
}

export function useWeakCriteria(cycleId: string, groupId: string, enabled = true) {
  return useQuery(groupView<WeakCriteria>('weak-criteria', 'weak-criteria', cycleId, groupId, enabled));
}

export function useRankSensitivity(cycleId: string, groupId: string, enabled = true) {
  return useQuery(groupView<RankSensitivity>('sensitivity', 'sensitivity', cycleId, groupId, enabled));
}

export function useUnitReportCards(unitId: string | undefined) {
  return useQuery({
    queryKey: ['results', 'unit-report-cards', unitId],
    queryFn: ({ signal }) => api<UnitReportCards>(`/units/${enc(unitId ?? '')}/report-cards`, { signal }),
    enabled: !!unitId,
  });
}
