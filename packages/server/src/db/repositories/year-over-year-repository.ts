/**
 * Year over year (issue 11 §1): the earlier published results of a set of units in one program —
 * every year before a given one, the latest snapshot of each published group — with their fields,
 * in one statement; and the lineage links whose predecessor went to several successors (splits).
 * Reads only published snapshots (chiso's own and imported ones).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { ResultFieldRow } from './result-repository';
import { rows } from './unit-repository';

const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** A field of a published result as stored, with its maximum in the snapshot's framework version (null for an imported year without one). */
export type EarlierFieldRow = Pick<ResultFieldRow, 'fieldKey' | 'fieldCode' | 'fieldName' | 'achieved' | 'applicableMax' | 'componentIndex'> & { maxPoints: string | null };

export interface EarlierResultRow {
  year: number;
  publishedAt: Date;
  cycleId: string;
  groupId: string;
  groupName: string;
  number: number;
  unitId: string;
  unitCode: string;
  unitName: string;
  achieved: string;
  applicableMax: string;
  indexValue: string;
  indexDecimals: number;
  rank: number;
  rankedUnits: number;
  classLabel: string | null;
  fields: EarlierFieldRow[];
}

/**
 * The published results of `unitIds` in the program's cycles of the years before `beforeYear`:
 * per cycle and group its latest snapshot. Newest year first, then the latest publication first
 * (the one a unit compares against when it was published twice in a year).
 */
export async function listEarlierPublishedResults(
  executor: Executor,
  input: { programCode: string; beforeYear: number; unitIds: readonly string[] },
): Promise<EarlierResultRow[]> {
  if (input.unitIds.length === 0) return [];
  const result = await executor.execute(sql`
    WITH latest AS (
      SELECT DISTINCT ON (s.cycle_id, s.group_id) s.id, s.cycle_id, s.group_id, s.number, s.created_at, s.framework_version_id, s.index_decimals, c.year
      FROM result_snapshots s JOIN cycles c ON c.id = s.cycle_id
      WHERE c.program_code = ${input.programCode} AND c.year < ${input.beforeYear}
      ORDER BY s.cycle_id, s.group_id, s.number DESC
    ), counted AS (
      SELECT snapshot_id, count(*)::int AS n FROM result_units WHERE snapshot_id IN (SELECT id FROM latest) GROUP BY snapshot_id
    )
    SELECT l.year AS "year", l.created_at AS "publishedAt", l.cycle_id AS "cycleId", l.group_id AS "groupId", g.name AS "groupName", l.number AS "number",
      ru.unit_id AS "unitId", ru.unit_code AS "unitCode", ru.unit_name AS "unitName",
      ru.achieved::text AS "achieved", ru.applicable_max::text AS "applicableMax", ru.index_value::text AS "indexValue",
      coalesce(l.index_decimals, (fv.document -> 'settings' -> 'rounding' ->> 'indexDecimals')::int, 2) AS "indexDecimals",
      ru.rank AS "rank", n.n AS "rankedUnits", ru.class_label AS "classLabel",
      coalesce((
        SELECT json_agg(json_build_object(
          'fieldKey', rf.field_key, 'fieldCode', rf.field_code, 'fieldName', rf.field_name, 'achieved', rf.achieved::text,
          'applicableMax', rf.applicable_max::text, 'componentIndex', rf.component_index::text,
          'maxPoints', (SELECT node ->> 'maxPoints' FROM jsonb_array_elements(fv.document -> 'nodes') node WHERE node ->> 'key' = rf.field_key LIMIT 1)
        ) ORDER BY rf.field_code)
        FROM result_fields rf WHERE rf.snapshot_id = l.id AND rf.unit_id = ru.unit_id
      ), '[]'::json) AS "fields"
    FROM latest l
    JOIN result_units ru ON ru.snapshot_id = l.id
    JOIN counted n ON n.snapshot_id = l.id
    JOIN unit_groups g ON g.id = l.group_id
    LEFT JOIN framework_versions fv ON fv.id = l.framework_version_id
    WHERE ru.unit_id IN (${idList(input.unitIds)})
    ORDER BY l.year DESC, l.created_at DESC, ru.unit_code`);
  return rows<EarlierResultRow>(result).map((r) => ({
    ...r,
    year: Number(r.year), number: Number(r.number), rank: Number(r.rank), rankedUnits: Number(r.rankedUnits), indexDecimals: Number(r.indexDecimals),
    publishedAt: new Date(r.publishedAt),
    fields: typeof r.fields === 'string' ? (JSON.parse(r.fields) as EarlierFieldRow[]) : r.fields,
  }));
}

/** Lineage links from `predecessorIds` whose predecessor went to more than one successor in the same operation. */
export async function listSplitLinks(executor: Executor, predecessorIds: readonly string[]): Promise<{ predecessorId: string; successorId: string }[]> {
  if (predecessorIds.length === 0) return [];
  const result = await executor.execute(sql`
    SELECT l.predecessor_id AS "predecessorId", l.successor_id AS "successorId" FROM unit_lineage l
    WHERE l.predecessor_id IN (${idList(predecessorIds)})
      AND EXISTS (SELECT 1 FROM unit_lineage o WHERE o.operation_id = l.operation_id AND o.predecessor_id = l.predecessor_id AND o.successor_id <> l.successor_id)`);
  return rows(result);
}

export interface ProgramYearGroupRow {
  cycleId: string;
  cycleName: string;
  groupId: string;
  groupCode: string;
  groupName: string;
}

/** The published (cycle, group) pairs of a program's year, by cycle name then group name. */
export async function listPublishedGroupsOfYear(executor: Executor, programCode: string, year: number): Promise<ProgramYearGroupRow[]> {
  const result = await executor.execute(sql`
    SELECT DISTINCT c.id AS "cycleId", c.name AS "cycleName", g.id AS "groupId", g.code AS "groupCode", g.name AS "groupName"
    FROM result_snapshots s JOIN cycles c ON c.id = s.cycle_id JOIN unit_groups g ON g.id = s.group_id
    WHERE c.program_code = ${programCode} AND c.year = ${year}
    ORDER BY "cycleName", "groupName"`);
  return rows(result);
}
