import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random 32-byte token, URL-safe: the session cookie value or a CSRF token. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** What the database stores instead of the session token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Constant-time comparison of two tokens. */
export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
