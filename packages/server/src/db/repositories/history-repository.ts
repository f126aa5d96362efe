/**
 * History across reorganisations (issue 10 §6): the predecessors of units through their lineage,
 * and the published results of units in every cycle (the latest snapshot of each group that has
 * them). Reads only; dissolved units and their cycles are read like any other.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rows } from './unit-repository';

const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** A predecessor reached from `startId` going back in time, `depth` reorganisations away. */
export interface AncestorRow {
  startId: string;
  depth: number;
  unitId: string;
  unitCode: string;
  unitName: string;
  validTo: string | null;
  successorId: string;
  successorCode: string;
  successorName: string;
  kind: 'merge' | 'split';
  date: string;
}

/** Every predecessor of each unit, transitively (merges and splits), nearest first. */
export async function listAncestors(executor: Executor, unitIds: readonly string[]): Promise<AncestorRow[]> {
  if (unitIds.length === 0) return [];
  const result = await executor.execute(sql`
    WITH RECURSIVE walk(start_id, depth, operation_id, predecessor_id, successor_id) AS (
      SELECT l.successor_id, 1, l.operation_id, l.predecessor_id, l.successor_id FROM unit_lineage l WHERE l.successor_id IN (${idList(unitIds)})
      UNION
      SELECT w.start_id, w.depth + 1, l.operation_id, l.predecessor_id, l.successor_id
      FROM unit_lineage l JOIN walk w ON l.successor_id = w.predecessor_id
      WHERE w.depth < 20 AND l.predecessor_id <> w.start_id
    )
    SELECT DISTINCT ON (w.start_id, w.predecessor_id)
      w.start_id AS "startId", w.depth AS "depth", p.id AS "unitId", p.code AS "unitCode", p.name AS "unitName",
      to_char(p.valid_to, 'YYYY-MM-DD') AS "validTo", s.id AS "successorId", s.code AS "successorCode", s.name AS "successorName",
      o.kind AS "kind", to_char(o.date, 'YYYY-MM-DD') AS "date"
    FROM walk w
    JOIN unit_operations o ON o.id = w.operation_id
    JOIN units p ON p.id = w.predecessor_id
    JOIN units s ON s.id = w.successor_id
    ORDER BY w.start_id, w.predecessor_id, w.depth`);
  return rows<AncestorRow>(result)
    .map((r) => ({ ...r, depth: Number(r.depth) }))
    .sort((a, b) => a.startId.localeCompare(b.startId) || a.depth - b.depth || b.date.localeCompare(a.date) || a.unitCode.localeCompare(b.unitCode));
}

/** A unit's published result in one cycle and group: the group's latest snapshot that has it. */
export interface PublishedResultRow {
  unitId: string;
  cycleId: string;
  cycleName: string;
  year: number;
  programCode: string;
  programName: string;
  ownerId: string | null;
  ownerCode: string | null;
  ownerName: string | null;
  ownerValidTo: string | null;
  groupId: string;
  groupName: string;
  number: number;
  decisionNumber: string | null;
  publishedAt: Date;
  indexValue: string;
  indexDecimals: number;
  rank: number;
  rankedUnits: number;
  classLabel: string | null;
}

/** A published result with its figures: the snapshot, the unit's code and name as published, and its points. */
export interface PublishedResultFiguresRow extends PublishedResultRow {
  snapshotId: string;
  unitCode: string;
  unitName: string;
  achieved: string;
  bonus: string;
  applicableMax: string;
}

/** The published results of the units in every cycle, newest year first; `figures` adds each result's snapshot and points. */
export async function listPublishedResultsOfUnits(executor: Executor, unitIds: readonly string[], options: { figures: true }): Promise<PublishedResultFiguresRow[]>;
export async function listPublishedResultsOfUnits(executor: Executor, unitIds: readonly string[], options?: { figures?: false }): Promise<PublishedResultRow[]>;
export async function listPublishedResultsOfUnits(executor: Executor, unitIds: readonly string[], options: { figures?: boolean } = {}): Promise<PublishedResultRow[]> {
  if (unitIds.length === 0) return [];
  const figures = options.figures
    ? sql`s.id AS "snapshotId", ru.unit_code AS "unitCode", ru.unit_name AS "unitName",
      ru.achieved::text AS "achieved", ru.bonus::text AS "bonus", ru.applicable_max::text AS "applicableMax",`
    : sql``;
  const result = await executor.execute(sql`
    SELECT DISTINCT ON (s.cycle_id, s.group_id, ru.unit_id)
      ru.unit_id AS "unitId", s.cycle_id AS "cycleId", c.name AS "cycleName", c.year AS "year", c.program_code AS "programCode", pr.name AS "programName",
      o.id AS "ownerId", o.code AS "ownerCode", o.name AS "ownerName", to_char(o.valid_to, 'YYYY-MM-DD') AS "ownerValidTo",
      s.group_id AS "groupId", g.name AS "groupName", s.number AS "number", s.decision_number AS "decisionNumber", s.created_at AS "publishedAt",
      ${figures} ru.index_value::text AS "indexValue",
      coalesce(s.index_decimals, (fv.document -> 'settings' -> 'rounding' ->> 'indexDecimals')::int, 2) AS "indexDecimals",
      ru.rank AS "rank", ru.class_label AS "classLabel",
      (SELECT count(*) FROM result_units x WHERE x.snapshot_id = s.id)::int AS "rankedUnits"
    FROM result_units ru
    JOIN result_snapshots s ON s.id = ru.snapshot_id
    JOIN cycles c ON c.id = s.cycle_id
    JOIN programs pr ON pr.code = c.program_code
    JOIN unit_groups g ON g.id = s.group_id
    LEFT JOIN framework_versions fv ON fv.id = s.framework_version_id
    LEFT JOIN units o ON o.id = c.owner_unit_id
    WHERE ru.unit_id IN (${idList(unitIds)})
    ORDER BY s.cycle_id, s.group_id, ru.unit_id, s.number DESC`);
  return rows<PublishedResultRow>(result)
    .map((r) => ({
      ...r, year: Number(r.year), number: Number(r.number), rank: Number(r.rank), rankedUnits: Number(r.rankedUnits), indexDecimals: Number(r.indexDecimals),
      publishedAt: new Date(r.publishedAt),
    }))
    .sort((a, b) => b.year - a.year || a.programName.localeCompare(b.programName, 'vi') || a.cycleName.localeCompare(b.cycleName, 'vi'));
}

/** Identity and validity of units (dissolved ones included). */
export async function findUnitsForHistory(executor: Executor, unitIds: readonly string[]): Promise<{ id: string; code: string; name: string; validTo: string | null }[]> {
  if (unitIds.length === 0) return [];
  const result = await executor.execute(sql`
    SELECT id AS "id", code AS "code", name AS "name", to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM units WHERE id IN (${idList(unitIds)})`);
  return rows(result);
}

/** The units of a group's latest published snapshot in a cycle. */
export async function unitsOfLatestSnapshot(executor: Executor, cycleId: string, groupId: string): Promise<string[]> {
  const result = await executor.execute<{ unitId: string }>(sql`
    SELECT ru.unit_id AS "unitId" FROM result_units ru
    WHERE ru.snapshot_id = (SELECT id FROM result_snapshots WHERE cycle_id = ${cycleId}::uuid AND group_id = ${groupId}::uuid ORDER BY number DESC LIMIT 1)
    ORDER BY ru.rank, ru.unit_code`);
  return rows<{ unitId: string }>(result).map((r) => r.unitId);
}
