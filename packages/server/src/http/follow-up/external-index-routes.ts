import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  booleanFlag, externalComponentLinkBody, externalEditionBody, externalEditionSchema, externalImportedSchema, externalIndexDetailSchema, externalIndexSummarySchema,
  externalValueBody, id,
} from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { contentTypes, writeTable } from '../../files/tabular';
import { readUploadedTable } from '../imports/uploaded-table';
import { uploadRateLimit } from '../imports/upload';
import { addComponentLink, getExternalIndex, listExternalIndices, removeComponentLink, saveExternalEdition, saveExternalValue } from '../../services/follow-up/external-indices';
import { externalTemplate, importExternalValues } from '../../services/follow-up/external-indices-import';
import { assertManagesExternalIndices } from '../../services/policies/external-indices';

const tags = ['follow-up'];
const key = z.string().min(1).max(50);
const year = z.coerce.number().int().min(2000).max(2100);
const base = '/follow-up/external-indices';

/** Follow-up, issue 12: External indices (§4) — docs/api.md "External indices". */
export const externalIndexRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(base, { schema: { tags, summary: 'Các chỉ số bên ngoài, kèm giá trị mới nhất của tỉnh và thay đổi', response: { 200: z.array(externalIndexSummarySchema) } } }, async (request) =>
    listExternalIndices(db, requireActor(request)));

  app.get(
    `${base}/:key`,
    { schema: { tags, summary: 'Một chỉ số: thông tin từng năm, giá trị theo kỳ của tỉnh và đơn vị, thay đổi, liên kết thành phần', params: z.object({ key }), response: { 200: externalIndexDetailSchema } } },
    async (request) => getExternalIndex(db, requireActor(request), request.params.key),
  );

  app.put(
    `${base}/:key/editions/:year`,
    {
      schema: {
        tags, summary: 'Khai báo hoặc sửa thông tin chỉ số của một năm: thành phần, điểm tối đa, số tỉnh xếp hạng (quản trị viên của tỉnh)',
        params: z.object({ key, year }), body: externalEditionBody, response: { 200: externalEditionSchema },
      },
    },
    async (request) => saveExternalEdition(db, requireActor(request), request.params.key, request.params.year, request.body),
  );

  app.put(
    `${base}/:key/values`,
    { schema: { tags, summary: 'Ghi giá trị của một kỳ (của tỉnh, hoặc của đơn vị với chỉ số 766)', params: z.object({ key }), body: externalValueBody, response: { 200: externalIndexDetailSchema } } },
    async (request) => saveExternalValue(db, requireActor(request), request.params.key, request.body),
  );

  app.post(
    `${base}/:key/links`,
    { schema: { tags, summary: 'Gắn một thành phần với đơn vị chịu trách nhiệm hoặc tiêu chí', params: z.object({ key }), body: externalComponentLinkBody, response: { 200: externalIndexDetailSchema } } },
    async (request) => addComponentLink(db, requireActor(request), request.params.key, request.body),
  );

  app.delete(
    `${base}/:key/links/:linkId`,
    { schema: { tags, summary: 'Bỏ một liên kết thành phần', params: z.object({ key, linkId: id }), response: { 200: externalIndexDetailSchema } } },
    async (request) => removeComponentLink(db, requireActor(request), request.params.key, request.params.linkId),
  );

  app.get(
    `${base}/:key/template`,
    { schema: { tags, summary: 'Tệp mẫu nhập giá trị của một năm (Excel), kèm giá trị đã có', params: z.object({ key }), querystring: z.object({ year }) } },
    async (request, reply) => {
      const { header, rows, fileName } = await externalTemplate(db, requireActor(request), request.params.key, request.query.year);
      const file = await writeTable('xlsx', header, rows, { sheetName: 'Giá trị chỉ số', widths: header.map((h, i) => (i === 0 ? 10 : Math.min(40, Math.max(12, h.length + 2)))) });
      return reply.header('content-type', contentTypes.xlsx).header('content-disposition', `attachment; filename="${fileName}"`).send(file);
    },
  );

  app.post(
    `${base}/:key/import`,
    {
      preHandler: uploadRateLimit(app, 'external-indices'),
      schema: {
        tags, summary: 'Nhập giá trị chỉ số bằng tệp Excel hoặc CSV (tất cả hoặc không dòng nào)', consumes: ['multipart/form-data'],
        params: z.object({ key }), querystring: z.object({ dryRun: booleanFlag }), response: { 200: externalImportedSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      assertManagesExternalIndices(actor); // before a byte of the file is read
      const { table, fileName } = await readUploadedTable(request);
      return importExternalValues(db, actor, request.params.key, table, { dryRun: request.query.dryRun, fileName });
    },
  );
};
