import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { booleanFlag, id, importedResultsSchema, resultImportFields } from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import { contentTypes, writeTable } from '../../files/tabular';
import { formField, maxImportBytes, readFilePart, uploadRateLimit } from '../imports/upload';
import { tableOfUpload } from '../imports/uploaded-table';
import { AppError } from '../../services/errors';
import { ownerOfNewCycle } from '../../services/cycles/owner';
import { assertAdministersCycle, assertSomeAdministrator } from '../../services/policies/cycle';
import { importPublishedResults, publishedResultsTemplate } from '../../services/results/import-published';

const tags = ['results'];
const fieldNames = Object.keys(resultImportFields.shape) as (keyof typeof resultImportFields.shape)[];
const sendFile = () => new AppError('BAD_REQUEST', 'Hãy gửi tệp trong trường “file” (multipart/form-data), sau các trường của biểu mẫu.');

/** Importing earlier years' published results (issue 11 §2) — docs/api.md "Imported results". */
export const resultImportRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.post(
    '/results/imports',
    {
      preHandler: uploadRateLimit(app, 'result-imports'),
      schema: {
        tags,
        summary: 'Nhập kết quả đã công bố của một năm trước (CSV hoặc Excel, một nhóm): tất cả hoặc không dòng nào',
        description: `Trường biểu mẫu (gửi trước tệp): ${fieldNames.join(', ')}; tệp trong trường “file”.`,
        consumes: ['multipart/form-data'],
        querystring: z.object({ dryRun: booleanFlag }),
        response: { 200: importedResultsSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      assertSomeAdministrator(actor);
      if (!request.isMultipart()) throw sendFile();
      const part = await request.file({ limits: { fileSize: maxImportBytes, files: 1 } });
      if (!part || part.fieldname !== 'file') throw sendFile();
      const parsed = resultImportFields.safeParse(Object.fromEntries(fieldNames.map((name) => [name, formField(part, name)])));
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', 'Thông tin nhập kết quả chưa hợp lệ.', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      }
      const fields = parsed.data;
      // Who may import for this owner, before a byte of the file is read.
      assertAdministersCycle(actor, { ownerUnitId: await ownerOfNewCycle(db, actor, fields.ownerUnitId) });
      const buffer = await readFilePart(part, maxImportBytes);
      const table = await tableOfUpload(buffer, part.filename);
      return importPublishedResults(requestContext(request), { ...fields, table, source: part.filename, dryRun: request.query.dryRun });
    },
  );

  app.get(
    '/results/imports/template.xlsx',
    {
      schema: {
        tags,
        summary: 'Tệp mẫu nhập kết quả đã công bố (Excel, kèm trang “Hướng dẫn”); với frameworkVersionId (đã ban hành, của tỉnh hoặc của đơn vị tổ chức mình đọc được): một cột cho mỗi lĩnh vực; với groupId (và ownerUnitId như khi nhập): một dòng cho mỗi đơn vị hiện thuộc nhóm',
        querystring: z.object({ frameworkVersionId: id.optional(), groupId: id.optional(), ownerUnitId: id.optional() }),
      },
    },
    async (request, reply) => {
      const { header, rows, widths, instructions } = await publishedResultsTemplate(db, requireActor(request), request.query);
      const file = await writeTable('xlsx', header, rows, {
        sheetName: 'Kết quả đã công bố', widths, extraSheets: [{ name: 'Hướng dẫn', rows: instructions, widths: [16, 100] }],
      });
      return reply
        .header('content-type', contentTypes.xlsx)
        .header('content-disposition', 'attachment; filename="mau-nhap-ket-qua-da-cong-bo.xlsx"')
        .send(file);
    },
  );
};
