import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loadFramework, serializeFramework } from '@chiso/core';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { AppError, type ErrorDetail } from '../../services/errors';
import { assertSomeAdministrator } from '../../services/policies/framework';
import { frameworkToXlsx } from '../../documents/framework-xlsx';
import { readFrameworkFile, type FileProblem } from '../../documents/framework-file';
import { formField, readUploadedFile, uploadRateLimit } from '../imports/upload';
import {
  adoptFramework,
  copyFramework,
  createFramework,
  diffVersions,
  getVersion,
  importFramework,
  listFrameworks,
  listPrograms,
  newVersion,
  publishVersion,
  readVersion,
  saveDraft,
} from '../../services/frameworks/framework-service';
import {
  adoptFrameworkBody,
  copyFrameworkBody,
  createFrameworkBody,
  exportQuery,
  frameworkFileCheckedSchema,
  frameworkListQuery,
  frameworkListResponse,
  frameworkSummarySchema,
  frameworkVersionSchema,
  idParams,
  importFrameworkFields,
  importFrameworkQuery,
  newVersionBody,
  programsResponse,
  publishVersionBody,
  saveVersionBody,
  versionDiffQuery,
  versionDiffSchema,
} from '@chiso/contract';

const tags = ['frameworks'];
/** Largest framework file accepted for import. */
export const maxFrameworkFileBytes = 10 * 1024 * 1024;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** File problems as IMPORT_INVALID details: `{ line?, column?, path?, message }` (+ code, nodeCode). */
export function fileProblemDetails(problems: readonly FileProblem[]): ErrorDetail[] {
  return problems
    .filter((p) => p.severity === 'error')
    .map((p) => {
      const detail: ErrorDetail & { code?: string; nodeCode?: string; sheet?: string } = {
        message: p.message,
        ...(p.line !== undefined ? { line: p.line } : {}),
        ...(p.column !== undefined ? { column: p.column } : {}),
        ...(p.path !== undefined ? { path: p.path } : {}),
        ...(p.code !== undefined ? { code: p.code } : {}),
        ...(p.nodeCode !== undefined ? { nodeCode: p.nodeCode } : {}),
        ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
      };
      return detail;
    });
}

