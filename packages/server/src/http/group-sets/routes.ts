import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { createGroup, createGroupSet, listGroupSets, setGroupMembers, updateGroupSet } from '../../services/group-sets';
import type { Actor } from '../../services/actor';
import { groupSetAbilities } from '../../services/policies/framework';
import type { GroupSetView } from '../../services/group-sets';

const tags = ['group-sets'];
const id = z.guid({ error: 'Mã định danh không hợp lệ' });
const code = z
  .string()
  .trim()
  .min(1, 'Không được để trống')
  .max(50, 'Tối đa 50 ký tự')
  .regex(/^\S+$/, 'Mã không được chứa khoảng trắng');
const name = z.string().trim().min(1, 'Không được để trống').max(300, 'Tối đa 300 ký tự');

const groupSetSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  groups: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), version: z.number().int(), memberIds: z.array(z.string()) })),
  may: z.object({ edit: z.boolean() }),
});

const present = (actor: Actor, set: GroupSetView) => ({ ...set, may: groupSetAbilities(actor) });

// Routes for /api/group-sets — see docs/api.md.
export const groupSetsRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/group-sets',
    { schema: { tags, summary: 'Bộ nhóm xếp hạng', response: { 200: z.object({ items: z.array(groupSetSchema) }) } } },
    async (request) => {
      const actor = requireActor(request);
      return { items: (await listGroupSets(db)).map((s) => present(actor, s)) };
    },
  );

  app.post(
    '/group-sets',
    { schema: { tags, summary: 'Tạo bộ nhóm', body: z.object({ code, name }), response: { 201: groupSetSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(present(actor, await createGroupSet(db, actor, request.body)));
    },
  );

  app.patch(
    '/group-sets/:id',
    { schema: { tags, summary: 'Đổi tên bộ nhóm', params: z.object({ id }), body: z.object({ version: z.number().int(), name }), response: { 200: groupSetSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return present(actor, await updateGroupSet(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/group-sets/:id/groups',
    { schema: { tags, summary: 'Thêm nhóm vào bộ nhóm', params: z.object({ id }), body: z.object({ code, name }), response: { 201: groupSetSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(present(actor, await createGroup(db, actor, request.params.id, request.body)));
    },
  );

  app.put(
    '/group-sets/:id/groups/:groupId/members',
    {
      schema: {
        tags,
        summary: 'Đặt danh sách đơn vị của nhóm (mỗi đơn vị chỉ thuộc một nhóm trong bộ)',
        params: z.object({ id, groupId: id }),
        body: z.object({ version: z.number().int(), memberIds: z.array(id).max(20_000) }),
        response: { 200: groupSetSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return present(actor, await setGroupMembers(db, actor, request.params.id, request.params.groupId, request.body));
    },
  );
};
