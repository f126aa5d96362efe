import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  decideRemediationPlanBody, draftRemediationPlanBody, id, remediationPlanSchema, remediationPlansQuery, remediationPlansSchema, remediationProgressBody,
  submitRemediationPlanBody, updateRemediationPlanBody,
} from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import { decidePlan, draftPlan, getPlan, listPlans, reportProgress, submitPlan, updatePlan } from '../../services/follow-up/remediation';

const tags = ['follow-up'];
const params = z.object({ id });

/** Follow-up, issue 12: Remediation plans (§2) — docs/api.md "Follow-up: remediation plans". */
export const remediationRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/follow-up/plans',
    { schema: { tags, summary: 'Kế hoạch khắc phục: của mọi đơn vị (quản trị viên, Hội đồng, lãnh đạo) hoặc của chính đơn vị, với tiến độ theo quý', querystring: remediationPlansQuery, response: { 200: remediationPlansSchema } } },
    async (request) => listPlans(db, requireActor(request), request.query),
  );

  app.post(
    '/follow-up/plans',
    { schema: { tags, summary: 'Lập dự thảo kế hoạch khắc phục từ kết quả đã công bố của đơn vị (mỗi tiêu chí bị mất điểm một mục)', body: draftRemediationPlanBody, response: { 201: remediationPlanSchema } } },
    async (request, reply) => reply.status(201).send(await draftPlan(requestContext(request), request.body)),
  );

  app.get(
    '/follow-up/plans/:id',
    { schema: { tags, summary: 'Một kế hoạch khắc phục: các mục, điểm bị mất, tiến độ theo quý', params, response: { 200: remediationPlanSchema } } },
    async (request) => getPlan(db, requireActor(request), request.params.id),
  );

  app.put(
    '/follow-up/plans/:id',
    { schema: { tags, summary: 'Sửa kế hoạch (giải pháp, người chịu trách nhiệm, thời hạn; thêm, bỏ mục) khi còn dự thảo hoặc bị trả lại', params, body: updateRemediationPlanBody, response: { 200: remediationPlanSchema } } },
    async (request) => updatePlan(requestContext(request), request.params.id, request.body),
  );

  app.post(
    '/follow-up/plans/:id/submit',
    { schema: { tags, summary: 'Lãnh đạo đơn vị nộp kế hoạch khắc phục', params, body: submitRemediationPlanBody, response: { 200: remediationPlanSchema } } },
    async (request) => submitPlan(requestContext(request), request.params.id, request.body),
  );

  app.post(
    '/follow-up/plans/:id/decision',
    { schema: { tags, summary: 'Quản trị viên chấp thuận hoặc trả lại (có lý do) kế hoạch đã nộp', params, body: decideRemediationPlanBody, response: { 200: remediationPlanSchema } } },
    async (request) => decidePlan(requestContext(request), request.params.id, request.body),
  );

  app.put(
    '/follow-up/plans/:id/progress',
    { schema: { tags, summary: 'Đơn vị báo cáo tiến độ một mục trong một quý', params, body: remediationProgressBody, response: { 200: remediationPlanSchema } } },
    async (request) => reportProgress(requestContext(request), request.params.id, request.body),
  );
};
