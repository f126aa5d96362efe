import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { getResultSnapshot, listPublishedResults } from '../../services/publication/results';
import { publishedTrace } from '../../services/publication/trace';
import { id, publishedGroupSchema, publishedTraceSchema, resultSnapshotSchema, snapshotNumber } from '@chiso/contract';

const tags = ['results'];

/** Published results of a cycle for logged-in users: the same snapshots the public sees, nothing unpublished. */
export const resultsRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/cycles/:id/results',
    {
      schema: {
        tags,
        summary: 'Kết quả đã công bố của kỳ đánh giá (theo nhóm và lần công bố)',
        params: z.object({ id }),
        querystring: z.object({ groupId: id.optional(), number: snapshotNumber }),
        response: { 200: z.union([resultSnapshotSchema, z.object({ items: z.array(publishedGroupSchema) })]) },
      },
    },
    async (request) => {
      requireActor(request);
      const { groupId, number } = request.query;
      if (!groupId) return { items: await listPublishedResults(db, request.params.id) };
      return getResultSnapshot(db, request.params.id, groupId, number);
    },
  );

  app.get(
    '/cycles/:id/results/:groupId/units/:unitId/trace',
    {
      schema: {
        tags,
        summary: 'Truy vết điểm công bố của một đơn vị: từng tiêu chí, nguồn điểm, tài liệu kiểm chứng và các quyết định',
        params: z.object({ id, groupId: id, unitId: id }),
        querystring: z.object({ number: snapshotNumber }),
        response: { 200: publishedTraceSchema },
      },
    },
    async (request) => {
      const { id: cycleId, groupId, unitId } = request.params;
      return publishedTrace(db, cycleId, groupId, unitId, requireActor(request), request.query.number);
    },
  );
};
