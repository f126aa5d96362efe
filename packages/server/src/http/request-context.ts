import type { FastifyRequest } from 'fastify';
import type { Actor } from '../services/actor';
import { AppError } from '../services/errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin from the session cookie; null when not logged in. */
    actor: Actor | null;
  }
}

/** The logged-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để tiếp tục.');
  return request.actor;
}
