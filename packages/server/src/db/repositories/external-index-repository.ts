/**
 * External indices (issue 12 §4): definitions, yearly editions, values per period and subject,
 * component links. `provinceIndexValue` and `componentLabel` are read by the other follow-up parts
 * (targets take the province's value or rank; tasks label their links to a component).
 */
import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { externalComponentLinks, externalIndexEditions, externalIndexValues, externalIndices } from '../schema/external-indices';
import { followUpTaskLinks, followUpTasks } from '../schema/follow-up-tasks';
import { units } from '../schema/units';

export type ExternalIndexRow = typeof externalIndices.$inferSelect;
export type ExternalEditionRow = typeof externalIndexEditions.$inferSelect;
export type ExternalValueRow = typeof externalIndexValues.$inferSelect;
export type ExternalLinkRow = typeof externalComponentLinks.$inferSelect;
export type { ExternalComponentDef } from '../schema/external-indices';

export async function listExternalIndexRows(executor: Executor): Promise<ExternalIndexRow[]> {
  return executor.select().from(externalIndices).orderBy(asc(externalIndices.sortOrder), asc(externalIndices.key));
}

export async function findExternalIndex(executor: Executor, key: string, lock = false): Promise<ExternalIndexRow | undefined> {
  const query = executor.select().from(externalIndices).where(eq(externalIndices.key, key));
  return (await (lock ? query.for('update') : query))[0];
}

/** Creates the index or leaves an existing one as it is (the demo). */
export async function insertExternalIndexIfAbsent(executor: Executor, values: typeof externalIndices.$inferInsert): Promise<boolean> {
  const rows = await executor.insert(externalIndices).values(values).onConflictDoNothing().returning({ key: externalIndices.key });
  return rows.length > 0;
}

export async function listEditionRows(executor: Executor, indexKey?: string): Promise<ExternalEditionRow[]> {
  return executor.select().from(externalIndexEditions).where(indexKey ? eq(externalIndexEditions.indexKey, indexKey) : undefined).orderBy(asc(externalIndexEditions.year));
}

export async function findEdition(executor: Executor, indexKey: string, year: number, lock = false): Promise<ExternalEditionRow | undefined> {
  const query = executor.select().from(externalIndexEditions).where(and(eq(externalIndexEditions.indexKey, indexKey), eq(externalIndexEditions.year, year)));
  return (await (lock ? query.for('update') : query))[0];
}

export async function insertEdition(executor: Executor, values: typeof externalIndexEditions.$inferInsert): Promise<ExternalEditionRow | undefined> {
  return (await executor.insert(externalIndexEditions).values(values).onConflictDoNothing().returning())[0];
}

