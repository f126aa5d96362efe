import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import { councilTable, councilWorkbook } from '../../services/council/council-table';
import { amendGroup, publishGroup } from '../../services/publication/publish';
import { amendBody, councilTableSchema, id, publishBody, resultSnapshotSchema } from '@chiso/contract';
import { attachment, xlsxContentType } from '../attachment';
import { councilCriterionRoutes } from './criterion-routes';

const tags = ['council'];

// Council (Hội đồng thẩm định) and publication (công bố) — see docs/api.md.
export const councilRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  await app.register(councilCriterionRoutes, deps);

  app.get(
    '/cycles/:id/council',
    {
      schema: {
        tags,
        summary: 'Bảng tổng hợp kết quả thẩm định của một nhóm',
        params: z.object({ id }),
        querystring: z.object({ groupId: id }),
        response: { 200: councilTableSchema },
      },
    },
    async (request) => councilTable(db, requireActor(request), request.params.id, request.query.groupId),
  );

  app.get(
    '/cycles/:id/council/export',
    {
      schema: {
        tags,
        summary: 'Bảng tổng hợp kết quả thẩm định (Excel): một nhóm, hoặc mỗi nhóm một trang',
        params: z.object({ id }),
        querystring: z.object({ groupId: id.optional(), format: z.literal('xlsx').default('xlsx') }),
      },
    },
    async (request, reply) => {
      const file = await councilWorkbook(db, requireActor(request), request.params.id, request.query.groupId);
      return reply.header('content-type', xlsxContentType).header('content-disposition', attachment(file.filename)).send(file.buffer);
    },
  );

  app.post(
    '/cycles/:id/groups/:groupId/publish',
    {
      schema: {
        tags,
        summary: 'Công bố kết quả của một nhóm (tạo bản công bố bất biến số 1)',
        params: z.object({ id, groupId: id }),
        body: publishBody.optional(),
        response: { 200: resultSnapshotSchema },
      },
    },
    async (request) =>
      publishGroup(requestContext(request), { cycleId: request.params.id, groupId: request.params.groupId, decisionNumber: request.body?.decisionNumber ?? null }),
  );

  app.post(
    '/cycles/:id/groups/:groupId/amend',
    {
      schema: {
        tags,
        summary: 'Điều chỉnh kết quả đã công bố (tạo bản công bố mới, giữ các bản trước)',
        params: z.object({ id, groupId: id }),
        body: amendBody,
        response: { 200: resultSnapshotSchema },
      },
    },
    async (request) =>
      amendGroup(requestContext(request), {
        cycleId: request.params.id, groupId: request.params.groupId, reason: request.body.reason, decisionNumber: request.body.decisionNumber ?? null,
      }),
  );
};