// Routes for /api/programs, /api/frameworks and /api/framework-versions — see docs/api.md.
export const frameworksRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/programs',
    { schema: { tags, summary: 'Chương trình đánh giá', response: { 200: programsResponse } } },
    async (request) => {
      requireActor(request);
      return { items: await listPrograms(db) };
    },
  );

  app.get(
    '/frameworks',
    {
      schema: {
        tags,
        summary: 'Danh sách bộ tiêu chí',
        querystring: frameworkListQuery,
        response: { 200: frameworkListResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { items: await listFrameworks(db, actor, request.query) };
    },
  );

  app.post(
    '/frameworks',
    { schema: { tags, summary: 'Tạo bộ tiêu chí (bản nháp phiên bản 1)', body: createFrameworkBody, response: { 201: frameworkSummarySchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await createFramework(db, actor, request.body));
    },
  );

  app.post(
    '/frameworks/:id/copy',
    { schema: { tags, summary: 'Sao chép bộ tiêu chí sang năm khác', params: idParams, body: copyFrameworkBody, response: { 201: frameworkSummarySchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await copyFramework(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/frameworks/:id/adopt',
    {
      schema: {
        tags,
        summary: 'Sao chép bộ tiêu chí mẫu (của tỉnh) về đơn vị tổ chức đánh giá của mình (bản nháp từ một phiên bản đã ban hành)',
        params: idParams,
        body: adoptFrameworkBody,
        response: { 201: frameworkSummarySchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await adoptFramework(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/frameworks/:id/versions',
    { schema: { tags, summary: 'Tạo phiên bản mới (kèm lý do)', params: idParams, body: newVersionBody, response: { 201: frameworkVersionSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await newVersion(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/frameworks/import',
    {
      preHandler: uploadRateLimit(app, 'frameworks'),
      schema: {
        tags,
        summary: 'Nhập bộ tiêu chí từ tệp JSON hoặc Excel (tất cả hoặc không gì)',
        consumes: ['multipart/form-data'],
        querystring: importFrameworkQuery,
        response: { 200: frameworkFileCheckedSchema, 201: frameworkSummarySchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      assertSomeAdministrator(actor);
      const { buffer, fileName, part } = await readUploadedFile(request, maxFrameworkFileBytes);
      // Form fields sent before the file, or the same names in the query string.
      const fieldValue = (name: string): string | undefined => {
        const sent = formField(part, name);
        if (sent !== undefined) return sent;
        const q = request.query as Record<string, unknown>;
        return typeof q[name] === 'string' ? q[name] : undefined;
      };
      const fields = importFrameworkFields.safeParse({
        programCode: fieldValue('programCode'),
        year: fieldValue('year'),
        groupLabel: fieldValue('groupLabel'),
        name: fieldValue('name') || undefined,
        ownerUnitId: fieldValue('ownerUnitId') || undefined,
      });
      if (!fields.success) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Cần chương trình (programCode), năm (year) và nhóm đơn vị (groupLabel) của bộ tiêu chí.',
          fields.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      const read = await readFrameworkFile(buffer);
      if (!read.ok) {
        throw new AppError('IMPORT_INVALID', 'Tệp bộ tiêu chí có lỗi; chưa nhập gì. Hãy sửa các lỗi được liệt kê rồi nhập lại.', fileProblemDetails(read.problems));
      }
      const { framework } = await importFramework(
        db,
        actor,
        { ...fields.data, name: fields.data.name ?? read.framework.name, document: read.document, fileName },
        { dryRun: request.query.dryRun },
      );
      if (!framework) return reply.status(200).send({ dryRun: true, warnings: read.warnings.map((w) => w.message) });
      return reply.status(201).send(framework);
    },
  );

  app.get(
    '/framework-versions/diff',
    { schema: { tags, summary: 'So sánh hai phiên bản theo khóa ổn định', querystring: versionDiffQuery, response: { 200: versionDiffSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return diffVersions(db, actor, request.query.from, request.query.to);
    },
  );

  app.get(
    '/framework-versions/:id',
    { schema: { tags, summary: 'Một phiên bản bộ tiêu chí (kèm kết quả kiểm tra)', params: idParams, response: { 200: frameworkVersionSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return getVersion(db, actor, request.params.id);
    },
  );

  app.put(
    '/framework-versions/:id',
    { schema: { tags, summary: 'Lưu bản nháp', params: idParams, body: saveVersionBody, response: { 200: frameworkVersionSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return saveDraft(db, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/framework-versions/:id/publish',
    { schema: { tags, summary: 'Ban hành (khóa) phiên bản', params: idParams, body: publishVersionBody, response: { 200: frameworkVersionSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return publishVersion(db, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/framework-versions/:id/export',
    {
      schema: {
        tags,
        summary: 'Tải phiên bản về (JSON hoặc Excel)',
        params: idParams,
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await readVersion(db, request.params.id, actor);
      const doc = row.document as Record<string, unknown>;
      const base = `${typeof doc.id === 'string' ? doc.id : 'bo-tieu-chi'}-v${row.number}`;
      if (request.query.format === 'json') {
        const loaded = loadFramework(doc);
        // A draft with errors is exported as stored, so nothing typed is lost.
        const body = loaded.ok ? serializeFramework(loaded.framework) : `${JSON.stringify(doc, null, 2)}\n`;
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${base}.json"`)
          .send(body);
      }
      const loaded = loadFramework(doc);
      if (!loaded.ok) {
        throw new AppError(
          'RULE_VIOLATION',
          'Bản nháp còn lỗi nên chưa xuất ra Excel được; hãy xuất JSON hoặc sửa lỗi trước.',
          loaded.errors.filter((e) => e.severity === 'error').map((e) => ({ path: e.path ?? e.nodeCode, message: e.message })),
        );
      }
      const file = await frameworkToXlsx(loaded.framework);
      return reply.header('content-type', xlsxType).header('content-disposition', `attachment; filename="${base}.xlsx"`).send(file);
    },
  );
};
