import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { exportResultSnapshot, exportSnapshotDocument, getResultSnapshot, listPublishedResults } from '../../services/publication/results';
import { id, itemsOf, publicSnapshotSchema, publishedGroupSchema, snapshotNumber } from '@chiso/contract';
import { attachment, xlsxContentType } from '../attachment';

const tags = ['public'];

/**
 * Public results (no login): only published, immutable snapshots. The auth plugin leaves
 * `request.actor` null for anonymous requests; these handlers never ask for it.
 */
export const publicRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/public/results',
    { schema: { tags, summary: 'Kết quả đã công bố (không cần đăng nhập)', response: { 200: itemsOf(publishedGroupSchema) } } },
    async () => ({ items: await listPublishedResults(db) }),
  );

  app.get(
    '/public/results/:cycleId/:groupId',
    {
      schema: {
        tags,
        summary: 'Kết quả công bố của một nhóm (mới nhất, hoặc lần công bố theo số)',
        params: z.object({ cycleId: id, groupId: id }),
        querystring: z.object({ number: snapshotNumber }),
        response: { 200: publicSnapshotSchema },
      },
    },
    async (request) => getResultSnapshot(db, request.params.cycleId, request.params.groupId, request.query.number),
  );

  app.get(
    '/public/results/:cycleId/:groupId/export',
    {
      schema: {
        tags,
        summary: 'Tải kết quả công bố (Excel)',
        params: z.object({ cycleId: id, groupId: id }),
        querystring: z.object({ number: snapshotNumber, format: z.literal('xlsx').default('xlsx') }),
      },
    },
    async (request, reply) => {
      const file = await exportResultSnapshot(db, request.params.cycleId, request.params.groupId, request.query.number);
      return reply.header('content-type', xlsxContentType).header('content-disposition', attachment(file.filename)).send(file.stream);
    },
  );

  app.get(
    '/public/results/:cycleId/:groupId/snapshot.json',
    {
      schema: {
        tags,
        summary: 'Tệp kiểm tra của bản công bố: SHA-256 của đúng các byte này là mã kiểm tra đã công bố',
        params: z.object({ cycleId: id, groupId: id }),
        querystring: z.object({ number: snapshotNumber }),
      },
    },
    async (request, reply) => {
      const file = await exportSnapshotDocument(db, request.params.cycleId, request.params.groupId, request.query.number);
      // Sent as bytes: the hash is over exactly these.
      return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', attachment(file.filename)).send(Buffer.from(file.text, 'utf8'));
    },
  );
};
