import type { FastifyInstance } from 'fastify';

export interface LoggedIn {
  /** `chiso_session=<token>`, ready for a `cookie` header. */
  cookie: string;
  csrfToken: string;
  /** Headers for `app.inject`: the session cookie and the CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
  /** The `user` (Me) the login answered with. */
  user: Record<string, unknown> & { id: string; username: string };
}

let counter = 0;

/**
 * Logs in through `POST /api/auth/login` and returns what later requests need. Each call comes
 * from its own IP address (10.x.y.z) unless one is given, so tests do not hit the login rate limit.
 */
export async function loginAs(
  app: FastifyInstance,
  username: string,
  password: string,
  options: { remoteAddress?: string } = {},
): Promise<LoggedIn> {
  counter++;
  const remoteAddress = options.remoteAddress ?? `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  if (response.statusCode !== 200) {
    throw new Error(`loginAs(${username}) failed: ${response.statusCode} ${response.body}`);
  }
  const session = response.cookies.find((c) => c.name === 'chiso_session');
  if (!session) throw new Error(`loginAs(${username}): no chiso_session cookie in the answer`);
  const body = response.json() as { user: LoggedIn['user']; csrfToken: string };
  const cookie = `chiso_session=${session.value}`;
  return { cookie, csrfToken: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken }, user: body.user };
}
