import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { createUser, listUsers, resetPassword, updateUser } from '../../services/accounts';
import { createdUserSchema, itemsOf, newUserBody, resetPasswordBody, temporaryPasswordSchema, userListQuery, userPatchBody, userSchema } from '@chiso/contract';
import { presentUser } from './presenters';

const idParams = z.object({ id: z.uuid('Mã tài khoản không hợp lệ') });
// Routes for /api/users — see docs/api.md.
export const usersRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const accountDeps = { db: deps.database.db };

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Danh sách tài khoản (quản trị: tất cả; lãnh đạo đơn vị: đơn vị mình)',
        querystring: userListQuery,
        response: { 200: itemsOf(userSchema) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { unitId, q, role } = request.query;
      const items = await listUsers(accountDeps, actor, { unitId, q: q || undefined, role });
      const now = new Date();
      return { items: items.map((user) => presentUser(user, actor, now)) };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Tạo tài khoản',
        body: newUserBody,
        response: { 201: createdUserSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await createUser(accountDeps, actor, request.body);
      const user = presentUser(created.user, actor);
      return reply.status(201).send(created.temporaryPassword === undefined ? { user } : { user, temporaryPassword: created.temporaryPassword });
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Sửa tài khoản (active: false để ngừng hoạt động)',
        params: idParams,
        body: userPatchBody,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const updated = await updateUser(accountDeps, actor, request.params.id, request.body, (current) => presentUser(current, actor));
      return presentUser(updated, actor);
    },
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Cấp mật khẩu dùng một lần mới',
        params: idParams,
        body: resetPasswordBody,
        response: { 200: temporaryPasswordSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return resetPassword(accountDeps, actor, request.params.id, request.body?.reason);
    },
  );
};
