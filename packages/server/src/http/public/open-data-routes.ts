import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { id, openDataSchema, snapshotNumber, unitPublishedResultsSchema } from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { contentTypes } from '../../files/tabular';
import { groupOpenData, openDataCsv, openDataFileStem, unitPublishedResults } from '../../services/publication/open-data';
import { attachment } from '../attachment';

const tags = ['public'];
const groupParams = z.object({ cycleId: id, groupId: id });
const numberQuery = z.object({ number: snapshotNumber });

/**
 * The public site's per-unit pages and open data downloads (issue 11 §7). No login: only
 * published snapshots are read; the handlers never ask for `request.actor`.
 */
export const openDataRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/public/units/:unitId/results',
    {
      schema: {
        tags,
        summary: 'Mọi kết quả đã công bố của một đơn vị, năm mới nhất trước, kèm chỉ số thành phần theo lĩnh vực',
        params: z.object({ unitId: id }),
        response: { 200: unitPublishedResultsSchema },
      },
    },
    async (request) => unitPublishedResults(db, request.params.unitId),
  );

  app.get(
    '/public/results/:cycleId/:groupId/open-data.json',
    {
      schema: {
        tags,
        summary: 'Dữ liệu mở của một nhóm đã công bố (JSON, kèm ghi chú phương pháp trong "method")',
        params: groupParams,
        querystring: numberQuery,
        response: { 200: openDataSchema },
      },
    },
    async (request, reply) => {
      const data = await groupOpenData(db, request.params.cycleId, request.params.groupId, request.query.number);
      return reply.header('content-disposition', attachment(`${openDataFileStem(data)}.json`)).send(data);
    },
  );

  app.get(
    '/public/results/:cycleId/:groupId/open-data.csv',
    {
      schema: { tags, summary: 'Dữ liệu mở của một nhóm đã công bố (CSV UTF-8 có BOM)', params: groupParams, querystring: numberQuery },
    },
    async (request, reply) => {
      const data = await groupOpenData(db, request.params.cycleId, request.params.groupId, request.query.number);
      return reply.header('content-type', contentTypes.csv).header('content-disposition', attachment(`${openDataFileStem(data)}.csv`)).send(await openDataCsv(data));
    },
  );

  app.get(
    '/public/results/:cycleId/:groupId/open-data-method.txt',
    {
      schema: { tags, summary: 'Ghi chú phương pháp của dữ liệu mở (văn bản UTF-8)', params: groupParams, querystring: numberQuery },
    },
    async (request, reply) => {
      const data = await groupOpenData(db, request.params.cycleId, request.params.groupId, request.query.number);
      return reply.header('content-type', 'text/plain; charset=utf-8').send(data.method.text);
    },
  );
};
