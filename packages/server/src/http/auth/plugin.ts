import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../deps';
import { authenticate } from '../../services/sessions';
import { AppError } from '../../services/errors';
import { roleScopeOf, type Role } from '../../services/actor';
import type { SessionWithUser } from '../../db/repositories/session-repository';
import { sessionCookieName } from '../../auth/cookie';
import { tokensEqual } from '../../auth/tokens';
import '../request-context';

/** The session behind a request (set with `request.actor`). */
export interface RequestAuth {
  tokenHash: string;
  csrfToken: string;
  mustChangePassword: boolean;
  session: SessionWithUser;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin with the actor; null when not logged in. */
    auth: RequestAuth | null;
  }
}

export const loginRoute = '/api/auth/login';
/** What a user who must change the password may still do. */
const allowedDuringPasswordChange = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout', loginRoute, '/api/health']);
const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes other systems call with an API token (`Authorization: Bearer …`): no session, so no CSRF token. */
const tokenOnlyRoutes = new Set(['/api/cycles/:id/data-feeds/push']);

const withoutDefaultPort = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

/** The login request carries no session yet: a cross-site form post is refused by its Origin. */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!originHost || withoutDefaultPort(originHost) !== withoutDefaultPort(request.host)) {
    throw new AppError('CSRF_INVALID', 'Yêu cầu đăng nhập không đến từ trang của chiso. Hãy mở lại trang đăng nhập rồi thử lại.');
  }
}

/**
 * Sets `request.actor` (and `request.auth`) from the session cookie, checks the CSRF token on
 * mutations and the forced password change, for every route under /api. Not encapsulated
 * (skip-override), so its hook applies to the sibling route modules.
 */
export const authPlugin: FastifyPluginAsync<HttpDeps> = async (app, deps) => {
  app.decorateRequest('auth', null);
  const sessionDeps = { db: deps.database.db, config: deps.config };

  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    const mutating = mutatingMethods.has(request.method);
    if (route === loginRoute) {
      if (mutating) assertSameOrigin(request);
      return;
    }
    if (route && tokenOnlyRoutes.has(route)) return;
    const token = request.cookies[sessionCookieName];
    if (!token) return;
    const session = await authenticate(sessionDeps, token);
    if (!session) return;
    const { user } = session;
    request.auth = { tokenHash: session.tokenHash, csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword, session };
    request.actor = { userId: user.id, username: user.username, unitId: user.unit.id, roles: user.roles as Role[], scope: roleScopeOf(user.scope), ip: request.ip };

    if (mutating) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !tokensEqual(header, session.csrfToken)) {
        throw new AppError('CSRF_INVALID', 'Phiên làm việc không hợp lệ (thiếu mã chống giả mạo). Hãy tải lại trang rồi thử lại.');
      }
    }
    if (user.mustChangePassword && !(route && allowedDuringPasswordChange.has(route))) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Bạn cần đổi mật khẩu trước khi tiếp tục.');
    }
  });
};

// Like fastify-plugin: the hook and decorator belong to the /api scope, not to this plugin only.
(authPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
