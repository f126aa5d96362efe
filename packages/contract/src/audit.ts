/** The audit trail (nhật ký thay đổi) as the administrator reads it — docs/api.md "Audit". */
import { z } from 'zod';

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.string(), username: z.string() }).nullable(),
  ip: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  /** Who, by name: full name and unit (null for the system's own work). */
  actorName: z.string().nullable(),
  actorUnit: z.string().nullable(),
  /** The unit the event is about, when it is about one. */
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The criterion's display code, for criterion events. */
  criterionCode: z.string().nullable(),
  /** The event in one Vietnamese sentence (core `describeAuditEvent`). */
  sentence: z.string(),
});

export const auditPageSchema = z.object({ items: z.array(auditEventSchema), total: z.number().int() });

/** `YYYY-MM-DD` (a whole day in Asia/Ho_Chi_Minh) or an ISO 8601 timestamp. */
export const auditDayPattern = /^\d{4}-\d{2}-\d{2}$/;
const dayOrInstant = z
  .string()
  .refine(
    (value) => !Number.isNaN(Date.parse(auditDayPattern.test(value) ? `${value}T00:00:00+07:00` : value)),
    'Ngày giờ không hợp lệ (YYYY-MM-DD hoặc ISO 8601)',
  );

export const auditQuery = z.object({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  /** Events about this unit (its assessment's criteria and workflow, the unit record). */
  unitId: z.string().max(100).optional(),
  /** A criterion's display code ("2.1") or stable key. */
  criterion: z.string().max(100).optional(),
  from: dayOrInstant.optional(),
  /** Includes the whole of a given day. */
  to: dayOrInstant.optional(),
  page: z.coerce.number<number>().int().min(1).default(1),
  pageSize: z.coerce.number<number>().int().min(1).max(500).default(50),
});

export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditPage = z.output<typeof auditPageSchema>;
export type AuditParams = z.input<typeof auditQuery>;
