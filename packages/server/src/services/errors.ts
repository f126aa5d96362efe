/**
 * Errors that services raise and the HTTP layer turns into the one error envelope
 * `{ error: { code, message, details } }`. Messages are Vietnamese, ready to show.
 */
import type { Refusal, RefusalCode } from '@chiso/core';

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'CSRF_INVALID'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'IMPORT_INVALID'
  | 'RULE_VIOLATION'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL';

const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  IMPORT_INVALID: 422,
  RULE_VIOLATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export interface ErrorDetail {
  path?: string;
  line?: number;
  column?: string;
  message: string;
  current?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** For 429: how long to wait, sent as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `Không tìm thấy ${what}.`);

export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => new AppError('FORBIDDEN', message);

/** A stale `version`: the client gets the current record to show and re-apply its change. */
export const staleVersion = (current: unknown) =>
  new AppError(
    'CONFLICT',
    'Dữ liệu đã được người khác thay đổi sau khi bạn mở. Hãy xem giá trị hiện tại rồi lưu lại.',
    [{ message: 'Phiên bản cũ', current }],
  );

export const ruleViolation = (message: string, details?: ErrorDetail[]) => new AppError('RULE_VIOLATION', message, details);

/** Core refusal codes that mean "not yours" (403) rather than "not now / not valid" (422). */
export const ACCESS_REFUSALS: ReadonlySet<RefusalCode> = new Set<RefusalCode>(['role', 'not_own_unit', 'not_assigned', 'not_chair', 'own_unit']);

/**
 * The one mapping from a core refusal to an HTTP error: 403 for "not yours", else 422 with the
 * offending field. Unit-level actions (`unitAction`) are offered per role and state in the UI, so
 * every refusal of theirs is a 422 on the action (or on the reason it lacks).
 */
export function refusalError(refusal: Refusal, path?: string, options: { unitAction?: boolean } = {}): AppError {
  if (!options.unitAction && ACCESS_REFUSALS.has(refusal.code)) return forbidden(refusal.message);
  return ruleViolation(refusal.message, path ? [{ path, message: refusal.message }] : undefined);
}
