import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import { contentTypes, writeTable } from '../../files/tabular';
import { readUploadedTable } from '../imports/uploaded-table';
import { uploadRateLimit } from '../imports/upload';
import { importSuppliedPoints, suppliedPointsTemplate, templateHeader } from '../../services/appraisal/supplied-points';
import { assertAdministersCycleId } from '../../services/cycles/owner';
import * as appraisal from '../../services/appraisal/appraisal-service';
import {
  appraisalMatrixQuery, appraisalMatrixSchema, appraisalPendingSchema, booleanFlag, bulkAcceptBody, bulkAcceptedSchema, bulkConfirmBody, bulkConfirmedSchema, criterionViewSchema, decideBody, explanationRequestBody, id, nodeKey, suppliedPointsImportedSchema,
} from '@chiso/contract';

const tags = ['appraisal'];
const criterionParams = z.object({ id, unitId: id, nodeKey });

// Routes for appraisal (thẩm định) — see docs/api.md "Appraisal".
export const appraisalRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/cycles/:id/appraisal',
    {
      schema: {
        tags,
        summary: 'Bảng thẩm định của một cơ quan: tiêu chí được phân công × đơn vị',
        params: z.object({ id }),
        querystring: appraisalMatrixQuery,
        response: { 200: appraisalMatrixSchema },
      },
    },
    async (request) => appraisal.matrix(requestContext(request), request.params.id, request.query),
  );

  app.get(
    '/cycles/:id/appraisal/pending',
    {
      schema: {
        tags,
        summary: 'Các ô của cơ quan thẩm định đang chờ quyết định (mọi đơn vị): khóa và phiên bản, cho thao tác hàng loạt',
        params: z.object({ id }),
        querystring: z.object({ agency: appraisalMatrixQuery.shape.agency }),
        response: { 200: appraisalPendingSchema },
      },
    },
    async (request) => appraisal.pending(requestContext(request), request.params.id, request.query.agency),
  );

  app.post(
    '/cycles/:id/units/:unitId/criteria/:nodeKey/decide',
    {
      schema: {
        tags,
        summary: 'Quyết định điểm thẩm định một tiêu chí (chấp nhận, chấm khác, xác nhận hoặc không chấp nhận không áp dụng)',
        params: criterionParams,
        body: decideBody,
        response: { 200: criterionViewSchema },
      },
    },
    async (request) => {
      const { id: cycleId, unitId, nodeKey: key } = request.params;
      return appraisal.decide(requestContext(request), cycleId, unitId, key, request.body);
    },
  );

  app.post(
    '/cycles/:id/units/:unitId/criteria/:nodeKey/request',
    {
      schema: {
        tags,
        summary: 'Yêu cầu giải trình hoặc bổ sung tài liệu kiểm chứng, có hạn trả lời',
        params: criterionParams,
        body: explanationRequestBody,
        response: { 200: criterionViewSchema },
      },
    },
    async (request) => {
      const { id: cycleId, unitId, nodeKey: key } = request.params;
      return appraisal.request(requestContext(request), cycleId, unitId, key, request.body);
    },
  );

  app.post(
    '/cycles/:id/appraisal/bulk-accept',
    {
      schema: {
        tags,
        summary: 'Chấp nhận hàng loạt kết quả tự đánh giá (mỗi mục được kiểm tra riêng)',
        params: z.object({ id }),
        body: bulkAcceptBody,
        response: { 200: bulkAcceptedSchema },
      },
    },
    async (request) => appraisal.bulkAccept(requestContext(request), request.params.id, request.body.items),
  );

  app.post(
    '/cycles/:id/appraisal/criteria/:nodeKey/confirm-not-applicable',
    {
      schema: {
        tags,
        summary: 'Xác nhận hàng loạt việc không áp dụng một tiêu chí của nhiều đơn vị (tất cả hoặc không đơn vị nào)',
        params: z.object({ id, nodeKey }),
        body: bulkConfirmBody,
        response: { 200: bulkConfirmedSchema },
      },
    },
    async (request) => appraisal.bulkConfirm(requestContext(request), request.params.id, request.params.nodeKey, request.body.items),
  );

  app.get(
    '/cycles/:id/supplied-points/template',
    {
      schema: {
        tags,
        summary: 'Tệp mẫu nhập điểm điều tra xã hội học (Excel): mỗi đơn vị × tiêu chí điều tra, kèm điểm đã nhập',
        params: z.object({ id }),
      },
    },
    async (request, reply) => {
      const rows = await suppliedPointsTemplate(db, requireActor(request), request.params.id);
      const file = await writeTable('xlsx', [...templateHeader], rows, { sheetName: 'Điểm điều tra', widths: [16, 40, 10, 60, 12, 10] });
      return reply
        .header('content-type', contentTypes.xlsx)
        .header('content-disposition', 'attachment; filename="diem-dieu-tra-xa-hoi-hoc.xlsx"')
        .send(file);
    },
  );

  app.post(
    '/cycles/:id/supplied-points/import',
    {
      preHandler: uploadRateLimit(app, 'supplied-points'),
      schema: {
        tags,
        summary: 'Nhập điểm điều tra xã hội học từ tệp CSV hoặc Excel (tất cả hoặc không dòng nào)',
        consumes: ['multipart/form-data'],
        params: z.object({ id }),
        querystring: z.object({ dryRun: booleanFlag }),
        response: { 200: suppliedPointsImportedSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await assertAdministersCycleId(db, actor, request.params.id); // before a byte of the file is read
      const { table, fileName } = await readUploadedTable(request);
      return importSuppliedPoints(db, actor, request.params.id, table, { dryRun: request.query.dryRun, source: fileName });
    },
  );
};
