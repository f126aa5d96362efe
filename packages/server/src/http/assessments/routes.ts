import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import * as assessments from '../../services/assessments/assessment-service';
import { selfAssessmentReport } from '../../services/assessments/report';
import { selfAssessmentDocx } from '../../documents/self-assessment-docx';
import { contentDisposition } from '../evidence/presenters';
import { answerBody, assessmentSchema, criterionSaveBody, id, itemsOf, myAssessmentSchema, savedCriterionSchema } from '@chiso/contract';

const tags = ['assessments'];
const unitParams = z.object({ id, unitId: id });
const criterionParams = z.object({ id, unitId: id, nodeKey: z.string().min(1).max(200) });
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Self-assessment (tự đánh giá) — docs/api.md "Assessment cycles". Thin: parse → service.
export const assessmentsRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/cycles/:id/units/:unitId/assessment',
    { schema: { tags, summary: 'Hồ sơ tự đánh giá của một đơn vị trong kỳ', params: unitParams, response: { 200: assessmentSchema } } },
    async (request) => assessments.getAssessment(requestContext(request), request.params.id, request.params.unitId),
  );

  app.put(
    '/cycles/:id/units/:unitId/criteria/:nodeKey',
    {
      schema: {
        tags,
        summary: 'Lưu tự đánh giá một tiêu chí (tự động lưu)',
        params: criterionParams,
        body: criterionSaveBody,
        response: { 200: savedCriterionSchema },
      },
    },
    async (request) => {
      const { id: cycleId, unitId, nodeKey } = request.params;
      return assessments.saveSelf(requestContext(request), cycleId, unitId, nodeKey, request.body);
    },
  );

  app.post(
    '/cycles/:id/units/:unitId/criteria/:nodeKey/answer',
    {
      schema: {
        tags,
        summary: 'Trả lời yêu cầu giải trình, bổ sung tài liệu',
        params: criterionParams,
        body: answerBody,
        response: { 200: savedCriterionSchema },
      },
    },
    async (request) => {
      const { id: cycleId, unitId, nodeKey } = request.params;
      return assessments.answer(requestContext(request), cycleId, unitId, nodeKey, request.body);
    },
  );

  app.get(
    '/cycles/:id/units/:unitId/report.docx',
    { schema: { tags, summary: 'Báo cáo tự đánh giá (Word)', params: unitParams } },
    async (request, reply) => {
      const { report, fileName } = await selfAssessmentReport(db, request.params.id, request.params.unitId, requireActor(request));
      const buffer = await selfAssessmentDocx(report);
      return reply.header('content-type', docxType).header('content-disposition', contentDisposition(fileName)).header('cache-control', 'private, no-cache').send(buffer);
    },
  );

  app.get(
    '/my/assessments',
    { schema: { tags, summary: 'Việc của tôi: hồ sơ tự đánh giá, hoặc các đơn vị cần thẩm định', response: { 200: itemsOf(myAssessmentSchema) } } },
    async (request) => ({ items: await assessments.myAssessments(requestContext(request)) }),
  );
};
