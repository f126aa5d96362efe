/**
 * Follow-up (issue 12 §1): conclusion notices (thông báo kết luận) and the tasks (nhiệm vụ) they
 * assign, with the units' progress reports — docs/api.md "Follow-up: notices and tasks".
 */
import { z } from 'zod';
import { id } from './common';
import { unitRefSchema } from './accounts';
import { day } from './units';
import { evidenceSchema } from './evidence';

const text = (max: number, error: string) => z.string().trim().min(1, error).max(max, `Tối đa ${max} ký tự`);
const optionalText = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự`).optional().transform((v) => (v === '' ? undefined : v));

/** open → in_progress → done; cancelled by the administrator. Overdue is derived (deadline passed, not done). */
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.output<typeof taskStatusSchema>;

/** What a task is about: a criterion (by its stable node key), a target, or an external index's component. */
export const taskLinkBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('criterion'), frameworkVersionId: id, nodeKey: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('target'), targetId: id }),
  z.object({ kind: z.literal('external_component'), indexKey: z.string().min(1).max(50), componentKey: z.string().min(1).max(100) }),
]);
export const taskLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('criterion'), frameworkVersionId: z.string(), programCode: z.string(), nodeKey: z.string(), code: z.string(), name: z.string() }),
  z.object({ kind: z.literal('target'), targetId: z.string(), code: z.string(), name: z.string() }),
  z.object({ kind: z.literal('external_component'), indexKey: z.string(), componentKey: z.string(), name: z.string() }),
]);

export const noticeBody = z.object({
  /** Số hiệu, e.g. `125/TB-UBND`. */
  number: text(100, 'Nhập số hiệu thông báo'),
  issuedOn: day,
  /** Who chaired the meeting (chủ trì), e.g. "đồng chí Nguyễn Văn A, Chủ tịch UBND huyện". */
  chairedBy: text(300, 'Nhập người chủ trì cuộc họp'),
  title: text(500, 'Nhập trích yếu thông báo'),
  /** The conclusion's text (may be long); the signed file is attached separately. */
  body: optionalText(50_000),
  /** The results year the notice follows up (e.g. the 2024 index). */
  year: z.number().int().min(2000, 'Năm từ 2000').max(2100, 'Năm không hợp lệ'),
  /** Absent: the province's; an administrator of a unit: its own unit. */
  ownerUnitId: id.optional(),
});
export const updateNoticeBody = noticeBody.omit({ ownerUnitId: true }).extend({ version: z.number().int().positive() });

const taskFields = {
  title: text(1000, 'Nhập nội dung nhiệm vụ'),
  description: optionalText(10_000),
  /** Đơn vị chủ trì: the one unit that reports progress. */
  responsibleUnitId: id,
  /** Đơn vị phối hợp: they read the task, they do not report. */
  cooperatingUnitIds: z.array(id).max(200),
  /** The last day (Vietnam's date); overdue from the next day on. */
  deadline: day,
  links: z.array(taskLinkBody).max(50),
};
export const taskBody = z.object({
  ...taskFields,
  cooperatingUnitIds: taskFields.cooperatingUnitIds.default([]),
  links: taskFields.links.default([]),
});
/** Only the fields sent change (absent lists stay as they are; `description` empty or null clears it). */
export const updateTaskBody = z.object(taskFields).partial().extend({
  description: z.string().trim().max(10_000, 'Tối đa 10000 ký tự').nullable().optional().transform((v) => (v === '' ? null : v)),
  version: z.number().int().positive(),
  /** Only the administrator cancels (or reopens: back to `open`, also a task reported done). */
  status: z.enum(['open', 'cancelled']).optional(),
  /** Why (audit); required when cancelling. */
  reason: optionalText(2000),
});

/** A unit's progress report on its task (báo cáo tiến độ), with evidence from its library. */
export const taskReportBody = z.object({
  status: z.enum(['in_progress', 'done']),
  text: text(5000, 'Nhập nội dung báo cáo'),
  evidenceDocumentIds: z.array(id).max(50).default([]),
  /** The task's version the unit saw (a concurrent change answers 409). */
  version: z.number().int().positive(),
});

export const taskReportSchema = z.object({
  id: z.string(),
  status: z.enum(['in_progress', 'done']),
  text: z.string(),
  reportedAt: z.string(),
  reportedBy: z.string(),
  evidence: z.array(evidenceSchema),
});

export const taskSchema = z.object({
  id: z.string(),
  noticeId: z.string(),
  noticeNumber: z.string(),
  noticeYear: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  responsibleUnit: unitRefSchema,
  cooperatingUnits: z.array(unitRefSchema),
  deadline: z.string(),
  status: taskStatusSchema,
  /** Deadline passed (Vietnam's date) and not done or cancelled. */
  overdue: z.boolean(),
  lastReportedAt: z.string().nullable(),
  links: z.array(taskLinkSchema),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), report: z.boolean() }),
});
export const taskDetailSchema = taskSchema.extend({ reports: z.array(taskReportSchema) });

/**
 * Tasks by status in disjoint buckets adding up to `total`: `open` and `inProgress` count only tasks
 * still within their deadline, `overdue` the open and in-progress ones past it (core follow-up/tasks.ts).
 */
export const taskCountsSchema = z.object({
  total: z.number().int(),
  open: z.number().int(),
  inProgress: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  cancelled: z.number().int(),
});

export const noticeSchema = z.object({
  id: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  chairedBy: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  year: z.number().int(),
  owner: unitRefSchema.nullable(),
  /** The signed notice's file, if attached. */
  file: z.object({ name: z.string(), size: z.number().int(), url: z.string() }).nullable(),
  tasks: taskCountsSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean() }),
});
/** A notice with its tasks, and their status per responsible unit (for the steering committee). */
export const noticeDetailSchema = noticeSchema.extend({
  taskList: z.array(taskSchema),
  byUnit: z.array(z.object({ unit: unitRefSchema, counts: taskCountsSchema })),
});

/** Evidence of a unit's completed tasks linked to a criterion, offered when it fills that criterion in a later cycle. */
export const offeredTaskEvidenceSchema = z.object({
  taskId: z.string(),
  taskTitle: z.string(),
  noticeNumber: z.string(),
  noticeYear: z.number().int(),
  completedAt: z.string(),
  document: evidenceSchema,
  /** Already attached to this criterion. */
  attached: z.boolean(),
});

export const taskListQuery = z.object({
  noticeId: id.optional(),
  unitId: id.optional(),
  status: taskStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
});

export type NoticeBody = z.input<typeof noticeBody>;
export type UpdateNoticeBody = z.input<typeof updateNoticeBody>;
export type TaskBody = z.input<typeof taskBody>;
export type UpdateTaskBody = z.input<typeof updateTaskBody>;
export type TaskReportBody = z.input<typeof taskReportBody>;
export type TaskLinkBody = z.input<typeof taskLinkBody>;
export type TaskLink = z.output<typeof taskLinkSchema>;
export type TaskReport = z.output<typeof taskReportSchema>;
export type Task = z.output<typeof taskSchema>;
export type TaskDetail = z.output<typeof taskDetailSchema>;
export type TaskCounts = z.output<typeof taskCountsSchema>;
export type Notice = z.output<typeof noticeSchema>;
export type NoticeDetail = z.output<typeof noticeDetailSchema>;
export type OfferedTaskEvidence = z.output<typeof offeredTaskEvidenceSchema>;
