/** Remediation plans (docs/api.md, "Follow-up: remediation plans"): list, draft, edit, submit, decide, quarterly progress. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DecideRemediationPlan, DraftRemediationPlan, RemediationPlan, RemediationPlans, ReportRemediationProgress, UpdateRemediationPlan } from '@chiso/contract';
import { api } from './client';

export type { RemediationItem, RemediationPlan, RemediationPlans, RemediationPlanStatus, RemediationPlanSummary, RemediationProgressStatus } from '@chiso/contract';

const enc = encodeURIComponent;
const KEY = ['follow-up', 'plans'] as const;

export function useRemediationPlans(enabled = true) {
  return useQuery({ queryKey: [...KEY, 'list'], queryFn: ({ signal }) => api<RemediationPlans>('/follow-up/plans', { signal }), enabled });
}

export function useRemediationPlan(id: string) {
  return useQuery({ queryKey: [...KEY, 'one', id], queryFn: ({ signal }) => api<RemediationPlan>(`/follow-up/plans/${enc(id)}`, { signal }) });
}

/** A mutation answering with the plan: the cached plan is replaced, the lists refresh. */
function usePlanChange<T>(fn: (v: T) => Promise<RemediationPlan>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (plan) => {
      qc.setQueryData([...KEY, 'one', plan.id], plan);
      await qc.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

export const useDraftRemediationPlan = () => usePlanChange((body: DraftRemediationPlan) => api<RemediationPlan>('/follow-up/plans', { method: 'POST', body }));
export const useUpdateRemediationPlan = () =>
  usePlanChange(({ id, ...body }: UpdateRemediationPlan & { id: string }) => api<RemediationPlan>(`/follow-up/plans/${enc(id)}`, { method: 'PUT', body }));
export const useSubmitRemediationPlan = () =>
  usePlanChange(({ id, version }: { id: string; version: number }) => api<RemediationPlan>(`/follow-up/plans/${enc(id)}/submit`, { method: 'POST', body: { version } }));
export const useDecideRemediationPlan = () =>
  usePlanChange(({ id, ...body }: DecideRemediationPlan & { id: string }) => api<RemediationPlan>(`/follow-up/plans/${enc(id)}/decision`, { method: 'POST', body }));
export const useReportRemediationProgress = () =>
  usePlanChange(({ id, ...body }: ReportRemediationProgress & { id: string }) => api<RemediationPlan>(`/follow-up/plans/${enc(id)}/progress`, { method: 'PUT', body }));
