/** Targets of a resolution or plan (issue 12 §3) — docs/api.md "Follow-up: targets". */
import { useQuery } from '@tanstack/react-query';
import type { NewTarget, NewTargetPlan, NewTargetValue, TargetHistory, TargetImported, TargetPlan, TargetPlanDetail, TargetPulled, UpdateTarget } from '@chiso/contract';
import { api, buildUrl } from './client';
import { useRefreshingMutation } from './mutations';

export type { NewTarget, UpdateTarget, TargetHistory, TargetImported, TargetPlan, TargetPlanDetail, TargetPulled, TargetValueView, TargetView, TargetYear } from '@chiso/contract';
export type { TargetStatus } from '@chiso/core';

const enc = encodeURIComponent;
const KEY = ['targets'];
const base = '/follow-up';

export function useTargetPlans(enabled = true) {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api<{ items: TargetPlan[] }>(`${base}/target-plans`, { signal }).then((r) => r.items), enabled });
}

export function useTargetPlan(id: string | undefined) {
  return useQuery({ queryKey: [...KEY, 'plan', id], queryFn: ({ signal }) => api<TargetPlanDetail>(`${base}/target-plans/${enc(id ?? '')}`, { signal }), enabled: !!id });
}

export function useTargetHistory(id: string | undefined) {
  return useQuery({ queryKey: [...KEY, 'history', id], queryFn: ({ signal }) => api<TargetHistory>(`${base}/targets/${enc(id ?? '')}/values`, { signal }), enabled: !!id });
}

export function useRecordTargetValue(id: string) {
  return useRefreshingMutation(KEY, (body: NewTargetValue) => api<TargetHistory>(`${base}/targets/${enc(id)}/values`, { method: 'POST', body }));
}

export function usePullTarget(id: string) {
  return useRefreshingMutation(KEY, () => api<TargetPulled>(`${base}/targets/${enc(id)}/pull-chiso`, { method: 'POST' }));
}

export type TargetImportKind = 'targets' | 'values';

export const targetTemplateUrl = (planId: string, kind: TargetImportKind, year: number) =>
  buildUrl(`${base}/target-plans/${enc(planId)}/template`, { kind, ...(kind === 'values' ? { year: String(year) } : {}) });

export function useImportTargets(planId: string, kind: TargetImportKind) {
  return useRefreshingMutation(KEY, ({ file, dryRun }: { file: File; dryRun: boolean }) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api<TargetImported>(`${base}/target-plans/${enc(planId)}/import`, { method: 'POST', body: fd, query: { kind, dryRun: dryRun ? 'true' : undefined } });
  }, ({ dryRun }) => !dryRun);
}

export function useCreateTargetPlan() {
  return useRefreshingMutation(KEY, (body: NewTargetPlan) => api<TargetPlanDetail>(`${base}/target-plans`, { method: 'POST', body }));
}

export function useUpdateTargetPlan(id: string) {
  return useRefreshingMutation(KEY, (body: { version: number; name?: string; documentNumber?: string }) => api<TargetPlanDetail>(`${base}/target-plans/${enc(id)}`, { method: 'PATCH', body }));
}

export function useCreateTarget(planId: string) {
  return useRefreshingMutation(KEY, (body: NewTarget) => api<TargetPlanDetail>(`${base}/target-plans/${enc(planId)}/targets`, { method: 'POST', body }));
}

export function useUpdateTarget() {
  return useRefreshingMutation(KEY, ({ id, ...body }: UpdateTarget & { id: string }) => api<TargetPlanDetail>(`${base}/targets/${enc(id)}`, { method: 'PATCH', body }));
}

export function useDeleteTarget() {
  return useRefreshingMutation(KEY, ({ id, ...body }: { id: string; version: number; reason: string }) => api<TargetPlanDetail>(`${base}/targets/${enc(id)}`, { method: 'DELETE', body }));
}
