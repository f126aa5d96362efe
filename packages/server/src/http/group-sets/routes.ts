import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { groupMembersBody, groupParams, groupSetListResponse, groupSetParams, groupSetSchema, newGroupBody, newGroupSetBody, renameGroupSetBody } from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { createGroup, createGroupSet, listGroupSets, setGroupMembers, updateGroupSet } from '../../services/group-sets';
import type { Actor } from '../../services/actor';
import { groupSetAbilities } from '../../services/policies/framework';
import type { GroupSetView } from '../../services/group-sets';

const tags = ['group-sets'];

const present = (actor: Actor, { ownerUnitId, ...set }: GroupSetView) => ({ ...set, may: groupSetAbilities(actor, { ownerUnitId }) });

// Routes for /api/group-sets — see docs/api.md.
export const groupSetsRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/group-sets',
    { schema: { tags, summary: 'Bộ nhóm xếp hạng', response: { 200: groupSetListResponse } } },
    async (request) => {
      const actor = requireActor(request);
      return { items: (await listGroupSets(db, undefined, actor)).map((s) => present(actor, s)) };
    },
  );

  app.post(
    '/group-sets',
    { schema: { tags, summary: 'Tạo bộ nhóm (của đơn vị tổ chức đánh giá mình, hoặc ownerUnitId)', body: newGroupSetBody, response: { 201: groupSetSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(present(actor, await createGroupSet(db, actor, request.body)));
    },
  );

  app.patch(
    '/group-sets/:id',
    { schema: { tags, summary: 'Đổi tên bộ nhóm', params: groupSetParams, body: renameGroupSetBody, response: { 200: groupSetSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return present(actor, await updateGroupSet(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/group-sets/:id/groups',
    { schema: { tags, summary: 'Thêm nhóm vào bộ nhóm', params: groupSetParams, body: newGroupBody, response: { 201: groupSetSchema } } },
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
        params: groupParams,
        body: groupMembersBody,
        response: { 200: groupSetSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return present(actor, await setGroupMembers(db, actor, request.params.id, request.params.groupId, request.body));
    },
  );
};
