import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { UnitAction } from '@chiso/core';
import type { HttpDeps } from '../deps';
import { requestContext, requireActor } from '../request-context';
import { coreRecords, loadUnitCriterionRecords } from '../../db/repositories/criterion-record-repository';
import {
  addReassignment,
  assertMayViewCycle,
  closeCycle,
  createCycle,
  getCycle,
  getProgress,
  grantExtension,
  listCycles,
  openCycle,
  reopenCycle,
  setCycleAgencies,
  setCycleGroups,
  setCycleUnits,
  updateCycle,
} from '../../services/cycles/cycle-service';
import { loadCycleContext } from '../../services/cycles/context';
import { openCycleRoutes } from './open-cycle-routes';
import { assessmentSummary } from '../../services/cycles/summary';
import { transitionUnit } from '../../services/cycles/transitions';
import {
  assessmentSummarySchema, closeCycleBody, cycleAgenciesBody, cycleListQuery, cycleGroupsBody, cycleSchema, cycleSummarySchema, cycleUnitsBody, extensionBody, id, itemsOf,
  newCycleBody, progressSchema, reassignmentBody, reopenCycleBody, unitActionBody, unitActionParam, updateCycleBody, versionBody,
} from '@chiso/contract';

const tags = ['cycles'];
const params = z.object({ id });

// Routes for /api/cycles (set-up, progress, unit actions) — see docs/api.md "Assessment cycles".
export const cyclesRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;
  await openCycleRoutes(app, deps);

  app.get(
    '/cycles',
    { schema: { tags, summary: 'Các kỳ đánh giá (mọi cấp mà người dùng được xem; lọc theo đơn vị tổ chức)', querystring: cycleListQuery, response: { 200: itemsOf(cycleSummarySchema) } } },
    async (request) => ({ items: await listCycles(db, requireActor(request), request.query) }),
  );

  app.post(
    '/cycles',
    {
      schema: {
        tags,
        summary: 'Tạo kỳ đánh giá',
        body: newCycleBody,
        response: { 201: cycleSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createCycle(requestContext(request), request.body)),
  );

  app.get('/cycles/:id', { schema: { tags, summary: 'Một kỳ đánh giá', params, response: { 200: cycleSchema } } }, async (request) =>
    getCycle(db, requireActor(request), request.params.id),
  );

  app.patch(
    '/cycles/:id',
    {
      schema: {
        tags,
        summary: 'Sửa kỳ đánh giá (tên, lịch, quy định, Chủ tịch Hội đồng)',
        params,
        body: updateCycleBody,
        response: { 200: cycleSchema },
      },
    },
    async (request) => updateCycle(requestContext(request), request.params.id, request.body),
  );

  app.put(
    '/cycles/:id/groups',
    {
      schema: {
        tags,
        summary: 'Bộ tiêu chí (phiên bản đã ban hành) cho từng nhóm',
        params,
        body: cycleGroupsBody,
        response: { 200: cycleSchema },
      },
    },
    async (request) => setCycleGroups(requestContext(request), request.params.id, request.body),
  );

  app.put(
    '/cycles/:id/agencies',
    {
      schema: {
        tags,
        summary: 'Đơn vị làm cơ quan thẩm định',
        params,
        body: cycleAgenciesBody,
        response: { 200: cycleSchema },
      },
    },
    async (request) => setCycleAgencies(requestContext(request), request.params.id, request.body),
  );

  app.post(
    '/cycles/:id/reassignments',
    {
      schema: {
        tags,
        summary: 'Chuyển một tiêu chí cho cơ quan thẩm định khác (có lý do)',
        params,
        body: reassignmentBody,
        response: { 200: cycleSchema },
      },
    },
    async (request) => addReassignment(requestContext(request), request.params.id, request.body),
  );

  app.put(
    '/cycles/:id/units',
    {
      schema: {
        tags,
        summary: 'Đơn vị tham gia (nhóm lấy từ bộ nhóm của kỳ)',
        params,
        body: cycleUnitsBody,
        response: { 200: cycleSchema },
      },
    },
    async (request) => setCycleUnits(requestContext(request), request.params.id, request.body),
  );

  app.post(
    '/cycles/:id/units/:unitId/extension',
    {
      schema: {
        tags,
        summary: 'Gia hạn tự đánh giá cho một đơn vị',
        params: z.object({ id, unitId: id }),
        body: extensionBody,
        response: { 200: cycleSchema },
      },
    },
    async (request) => grantExtension(requestContext(request), request.params.id, request.params.unitId, request.body),
  );

  app.post(
    '/cycles/:id/open',
    { schema: { tags, summary: 'Mở kỳ đánh giá (tạo hồ sơ tiêu chí cho các đơn vị)', params, body: versionBody, response: { 200: cycleSchema } } },
    async (request) => openCycle(requestContext(request), request.params.id, request.body),
  );

  app.post(
    '/cycles/:id/close',
    { schema: { tags, summary: 'Kết thúc kỳ đánh giá (khi mọi đơn vị đã được công bố kết quả): chỉ còn xem', params, body: closeCycleBody, response: { 200: cycleSchema } } },
    async (request) => closeCycle(requestContext(request), request.params.id, request.body),
  );

  app.post(
    '/cycles/:id/reopen',
    { schema: { tags, summary: 'Mở lại kỳ đánh giá đã kết thúc (có lý do), để đính chính kết quả', params, body: reopenCycleBody, response: { 200: cycleSchema } } },
    async (request) => reopenCycle(requestContext(request), request.params.id, request.body),
  );

  app.get('/cycles/:id/progress', { schema: { tags, summary: 'Tiến độ kỳ đánh giá', params, response: { 200: progressSchema } } }, async (request) =>
    getProgress(db, requireActor(request), request.params.id),
  );

  app.post(
    '/cycles/:id/units/:unitId/actions/:action',
    {
      schema: {
        tags,
        summary: 'Chuyển trạng thái hồ sơ của đơn vị (gửi, rút lại, thẩm định, trả lại…)',
        params: z.object({ id, unitId: id, action: unitActionParam }),
        body: unitActionBody.optional(),
        response: { 200: assessmentSummarySchema },
      },
    },
    async (request) => {
      const context = requestContext(request);
      const { id: cycleId, unitId, action } = request.params;
      await assertMayViewCycle(db, context.actor, cycleId); // another owner's cycle: 403 before anything about its units
      await transitionUnit(context, { cycleId, unitId, action: action as UnitAction, ...(request.body ?? {}) });
      const ctx = await loadCycleContext(db, cycleId);
      const records = coreRecords(await loadUnitCriterionRecords(db, cycleId, unitId));
      return assessmentSummary(ctx, unitId, context.actor, context.now, records);
    },
  );
};
