/**
 * Errors that services raise and the HTTP layer turns into the one error envelope
 * `{ error: { code, message, messageId?, params?, details } }`. Messages are Vietnamese, ready to
 * show; a message of the core's catalog also carries its id and parameters, so the web shows it in
 * the chosen language. A literal Vietnamese sentence that is a catalog message without parameters
 * (`textMessage`) gets its id too, so `forbidden('Bạn chỉ xem được …')` needs no id at the call site.
 */
import {
  type LocalizedMessage, type MessageId, type MessageParams, type Refusal, type RefusalCode, localized, notFoundSubjectOf, textMessage,
} from '@chiso/core';

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
  | 'GONE'
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
  /** A single-use survey link already used or revoked, or its survey not open. */
  GONE: 410,
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
  /** A machine-readable reason the client acts on (e.g. why a survey link is gone). */
  code?: string;
  message: string;
  /** The catalog message the Vietnamese `message` was formatted from, if any. */
  messageId?: MessageId;
  params?: MessageParams;
  current?: unknown;
}

/** A message: Vietnamese text (its catalog id found when it has one) or a catalog message. */
export type ErrorMessage = string | LocalizedMessage | { readonly message: string; readonly messageId?: MessageId; readonly params?: MessageParams };

function messageOf(m: ErrorMessage): { message: string; messageId?: MessageId; params?: MessageParams } {
  if (typeof m === 'string') return textMessage(m);
  return m.messageId ? { message: m.message, messageId: m.messageId, params: m.params ?? {} } : textMessage(m.message);
}

/** A detail with the catalog id of its message, when it has one. */
export function withMessageId(d: ErrorDetail): ErrorDetail {
  return d.messageId ? d : { ...d, ...textMessage(d.message) };
}

export class AppError extends Error {
  readonly status: number;
  readonly messageId?: MessageId;
  readonly params?: MessageParams;
  readonly details?: ErrorDetail[];
  constructor(
    readonly code: ErrorCode,
    message: ErrorMessage,
    details?: ErrorDetail[],
    /** For 429: how long to wait, sent as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    const m = messageOf(message);
    super(m.message);
    if (m.messageId) {
      this.messageId = m.messageId;
      this.params = m.params ?? {};
    }
    if (details) this.details = details.map(withMessageId);
    this.status = statusOf[code];
  }
}

/** A catalog message for an error: its id, parameters and the Vietnamese text. */
export const msg = (messageId: MessageId, params: MessageParams = {}): LocalizedMessage => localized(messageId, params);

/** 404 naming what was not found ("kỳ đánh giá"); a subject of the catalog is named in every language. */
export const notFound = (what: string) => {
  const subject = notFoundSubjectOf(what);
  return new AppError('NOT_FOUND', subject ? localized('error.notFound', { subject }) : `Không tìm thấy ${what}.`);
};

export const forbidden = (message: ErrorMessage = localized('error.forbidden')) => new AppError('FORBIDDEN', message);

/** A stale `version`: the client gets the current record to show and re-apply its change. */
export const staleVersion = (current: unknown) =>
  new AppError('CONFLICT', localized('error.staleVersion'), [{ ...localized('error.staleVersionDetail'), current }]);

export const ruleViolation = (message: ErrorMessage, details?: ErrorDetail[]) => new AppError('RULE_VIOLATION', message, details);

/** Core refusal codes that mean "not yours" (403) rather than "not now / not valid" (422). */
export const ACCESS_REFUSALS: ReadonlySet<RefusalCode> = new Set<RefusalCode>(['role', 'not_own_unit', 'not_assigned', 'not_chair', 'own_unit']);

/**
 * The one mapping from a core refusal to an HTTP error, for criterion commands and unit actions
 * alike: 403 for "not yours", else 422 with the offending field.
 */
export function refusalError(refusal: Refusal, path?: string): AppError {
  const message = messageOf(refusal);
  if (ACCESS_REFUSALS.has(refusal.code)) return forbidden(message);
  return ruleViolation(message, path ? [{ path, ...message }] : undefined);
}
