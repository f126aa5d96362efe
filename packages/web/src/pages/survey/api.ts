/** The survey list and one survey (issue 13), shared by every tab of the survey page — docs/api.md "Survey: setup". */
import { useQuery } from '@tanstack/react-query';
import type { NewSurvey, SurveyDetail, SurveySummary, UpdateSurvey } from '@chiso/contract';
import { api } from '../../api/client';
import { useRefreshingMutation } from '../../api/mutations';

export type { SurveyDetail, SurveySummary, QuestionnaireSummary } from '@chiso/contract';

const enc = encodeURIComponent;
/** Every survey query lives under this key: a change anywhere in the survey refreshes them all. */
export const SURVEYS_KEY = ['surveys'];

export function useSurveys(cycleId?: string) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'list', cycleId ?? null],
    queryFn: ({ signal }) => api<{ items: SurveySummary[] }>('/surveys', { signal, query: { cycleId } }).then((r) => r.items),
  });
}

export function useSurvey(id: string | undefined) {
  return useQuery({ queryKey: [...SURVEYS_KEY, 'one', id], queryFn: ({ signal }) => api<SurveyDetail>(`/surveys/${enc(id ?? '')}`, { signal }), enabled: !!id });
}

export function useCreateSurvey() {
  return useRefreshingMutation(SURVEYS_KEY, (body: NewSurvey) => api<SurveyDetail>('/surveys', { method: 'POST', body }));
}

export function useUpdateSurvey(id: string) {
  return useRefreshingMutation(SURVEYS_KEY, (body: UpdateSurvey) => api<SurveyDetail>(`/surveys/${enc(id)}`, { method: 'PATCH', body }));
}

export function useOpenSurvey(id: string) {
  return useRefreshingMutation(SURVEYS_KEY, (version: number) => api<SurveyDetail>(`/surveys/${enc(id)}/open`, { method: 'POST', body: { version } }));
}
