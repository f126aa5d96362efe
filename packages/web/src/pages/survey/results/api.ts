/**
 * Survey quality, scoring, closing and results (issue 13 §4–6): query hooks for docs/api.md
 * "Survey: quality, scoring and results".
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SurveyFlag } from '@chiso/core';
import type { RescoreResultView, SurveyQuality, SurveyResults, UnitSurveyPoints } from '@chiso/contract';
import { api, buildUrl } from '../../../api/client';
import { useRefreshingMutation } from '../../../api/mutations';
import { SURVEYS_KEY } from '../api';

export type { RescoreResultView, SurveyFlaggedResponse, SurveyQuality, SurveyQuestionResult, SurveyResults, SurveyUnitScore, UnitSurveyPoints } from '@chiso/contract';

const enc = encodeURIComponent;
const base = (surveyId: string) => `/surveys/${enc(surveyId)}`;
/** Under the surveys' key: closing or rescoring refreshes the survey's header and every tab. */
const KEY = [...SURVEYS_KEY, 'results'];

export function useSurveyQuality(surveyId: string, filter: { unitId?: string; flag?: SurveyFlag }) {
  return useQuery({
    queryKey: [...KEY, surveyId, 'quality', filter],
    queryFn: ({ signal }) => api<SurveyQuality>(`${base(surveyId)}/quality`, { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyResults(surveyId: string, filter: { unitId?: string; group?: string }) {
  return useQuery({
    queryKey: [...KEY, surveyId, 'results', filter],
    queryFn: ({ signal }) => api<SurveyResults>(`${base(surveyId)}/results`, { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUnitSurveyPoints(cycleId: string | undefined, unitId: string) {
  return useQuery({
    queryKey: [...KEY, 'unit-points', cycleId, unitId],
    queryFn: ({ signal }) => api<{ items: UnitSurveyPoints[] }>('/surveys/unit-points', { query: { cycleId: cycleId!, unitId }, signal }).then((r) => r.items),
    enabled: !!cycleId,
    retry: false,
  });
}

type Rescored = { rescore: RescoreResultView };

export const useCloseSurvey = (surveyId: string) =>
  useRefreshingMutation(SURVEYS_KEY, (version: number) => api<Rescored & { duplicates: number }>(`${base(surveyId)}/close`, { method: 'POST', body: { version } }));

export const useReopenSurvey = (surveyId: string) =>
  useRefreshingMutation(SURVEYS_KEY, (body: { version: number; reason: string }) => api<unknown>(`${base(surveyId)}/reopen`, { method: 'POST', body }));

export const useRescoreSurvey = (surveyId: string) =>
  useRefreshingMutation(SURVEYS_KEY, () => api<Rescored>(`${base(surveyId)}/rescore`, { method: 'POST', body: {} }));

export const useRecountDuplicates = (surveyId: string) =>
  useRefreshingMutation(KEY, () => api<{ duplicates: number; flagged: number; cleared: number }>(`${base(surveyId)}/quality/duplicates`, { method: 'POST' }));

export const useResponseExclusion = (surveyId: string) =>
  useRefreshingMutation(SURVEYS_KEY, ({ responseId, ...body }: { responseId: number; excluded: boolean; reason: string }) =>
    api<Rescored>(`${base(surveyId)}/responses/${responseId}/exclusion`, { method: 'POST', body }));

export const rawExportUrl = (surveyId: string, format: 'csv' | 'xlsx') => buildUrl(`${base(surveyId)}/export/raw`, { format });
export const aggregatedExportUrl = (surveyId: string) => buildUrl(`${base(surveyId)}/export/aggregated`);
