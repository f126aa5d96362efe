import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpDeps } from '../deps';
import { describeAuditEvent } from '@chiso/core';
import { auditDayPattern as dateOnly, auditPageSchema, auditQuery, type AuditEvent } from '@chiso/contract';
import { auditNames, listAuditEvents, type AuditEventRow } from '../../db/repositories/audit-repository';
import { requireActor } from '../request-context';
import { assertMayReadAuditTrail } from '../../services/policies/audit';

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

function presentAuditEvent(event: AuditEventRow, names: Names): AuditEvent {
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
        querystring: auditQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      assertMayReadAuditTrail(requireActor(request));
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
