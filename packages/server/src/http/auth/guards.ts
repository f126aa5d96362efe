import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Actor, Role } from '../../services/actor';
import { forbidden } from '../../services/errors';
import { requireActor } from '../request-context';

/**
 * The logged-in actor when it holds one of `roles` (401 when not logged in, 403 otherwise).
 * Use in a handler: `const actor = requireRole(request, 'admin')`.
 */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(request);
  if (!roles.some((role) => actor.roles.includes(role))) throw forbidden();
  return actor;
}

/** The same check as a route `preHandler`: `{ preHandler: roleGuard('admin') }`. */
export function roleGuard(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    requireRole(request, ...roles);
  };
}

/** A `preHandler` that only requires a login. */
export const loginGuard: preHandlerAsyncHookHandler = async (request) => {
  requireActor(request);
};

export { requireActor };
