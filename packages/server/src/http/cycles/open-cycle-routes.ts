import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import { applyCorrection, listCycleCorrections, previewCorrection, unitCorrectionFlags } from '../../services/cycles/framework-correction';
import { addParticipant } from '../../services/cycles/participants';
import { advanceDemoCalendar, demoCalendar } from '../../services/cycles/demo-calendar';
import { cycleSchema, id, instant } from '@chiso/contract';

const tags = ['cycles'];
const params = z.object({ id });
const ref = z.object({ key: z.string(), code: z.string(), name: z.string() });
const reason = z.string().trim().min(1, 'Cần nêu lý do').max(2000);
const target = { groupId: id, frameworkVersionId: id };

const previewSchema = z.object({
  groupId: z.string(),
  from: z.object({ id: z.string(), number: z.number() }),
  to: z.object({ id: z.string(), number: z.number(), reason: z.string().nullable() }),
  plan: z.object({
    added: z.array(ref),
    removed: z.array(ref),
    changed: z.array(ref.extend({ fields: z.array(z.string()) })),
    reworded: z.number(),
    frameworkChanges: z.array(z.string()),
  }),
  entries: z.object({ flagged: z.number(), inputInvalid: z.number(), appraisalReset: z.number(), created: z.number(), retired: z.number(), units: z.number() }),
  refusal: z.string().nullable(),
});

const correctionSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  fromVersionId: z.string(),
  toVersionId: z.string(),
  reason: z.string(),
  summary: z.record(z.string(), z.number()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

const flagSchema = z.object({
  nodeKey: z.string(),
  kind: z.enum(['changed', 'input_invalid', 'appraisal_reset']),
  message: z.string(),
  reason: z.string(),
  flaggedAt: z.string(),
  open: z.boolean(),
});

// An open cycle: framework corrections, late participants (issue 7 §7), the demo calendar (§8) — see docs/api.md.
export const openCycleRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/cycles/:id/framework-corrections/preview',
    { schema: { tags, summary: 'Xem trước việc áp dụng phiên bản điều chỉnh cho một nhóm', params, querystring: z.object(target), response: { 200: previewSchema } } },
    async (request) => previewCorrection(db, requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/cycles/:id/framework-corrections',
    {
      schema: {
        tags,
        summary: 'Áp dụng phiên bản điều chỉnh của bộ tiêu chí cho một nhóm (có lý do)',
        params,
        body: z.object({ ...target, reason, version: z.number().int().min(1) }),
        response: { 200: cycleSchema },
      },
    },
    async (request) => applyCorrection(requestContext(request), request.params.id, request.body),
  );

  app.get(
    '/cycles/:id/framework-corrections',
    { schema: { tags, summary: 'Các lần điều chỉnh bộ tiêu chí của kỳ', params, response: { 200: z.object({ items: z.array(correctionSchema) }) } } },
    async (request) => ({ items: await listCycleCorrections(db, requireActor(request), request.params.id) }),
  );

  app.get(
    '/cycles/:id/units/:unitId/correction-flags',
    { schema: { tags, summary: 'Tiêu chí của đơn vị được đánh dấu do điều chỉnh bộ tiêu chí', params: z.object({ id, unitId: id }), response: { 200: z.object({ items: z.array(flagSchema) }) } } },
    async (request) => ({ items: await unitCorrectionFlags(db, requireActor(request), request.params.id, request.params.unitId) }),
  );

  app.post(
    '/cycles/:id/participants',
    {
      schema: {
        tags,
        summary: 'Bổ sung một đơn vị vào kỳ đánh giá đang mở (có lý do)',
        params,
        body: z.object({ unitId: id, reason, extensionUntil: instant.optional(), version: z.number().int().min(1) }),
        response: { 200: cycleSchema },
      },
    },
    async (request) => addParticipant(requestContext(request), request.params.id, request.body),
  );

  app.get(
    '/cycles/:id/demo-calendar',
    {
      schema: {
        tags,
        summary: 'Giai đoạn hiện tại của lịch và giai đoạn tiếp theo (dời lịch chỉ có trên dữ liệu mẫu)',
        params,
        response: { 200: z.object({ available: z.boolean(), phase: z.string(), phaseLabel: z.string(), next: z.string().nullable(), nextLabel: z.string().nullable() }) },
      },
    },
    async (request) => demoCalendar(db, requireActor(request), request.params.id),
  );

  app.post(
    '/cycles/:id/demo-calendar/advance',
    { schema: { tags, summary: 'Dữ liệu mẫu: dời lịch sang giai đoạn tiếp theo', params, body: z.object({ version: z.number().int().min(1) }), response: { 200: cycleSchema } } },
    async (request) => advanceDemoCalendar(db, requireActor(request), request.params.id, request.body),
  );
};
