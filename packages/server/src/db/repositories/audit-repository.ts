import { and, asc, count, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditEvents } from '../schema/audit';

export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type AuditEventRow = typeof auditEvents.$inferSelect;

export async function insertAuditEvents(executor: Executor, events: NewAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await executor.insert(auditEvents).values(events);
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUsername?: string;
  action?: string;
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
  if (filter.actorUsername) conditions.push(eq(auditEvents.actorUsername, filter.actorUsername));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
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
