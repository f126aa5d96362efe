import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditEvents } from '../schema/audit';
import { users } from '../schema/accounts';
import { units } from '../schema/units';

export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type AuditEventRow = typeof auditEvents.$inferSelect;

/** Inserts events; the database chains them at commit (trigger audit_events_chain, migration 0010). */
export async function insertAuditEvents(executor: Executor, events: NewAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await executor.insert(auditEvents).values(events);
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUsername?: string;
  action?: string;
  /** Events about this unit: its assessment's criteria and workflow, or the unit record itself. */
  unitId?: string;
  /** Events about this criterion (display code "2.1" or stable key), in any unit. */
  criterion?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  offset: number;
  limit: number;
}

export async function listAuditEvents(executor: Executor, filter: AuditFilter): Promise<{ items: AuditEventRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.actorUsername) {
    // A user name exactly, or part of a person's full name ("Thảo").
    const like = `%${filter.actorUsername.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(
      eq(auditEvents.actorUsername, filter.actorUsername),
      inArray(auditEvents.actorUserId, executor.select({ id: users.id }).from(users).where(sql`${users.fullName} ilike ${like}`)),
    )!);
  }
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.unitId) {
    // Criterion events carry the unit in before/after; workflow events are keyed "cycle:unit".
    conditions.push(or(
      sql`${auditEvents.after}->>'unitId' = ${filter.unitId}`,
      sql`${auditEvents.before}->>'unitId' = ${filter.unitId}`,
      and(eq(auditEvents.entityType, 'cycle_unit'), sql`${auditEvents.entityId} like ${'%:' + filter.unitId}`),
      and(eq(auditEvents.entityType, 'unit'), eq(auditEvents.entityId, filter.unitId)),
    )!);
  }
  if (filter.criterion) {
    conditions.push(or(
      sql`${auditEvents.after}->>'nodeCode' = ${filter.criterion}`,
      sql`${auditEvents.after}->>'nodeKey' = ${filter.criterion}`,
    )!);
  }
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to) conditions.push(lt(auditEvents.at, filter.to));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, totals] = await Promise.all([
    executor.select().from(auditEvents).where(where).orderBy(desc(auditEvents.at), desc(auditEvents.id)).offset(filter.offset).limit(filter.limit),
    executor.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

/** The audit events of these entities up to `until` (inclusive), oldest first. */
export async function auditTrailOf(executor: Executor, entityType: string, entityIds: readonly string[], until: Date): Promise<AuditEventRow[]> {
  if (entityIds.length === 0) return [];
  return executor
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), inArray(auditEvents.entityId, [...entityIds]), lte(auditEvents.at, until)))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
}

/** One action's events on these entities after `after`, oldest first (what changed since a publication). */
export async function auditEventsAfter(executor: Executor, entityType: string, action: string, entityIds: readonly string[], after: Date): Promise<AuditEventRow[]> {
  if (entityIds.length === 0) return [];
  return executor
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.action, action), inArray(auditEvents.entityId, [...entityIds]), gt(auditEvents.at, after)))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
}

/** The names a reader of the trail needs: people (full name, unit) and units, by id. */
export async function auditNames(executor: Executor, userIds: readonly string[], unitIds: readonly string[]): Promise<{
  users: Map<string, { fullName: string; unitName: string | null }>;
  units: Map<string, string>;
}> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const uIds = [...new Set(userIds)].filter((i) => uuid.test(i));
  const nIds = [...new Set(unitIds)].filter((i) => uuid.test(i));
  const [people, named] = await Promise.all([
    uIds.length === 0 ? [] : executor.select({ id: users.id, fullName: users.fullName, unitName: units.name })
      .from(users).leftJoin(units, eq(units.id, users.unitId)).where(inArray(users.id, uIds)),
    nIds.length === 0 ? [] : executor.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, nIds)),
  ]);
  return {
    users: new Map(people.map((p) => [p.id, { fullName: p.fullName, unitName: p.unitName }])),
    units: new Map(named.map((u) => [u.id, u.name])),
  };
}
