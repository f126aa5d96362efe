import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  id, itemsOf, noticeBody, noticeDetailSchema, noticeSchema, offeredTaskEvidenceSchema, taskBody, taskDetailSchema, taskListQuery, taskReportBody,
  taskSchema, updateNoticeBody, updateTaskBody,
} from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requestContext } from '../request-context';
import { AppError } from '../../services/errors';
import { openEvidenceStore } from '../../storage/evidence-store';
import { attachNoticeFile, createNotice, getNoticeDetail, listVisibleNotices, openNoticeFile, updateNotice } from '../../services/follow-up/notices';
import { createTask, getTaskDetail, listVisibleTasks, updateTask } from '../../services/follow-up/tasks';
import { offeredTaskEvidence, reportTask } from '../../services/follow-up/task-evidence';
import { contentDisposition } from '../evidence/presenters';
import { evidenceFileOptions } from '../evidence/upload';
import { formField } from '../imports/upload';

const tags = ['follow-up'];

/** Follow-up, issue 12 §1: conclusion notices, their tasks and progress reports — docs/api.md "Follow-up: notices and tasks". */
export const noticeRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const store = await openEvidenceStore(deps.config);

  app.get(
    '/follow-up/notices',
    {
      schema: {
        tags,
        summary: 'Thông báo kết luận (theo năm kết quả); đơn vị chỉ thấy thông báo có nhiệm vụ của mình',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: itemsOf(noticeSchema) },
      },
    },
    async (request) => ({ items: await listVisibleNotices(requestContext(request), request.query.year) }),
  );

  app.post(
    '/follow-up/notices',
    { schema: { tags, summary: 'Ghi thông báo kết luận', body: noticeBody, response: { 201: noticeDetailSchema } } },
    async (request, reply) => reply.status(201).send(await createNotice(requestContext(request), request.body)),
  );

  app.get(
    '/follow-up/notices/:id',
    { schema: { tags, summary: 'Một thông báo kết luận với nhiệm vụ và tình hình theo đơn vị', params: z.object({ id }), response: { 200: noticeDetailSchema } } },
    async (request) => getNoticeDetail(requestContext(request), request.params.id),
  );

  app.patch(
    '/follow-up/notices/:id',
    { schema: { tags, summary: 'Sửa thông báo kết luận', params: z.object({ id }), body: updateNoticeBody, response: { 200: noticeDetailSchema } } },
    async (request) => updateNotice(requestContext(request), request.params.id, request.body),
  );

  app.post(
    '/follow-up/notices/:id/file',
    {
      schema: {
        tags,
        summary: 'Đính kèm tệp thông báo đã ký (trường "file"; "version" trước tệp nếu muốn kiểm tra phiên bản)',
        consumes: ['multipart/form-data'],
        params: z.object({ id }),
        response: { 200: noticeDetailSchema },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp trong trường “file” (multipart/form-data).');
      const part = await request.file(evidenceFileOptions(store.maxBytes));
      if (!part) throw new AppError('BAD_REQUEST', 'Chưa có tệp nào được gửi lên. Hãy chọn tệp thông báo đã ký.');
      try {
        const version = formField(part, 'version');
        return await attachNoticeFile(requestContext(request), store, request.params.id, {
          stream: part.file,
          fileName: part.filename,
          ...(version && /^\d+$/.test(version) ? { version: Number(version) } : {}),
        });
      } finally {
        if (!part.file.readableEnded && !part.file.destroyed) part.file.destroy();
      }
    },
  );

  app.get(
    '/follow-up/notices/:id/file',
    { schema: { tags, summary: 'Tải xuống tệp thông báo đã ký', params: z.object({ id }) } },
    async (request, reply) => {
      const file = await openNoticeFile(requestContext(request), store, request.params.id);
      return reply
        .header('content-type', file.mimeType)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(file.stream);
    },
  );

  app.post(
    '/follow-up/notices/:id/tasks',
    { schema: { tags, summary: 'Giao nhiệm vụ theo thông báo kết luận', params: z.object({ id }), body: taskBody, response: { 201: taskDetailSchema } } },
    async (request, reply) => reply.status(201).send(await createTask(requestContext(request), request.params.id, request.body)),
  );

  app.get(
    '/follow-up/tasks',
    {
      schema: {
        tags,
        summary: 'Nhiệm vụ (lọc theo thông báo, đơn vị chủ trì, trạng thái, quá hạn); đơn vị chỉ thấy nhiệm vụ mình chủ trì hoặc phối hợp',
        querystring: taskListQuery,
        response: { 200: itemsOf(taskSchema) },
      },
    },
    async (request) => ({ items: await listVisibleTasks(requestContext(request), request.query) }),
  );

  app.get(
    '/follow-up/tasks/:taskId',
    { schema: { tags, summary: 'Một nhiệm vụ với các báo cáo tiến độ', params: z.object({ taskId: id }), response: { 200: taskDetailSchema } } },
    async (request) => getTaskDetail(requestContext(request), request.params.taskId),
  );

  app.patch(
    '/follow-up/tasks/:taskId',
    { schema: { tags, summary: 'Sửa, hủy hoặc mở lại nhiệm vụ', params: z.object({ taskId: id }), body: updateTaskBody, response: { 200: taskDetailSchema } } },
    async (request) => updateTask(requestContext(request), request.params.taskId, request.body),
  );

  app.post(
    '/follow-up/tasks/:taskId/reports',
    { schema: { tags, summary: 'Báo cáo tiến độ nhiệm vụ (đơn vị chủ trì)', params: z.object({ taskId: id }), body: taskReportBody, response: { 201: taskDetailSchema } } },
    async (request, reply) => reply.status(201).send(await reportTask(requestContext(request), request.params.taskId, request.body)),
  );

  app.get(
    '/cycles/:id/units/:unitId/criteria/:nodeKey/task-evidence',
    {
      schema: {
        tags,
        summary: 'Tài liệu của nhiệm vụ đã hoàn thành gắn với tiêu chí này, gợi ý để dùng lại',
        params: z.object({ id, unitId: id, nodeKey: z.string().min(1).max(100) }),
        response: { 200: itemsOf(offeredTaskEvidenceSchema) },
      },
    },
    async (request) => ({ items: await offeredTaskEvidence(requestContext(request), { cycleId: request.params.id, ...request.params }) }),
  );
};