/** Updates an edition at the version seen; undefined when it changed meanwhile. */
export async function updateEdition(
  executor: Executor, indexKey: string, year: number, version: number, values: Pick<ExternalEditionRow, 'components' | 'maxValue' | 'rankOf' | 'note'>,
): Promise<ExternalEditionRow | undefined> {
  const rows = await executor
    .update(externalIndexEditions)
    .set({ ...values, version: sql`${externalIndexEditions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(externalIndexEditions.indexKey, indexKey), eq(externalIndexEditions.year, year), eq(externalIndexEditions.version, version)))
    .returning();
  return rows[0];
}

const valueColumns = {
  row: externalIndexValues,
  unitCode: units.code,
  unitName: units.name,
};
export type ExternalValueWithUnit = ExternalValueRow & { unitCode: string | null; unitName: string | null };

/** Every value of an index (the province's and units'), by period then unit code. */
export async function listValueRows(executor: Executor, indexKey?: string): Promise<ExternalValueWithUnit[]> {
  const rows = await executor
    .select(valueColumns)
    .from(externalIndexValues)
    .leftJoin(units, eq(units.id, externalIndexValues.unitId))
    .where(indexKey ? eq(externalIndexValues.indexKey, indexKey) : undefined)
    .orderBy(asc(externalIndexValues.period), asc(units.code));
  return rows.map((r) => ({ ...r.row, unitCode: r.unitCode, unitName: r.unitName }));
}

export async function findValue(executor: Executor, indexKey: string, period: string, unitId: string | null, lock = false): Promise<ExternalValueRow | undefined> {
  const query = executor
    .select()
    .from(externalIndexValues)
    .where(and(eq(externalIndexValues.indexKey, indexKey), eq(externalIndexValues.period, period), unitId ? eq(externalIndexValues.unitId, unitId) : isNull(externalIndexValues.unitId)));
  return (await (lock ? query.for('update') : query))[0];
}

export type ExternalValueFields = Pick<ExternalValueRow, 'value' | 'rank' | 'rankOf' | 'groupLabel' | 'components' | 'source' | 'updatedBy'>;

export async function insertValue(executor: Executor, values: typeof externalIndexValues.$inferInsert): Promise<ExternalValueRow | undefined> {
  return (await executor.insert(externalIndexValues).values(values).onConflictDoNothing().returning())[0];
}

/** Updates a value at the version seen; undefined when it changed meanwhile. */
export async function updateValue(executor: Executor, id: string, version: number, values: ExternalValueFields): Promise<ExternalValueRow | undefined> {
  const rows = await executor
    .update(externalIndexValues)
    .set({ ...values, version: sql`${externalIndexValues.version} + 1`, updatedAt: new Date() })
    .where(and(eq(externalIndexValues.id, id), eq(externalIndexValues.version, version)))
    .returning();
  return rows[0];
}

export async function listLinkRows(executor: Executor, indexKey?: string): Promise<(ExternalLinkRow & { unitCode: string | null; unitName: string | null })[]> {
  const rows = await executor
    .select({ row: externalComponentLinks, unitCode: units.code, unitName: units.name })
    .from(externalComponentLinks)
    .leftJoin(units, eq(units.id, externalComponentLinks.unitId))
    .where(indexKey ? eq(externalComponentLinks.indexKey, indexKey) : undefined)
    .orderBy(asc(externalComponentLinks.componentKey), asc(externalComponentLinks.kind), asc(externalComponentLinks.createdAt));
  return rows.map((r) => ({ ...r.row, unitCode: r.unitCode, unitName: r.unitName }));
}

export async function insertLink(executor: Executor, values: typeof externalComponentLinks.$inferInsert): Promise<ExternalLinkRow> {
  return (await executor.insert(externalComponentLinks).values(values).returning())[0]!;
}

export async function deleteLink(executor: Executor, indexKey: string, id: string): Promise<ExternalLinkRow | undefined> {
  return (await executor.delete(externalComponentLinks).where(and(eq(externalComponentLinks.indexKey, indexKey), eq(externalComponentLinks.id, id))).returning())[0];
}

/** The province's figure of an index for a period (value: exact decimal string), or null when none is recorded. */
export interface ProvinceIndexValue {
  value: string;
  rank: number | null;
  rankOf: number | null;
  groupLabel: string | null;
}

/**
 * The province's value, rank and group of an index for a period ('2024', or '2024-05' for the
 * monthly 766 index); null when none is recorded. For other follow-up parts (targets).
 */
export async function provinceIndexValue(executor: Executor, indexKey: string, period: string): Promise<ProvinceIndexValue | null> {
  const row = await findValue(executor, indexKey, period, null);
  return row ? { value: row.value, rank: row.rank, rankOf: row.rankOf, groupLabel: row.groupLabel } : null;
}

/**
 * How a component is named for a link: "PAPI – Tham gia của người dân ở cấp cơ sở", from the newest
 * edition that has it (up to `year` when given); null when the index or component is unknown.
 */
export async function componentLabel(executor: Executor, indexKey: string, componentKey: string, year?: number): Promise<string | null> {
  const rows = await executor
    .select({ label: externalIndices.label, components: externalIndexEditions.components })
    .from(externalIndexEditions)
    .innerJoin(externalIndices, eq(externalIndices.key, externalIndexEditions.indexKey))
    .where(and(eq(externalIndexEditions.indexKey, indexKey), year === undefined ? undefined : lte(externalIndexEditions.year, year)))
    .orderBy(desc(externalIndexEditions.year));
  for (const r of rows) {
    const c = r.components.find((x) => x.key === componentKey);
    if (c) return `${r.label} – ${c.name}`;
  }
  return null;
}

/** Tasks of conclusion notices linked to a component of the index (follow_up_task_links, the tasks part's table: read only). */
export async function listLinkedTaskRows(executor: Executor, indexKey: string) {
  return executor
    .selectDistinct({ taskId: followUpTasks.id, componentKey: followUpTaskLinks.componentKey, title: followUpTasks.title, status: followUpTasks.status, unitId: units.id, unitCode: units.code, unitName: units.name })
    .from(followUpTaskLinks)
    .innerJoin(followUpTasks, eq(followUpTasks.id, followUpTaskLinks.taskId))
    .innerJoin(units, eq(units.id, followUpTasks.responsibleUnitId))
    .where(and(eq(followUpTaskLinks.kind, 'external_component'), eq(followUpTaskLinks.indexKey, indexKey)))
    .orderBy(asc(followUpTaskLinks.componentKey), asc(followUpTasks.title));
}
