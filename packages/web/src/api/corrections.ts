/**
 * An open cycle's framework corrections, late participants and the demo calendar (docs/api.md,
 * "Framework corrections and participants of an open cycle").
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Items } from './types';
import type { Cycle } from './cycles';

export interface CorrectionPreview {
  groupId: string;
  from: { id: string; number: number };
  to: { id: string; number: number; reason: string | null };
  plan: {
    added: { key: string; code: string; name: string }[];
    removed: { key: string; code: string; name: string }[];
    changed: { key: string; code: string; name: string; fields: string[] }[];
    reworded: number;
    frameworkChanges: string[];
  };
  entries: { flagged: number; inputInvalid: number; appraisalReset: number; created: number; retired: number; units: number };
  refusal: string | null;
}

export interface Correction {
  id: string;
  groupId: string;
  fromVersionId: string;
  toVersionId: string;
  reason: string;
  summary: Record<string, number>;
  createdAt: string;
  createdBy: string | null;
}

export interface CriterionFlag {
  nodeKey: string;
  kind: 'changed' | 'input_invalid' | 'appraisal_reset';
  message: string;
  reason: string;
  flaggedAt: string;
  open: boolean;
}

export interface DemoCalendar {
  available: boolean;
  phase: string;
  phaseLabel: string;
  next: string | null;
  nextLabel: string | null;
}

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
  useCycleChange(({ cycleId, ...body }: { cycleId: string; groupId: string; frameworkVersionId: string; reason: string; version: number }) =>
    api<Cycle>(`/cycles/${enc(cycleId)}/framework-corrections`, { method: 'POST', body }));

export const useAddParticipant = () =>
  useCycleChange(({ cycleId, ...body }: { cycleId: string; unitId: string; reason: string; extensionUntil?: string; version: number }) =>
    api<Cycle>(`/cycles/${enc(cycleId)}/participants`, { method: 'POST', body }));

export const useAdvanceDemoCalendar = () =>
  useCycleChange(({ cycleId, version }: { cycleId: string; version: number }) =>
    api<Cycle>(`/cycles/${enc(cycleId)}/demo-calendar/advance`, { method: 'POST', body: { version } }));
