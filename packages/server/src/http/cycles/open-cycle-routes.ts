import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import { applyCorrection, listCycleCorrections, previewCorrection, unitCorrectionFlags } from '../../services/cycles/framework-correction';
import { addParticipant } from '../../services/cycles/participants';
import { advanceDemoCalendar, demoCalendar } from '../../services/cycles/demo-calendar';
import {
  addParticipantBody, applyCorrectionBody, correctionPreviewSchema, correctionSchema, correctionTarget, criterionFlagSchema, cycleSchema, demoCalendarSchema, id, itemsOf, versionBody,
} from '@chiso/contract';

const tags = ['cycles'];
const params = z.object({ id });

// An open cycle: framework corrections, late participants (issue 7 §7), the demo calendar (§8) — see docs/api.md.
export const openCycleRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/cycles/:id/framework-corrections/preview',
    { schema: { tags, summary: 'Xem trước việc áp dụng phiên bản điều chỉnh cho một nhóm', params, querystring: correctionTarget, response: { 200: correctionPreviewSchema } } },
    async (request) => previewCorrection(db, requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/cycles/:id/framework-corrections',
    {
      schema: {
        tags,
        summary: 'Áp dụng phiên bản điều chỉnh của bộ tiêu chí cho một nhóm (có lý do)',
        params,
        body: applyCorrectionBody,
        response: { 200: cycleSchema },
      },
    },
    async (request) => applyCorrection(requestContext(request), request.params.id, request.body),
  );

  app.get(
    '/cycles/:id/framework-corrections',
    { schema: { tags, summary: 'Các lần điều chỉnh bộ tiêu chí của kỳ', params, response: { 200: itemsOf(correctionSchema) } } },
    async (request) => ({ items: await listCycleCorrections(db, requireActor(request), request.params.id) }),
  );

  app.get(
    '/cycles/:id/units/:unitId/correction-flags',
    { schema: { tags, summary: 'Tiêu chí của đơn vị được đánh dấu do điều chỉnh bộ tiêu chí', params: z.object({ id, unitId: id }), response: { 200: itemsOf(criterionFlagSchema) } } },
    async (request) => ({ items: await unitCorrectionFlags(db, requireActor(request), request.params.id, request.params.unitId) }),
  );

  app.post(
    '/cycles/:id/participants',
    {
      schema: {
        tags,
        summary: 'Bổ sung một đơn vị vào kỳ đánh giá đang mở (có lý do)',
        params,
        body: addParticipantBody,
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
        response: { 200: demoCalendarSchema },
      },
    },
    async (request) => demoCalendar(db, requireActor(request), request.params.id),
  );

  app.post(
    '/cycles/:id/demo-calendar/advance',
    { schema: { tags, summary: 'Dữ liệu mẫu: dời lịch sang giai đoạn tiếp theo', params, body: versionBody, response: { 200: cycleSchema } } },
    async (request) => advanceDemoCalendar(db, requireActor(request), request.params.id, request.body),
  );
};
