/**
 * Assessment cycles, the unit's side — types and query hooks for the "Assessment cycles
 * (kỳ đánh giá)" section of docs/api.md: the actor's work, one unit's self-assessment,
 * criterion autosave, answers to requests, unit workflow actions and the DOCX report.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitAction } from '@chiso/core';
import type { Assessment, AssessmentSummary, CriterionSave, CriterionView, MyAssessment } from '@chiso/contract';
import { api, buildUrl } from './client';
import { mergeSaved, type SavedCriterionView } from './assessment-status';
import type { Items } from './types';

// Every API shape is the contract's (packages/contract): a field renamed on the server fails the typecheck here.
export type {
  ActionOption as AllowedAction, Assessment, AssessmentSummary, CriterionSave, CriterionView, MyAssessment,
} from '@chiso/contract';

/** Decimal text from the server ("0.750"). */
export type DecimalString = string;

export type ExplanationRequestView = CriterionView['requests'][number];

const KEY = 'assessments';

export const myAssessmentsQuery = queryOptions({
  queryKey: [KEY, 'mine'],
  queryFn: ({ signal }) => api<Items<MyAssessment>>('/my/assessments', { signal }),
});

export function useMyAssessments() {
  return useQuery(myAssessmentsQuery);
}

export function assessmentQuery(cycleId: string, unitId: string) {
  return queryOptions({
    queryKey: [KEY, 'one', cycleId, unitId],
    queryFn: ({ signal }) => api<Assessment>(`${unitPath(cycleId, unitId)}/assessment`, { signal }),
    // The page holds the officer's drafts over it: never refetch under them on focus.
    refetchOnWindowFocus: false,
  });
}

export function useAssessment(cycleId: string, unitId: string) {
  return useQuery(assessmentQuery(cycleId, unitId));
}

function unitPath(cycleId: string, unitId: string): string {
  return `/cycles/${encodeURIComponent(cycleId)}/units/${encodeURIComponent(unitId)}`;
}

/** PUT one criterion (autosave). A stale version gets 409 CONFLICT with the current view in details[0].current. */
export function saveCriterion(cycleId: string, unitId: string, nodeKey: string, body: CriterionSave): Promise<SavedCriterionView> {
  return api<SavedCriterionView>(`${unitPath(cycleId, unitId)}/criteria/${encodeURIComponent(nodeKey)}`, { method: 'PUT', body });
}

/**
 * Puts a criterion view returned by the server into the cached assessment, with the assessment's
 * status that came with a save or an answer (total, checks, actions: current without a reload).
 */
export function useStoreCriterion(cycleId: string, unitId: string) {
  const qc = useQueryClient();
  return (view: SavedCriterionView) => {
    qc.setQueryData(assessmentQuery(cycleId, unitId).queryKey, (a) => (a ? mergeSaved(a, view) : a));
    // The work list's progress and total changed too: fetched again when next shown.
    if (view.assessment) void qc.invalidateQueries({ queryKey: [KEY, 'mine'], refetchType: 'none' });
  };
}

export function useAnswerRequest(cycleId: string, unitId: string) {
  const store = useStoreCriterion(cycleId, unitId);
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ nodeKey, ...body }: { nodeKey: string; version: number; text: string; evidenceIds: string[] }) =>
      api<SavedCriterionView>(`${unitPath(cycleId, unitId)}/criteria/${encodeURIComponent(nodeKey)}/answer`, { method: 'POST', body }),
    onSuccess: async (v) => {
      store(v);
      // The unit's state and allowed actions may follow from the answer.
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export function useUnitAction(cycleId: string, unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: UnitAction; reason?: string }) =>
      api<AssessmentSummary>(`${unitPath(cycleId, unitId)}/actions/${encodeURIComponent(action)}`, {
        method: 'POST',
        body: reason ? { reason } : {},
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export function reportUrl(cycleId: string, unitId: string): string {
  return buildUrl(`${unitPath(cycleId, unitId)}/report.docx`);
}
