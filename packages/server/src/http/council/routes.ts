import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { councilTable, councilWorkbook } from '../../services/council/council-table';
import { amendGroup, publishGroup } from '../../services/publication/publish';
import { actionOptionSchema, unitNotesShape } from '@chiso/contract';
import { id, resultSnapshotSchema } from '@chiso/contract';
import { attachment, xlsxContentType } from '../attachment';
import { councilCriterionRoutes } from './criterion-routes';

const tags = ['council'];
const pointsText = z.string().nullable();

const person = z.object({ id: z.string(), name: z.string() }).nullable();

/** A criterion before the council: the three scores, the reasons, the proposal and who made it. */
const disputedSchema = z.object({
  nodeKey: z.string(), code: z.string(), name: z.string(),
  self: pointsText, appraised: pointsText, council: pointsText, proposed: pointsText,
  reasons: z.array(z.string()),
  appraisalReason: z.string().nullable(),
  proposal: z.object({
    points: pointsText, notApplicable: z.boolean(), reason: z.string(), approved: z.boolean(), proposedAt: z.string(),
    proposedBy: person, approvedBy: person,
  }).nullable(),
  version: z.number().int(),
  may: z.object({ propose: z.boolean(), approve: z.boolean() }),
});

const councilSchema = z.object({
  group: z.object({ id: z.string(), name: z.string(), frameworkVersionId: z.string() }),
  rows: z.array(
    z.object({
      unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
      state: z.string(),
      submissionMode: unitNotesShape.submissionMode,
      selfTotal: z.string(),
      finalTotal: z.string(),
      difference: z.string(),
      applicableMax: z.string(),
      index: z.string().nullable(),
      rank: z.number().int().nullable(),
      classLabel: z.string().nullable(),
      disputed: z.array(disputedSchema),
      allowedActions: z.array(actionOptionSchema),
    }),
  ),
});

// Council (Hội đồng thẩm định) and publication (công bố) — see docs/api.md.
export const councilRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  await app.register(councilCriterionRoutes, deps);

  app.get(
    '/cycles/:id/council',
    {
      schema: {
        tags,
        summary: 'Bảng tổng hợp kết quả thẩm định của một nhóm',
        params: z.object({ id }),
        querystring: z.object({ groupId: id }),
        response: { 200: councilSchema },
      },
    },
    async (request) => councilTable(db, requireActor(request), request.params.id, request.query.groupId),
  );

  app.get(
    '/cycles/:id/council/export',
    {
      schema: {
        tags,
        summary: 'Bảng tổng hợp kết quả thẩm định (Excel): một nhóm, hoặc mỗi nhóm một trang',
        params: z.object({ id }),
        querystring: z.object({ groupId: id.optional(), format: z.literal('xlsx').default('xlsx') }),
      },
    },
    async (request, reply) => {
      const file = await councilWorkbook(db, requireActor(request), request.params.id, request.query.groupId);
      return reply.header('content-type', xlsxContentType).header('content-disposition', attachment(file.filename)).send(file.buffer);
    },
  );

  app.post(
    '/cycles/:id/groups/:groupId/publish',
    {
      schema: {
        tags,
        summary: 'Công bố kết quả của một nhóm (tạo bản công bố bất biến số 1)',
        params: z.object({ id, groupId: id }),
        body: z.object({ decisionNumber: z.string().trim().max(200).optional() }).optional(),
        response: { 200: resultSnapshotSchema },
      },
    },
    async (request) =>
      publishGroup(db, requireActor(request), { cycleId: request.params.id, groupId: request.params.groupId, decisionNumber: request.body?.decisionNumber ?? null }),
  );

  app.post(
    '/cycles/:id/groups/:groupId/amend',
    {
      schema: {
        tags,
        summary: 'Điều chỉnh kết quả đã công bố (tạo bản công bố mới, giữ các bản trước)',
        params: z.object({ id, groupId: id }),
        body: z.object({ reason: z.string().trim().min(1, 'Cần nêu lý do điều chỉnh').max(2000), decisionNumber: z.string().trim().max(200).optional() }),
        response: { 200: resultSnapshotSchema },
      },
    },
    async (request) =>
      amendGroup(db, requireActor(request), {
        cycleId: request.params.id, groupId: request.params.groupId, reason: request.body.reason, decisionNumber: request.body.decisionNumber ?? null,
      }),
  );
};
