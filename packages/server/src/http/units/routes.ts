import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { contentTypes } from '../../files/tabular';
import { assertAdministrator } from '../../services/policies/roles';
import { exportUnits, importUnits } from '../../services/units/unit-import';
import { readUploadedTable } from '../imports/uploaded-table';
import { uploadRateLimit } from '../imports/upload';
import {
  closeUnit,
  createUnit,
  getUnit,
  getUnitLineage,
  listUnitMembers,
  listUnits,
  listUnitTypes,
  mergeUnits,
  splitUnit,
  updateUnit,
} from '../../services/units/unit-service';
import { today } from '../../services/units/dates';
import { presentUser } from '../users/presenters';
import {
  booleanFlag, closeUnitBody, createUnitBody, day, id, itemsOf, lineageSchema, mergedSchema, mergeUnitsBody, splitSchema, splitUnitBody, unitListQuery, unitSchema, unitsImportedSchema, unitTypeSchema,
  updateUnitBody, userSchema,
} from '@chiso/contract';

const tags = ['units'];
const params = z.object({ id });

// Routes for /api/units and /api/unit-types — see docs/api.md. Thin: parse → service → presenter.
export const unitsRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/unit-types',
    { schema: { tags, summary: 'Danh mục loại đơn vị', response: { 200: itemsOf(unitTypeSchema) } } },
    async (request) => {
      requireActor(request);
      const items = await listUnitTypes(db);
      return { items: items.map((t) => ({ code: t.code, name: t.name, level: t.level })) };
    },
  );

  app.get(
    '/units',
    {
      schema: {
        tags,
        summary: 'Danh sách đơn vị tại một ngày (mặc định hôm nay)',
        querystring: unitListQuery,
        response: { 200: itemsOf(unitSchema) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { items: await listUnits(db, actor, request.query) };
    },
  );

  app.get(
    '/units/export',
    {
      schema: {
        tags,
        summary: 'Xuất danh sách đơn vị (CSV hoặc Excel)',
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx'), at: day.optional(), headers: z.enum(['en', 'vi']).default('en') }),
      },
    },
    async (request, reply) => {
      requireActor(request);
      const { format, at, headers } = request.query;
      const file = await exportUnits(db, format, { at, vietnameseHeaders: headers === 'vi' });
      const name = `don-vi-${at ?? today()}.${format}`;
      return reply.header('content-type', contentTypes[format]).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );

  app.post(
    '/units/import',
    {
      preHandler: uploadRateLimit(app, 'units'),
      schema: {
        tags,
        summary: 'Nhập đơn vị từ tệp CSV hoặc Excel (tất cả hoặc không dòng nào)',
        consumes: ['multipart/form-data'],
        querystring: z.object({ dryRun: booleanFlag }),
        response: { 200: unitsImportedSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      assertAdministrator(actor);
      const { table, fileName } = await readUploadedTable(request);
      return importUnits(deps.database.db, actor, table, { dryRun: request.query.dryRun, source: fileName });
    },
  );

  app.post(
    '/units',
    {
      schema: {
        tags,
        summary: 'Tạo đơn vị',
        body: createUnitBody,
        response: { 201: unitSchema },
      },
    },
    async (request, reply) => {
      const unit = await createUnit(db, requireActor(request), request.body);
      return reply.status(201).send(unit);
    },
  );

  app.post(
    '/units/merge',
    {
      schema: {
        tags,
        summary: 'Sáp nhập, hợp nhất đơn vị',
        body: mergeUnitsBody,
        response: { 200: mergedSchema },
      },
    },
    async (request) => mergeUnits(db, requireActor(request), request.body),
  );

  app.get(
    '/units/:id',
    { schema: { tags, summary: 'Một đơn vị', params, response: { 200: unitSchema } } },
    async (request) => getUnit(db, requireActor(request), request.params.id),
  );

  app.get(
    '/units/:id/lineage',
    {
      schema: {
        tags,
        summary: 'Toàn bộ quá trình sắp xếp của đơn vị (trước và sau)',
        params,
        response: { 200: lineageSchema },
      },
    },
    async (request) => {
      requireActor(request);
      return getUnitLineage(db, request.params.id);
    },
  );

  app.get(
    '/units/:id/users',
    { schema: { tags, summary: 'Người dùng của đơn vị', params, response: { 200: itemsOf(userSchema) } } },
    async (request) => {
      const actor = requireActor(request);
      const members = await listUnitMembers(db, actor, request.params.id);
      const now = new Date();
      return { items: members.map((m) => presentUser(m, actor, now)) };
    },
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        tags,
        summary: 'Sửa đơn vị',
        params,
        body: updateUnitBody,
        response: { 200: unitSchema },
      },
    },
    async (request) => updateUnit(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/units/:id/close',
    {
      schema: { tags, summary: 'Kết thúc hoạt động đơn vị', params, body: closeUnitBody, response: { 200: unitSchema } },
    },
    async (request) => closeUnit(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/units/:id/split',
    {
      schema: {
        tags,
        summary: 'Chia tách đơn vị',
        params,
        body: splitUnitBody,
        response: { 200: splitSchema },
      },
    },
    async (request) => splitUnit(db, requireActor(request), request.params.id, request.body),
  );
};
