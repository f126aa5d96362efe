import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { contentTypes, writeTable } from '../../files/tabular';
import { assertAdministersCycleId } from '../../services/cycles/owner';
import { authenticateToken, createToken, listTokens, revokeToken, type TokenActor } from '../../services/data-feeds/api-tokens';
import { AppError, msg } from '../../services/errors';
import { pullChisoFeeds } from '../../services/data-feeds/chiso-feed';
import { dataFeedTemplate, feedTemplateHeader, importDataFeedValues } from '../../services/data-feeds/import';
import { pushDataFeedValues } from '../../services/data-feeds/push';
import { listCycleFeedValues, listUnitFeedValues } from '../../services/data-feeds/view';
import { readUploadedTable } from '../imports/uploaded-table';
import { uploadRateLimit } from '../imports/upload';
import {
  apiTokenSchema, booleanFlag, chisoPulledSchema, createdApiTokenSchema, feedImportedSchema, feedPushBody, feedReceivedSchema, feedValueSchema, id, newApiTokenBody,
} from '@chiso/contract';

const tags = ['data-feeds'];

/** Pushes per minute from one address: an hourly or daily sync needs a handful; more is a loop or an attack. */
export const pushRateLimit = 60;

// Data-feed values (dữ liệu từ hệ thống) and the API tokens other systems push them with — see docs/api.md "Data feeds".
export const dataFeedsRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  const pushLimiter = app.createRateLimit({ max: pushRateLimit, timeWindow: 60_000, keyGenerator: (request) => `data-feed-push:${request.ip}` });
  const pushers = new WeakMap<object, TokenActor>();

  app.get(
    '/cycles/:id/data-feeds',
    { schema: { tags, summary: 'Số liệu từ hệ thống của mọi đơn vị × tiêu chí lấy dữ liệu từ hệ thống (quản trị viên)', params: z.object({ id }), response: { 200: z.array(feedValueSchema) } } },
    async (request) => listCycleFeedValues(db, requireActor(request), request.params.id),
  );

  app.get(
    '/cycles/:id/units/:unitId/data-feeds',
    { schema: { tags, summary: 'Số liệu từ hệ thống của một đơn vị (chỉ xem), kèm nguồn, kỳ và thời điểm nhận', params: z.object({ id, unitId: id }), response: { 200: z.array(feedValueSchema) } } },
    async (request) => listUnitFeedValues(db, requireActor(request), request.params.id, request.params.unitId),
  );

  app.get(
    '/cycles/:id/data-feeds/template',
    { schema: { tags, summary: 'Tệp mẫu nhập số liệu từ hệ thống (Excel): mỗi đơn vị × tiêu chí, kèm số liệu đã có', params: z.object({ id }) } },
    async (request, reply) => {
      const rows = await dataFeedTemplate(db, requireActor(request), request.params.id);
      const file = await writeTable('xlsx', [...feedTemplateHeader], rows, { sheetName: 'Số liệu từ hệ thống', widths: [14, 36, 9, 50, 26, 30, 10, 30, 10, 12, 24] });
      return reply.header('content-type', contentTypes.xlsx).header('content-disposition', 'attachment; filename="so-lieu-tu-he-thong.xlsx"').send(file);
    },
  );

  app.post(
    '/cycles/:id/data-feeds/import',
    {
      preHandler: uploadRateLimit(app, 'data-feeds'),
      schema: {
        tags, summary: 'Nhập số liệu từ hệ thống bằng tệp CSV hoặc Excel (tất cả hoặc không dòng nào)', consumes: ['multipart/form-data'],
        params: z.object({ id }), querystring: z.object({ dryRun: booleanFlag }),
        response: { 200: feedImportedSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await assertAdministersCycleId(db, actor, request.params.id); // before a byte of the file is read
      const { table, fileName } = await readUploadedTable(request);
      return importDataFeedValues(db, actor, request.params.id, table, { dryRun: request.query.dryRun, fileName });
    },
  );

  app.post(
    '/cycles/:id/data-feeds/pull-chiso',
    {
      schema: {
        tags, summary: 'Lấy số liệu từ kết quả chiso đã công bố (ví dụ Chỉ số CCHC của đơn vị cùng năm)', params: z.object({ id }),
        response: { 200: chisoPulledSchema },
      },
    },
    async (request) => pullChisoFeeds(db, requireActor(request), request.params.id),
  );

  app.post(
    '/cycles/:id/data-feeds/push',
    {
      schema: {
        tags,
        summary: 'Hệ thống khác gửi số liệu (mã truy cập API: Authorization: Bearer …); tất cả hoặc không giá trị nào',
        security: [{ apiToken: [] }],
        params: z.object({ id }),
        body: feedPushBody,
        response: { 200: feedReceivedSchema },
      },
      // Limited, then authenticated, before the body is read and validated: nobody without a valid token learns anything from it.
      onRequest: async (request) => {
        const limit = await pushLimiter(request);
        if (!limit.isAllowed && limit.isExceeded) {
          throw new AppError('RATE_LIMITED', msg('error.pushRateLimited', { limit: pushRateLimit }));
        }
        pushers.set(request, await authenticateToken(db, request.headers.authorization, (request.params as { id: string }).id, request.ip));
      },
    },
    async (request) => pushDataFeedValues(db, pushers.get(request)!, request.params.id, request.body),
  );

  app.get('/api-tokens', { schema: { tags, summary: 'Mã truy cập API (quản trị viên)', response: { 200: z.array(apiTokenSchema) } } }, async (request) => listTokens(db, requireActor(request)));

  app.post(
    '/api-tokens',
    {
      schema: {
        tags, summary: 'Tạo mã truy cập API để hệ thống khác gửi số liệu; mã chỉ hiển thị một lần',
        body: newApiTokenBody,
        response: { 200: createdApiTokenSchema },
      },
    },
    async (request) => {
      const { name, cycleId, expiresAt } = request.body;
      return createToken(db, requireActor(request), { name, cycleId, expiresAt: expiresAt ? new Date(expiresAt) : null });
    },
  );

  app.post(
    '/api-tokens/:tokenId/revoke',
    { schema: { tags, summary: 'Thu hồi mã truy cập API', params: z.object({ tokenId: id }), response: { 200: apiTokenSchema } } },
    async (request) => revokeToken(db, requireActor(request), request.params.tokenId),
  );
};
