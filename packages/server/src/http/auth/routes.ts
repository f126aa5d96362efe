import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import type { Config } from '../../config/env';
import { changeOwnPassword, login, logout } from '../../services/sessions';
import { AppError } from '../../services/errors';
import { sessionCookieName } from '../../auth/cookie';
import { requireActor } from '../request-context';
import { presentMe, sessionAnswerSchema } from './presenters';

/**
 * Login attempts per minute, on top of the per-account lockout: per account name from one
 * address, and per address overall — generous, because a whole provincial office may reach
 * chiso through one address and log in at once at eight in the morning.
 */
export const loginRateLimits = { perAccount: 10, perAddress: 60 } as const;

const attemptedAccount = (request: FastifyRequest) => {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
};

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(z.any()).optional() }) });

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
  const perAccount = app.createRateLimit({
    max: loginRateLimits.perAccount,
    timeWindow: 60_000,
    keyGenerator: (request) => `login-account:${request.ip}|${attemptedAccount(request)}`,
  });

  app.post(
    '/auth/login',
    {
      // After validation (preHandler), so that the account name is known.
      preHandler: async (request) => {
        for (const limiter of [perAddress, perAccount]) {
          const limit = await limiter(request);
          if (!limit.isAllowed && limit.isExceeded) {
            throw new AppError('RATE_LIMITED', 'Có quá nhiều lần đăng nhập trong một phút. Hãy chờ một lát rồi thử lại.');
          }
        }
      },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập',
        body: z.object({
          username: z.string().trim().min(1, 'Hãy nhập tên đăng nhập').max(200),
          password: z.string().min(1, 'Hãy nhập mật khẩu').max(1000),
        }),
        response: { 200: sessionAnswerSchema, 401: errorSchema, 423: errorSchema, 429: errorSchema },
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
      return { user: presentMe(session.user), csrfToken: session.csrfToken };
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
      return { user: presentMe(auth.session.user), csrfToken: auth.csrfToken };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của mình',
        body: z.object({
          currentPassword: z.string().min(1, 'Hãy nhập mật khẩu hiện tại').max(1000),
          newPassword: z.string().min(10, 'Mật khẩu phải có ít nhất 10 ký tự.').max(1000),
        }),
        response: { 204: z.null(), 400: errorSchema },
      },
    },
    async (request, reply) => {
      const { actor, auth } = requireSession(request);
      await changeOwnPassword(sessionDeps, actor, auth.tokenHash, request.body);
      return reply.status(204).send(null);
    },
  );
};
