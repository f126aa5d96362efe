import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import * as schema from './schema/index';

const batchSize = 500;

/** Every table of the schema, parents before the tables that reference them. */
export function tablesInDependencyOrder(): PgTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
  const byName = new Map<string, PgTable>(tables.map((table) => [getTableName(table), table]));
  const ordered: PgTable[] = [];
  const visiting = new Set<string>();
  const visit = (table: PgTable) => {
    const name = getTableName(table);
    if (ordered.includes(table) || visiting.has(name)) return;
    visiting.add(name);
    for (const foreignKey of getTableConfig(table).foreignKeys) {
      const parent = byName.get(getTableName(foreignKey.reference().foreignTable));
      if (parent && parent !== table) visit(parent);
    }
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

type Row = Record<string, unknown>;

/** Rows of a self-referencing table (a tree), each after the row it points to. */
export function parentsFirst(table: PgTable, rows: Row[]): Row[] {
  const selfKeys = getTableConfig(table).foreignKeys.map((fk) => fk.reference()).filter((ref) => getTableName(ref.foreignTable) === getTableName(table));
  if (selfKeys.length === 0) return rows;
  const columns = getTableColumns(table);
  const propertyOf = (columnName: string) => Object.keys(columns).find((key) => columns[key]!.name === columnName)!;
  const links = selfKeys.map((ref) => ({ from: propertyOf(ref.columns[0]!.name), to: propertyOf(ref.foreignColumns[0]!.name) }));
  const placed = new Set<unknown>();
  const result: Row[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const next: Row[] = [];
    for (const row of pending) {
      const ready = links.every((link) => row[link.from] == null || placed.has(row[link.from]) || row[link.from] === row[link.to]);
      if (ready) {
        result.push(row);
        for (const link of links) placed.add(row[link.to]);
      } else next.push(row);
    }
    if (next.length === pending.length) throw new Error(`Bảng ${getTableName(table)} có tham chiếu vòng; không chép được.`);
    pending = next;
  }
  return result;
}

export interface CopyProgress {
  table: string;
  rows: number;
}

/**
 * Copies every row of every table from one database to another whose schema is migrated and
 * empty, in one transaction on the target, then moves the target's sequences past the copied ids.
 */
export async function copyDatabase(source: Database, target: Database, onTable?: (progress: CopyProgress) => void): Promise<CopyProgress[]> {
  const tables = tablesInDependencyOrder();
  for (const table of tables) {
    const existing = await target.select({ n: sql<number>`count(*)::int` }).from(table);
    if ((existing[0]?.n ?? 0) > 0) {
      throw new Error(`Cơ sở dữ liệu đích không trống (bảng ${getTableName(table)} đã có dữ liệu). Hãy dùng một cơ sở dữ liệu mới.`);
    }
  }
  const copied: CopyProgress[] = [];
  await target.transaction(async (tx) => {
    for (const table of tables) {
      const rows = parentsFirst(table, (await source.select().from(table)) as Row[]);
      for (let start = 0; start < rows.length; start += batchSize) {
        await tx.insert(table).values(rows.slice(start, start + batchSize));
      }
      const progress = { table: getTableName(table), rows: rows.length };
      copied.push(progress);
      onTable?.(progress);
    }
    const sequences = (await tx.execute(sql`
      SELECT c.relname AS table_name, a.attname AS column_name
      FROM pg_class s
      JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
      JOIN pg_class c ON c.oid = d.refobjid
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = 'public'`)) as unknown as { rows: { table_name: string; column_name: string }[] };
    for (const { table_name, column_name } of sequences.rows) {
      const tableId = sql.identifier(table_name);
      const columnId = sql.identifier(column_name);
      await tx.execute(
        sql`SELECT setval(pg_get_serial_sequence(${table_name}, ${column_name}), coalesce(max(${columnId}), 1), max(${columnId}) IS NOT NULL) FROM ${tableId}`,
      );
    }
  });
  return copied;
}
