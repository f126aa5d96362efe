import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { rankSensitivity, reportCard, unitReportCards, weakCriteria } from '../../services/results/report-card';
import { id, reportCardSchema, sensitivitySchema, snapshotNumber, unitReportCardsSchema, weakCriteriaSchema } from '@chiso/contract';

const tags = ['results'];

/** A unit's report card, lost points ledger and what-if; the group's weak criteria and rank sensitivity (issue 11 §4–5). */
export const reportCardRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/cycles/:id/results/:groupId/units/:unitId/report-card',
    {
      schema: {
        tags,
        summary: 'Phiếu kết quả của một đơn vị: chỉ số, thứ hạng, xếp loại, chỉ số lĩnh vực, điểm bị mất theo từng tiêu chí và “nếu… thì…”',
        params: z.object({ id, groupId: id, unitId: id }),
        querystring: z.object({ number: snapshotNumber }),
        response: { 200: reportCardSchema },
      },
    },
    async (request) => {
      const { id: cycleId, groupId, unitId } = request.params;
      return reportCard(db, cycleId, groupId, unitId, requireActor(request), request.query.number);
    },
  );

  app.get(
    '/cycles/:id/results/:groupId/weak-criteria',
    {
      schema: {
        tags,
        summary: 'Tiêu chí và lĩnh vực bị mất nhiều điểm nhất trong nhóm',
        params: z.object({ id, groupId: id }),
        querystring: z.object({ number: snapshotNumber }),
        response: { 200: weakCriteriaSchema },
      },
    },
    async (request) => weakCriteria(db, request.params.id, request.params.groupId, requireActor(request), request.query.number),
  );

  app.get(
    '/cycles/:id/results/:groupId/sensitivity',
    {
      schema: {
        tags,
        summary: 'Độ nhạy của thứ hạng: mức tăng điểm nhỏ nhất ở một tiêu chí làm đổi thứ hạng hoặc xếp loại của từng đơn vị',
        params: z.object({ id, groupId: id }),
        querystring: z.object({ number: snapshotNumber }),
        response: { 200: sensitivitySchema },
      },
    },
    async (request) => rankSensitivity(db, request.params.id, request.params.groupId, requireActor(request), request.query.number),
  );

  app.get(
    '/units/:id/report-cards',
    {
      schema: {
        tags,
        summary: 'Các kết quả đã công bố của một đơn vị (mỗi kỳ, mỗi nhóm một phiếu kết quả)',
        params: z.object({ id }),
        response: { 200: unitReportCardsSchema },
      },
    },
    async (request) => unitReportCards(db, request.params.id, requireActor(request)),
  );
};
