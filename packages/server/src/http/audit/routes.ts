import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { describeAuditEvent } from '@chiso/core';
import { auditNames, listAuditEvents, type AuditEventRow } from '../../db/repositories/audit-repository';
import { requireRole } from '../auth/guards';

const auditEventSchema = z.object({
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

type Names = Awaited<ReturnType<typeof auditNames>>;
const field = (v: unknown, key: string): string | null => {
  const x = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return typeof x === 'string' && x !== '' ? x : null;
};
/** The unit an event is about: a criterion's unit, a participant ("cycle:unit"), a unit record. */
function unitIdOf(e: AuditEventRow): string | null {
  if (e.entityType === 'cycle_unit') return e.entityId.split(':')[1] ?? null;
  if (e.entityType === 'unit') return e.entityId;
  return field(e.after, 'unitId') ?? field(e.before, 'unitId');
}

function presentAuditEvent(event: AuditEventRow, names: Names) {
  const person = event.actorUserId ? names.users.get(event.actorUserId) : undefined;
  const unitId = unitIdOf(event);
  const unitName = unitId ? names.units.get(unitId) ?? null : null;
  const base = {
    id: event.id,
    at: event.at.toISOString(),
    // Work the system did by itself, and failed logins, have no acting user.
    actor: event.actorUserId ? { id: event.actorUserId, username: event.actorUsername ?? '' } : null,
    ip: event.ip,
    entityType: event.entityType,
    entityId: event.entityId,
    action: event.action,
    before: event.before ?? null,
    after: event.after ?? null,
    reason: event.reason,
    actorName: event.actorUserId ? person?.fullName ?? event.actorUsername ?? null : null,
    actorUnit: person?.unitName ?? null,
    unit: unitId && unitName ? { id: unitId, name: unitName } : null,
    criterionCode: event.entityType === 'criterion_record' ? field(event.after, 'nodeCode') ?? field(event.before, 'nodeCode') : null,
  };
  return { ...base, sentence: describeAuditEvent({ ...base, unitName }) };
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
/** A date is a whole day in Asia/Ho_Chi_Minh; a timestamp is taken as it is. */
const instant = z
  .string()
  .refine((value) => (dateOnly.test(value) ? !Number.isNaN(Date.parse(`${value}T00:00:00+07:00`)) : !Number.isNaN(Date.parse(value))), 'Ngày giờ không hợp lệ (YYYY-MM-DD hoặc ISO 8601)');

function lowerBound(value: string): Date {
  return dateOnly.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
}
/** `to` includes the whole of a given day. */
function upperBound(value: string): Date {
  return dateOnly.test(value) ? new Date(new Date(`${value}T00:00:00+07:00`).getTime() + 86_400_000) : new Date(value);
}

// Routes for /api/audit — see docs/api.md.
export const auditRoutes: FastifyPluginAsyncZod<HttpDeps> = async (app, deps) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi (mới nhất trước)',
        querystring: z.object({
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(200).optional(),
          actor: z.string().max(200).optional(),
          action: z.string().max(100).optional(),
          unitId: z.string().max(100).optional(),
          criterion: z.string().max(100).optional(),
          from: instant.optional(),
          to: instant.optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: z.object({ items: z.array(auditEventSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const query = request.query;
      const result = await listAuditEvents(deps.database.db, {
        entityType: query.entityType || undefined,
        entityId: query.entityId || undefined,
        actorUsername: query.actor || undefined,
        action: query.action || undefined,
        unitId: query.unitId || undefined,
        criterion: query.criterion?.trim() || undefined,
        from: query.from ? lowerBound(query.from) : undefined,
        to: query.to ? upperBound(query.to) : undefined,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      });
      const names = await auditNames(
        deps.database.db,
        result.items.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])),
        result.items.flatMap((e) => unitIdOf(e) ?? []),
      );
      return { items: result.items.map((e) => presentAuditEvent(e, names)), total: result.total };
    },
  );
};
