import type { FastifyRequest } from 'fastify';
import type { Actor } from '../services/actor';
import type { RequestContext } from '../services/context';
import { AppError } from '../services/errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin from the session cookie; null when not logged in. */
    actor: Actor | null;
    /** The command context of a logged-in request, built once before its handler (http/app.ts). */
    context: RequestContext | null;
  }
}

/** The logged-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để tiếp tục.');
  return request.actor;
}

/**
 * The request's context for the services (database, actor, the instant, the log), or 401 when
 * nobody is logged in.
 */
export function requestContext(request: FastifyRequest): RequestContext {
  requireActor(request);
  return request.context!;
}
