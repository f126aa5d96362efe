/**
 * The public site's reads (issue 11 §7): a unit's published results over the years with their
 * field figures, the organisers of cycles, and the facts a published group's method note states.
 * Reads published snapshots only (result_snapshots and their rows); nothing unpublished exists here.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rows } from './unit-repository';

const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

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
