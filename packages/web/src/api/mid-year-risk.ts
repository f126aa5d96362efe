/** The criteria at risk of losing points during a cycle (issue 12 §5) — docs/api.md "Follow-up: mid-year risk". */
import { useQuery } from '@tanstack/react-query';
import type { CycleRiskView, UnitRiskView } from '@chiso/contract';
import { api } from './client';

export type { CycleRiskView, RiskKindValue, RiskLineView, UnitRiskView } from '@chiso/contract';

const enc = encodeURIComponent;
const query = (asOf: string | undefined) => (asOf ? `?asOf=${enc(asOf)}` : '');

/** Every unit's risk (administrator, council, leaders); `enabled` false for anyone else. */
export function useCycleRisk(cycleId: string | undefined, asOf: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['mid-year-risk', cycleId, asOf ?? null],
    queryFn: ({ signal }) => api<CycleRiskView>(`/cycles/${enc(cycleId ?? '')}/risk${query(asOf)}`, { signal }),
    enabled: enabled && !!cycleId,
  });
}

/** One unit's own list. */
export function useUnitRisk(cycleId: string | undefined, unitId: string | undefined, asOf: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['mid-year-risk', cycleId, 'unit', unitId, asOf ?? null],
    queryFn: ({ signal }) => api<UnitRiskView>(`/cycles/${enc(cycleId ?? '')}/units/${enc(unitId ?? '')}/risk${query(asOf)}`, { signal }),
    enabled: enabled && !!cycleId && !!unitId,
  });
}
