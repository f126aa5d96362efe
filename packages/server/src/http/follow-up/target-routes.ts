import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  id, targetBody, targetHistorySchema, targetImportedSchema, targetImportQuery, targetParams, targetPlanBody, targetPlanDetailSchema,
  targetPlanListResponse, targetPlanParams, targetPulledSchema, targetValueBody, updateTargetBody, updateTargetPlanBody,
} from '@chiso/contract';
import type { HttpDeps } from '../deps';
import { requireActor } from '../request-context';
import { readUploadedTable } from '../imports/uploaded-table';
import { uploadRateLimit } from '../imports/upload';
import { contentTypes, writeTable } from '../../files/tabular';
import {
  createTarget, createTargetPlan, deleteTarget, getTargetHistory, getTargetPlan, listTargetPlans, ownTargetPlan, recordTargetValue, updateTarget,
  updateTargetPlan, type TargetPlanView,
} from '../../services/follow-up/targets';
import { importTargets, importTargetValues, targetsTemplate, targetValuesTemplate } from '../../services/follow-up/targets-import';
import { pullTargetFromIndex } from '../../services/follow-up/targets-chiso';

const tags = ['follow-up'];

const present = ({ ownerUnitId: _owner, ...plan }: TargetPlanView) => plan;
const summaryOnly = ({ targets: _targets, ...plan }: ReturnType<typeof present>) => plan;

/** Follow-up, issue 12: Targets of a resolution or plan (§3) — docs/api.md "Follow-up: targets". */
export const targetRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    '/follow-up/target-plans',
    { schema: { tags, summary: 'Nghị quyết, kế hoạch có chỉ tiêu, mỗi cái với số chỉ tiêu đạt và vượt (ví dụ 10/18) năm gần nhất có số liệu', response: { 200: targetPlanListResponse } } },
    async (request) => ({ items: (await listTargetPlans(db, requireActor(request))).map((p) => summaryOnly(present(p))) }),
  );

  app.post(
    '/follow-up/target-plans',
    { schema: { tags, summary: 'Tạo nghị quyết, kế hoạch có chỉ tiêu (quản trị viên)', body: targetPlanBody, response: { 201: targetPlanDetailSchema } } },
    async (request, reply) => reply.status(201).send(present(await createTargetPlan(db, requireActor(request), request.body))),
  );

  app.get(
    '/follow-up/target-plans/:id',
    { schema: { tags, summary: 'Các chỉ tiêu của kế hoạch: mốc, giá trị và tình trạng từng năm', params: targetPlanParams, response: { 200: targetPlanDetailSchema } } },
    async (request) => present(await getTargetPlan(db, requireActor(request), request.params.id)),
  );

  app.patch(
    '/follow-up/target-plans/:id',
    { schema: { tags, summary: 'Sửa tên, số hiệu kế hoạch', params: targetPlanParams, body: updateTargetPlanBody, response: { 200: targetPlanDetailSchema } } },
    async (request) => present(await updateTargetPlan(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/follow-up/target-plans/:id/targets',
    { schema: { tags, summary: 'Thêm chỉ tiêu (kèm các mốc theo năm)', params: targetPlanParams, body: targetBody, response: { 201: targetPlanDetailSchema } } },
    async (request, reply) => reply.status(201).send(present(await createTarget(db, requireActor(request), request.params.id, request.body))),
  );

  app.get(
    '/follow-up/target-plans/:id/template',
    {
      schema: {
        tags, summary: 'Tệp mẫu (Excel): các chỉ tiêu với mốc từng năm, hoặc giá trị của một năm', params: targetPlanParams,
        querystring: z.object({ kind: z.enum(['targets', 'values']), year: z.coerce.number().int().min(2000).max(2100).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { kind, year } = request.query;
      const { header, rows } = kind === 'targets' ? await targetsTemplate(db, actor, request.params.id) : await targetValuesTemplate(db, actor, request.params.id, year ?? new Date().getFullYear());
      const file = await writeTable('xlsx', header, rows, { sheetName: kind === 'targets' ? 'Chỉ tiêu' : 'Giá trị' });
      const name = kind === 'targets' ? 'chi-tieu.xlsx' : `gia-tri-chi-tieu-${year ?? ''}.xlsx`;
      return reply.header('content-type', contentTypes.xlsx).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );

  app.post(
    '/follow-up/target-plans/:id/import',
    {
      preHandler: uploadRateLimit(app, 'targets'),
      schema: {
        tags, summary: 'Nhập chỉ tiêu (kind=targets) hoặc giá trị (kind=values) từ tệp CSV, Excel (tất cả hoặc không dòng nào)', consumes: ['multipart/form-data'],
        params: targetPlanParams, querystring: targetImportQuery, response: { 200: targetImportedSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await ownTargetPlan(db, actor, request.params.id); // before a byte of the file is read
      const { table, fileName } = await readUploadedTable(request);
      const { kind, dryRun } = request.query;
      return kind === 'targets' ? importTargets(db, actor, request.params.id, table, { dryRun }) : importTargetValues(db, actor, request.params.id, table, { dryRun, fileName });
    },
  );

  app.patch(
    '/follow-up/targets/:id',
    { schema: { tags, summary: 'Sửa chỉ tiêu (milestones: thay toàn bộ các mốc)', params: targetParams, body: updateTargetBody, response: { 200: targetPlanDetailSchema } } },
    async (request) => present(await updateTarget(db, requireActor(request), request.params.id, request.body)),
  );

  app.delete(
    '/follow-up/targets/:id',
    {
      schema: {
        tags, summary: 'Xóa chỉ tiêu (cùng các mốc và giá trị)', params: targetParams,
        body: z.object({ version: z.number().int().positive(), reason: z.string().trim().min(1, 'Nhập lý do').max(2000) }), response: { 200: targetPlanDetailSchema },
      },
    },
    async (request) => present(await deleteTarget(db, requireActor(request), request.params.id, request.body.version, request.body.reason)),
  );

  app.get(
    '/follow-up/targets/:id/values',
    { schema: { tags, summary: 'Lịch sử giá trị của chỉ tiêu (mọi lần nhập, mới nhất trước)', params: z.object({ id }), response: { 200: targetHistorySchema } } },
    async (request) => getTargetHistory(db, requireActor(request), request.params.id),
  );

  app.post(
    '/follow-up/targets/:id/values',
    { schema: { tags, summary: 'Nhập giá trị đạt được của một năm, kèm căn cứ', params: targetParams, body: targetValueBody, response: { 201: targetHistorySchema } } },
    async (request, reply) => reply.status(201).send(await recordTargetValue(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/follow-up/targets/:id/pull-chiso',
    { schema: { tags, summary: 'Lấy giá trị từ chỉ số bên ngoài (giá trị hoặc xếp hạng của tỉnh) cho các năm đã có', params: targetParams, response: { 200: targetPulledSchema } } },
    async (request) => pullTargetFromIndex(db, requireActor(request), request.params.id),
  );
};
