import { inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { unitLineage, unitOperations } from '../schema/units';
import { rows } from './unit-repository';

export type UnitOperationRow = typeof unitOperations.$inferSelect;
export type NewUnitOperationRow = typeof unitOperations.$inferInsert;
export type NewLineageRow = typeof unitLineage.$inferInsert;
export type OperationKind = 'merge' | 'split' | 'close';

export async function insertOperations(executor: Executor, values: NewUnitOperationRow[]): Promise<UnitOperationRow[]> {
  if (values.length === 0) return [];
  return executor.insert(unitOperations).values(values).returning();
}

export async function insertLineage(executor: Executor, values: NewLineageRow[]): Promise<void> {
  for (let i = 0; i < values.length; i += 2000) await executor.insert(unitLineage).values(values.slice(i, i + 2000));
}

/** A direct lineage link with both ends' identity and the operation that made it. */
export interface LineageLink {
  predecessorId: string;
  predecessorCode: string;
  predecessorName: string;
  successorId: string;
  successorCode: string;
  successorName: string;
  operationId: string;
  kind: 'merge' | 'split';
  date: string;
}

const linkColumns = sql`
  l.predecessor_id AS "predecessorId", p.code AS "predecessorCode", p.name AS "predecessorName",
  l.successor_id AS "successorId", s.code AS "successorCode", s.name AS "successorName",
  o.id AS "operationId", o.kind AS "kind", to_char(o.date, 'YYYY-MM-DD') AS "date"`;

/** Direct links touching any of the units (as predecessor or successor); all links when `unitIds` is null. */
export async function listLineageLinks(executor: Executor, unitIds: readonly string[] | null): Promise<LineageLink[]> {
  if (unitIds !== null && unitIds.length === 0) return [];
  const filter =
    unitIds === null
      ? sql``
      : sql`WHERE l.predecessor_id IN (${sql.join(
          unitIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) OR l.successor_id IN (${sql.join(
          unitIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  const result = await executor.execute<LineageLink & Record<string, unknown>>(sql`
    SELECT ${linkColumns}
    FROM unit_lineage l
    JOIN unit_operations o ON o.id = l.operation_id
    JOIN units p ON p.id = l.predecessor_id
    JOIN units s ON s.id = l.successor_id
    ${filter}
    ORDER BY o.date, p.code, s.code`);
  return rows<LineageLink>(result);
}

/** Every link reachable from the unit going back in time (`ancestry`) or forward (`descent`). */
export async function listTransitiveLineage(executor: Executor, unitId: string, direction: 'ancestry' | 'descent'): Promise<LineageLink[]> {
  const step =
    direction === 'ancestry'
      ? sql`SELECT l.operation_id, l.predecessor_id, l.successor_id FROM unit_lineage l JOIN walk w ON l.successor_id = w.predecessor_id`
      : sql`SELECT l.operation_id, l.predecessor_id, l.successor_id FROM unit_lineage l JOIN walk w ON l.predecessor_id = w.successor_id`;
  const start = direction === 'ancestry' ? sql`l.successor_id = ${unitId}::uuid` : sql`l.predecessor_id = ${unitId}::uuid`;
  const result = await executor.execute<LineageLink & Record<string, unknown>>(sql`
    WITH RECURSIVE walk(operation_id, predecessor_id, successor_id) AS (
      SELECT l.operation_id, l.predecessor_id, l.successor_id FROM unit_lineage l WHERE ${start}
      UNION
      ${step}
    )
    SELECT ${linkColumns}
    FROM walk l
    JOIN unit_operations o ON o.id = l.operation_id
    JOIN units p ON p.id = l.predecessor_id
    JOIN units s ON s.id = l.successor_id
    ORDER BY o.date, p.code, s.code`);
  return rows<LineageLink>(result);
}

export async function listOperations(executor: Executor, ids?: readonly string[]): Promise<UnitOperationRow[]> {
  const query = executor.select().from(unitOperations);
  return ids ? query.where(or(inArray(unitOperations.id, [...ids]))) : query;
}
