/** A survey's questionnaires, quotas, respondent lists and sample (issue 13 §1–2) — docs/api.md "Survey: setup". */
import { useQuery } from '@tanstack/react-query';
import type { NewQuestionnaire, QuestionnaireDetail, RespondentsImported, SampleDrawn } from '@chiso/contract';
import type { Questionnaire } from '@chiso/core';
import { api, buildUrl } from '../../../api/client';
import { useRefreshingMutation } from '../../../api/mutations';
import { SURVEYS_KEY } from '../api';

export type { QuestionnaireDetail, RespondentsImported, SampleDrawn } from '@chiso/contract';

const enc = encodeURIComponent;
const base = (surveyId: string, questionnaireId: string) => `/surveys/${enc(surveyId)}/questionnaires/${enc(questionnaireId)}`;

export function useQuestionnaire(surveyId: string, questionnaireId: string | undefined) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'questionnaire', questionnaireId],
    queryFn: ({ signal }) => api<QuestionnaireDetail>(base(surveyId, questionnaireId ?? ''), { signal }),
    enabled: !!questionnaireId,
  });
}

export function useCreateQuestionnaire(surveyId: string) {
  return useRefreshingMutation(SURVEYS_KEY, (body: NewQuestionnaire) => api<QuestionnaireDetail>(`/surveys/${enc(surveyId)}/questionnaires`, { method: 'POST', body }));
}

const fileForm = (file: File) => {
  const fd = new FormData();
  fd.append('file', file, file.name);
  return fd;
};

export function useUploadQuestionnaire(surveyId: string, questionnaireId: string) {
  return useRefreshingMutation(SURVEYS_KEY, (file: File) => api<QuestionnaireDetail>(`${base(surveyId, questionnaireId)}/upload`, { method: 'POST', body: fileForm(file) }));
}

export function useSaveQuestionnaireDocument(surveyId: string, questionnaireId: string) {
  return useRefreshingMutation(SURVEYS_KEY, (body: { version: number; document: Questionnaire }) =>
    api<QuestionnaireDetail>(`${base(surveyId, questionnaireId)}/document`, { method: 'PUT', body }));
}

export const questionnaireTemplateUrl = (surveyId: string, questionnaireId: string) => buildUrl(`${base(surveyId, questionnaireId)}/template`);
export const questionnaireVersionUrl = (surveyId: string, questionnaireId: string, versionId: string) =>
  buildUrl(`${base(surveyId, questionnaireId)}/versions/${enc(versionId)}/xlsx`);

export function useSetQuotas(surveyId: string, questionnaireId: string) {
  return useRefreshingMutation(SURVEYS_KEY, (body: { version: number; every?: number; quotas?: { unitId: string; quota: number }[] }) =>
    api<QuestionnaireDetail>(`${base(surveyId, questionnaireId)}/quotas`, { method: 'PUT', body }));
}

export function useImportRespondents(surveyId: string, questionnaireId: string) {
  return useRefreshingMutation(SURVEYS_KEY, ({ file, dryRun }: { file: File; dryRun: boolean }) =>
    api<RespondentsImported>(`${base(surveyId, questionnaireId)}/respondents`, { method: 'POST', body: fileForm(file), query: { dryRun: dryRun ? 'true' : undefined } }), ({ dryRun }) => !dryRun);
}

export function useDrawSample(surveyId: string, questionnaireId: string) {
  return useRefreshingMutation(SURVEYS_KEY, () => api<SampleDrawn>(`${base(surveyId, questionnaireId)}/sample`, { method: 'POST' }));
}
