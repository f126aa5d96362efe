/**
 * Survey collection online (issue 13 §3): query hooks for docs/api.md "Survey: collection" —
 * the links per questionnaire × unit, making and revoking them, their files and the mails.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CreateInvitationsBody, InvitationLink, InvitationOverview, RemindersSent, RevokeInvitationsBody,
} from '@chiso/contract';
import { api, buildUrl } from '../../../api/client';
import { useRefreshingMutation } from '../../../api/mutations';

export type { InvitationCounts, InvitationLink, InvitationOverview, RemindersSent } from '@chiso/contract';

const KEY = 'survey-collection';
const enc = encodeURIComponent;
const base = (surveyId: string) => `/surveys/${enc(surveyId)}`;

export function useInvitationOverview(surveyId: string) {
  return useQuery({
    queryKey: [KEY, surveyId, 'overview'],
    queryFn: ({ signal }) => api<InvitationOverview>(`${base(surveyId)}/invitations`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useInvitationLinks(surveyId: string, params: { questionnaireId: string; unitId: string; state?: InvitationLink['state'] } | null) {
  return useQuery({
    queryKey: [KEY, surveyId, 'links', params],
    queryFn: ({ signal }) => api<{ items: InvitationLink[]; total: number }>(`${base(surveyId)}/invitations/links`, { query: { ...params! }, signal }),
    enabled: params !== null,
  });
}

export const useCreateInvitations = (surveyId: string) =>
  useRefreshingMutation([KEY, surveyId], (body: CreateInvitationsBody) => api<{ created: number; units: number }>(`${base(surveyId)}/invitations`, { method: 'POST', body }));

export const useRevokeInvitations = (surveyId: string) =>
  useRefreshingMutation([KEY, surveyId], (body: RevokeInvitationsBody) => api<{ revoked: number }>(`${base(surveyId)}/invitations/revoke`, { method: 'POST', body }));

export const useSendReminders = (surveyId: string) =>
  useRefreshingMutation([KEY, surveyId], () => api<RemindersSent>(`${base(surveyId)}/reminders`, { method: 'POST' }));

type FileQuery = { questionnaireId: string; unitId?: string };

/** The links as a table to download (the respondent list, never answers). */
export const linksFileUrl = (surveyId: string, q: FileQuery, format: 'xlsx' | 'csv') => buildUrl(`${base(surveyId)}/invitations/export`, { ...q, format });

/** The unused links' QR slips to print (PDF). */
export const qrSheetUrl = (surveyId: string, q: FileQuery) => buildUrl(`${base(surveyId)}/invitations/qr.pdf`, q);

/** One link's QR code (SVG), for a preview. */
export const qrPreviewUrl = (surveyId: string, invitationId: string) => buildUrl(`${base(surveyId)}/invitations/${enc(invitationId)}/qr.svg`);
