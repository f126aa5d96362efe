/**
 * An open cycle's framework corrections, late participants and the demo calendar (docs/api.md,
 * "Framework corrections and participants of an open cycle"), and closing and reopening a cycle
 * ("Closing a cycle").
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Items } from './types';
import type { AddParticipant, ApplyCorrection, CloseCycle, Correction, CorrectionPreview, CriterionFlag, Cycle, DemoCalendar, ReopenCycle } from '@chiso/contract';

// The shapes are the contract's (packages/contract/src/corrections.ts, cycles.ts).
export type { Correction, CorrectionPreview, CriterionFlag, DemoCalendar } from '@chiso/contract';

const enc = encodeURIComponent;

export function useCorrectionPreview(cycleId: string, groupId: string | undefined, frameworkVersionId: string | undefined) {
  return useQuery({
    queryKey: ['cycles', 'correction-preview', cycleId, groupId, frameworkVersionId],
    queryFn: ({ signal }) =>
      api<CorrectionPreview>(`/cycles/${enc(cycleId)}/framework-corrections/preview?groupId=${enc(groupId ?? '')}&frameworkVersionId=${enc(frameworkVersionId ?? '')}`, { signal }),
    enabled: !!groupId && !!frameworkVersionId,
    retry: false,
  });
}

export function useCorrections(cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cycles', 'corrections', cycleId],
    queryFn: ({ signal }) => api<Items<Correction>>(`/cycles/${enc(cycleId)}/framework-corrections`, { signal }),
    enabled,
  });
}

export function useCorrectionFlags(cycleId: string, unitId: string) {
  return useQuery({
    queryKey: ['correction-flags', cycleId, unitId],
    queryFn: ({ signal }) => api<Items<CriterionFlag>>(`/cycles/${enc(cycleId)}/units/${enc(unitId)}/correction-flags`, { signal }),
    staleTime: 30_000,
  });
}

export function useDemoCalendar(cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cycles', 'demo-calendar', cycleId],
    queryFn: ({ signal }) => api<DemoCalendar>(`/cycles/${enc(cycleId)}/demo-calendar`, { signal }),
    enabled,
  });
}

/** A mutation answering with the cycle: the cached cycle is replaced, everything about cycles refreshes. */
function useCycleChange<T>(fn: (v: T) => Promise<Cycle>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (cycle) => {
      qc.setQueryData(['cycles', 'one', cycle.id], cycle);
      await qc.invalidateQueries({ queryKey: ['cycles'] });
      await qc.invalidateQueries({ queryKey: ['correction-flags'] });
    },
  });
}

export const useApplyCorrection = () =>
  useCycleChange(({ cycleId, ...body }: ApplyCorrection & { cycleId: string }) =>
    api<Cycle>(`/cycles/${enc(cycleId)}/framework-corrections`, { method: 'POST', body }));

export const useAddParticipant = () =>
  useCycleChange(({ cycleId, ...body }: AddParticipant & { cycleId: string }) =>
    api<Cycle>(`/cycles/${enc(cycleId)}/participants`, { method: 'POST', body }));

export const useAdvanceDemoCalendar = () =>
  useCycleChange(({ cycleId, version }: { cycleId: string; version: number }) =>
    api<Cycle>(`/cycles/${enc(cycleId)}/demo-calendar/advance`, { method: 'POST', body: { version } }));

export const useCloseCycle = () =>
  useCycleChange(({ cycleId, ...body }: CloseCycle & { cycleId: string }) => api<Cycle>(`/cycles/${enc(cycleId)}/close`, { method: 'POST', body }));

export const useReopenCycle = () =>
  useCycleChange(({ cycleId, ...body }: ReopenCycle & { cycleId: string }) => api<Cycle>(`/cycles/${enc(cycleId)}/reopen`, { method: 'POST', body }));
