import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import {
  answersTemplateParams, answersTemplateQuery, importedAnswersSchema, importListSchema, importProgressParams, importProgressSchema, importQuery,
  newPaperBatchBody, paperBatchDetailSchema, paperBatchListResponse, paperBatchParams, paperEntryBody, paperFormParams, paperFormSchema,
  reconcileBody, surveyEntryParams, type ImportProgress,
} from '@chiso/contract';
import type { HttpDeps } from '../deps';
import type { Database } from '../../db/client';
import { deleteExpiredImportProgress, readImportProgress, writeImportProgress } from '../../db/repositories/import-progress-repository';
import { attachment } from '../attachment';
import { requireActor } from '../request-context';
import { contentTypes } from '../../files/tabular';
import { fileTooLarge, uploadRateLimit } from '../imports/upload';
import { refuseNulInFields } from '../text-guard';
import { AppError } from '../../services/errors';
import { importAnswers, listSurveyImports } from '../../services/survey/answers-import';
import { formatOfFile } from '../../services/survey/answers-rows';
import { answersTemplate } from '../../services/survey/answers-template';
import { createPaperBatch, enterPaperForm, getPaperBatch, getPaperForm, listPaperBatches, reconcilePaperForm } from '../../services/survey/paper-entry';
import { surveyManagedBy } from '../../services/survey/survey-access';

const tags = ['survey'];
const MiB = 1024 * 1024;
const sendFile = () => new AppError('BAD_REQUEST', 'Hãy gửi tệp trong trường “file” (multipart/form-data).');

/**
 * Where a long import stands, by user and a key the client made up: the web polls it while its
 * request runs, possibly on another process, so it is kept in the database (import_progress) for
 * ten minutes. Writes go out one at a time in the background, only the latest waiting one is kept
 * (the import never waits for them); `settle` waits for the last before the answer is sent.
 */
const progressTtlMs = 10 * 60_000;
function progressReporter(db: Database, userId: string, progressKey: string | undefined, log: FastifyBaseLogger) {
  let last: ImportProgress = { phase: 'receiving', rows: 0 };
  let waiting: ImportProgress | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = (value: ImportProgress) =>
    writeImportProgress(db, userId, progressKey!, value, progressTtlMs).catch((error: unknown) => log.warn({ err: error }, 'import progress not saved'));
  const drain = async () => {
    while (waiting) {
      const value = waiting;
      waiting = null;
      await write(value);
    }
  };
  return {
    report(value: ImportProgress) {
      last = value;
      if (!progressKey) return;
      const idle = waiting === null;
      waiting = value;
      if (idle) writing = writing.then(drain);
    },
    rows: () => last.rows,
    settle: () => writing,
  };
}

/** The uploaded file, streamed to a private temporary folder (never whole in memory); a cut upload is a 413. */
async function spoolUpload(request: FastifyRequest, maxBytes: number, dir: string): Promise<{ path: string; fileName: string }> {
  if (!request.isMultipart()) throw sendFile();
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part || part.fieldname !== 'file') throw sendFile();
  refuseNulInFields({ 'file.filename': part.filename });
  const path = join(dir, 'upload');
  await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
  if (part.file.truncated) throw fileTooLarge(maxBytes, part.filename);
  return { path, fileName: part.filename || 'tep-nhap' };
}

