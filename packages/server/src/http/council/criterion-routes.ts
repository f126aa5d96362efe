import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requestContext } from '../request-context';
import * as council from '../../services/council/criterion-commands';
import { approveBody, criterionViewSchema, id, nodeKey, proposeBody, rejectProposalBody } from '@chiso/contract';

const tags = ['council'];
const params = z.object({ id, unitId: id, nodeKey });

// The council's criterion commands — docs/api.md "Council and publication": propose, approve, reject.
export const councilCriterionRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app) => {

  app.post(
    '/cycles/:id/units/:unitId/criteria/:nodeKey/propose',
    {
      schema: {
        tags,
        summary: 'Hội đồng đề xuất điểm cuối cùng của một tiêu chí, có lý do',
        params,
        body: proposeBody,
        response: { 200: criterionViewSchema },
      },
    },
    async (request) => {
      const { id: cycleId, unitId, nodeKey: key } = request.params;
      return council.propose(requestContext(request), cycleId, unitId, key, request.body);
    },
  );

  app.post(
    '/cycles/:id/units/:unitId/criteria/:nodeKey/approve',
    {
      schema: { tags, summary: 'Chủ tịch Hội đồng phê duyệt đề xuất', params, body: approveBody, response: { 200: criterionViewSchema } },
    },
    async (request) => {
      const { id: cycleId, unitId, nodeKey: key } = request.params;
      return council.approve(requestContext(request), cycleId, unitId, key, request.body);
    },
  );

  app.post(
    '/cycles/:id/units/:unitId/criteria/:nodeKey/reject',
    {
      schema: {
        tags,
        summary: 'Chủ tịch Hội đồng không phê duyệt đề xuất, có lý do',
        params,
        body: rejectProposalBody,
        response: { 200: criterionViewSchema },
      },
    },
    async (request) => {
      const { id: cycleId, unitId, nodeKey: key } = request.params;
      return council.reject(requestContext(request), cycleId, unitId, key, request.body);
    },
  );
};
