import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import type { Config } from '../../config/env';
import { changeOwnPassword, login, logout } from '../../services/sessions';
import { AppError, msg } from '../../services/errors';
import { sessionCookieName } from '../../auth/cookie';
import { requireActor } from '../request-context';
import { changePasswordBody, loginBody, sessionAnswerSchema } from '@chiso/contract';
import { presentMe } from './presenters';
import { errorEnvelopeSchema } from '@chiso/contract';

/**
 * Login attempts per minute from one address, counted in the database (every process) on top of the growing
 * delays (services/login-throttle.ts): it stops a flood before it costs password verifications.
 * Generous, because a whole provincial office may reach chiso through one address and log in at
 * once at eight in the morning.
 */
export const loginRateLimits = { perAddress: 60 } as const;

const errorSchema = errorEnvelopeSchema;

function cookieOptions(config: Config, request: FastifyRequest) {
  const secure = config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure;
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
}

function requireSession(request: FastifyRequest) {
  const actor = requireActor(request);
  if (!request.auth) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để tiếp tục.');
  return { actor, auth: request.auth };
}

const clearSessionCookie = (config: Config, request: FastifyRequest, reply: FastifyReply) =>
  reply.clearCookie(sessionCookieName, cookieOptions(config, request));

// Routes for /api/auth — see docs/api.md.
export const authRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const sessionDeps = { db: deps.database.db, config: deps.config };
  const perAddress = app.createRateLimit({ max: loginRateLimits.perAddress, timeWindow: 60_000, keyGenerator: (request) => `login-address:${request.ip}` });

  app.post(
    '/auth/login',
    {
      preHandler: async (request) => {
        const limit = await perAddress(request);
        if (!limit.isAllowed && limit.isExceeded) {
          const seconds = Math.max(1, Math.ceil(limit.ttl / 1000));
          throw new AppError('RATE_LIMITED', msg('error.loginRateLimited', { seconds }), undefined, seconds);
        }
      },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập',
        body: loginBody,
        response: { 200: sessionAnswerSchema, 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { token, session } = await login(sessionDeps, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(sessionCookieName, token, cookieOptions(deps.config, request));
      return { user: await presentMe(deps.database.db, session.user), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.actor && request.auth) await logout(sessionDeps, request.actor, request.auth.tokenHash);
      clearSessionCookie(deps.config, request, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'Người đang đăng nhập', response: { 200: sessionAnswerSchema, 401: errorSchema } } },
    async (request) => {
      const { auth } = requireSession(request);
      return { user: await presentMe(deps.database.db, auth.session.user), csrfToken: auth.csrfToken };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của mình',
        body: changePasswordBody,
        response: { 204: z.null(), 400: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { actor, auth } = requireSession(request);
      await changeOwnPassword(sessionDeps, actor, auth.tokenHash, request.body);
      return reply.status(204).send(null);
    },
  );
};
