import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { id, snapshotNumber, yearOverYearSchema } from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { groupYearOverYear } from '../../services/results/year-over-year';

const summary = 'So sánh với các năm trước: thay đổi chỉ số, điểm, thứ hạng, xếp loại của từng đơn vị (theo quan hệ kế thừa khi sáp nhập, chia tách), số đơn vị theo xếp loại và chỉ số bình quân từng lĩnh vực';

/**
 * Year over year of published results (issue 11 §1), logged in and public: both read only
 * published snapshots, so they answer the same.
 */
export const yearOverYearRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/cycles/:id/results/:groupId/year-over-year',
    {
      schema: {
        tags: ['results'], summary,
        params: z.object({ id, groupId: id }),
        querystring: z.object({ number: snapshotNumber }),
        response: { 200: yearOverYearSchema },
      },
    },
    async (request) => {
      requireActor(request);
      return groupYearOverYear(db, request.params.id, request.params.groupId, request.query.number);
    },
  );

  app.get(
    '/public/results/:cycleId/:groupId/year-over-year',
    {
      schema: {
        tags: ['public'], summary,
        params: z.object({ cycleId: id, groupId: id }),
        querystring: z.object({ number: snapshotNumber }),
        response: { 200: yearOverYearSchema },
      },
    },
    async (request) => groupYearOverYear(db, request.params.cycleId, request.params.groupId, request.query.number),
  );
};