/** Issue 13 — Survey entry: paper double entry and answer imports. docs/api.md "Survey: entry". */
export const surveyEntryRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  const maxBytes = deps.config.uploadMaxMb * MiB;

  app.get(
    '/surveys/:id/paper-batches',
    { schema: { tags, summary: 'Các đợt nhập phiếu giấy của cuộc điều tra, với tiến độ', params: surveyEntryParams, response: { 200: paperBatchListResponse } } },
    async (request) => ({ items: await listPaperBatches(db, requireActor(request), request.params.id) }),
  );

  app.post(
    '/surveys/:id/paper-batches',
    { schema: { tags, summary: 'Tạo đợt nhập phiếu giấy (một phiếu hỏi × một đơn vị được đánh giá)', params: surveyEntryParams, body: newPaperBatchBody, response: { 201: paperBatchDetailSchema } } },
    async (request, reply) => reply.status(201).send(await createPaperBatch(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/surveys/:id/paper-batches/:batchId',
    { schema: { tags, summary: 'Một đợt nhập phiếu giấy: các phiếu, trạng thái (một lượt / khớp / khác nhau / đã đối chiếu), tiến độ', params: paperBatchParams, response: { 200: paperBatchDetailSchema } } },
    async (request) => getPaperBatch(db, requireActor(request), request.params.id, request.params.batchId),
  );

  app.post(
    '/surveys/:id/paper-batches/:batchId/entries',
    {
      schema: {
        tags, summary: 'Nhập một lượt (1 hoặc 2) của một phiếu giấy; hai lượt khớp nhau thì phiếu thành phiếu trả lời. Hai lượt phải do hai người khác nhau nhập.',
        params: paperBatchParams, body: paperEntryBody, response: { 200: paperFormSchema },
      },
    },
    async (request) => enterPaperForm(db, requireActor(request), request.params.id, request.params.batchId, request.body),
  );

  app.get(
    '/surveys/:id/paper-batches/:batchId/forms/:formNumber',
    { schema: { tags, summary: 'Một phiếu giấy: hai lượt nhập (ai nhập gì) và các câu khác nhau', params: paperFormParams, response: { 200: paperFormSchema } } },
    async (request) => getPaperForm(db, requireActor(request), request.params.id, request.params.batchId, request.params.formNumber),
  );

  app.post(
    '/surveys/:id/paper-batches/:batchId/forms/:formNumber/reconcile',
    {
      schema: {
        tags, summary: 'Đối chiếu một phiếu có khác biệt: chọn giá trị lượt 1, lượt 2 hoặc giá trị đọc trên phiếu cho từng câu, kèm lý do',
        params: paperFormParams, body: reconcileBody, response: { 200: paperFormSchema },
      },
    },
    async (request) => reconcilePaperForm(db, requireActor(request), request.params.id, request.params.batchId, request.params.formNumber, request.body),
  );

  app.get(
    '/surveys/:id/questionnaires/:questionnaireId/answers-template',
    { schema: { tags, summary: 'Tệp mẫu nhập phiếu trả lời của một phiếu hỏi (Excel hoặc CSV)', params: answersTemplateParams, querystring: answersTemplateQuery } },
    async (request, reply) => {
      const { file, fileName } = await answersTemplate(db, requireActor(request), request.params.id, request.params.questionnaireId, request.query.format);
      return reply.header('content-type', contentTypes[request.query.format]).header('content-disposition', attachment(fileName)).send(file);
    },
  );

  app.get(
    '/surveys/:id/imports',
    { schema: { tags, summary: 'Các lần nhập phiếu trả lời từ tệp', params: surveyEntryParams, response: { 200: importListSchema } } },
    async (request) => ({ items: await listSurveyImports(db, requireActor(request), request.params.id) }),
  );

  app.post(
    '/surveys/:id/imports',
    {
      preHandler: uploadRateLimit(app, 'survey-imports'),
      schema: {
        tags,
        summary: 'Nhập phiếu trả lời từ tệp CSV hoặc Excel theo tệp mẫu (đọc dần từng dòng): tất cả hoặc không dòng nào; dryRun=true chỉ kiểm tra',
        description: `Tệp trong trường “file”, tối đa ${deps.config.uploadMaxMb} MB (CHISO_UPLOAD_MAX_MB).`,
        consumes: ['multipart/form-data'], params: surveyEntryParams, querystring: importQuery, response: { 200: importedAnswersSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { questionnaireId, dryRun, progressKey } = request.query;
      const progress = progressReporter(db, actor.userId, progressKey, request.log);
      // Who may import, before a byte of the file is read.
      await surveyManagedBy(db, actor, request.params.id);
      const dir = await mkdtemp(join(tmpdir(), 'chiso-survey-import-'));
      try {
        if (progressKey) await deleteExpiredImportProgress(db);
        progress.report({ phase: 'receiving', rows: 0 });
        const { path, fileName } = await spoolUpload(request, maxBytes, dir);
        const format = await formatOfFile(path, fileName);
        if (!format) throw new AppError('IMPORT_INVALID', 'Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx).', [{ line: 1, message: 'Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx).' }]);
        progress.report({ phase: 'checking', rows: 0 });
        const result = await importAnswers(db, actor, {
          surveyId: request.params.id, questionnaireId, path, format, fileName, dryRun, onProgress: (p) => progress.report(p),
        });
        progress.report({ phase: 'done', rows: result.responses });
        return result;
      } catch (error) {
        progress.report({ phase: 'failed', rows: progress.rows() });
        throw error;
      } finally {
        await progress.settle();
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/surveys/:id/imports/progress/:key',
    { schema: { tags, summary: 'Tiến độ của một lần nhập đang chạy (theo khóa progressKey người nhập gửi kèm)', params: importProgressParams, response: { 200: importProgressSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const found = await readImportProgress<ImportProgress>(db, actor.userId, request.params.key);
      if (!found) throw new AppError('NOT_FOUND', 'Không có lần nhập nào đang chạy với khóa này.');
      return { phase: found.phase, rows: found.rows };
    },
  );
};
