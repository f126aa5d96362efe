import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cycleRiskSchema, id, riskQuery, unitRiskSchema } from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requestContext } from '../request-context';
import { cycleRisk, unitRisk } from '../../services/follow-up/mid-year-risk';

const tags = ['follow-up'];

/** Follow-up, issue 12: Mid-year risk of losing points (§5) — docs/api.md "Follow-up: mid-year risk". */
export const midYearRiskRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app) => {
  app.get(
    '/cycles/:id/risk',
    {
      schema: {
        tags, summary: 'Tiêu chí có nguy cơ mất điểm của mọi đơn vị, tổng theo đơn vị và theo cơ quan thẩm định (quản trị viên, hội đồng, lãnh đạo)',
        params: z.object({ id }), querystring: riskQuery, response: { 200: cycleRiskSchema },
      },
    },
    async (request) => cycleRisk(requestContext(request), request.params.id, request.query),
  );

  app.get(
    '/cycles/:id/units/:unitId/risk',
    {
      schema: {
        tags, summary: 'Tiêu chí có nguy cơ mất điểm của một đơn vị (đơn vị xem của mình)',
        params: z.object({ id, unitId: id }), querystring: riskQuery, response: { 200: unitRiskSchema },
      },
    },
    async (request) => unitRisk(requestContext(request), request.params.id, request.params.unitId, request.query),
  );
};
