import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { id, snapshotNumber } from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { attachment } from '../attachment';
import { requireActor } from '../request-context';
import { resultDocument, type ResultDocumentKind } from '../../services/results/documents';

const tags = ['results'];

const documents: { kind: ResultDocumentKind; summary: string }[] = [
  { kind: 'appraisal-report.docx', summary: 'Báo cáo kết quả thẩm định Chỉ số của nhóm (Word, thể thức Nghị định 30/2020/NĐ-CP)' },
  { kind: 'publication-decision.docx', summary: 'Dự thảo Quyết định công bố Chỉ số của nhóm, kèm phụ lục xếp hạng và điểm theo lĩnh vực (Word)' },
  { kind: 'publication-decision.pdf', summary: 'Quyết định công bố Chỉ số của nhóm (PDF, phông chữ tiếng Việt nhúng trong tệp)' },
];

/**
 * Official documents of published results (issue 11 §6): the appraisal report and the publication
 * decision of a published group, from its snapshot, for the cycle's administrators, council and
 * leaders.
 */
export const resultDocumentRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  for (const { kind, summary } of documents) {
    app.get(
      `/cycles/:id/results/:groupId/documents/${kind}`,
      { schema: { tags, summary, params: z.object({ id, groupId: id }), querystring: z.object({ number: snapshotNumber }) } },
      async (request, reply) => {
        const file = await resultDocument(db, kind, request.params.id, request.params.groupId, requireActor(request), request.query.number);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', attachment(file.filename))
          .header('cache-control', 'private, no-cache')
          .send(file.buffer);
      },
    );
  }
};
