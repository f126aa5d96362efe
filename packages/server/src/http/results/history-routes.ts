import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { groupPredecessorResultsSchema, id, predecessorResultsSchema } from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { groupPredecessorResults, predecessorResults } from '../../services/publication/predecessors';

const tags = ['public'];

/**
 * History across the 2025 reorganisation (issue 10 §6): the published results of a unit's
 * predecessors (merged or split units), public like the results themselves — no login.
 */
export const historyRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/public/units/:unitId/predecessor-results',
    {
      schema: {
        tags,
        summary: 'Kết quả đã công bố của các đơn vị trước sáp nhập (theo quan hệ kế thừa của đơn vị)',
        params: z.object({ unitId: id }),
        response: { 200: predecessorResultsSchema },
      },
    },
    async (request) => predecessorResults(db, request.params.unitId),
  );

  app.get(
    '/public/results/:cycleId/:groupId/predecessors',
    {
      schema: {
        tags,
        summary: 'Kết quả của các đơn vị trước sáp nhập, cho mỗi đơn vị của kết quả công bố mới nhất của nhóm',
        params: z.object({ cycleId: id, groupId: id }),
        response: { 200: groupPredecessorResultsSchema },
      },
    },
    async (request) => groupPredecessorResults(db, request.params.cycleId, request.params.groupId),
  );
};
