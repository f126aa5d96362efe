/**
 * fetch wrapper for the chiso API: sends the session cookie, the CSRF token on mutations,
 * and turns the error envelope `{ error: { code, message, messageId?, params?, details } }` into an ApiError.
 */
import type { ErrorDetailBody } from '@chiso/contract';
import type { MessageParams } from '@chiso/core';

/** One detail of the error envelope (packages/contract errors.ts). */
export type ApiErrorDetail = ErrorDetailBody;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  /** Seconds to wait before trying again (the `Retry-After` of a 429), when the server said. */
  readonly retryAfter: number | undefined;
  /** The catalog message the Vietnamese `message` was formatted from, when it has one. */
  readonly messageId: string | undefined;
  readonly params: MessageParams | undefined;

  constructor(
    status: number, code: string, message: string, details: ApiErrorDetail[] = [], retryAfter?: number,
    catalog: { messageId?: string; params?: MessageParams } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
    this.messageId = catalog.messageId;
    this.params = catalog.params;
  }

  /** Field errors keyed by their dotted path. */
  fieldErrors(): ApiErrorDetail[] {
    return this.details.filter((d) => typeof d.path === 'string' && d.path.length > 0);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

type Listener = (error: ApiError) => void;
const authListeners = new Set<Listener>();

/** Called for 401 and PASSWORD_CHANGE_REQUIRED, so the app can redirect. */
export function onAuthError(listener: Listener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** Do not broadcast 401 (login, me). */
  silentAuth?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const env = (body as { error?: { code?: unknown; message?: unknown; messageId?: unknown; params?: unknown; details?: unknown } } | null)?.error;
  if (env && typeof env.code === 'string') {
    const details = Array.isArray(env.details) ? (env.details as ApiErrorDetail[]) : [];
    const retryAfter = Number(res.headers.get('retry-after'));
    const catalog = typeof env.messageId === 'string'
      ? { messageId: env.messageId, params: (env.params && typeof env.params === 'object' ? env.params : {}) as MessageParams }
      : {};
    return new ApiError(res.status, env.code, typeof env.message === 'string' ? env.message : env.code, details,
      Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : undefined, catalog);
  }
  return new ApiError(res.status, res.status >= 500 ? 'SERVER_ERROR' : 'HTTP_' + res.status, res.statusText || 'Lỗi');
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'include',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được máy chủ');
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (!opts.silentAuth && (err.status === 401 || err.code === 'PASSWORD_CHANGE_REQUIRED')) {
      for (const l of authListeners) l(err);
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}
