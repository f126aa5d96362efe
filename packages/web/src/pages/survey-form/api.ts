/**
 * The anonymous form's calls (docs/api.md "Survey: collection"). No cookie is sent
 * (`credentials: 'omit'`): the form needs no session, and a logged-in official opening a link in
 * the same browser would otherwise be asked for a CSRF token the form does not have.
 */
import type { PublicResponseBody, PublicSurveyForm } from '@chiso/contract';
import { ApiError, type ApiErrorDetail } from '../../api/client';

export type { PublicSurveyForm } from '@chiso/contract';

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/public/surveys/${path}`, { ...init, credentials: 'omit', cache: 'no-store', headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) } });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được máy chủ');
  }
  if (res.ok) return (await res.json()) as T;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | null;
  const retryAfter = Number(res.headers.get('retry-after'));
  throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText, body?.error?.details ?? [], retryAfter > 0 ? retryAfter : undefined);
}

export const fetchSurveyForm = (token: string) => call<PublicSurveyForm>(encodeURIComponent(token));

export const sendSurveyResponse = (token: string, body: PublicResponseBody) =>
  call<{ received: true }>(`${encodeURIComponent(token)}/responses`, { method: 'POST', body: JSON.stringify(body) });

/** Why the link shows no form: the server's reason (`used`, `revoked`, `closed`, `not_open`, `not_ready`, `unknown`). */
export function goneReason(error: unknown): string | null {
  if (!(error instanceof ApiError) || (error.status !== 410 && error.status !== 404)) return null;
  return error.details.find((d) => d.code)?.code ?? (error.status === 404 ? 'unknown' : 'closed');
}
