/**
 * The public site's reads (issue 11 §7): a unit's published results over the years with their
 * field figures, the organisers of cycles, and the facts a published group's method note states.
 * Reads published snapshots only (result_snapshots and their rows); nothing unpublished exists here.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { PublishedResultRow } from './history-repository';
import { rows } from './unit-repository';

const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** A unit's row in the latest snapshot of one cycle's group, with the snapshot's facts. */
export interface UnitPublishedRow extends Omit<PublishedResultRow, 'unitId'> {
  snapshotId: string;
  unitCode: string;
  unitName: string;
  achieved: string;
  bonus: string;
  applicableMax: string;
}

/** The unit's published results: per cycle and group the latest snapshot holding it, newest year first. */
export async function listUnitPublishedRows(executor: Executor, unitId: string): Promise<UnitPublishedRow[]> {
  const result = await executor.execute(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (s.cycle_id, s.group_id)
        s.id AS "snapshotId", s.cycle_id AS "cycleId", c.name AS "cycleName", c.year AS "year", c.program_code AS "programCode", pr.name AS "programName",
        o.id AS "ownerId", o.code AS "ownerCode", o.name AS "ownerName", to_char(o.valid_to, 'YYYY-MM-DD') AS "ownerValidTo",
        s.group_id AS "groupId", g.name AS "groupName", s.number AS "number", s.decision_number AS "decisionNumber", s.created_at AS "publishedAt",
        ru.unit_code AS "unitCode", ru.unit_name AS "unitName",
        ru.achieved::text AS "achieved", ru.bonus::text AS "bonus", ru.applicable_max::text AS "applicableMax", ru.index_value::text AS "indexValue",
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
      WHERE ru.unit_id = ${unitId}::uuid
      ORDER BY s.cycle_id, s.group_id, s.number DESC
    ) latest
    ORDER BY "year" DESC, "programName", "cycleName"`);
  return rows<UnitPublishedRow>(result).map((r) => ({
    ...r, year: Number(r.year), number: Number(r.number), rank: Number(r.rank), rankedUnits: Number(r.rankedUnits),
    indexDecimals: Number(r.indexDecimals), publishedAt: new Date(r.publishedAt),
  }));
}

export interface UnitFieldRow {
  snapshotId: string;
  fieldKey: string;
  fieldCode: string;
  fieldName: string;
  achieved: string;
  applicableMax: string;
  componentIndex: string | null;
}

/** The unit's field figures in the given snapshots, by field code. */
export async function listUnitFieldRows(executor: Executor, unitId: string, snapshotIds: readonly string[]): Promise<UnitFieldRow[]> {
  if (snapshotIds.length === 0) return [];
  const result = await executor.execute(sql`
    SELECT f.snapshot_id AS "snapshotId", f.field_key AS "fieldKey", f.field_code AS "fieldCode", f.field_name AS "fieldName",
      f.achieved::text AS "achieved", f.applicable_max::text AS "applicableMax", f.component_index::text AS "componentIndex"
    FROM result_fields f
    WHERE f.unit_id = ${unitId}::uuid AND f.snapshot_id IN (${idList(snapshotIds)})
    ORDER BY f.snapshot_id, f.field_code`);
  return rows<UnitFieldRow>(result);
}

export interface CycleOwnerRow {
  cycleId: string;
  id: string;
  code: string;
  name: string;
  validTo: string | null;
}

/** The organising unit of each cycle that has one (the province's cycles have none). */
export async function listCycleOwners(executor: Executor, cycleIds: readonly string[]): Promise<CycleOwnerRow[]> {
  if (cycleIds.length === 0) return [];
  const result = await executor.execute(sql`
    SELECT c.id AS "cycleId", o.id AS "id", o.code AS "code", o.name AS "name", to_char(o.valid_to, 'YYYY-MM-DD') AS "validTo"
    FROM cycles c JOIN units o ON o.id = c.owner_unit_id
    WHERE c.id IN (${idList(cycleIds)})`);
  return rows<CycleOwnerRow>(result);
}

/** What a published snapshot's method note states: its cycle, program, organiser and framework settings. */
export interface SnapshotMethodFacts {
  cycleName: string;
  year: number;
  programCode: string;
  programName: string;
  /** The framework version's `settings` (rounding, bonus, classification); null for imported results. */
  settings: unknown;
  frameworkName: string | null;
  /** Earlier years' results imported from a published file (cycles.origin 'imported'). */
  imported: boolean;
}

export async function findSnapshotMethodFacts(executor: Executor, snapshotId: string): Promise<SnapshotMethodFacts | undefined> {
  const result = await executor.execute(sql`
    SELECT c.name AS "cycleName", c.year AS "year", c.program_code AS "programCode", pr.name AS "programName",
      fv.document -> 'settings' AS "settings", fv.document ->> 'name' AS "frameworkName", c.origin = 'imported' AS "imported"
    FROM result_snapshots s
    JOIN cycles c ON c.id = s.cycle_id
    JOIN programs pr ON pr.code = c.program_code
    LEFT JOIN framework_versions fv ON fv.id = s.framework_version_id
    WHERE s.id = ${snapshotId}::uuid`);
  const [row] = rows<SnapshotMethodFacts>(result);
  return row ? { ...row, year: Number(row.year), settings: typeof row.settings === 'string' ? JSON.parse(row.settings) : row.settings } : undefined;
}
