import { AppError, type ErrorDetail, msg } from '../errors';

export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ path, message }]);

export const invalidMany = (details: ErrorDetail[]) =>
  new AppError('VALIDATION_FAILED', details.length === 1 ? details[0]! : msg('error.validationFailed'), details);

export const duplicateCode = (code: string, path = 'code') =>
  new AppError('DUPLICATE', msg('conflict.unitCode', { code }), [{ path, ...msg('conflict.codeExists') }]);

/** PostgreSQL unique violation (23505), however the driver wraps it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint?: string; constraint_name?: string };
    if (pg.code === '23505') return !constraint || pg.constraint === constraint || pg.constraint_name === constraint || String((e as Error).message).includes(constraint);
  }
  return false;
}

/** Lists codes for a message: at most ten, then “và N đơn vị khác”. */
export function listCodes(items: { code: string; name: string }[]): string {
  const shown = items.slice(0, 10).map((u) => `${u.code} (${u.name})`);
  const rest = items.length - shown.length;
  return shown.join(', ') + (rest > 0 ? ` và ${rest} đơn vị khác` : '');
}
