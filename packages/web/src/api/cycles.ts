/**
 * Assessment cycles (kỳ đánh giá) — set-up, progress and unit actions of docs/api.md
 * ("Assessment cycles — issue 4").
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Items } from './types';

import type {
  AssessmentSummary, Calendar, Cycle, CycleAgencies, GroupSet, CycleGroups, CycleProgress, CycleSummary, CycleUnits, Extension, NewCycle, Reassignment,
  UnitActionBody, UpdateCycle,
} from '@chiso/contract';

// Every API shape is the contract's (packages/contract): a field renamed on the server fails the typecheck here.
export type {
  ActionOption, AgencyProgress, AssessmentSummary, Calendar, CalendarInput, Cycle, CycleAgencies, CycleGroups, CyclePolicy, CycleProgress, CycleStatus,
  CycleSummary, CycleUnit, CycleUnits, CriterionView, Extension, NewCycle, PolicyInput, Reassignment, UnitActionBody, UnitNotes, UnitProgress, UpdateCycle,
  GroupSet,
} from '@chiso/contract';
export type { UnitState } from '@chiso/core';

export type { CriterionStatus } from '@chiso/core';

export const CALENDAR_FIELDS = [
  'selfAssessmentOpens', 'selfAssessmentDeadline', 'appraisalFrom', 'appraisalTo',
  'explanationFrom', 'explanationTo', 'councilDate', 'publicationDate',
] as const satisfies readonly (keyof Calendar)[];
export type CalendarField = (typeof CALENDAR_FIELDS)[number];
/** Fields that close a period: inclusive, to the end of the day in Asia/Ho_Chi_Minh. */
export const CALENDAR_END_OF_DAY: readonly CalendarField[] = ['selfAssessmentDeadline', 'appraisalTo', 'explanationTo'];

const KEY = 'cycles';
const enc = encodeURIComponent;

export function useCycles() {
  return useQuery({ queryKey: [KEY, 'list'], queryFn: ({ signal }) => api<Items<CycleSummary>>('/cycles', { signal }) });
}

export function useCycle(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: ({ signal }) => api<Cycle>(`/cycles/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useCycleProgress(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'progress', id],
    queryFn: ({ signal }) => api<CycleProgress>(`/cycles/${enc(id ?? '')}/progress`, { signal }),
    enabled: !!id,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useGroupSets() {
  return useQuery({
    queryKey: ['group-sets'],
    queryFn: ({ signal }) => api<Items<GroupSet>>('/group-sets', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Mutations on one cycle: the answer replaces the cached cycle; lists and progress refresh. */
function useCycleMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      if (r && typeof r === 'object' && 'id' in r && 'groups' in r) qc.setQueryData([KEY, 'one', (r as unknown as Cycle).id], r);
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export const useCreateCycle = () => useCycleMutation((body: NewCycle) => api<Cycle>('/cycles', { method: 'POST', body }));

export const useUpdateCycle = () =>
  useCycleMutation(({ id, ...body }: { id: string } & UpdateCycle) =>
    api<Cycle>(`/cycles/${enc(id)}`, { method: 'PATCH', body }));

export const useSetCycleGroups = () =>
  useCycleMutation(({ id, ...body }: { id: string } & CycleGroups) =>
    api<Cycle>(`/cycles/${enc(id)}/groups`, { method: 'PUT', body }));

export const useSetCycleAgencies = () =>
  useCycleMutation(({ id, ...body }: { id: string } & CycleAgencies) =>
    api<Cycle>(`/cycles/${enc(id)}/agencies`, { method: 'PUT', body }));

export const useReassignCriterion = () =>
  useCycleMutation(({ id, ...body }: { id: string } & Reassignment) =>
    api<Cycle>(`/cycles/${enc(id)}/reassignments`, { method: 'POST', body }));

export const useSetCycleUnits = () =>
  useCycleMutation(({ id, ...body }: { id: string } & CycleUnits) =>
    api<Cycle>(`/cycles/${enc(id)}/units`, { method: 'PUT', body }));

export const useExtendDeadline = () =>
  useCycleMutation(({ id, unitId, ...body }: { id: string; unitId: string } & Extension) =>
    api<Cycle>(`/cycles/${enc(id)}/units/${enc(unitId)}/extension`, { method: 'POST', body }));

export const useOpenCycle = () =>
  useCycleMutation(({ id, version }: { id: string; version: number }) =>
    api<Cycle>(`/cycles/${enc(id)}/open`, { method: 'POST', body: { version } }));

/** A unit workflow action (complete_appraisal, record_council_review, approve…). */
export function useUnitAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, unitId, action, ...body }: { cycleId: string; unitId: string; action: string } & UnitActionBody) =>
      api<AssessmentSummary>(`/cycles/${enc(cycleId)}/units/${enc(unitId)}/actions/${enc(action)}`, { method: 'POST', body }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
      await qc.invalidateQueries({ queryKey: ['appraisal'] });
      await qc.invalidateQueries({ queryKey: ['council'] });
    },
  });
}

/** Date picked in the UI (YYYY-MM-DD) → ISO instant: start or end of that day in Asia/Ho_Chi_Minh. */
export function dayToInstant(date: string, endOfDay: boolean): string {
  return new Date(`${date}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}+07:00`).toISOString();
}

/** ISO instant → the date (YYYY-MM-DD) it falls on in Asia/Ho_Chi_Minh. */
export function instantToDay(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(typeof value === 'number' ? value : value);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
