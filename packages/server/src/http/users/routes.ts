import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { createUser, listUsers, resetPassword, updateUser, usernamePattern } from '../../services/accounts';
import { roleSchema } from '@chiso/contract';
import { userSchema } from '@chiso/contract';
import { presentUser } from './presenters';

const idParams = z.object({ id: z.uuid('Mã tài khoản không hợp lệ') });
const fullName = z.string().trim().min(1, 'Không được để trống').max(200, 'Tối đa 200 ký tự');
const email = z.email('Địa chỉ email không hợp lệ').max(320).nullable();
const roleList = z.array(roleSchema).min(1, 'Chọn ít nhất một vai trò').max(6);
const reason = z.string().trim().max(2000, 'Tối đa 2000 ký tự').nullable().optional();

// Routes for /api/users — see docs/api.md.
export const usersRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const accountDeps = { db: deps.database.db };

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Danh sách tài khoản (quản trị: tất cả; lãnh đạo đơn vị: đơn vị mình)',
        querystring: z.object({
          unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
          q: z.string().trim().max(200).optional(),
          role: roleSchema.optional(),
        }),
        response: { 200: z.object({ items: z.array(userSchema) }) },
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
        body: z.object({
          username: z
            .string()
            .trim()
            .toLowerCase()
            .regex(usernamePattern, 'Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới'),
          fullName,
          email: email.optional(),
          unitId: z.uuid('Mã đơn vị không hợp lệ'),
          roles: roleList,
          password: z.string().max(1000).optional(),
        }),
        response: { 201: z.object({ user: userSchema, temporaryPassword: z.string().optional() }) },
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
        body: z.object({
          version: z.number().int().min(1),
          fullName: fullName.optional(),
          email: email.optional(),
          unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
          roles: roleList.optional(),
          active: z.boolean().optional(),
          reason,
        }),
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
        body: z.object({ reason }).nullish(),
        response: { 200: z.object({ temporaryPassword: z.string() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return resetPassword(accountDeps, actor, request.params.id, request.body?.reason);
    },
  );
};
