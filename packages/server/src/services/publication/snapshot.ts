/**
 * From the core's group consolidation to the rows of an immutable result snapshot, and back to
 * the `ResultSnapshot` the API returns. Pure: no I/O. The figures are the core's own
 * (`consolidateGroup` → `scoreUnit`, `rankUnits`, `classifyScore`); this only writes them down
 * as exact decimal strings.
 */
import {
  type Fixed,
  type Framework,
  type GroupConsolidation,
  type Points,
  type Rational,
  fixedFromRational,
  formatFixed,
  parseFixed,
  pointsToString,
  points as parsePointsStrict,
  rationalToText,
} from '@chiso/core';
import type { ResultSnapshot } from '@chiso/contract';
import type { NewSnapshot, ResultFieldRow, ResultUnitRow, SnapshotHead } from '../../db/repositories/result-repository';
import { ruleViolation } from '../errors';

/** Decimals the snapshot stores indexes with (numeric(9,4)). */
const STORED_INDEX_DECIMALS = 4;

export interface SnapshotUnitInfo {
  unitId: string;
  code: string;
  name: string;
}

/** Criterion record id and version per unit and leaf, for the trace (`result_leaves`). */
export type RecordRefs = ReadonlyMap<string, ReadonlyMap<string, { id: string; version: number }>>;

const plainPoints = (p: Points) => pointsToString(p);
const exactText = (r: Rational | null | undefined) => (r ? rationalToText(r) : null);
const plainFixed = (f: Fixed) => formatFixed(f, 'plain');

/** A published index as stored: the framework's rounding, written at the column's scale. */
function storedIndex(published: Fixed | null, exact: Rational | null): string | null {
  if (published) return plainFixed(published);
  return exact ? plainFixed(fixedFromRational(exact, STORED_INDEX_DECIMALS)) : null;
}

/**
 * Rows of a snapshot (units, fields, leaves) for one group. Refused when a unit has nothing
 * applicable: it has no index and no rank to publish.
 */
export function buildSnapshotRows(
  framework: Framework,
  group: GroupConsolidation,
  units: readonly SnapshotUnitInfo[],
  refs: RecordRefs,
): Pick<NewSnapshot, 'units' | 'fields' | 'leaves'> {
  const info = new Map(units.map((u) => [u.unitId, u]));
  const fieldNodes = new Map(framework.nodes.map((n) => [n.key, n]));
  const rankOf = new Map(group.ranking.map((r) => [r.unitId, r.rank]));
  const out: Pick<NewSnapshot, 'units' | 'fields' | 'leaves'> = { units: [], fields: [], leaves: [] };
  for (const u of group.units) {
    const unit = info.get(u.unitId);
    if (!unit) throw new Error(`unit ${u.unitId} missing from the snapshot's unit list`);
    const rank = rankOf.get(u.unitId) ?? null;
    const index = storedIndex(u.score.publishedIndex, u.score.index);
    if (rank === null || index === null) {
      throw ruleViolation(`Đơn vị ${unit.code} (${unit.name}) không có tiêu chí nào được áp dụng: không thể tính chỉ số để công bố`);
    }
    const band = group.classes.get(u.unitId) ?? null;
    out.units.push({
      unitId: u.unitId,
      unitCode: unit.code,
      unitName: unit.name,
      achieved: plainPoints(u.score.achieved),
      bonus: plainPoints(u.score.bonus),
      applicableMax: plainPoints(u.score.applicableMax),
      indexValue: index,
      indexExact: exactText(u.score.index),
      achievedExact: exactText(u.score.exact.achieved),
      bonusExact: exactText(u.score.exact.bonus),
      rank,
      classKey: band?.key ?? null,
      classLabel: band?.label ?? null,
    });
    for (const c of u.score.components) {
      const node = fieldNodes.get(c.key);
      out.fields.push({
        unitId: u.unitId,
        fieldKey: c.key,
        fieldCode: c.code,
        fieldName: node?.name ?? c.code,
        achieved: plainPoints(c.achieved),
        applicableMax: plainPoints(c.applicableMax),
        componentIndex: storedIndex(c.published, c.index),
        achievedExact: exactText(c.achievedExact),
      });
    }
    const unitRefs = refs.get(u.unitId);
    for (const l of u.leaves) {
      const ref = unitRefs?.get(l.key);
      out.leaves.push({
        unitId: u.unitId,
        nodeKey: l.key,
        selfPoints: l.self ? plainPoints(l.self.points) : null,
        effectivePoints: l.effective ? plainPoints(l.effective.points) : null,
        // The exact points the rule gave (the columns above are to the thousandth).
        selfExact: l.self ? exactText(u.selfScore.nodes.get(l.key)?.leaf?.exact) : null,
        effectiveExact: l.effective ? exactText(u.score.nodes.get(l.key)?.leaf?.exact) : null,
        level: l.level,
        notApplicable: l.effective?.notApplicable ?? false,
        criterionRecordId: ref?.id ?? null,
        criterionRecordVersion: ref?.version ?? null,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- presentation

export interface ResultFieldView {
  fieldKey: string;
  code: string;
  name: string;
  achieved: string;
  /** Exact achieved points, "num/den" (null in snapshots published before exact values were kept). */
  achievedExact: string | null;
  applicableMax: string;
  componentIndex: string | null;
}

export interface ResultRowView {
  unitId: string;
  unitCode: string;
  unitName: string;
  achieved: string;
  bonus: string;
  applicableMax: string;
  index: string;
  /** Exact values behind achieved, bonus and index, "num/den" (null in older snapshots). */
  achievedExact: string | null;
  bonusExact: string | null;
  indexExact: string | null;
  rank: number;
  classLabel: string | null;
  fields: ResultFieldView[];
}

export interface ResultSnapshotView {
  id: string;
  cycleId: string;
  groupId: string;
  groupName: string;
  number: number;
  decisionNumber: string | null;
  reason: string | null;
  createdAt: string;
  rows: ResultRowView[];
}

/** Exact points as the canonical decimal string ("73.79"), from the numeric column ("73.790"). */
export function pointsText(stored: string): string {
  return pointsToString(parsePointsStrict(stored));
}

/** An index as published: the framework's decimals ("81.30"), from the numeric column ("81.3000"). */
export function indexText(stored: string, decimals: number): string {
  return formatFixed(parseFixed(stored, decimals)!, 'plain');
}

export function presentSnapshot(head: SnapshotHead, body: { units: ResultUnitRow[]; fields: ResultFieldRow[] }): ResultSnapshotView {
  const fieldsOf = new Map<string, ResultFieldView[]>();
  for (const f of body.fields) {
    const list = fieldsOf.get(f.unitId) ?? [];
    list.push({
      fieldKey: f.fieldKey,
      code: f.fieldCode,
      name: f.fieldName,
      achieved: pointsText(f.achieved),
      applicableMax: pointsText(f.applicableMax),
      componentIndex: f.componentIndex === null ? null : indexText(f.componentIndex, head.indexDecimals),
      achievedExact: f.achievedExact,
    });
    fieldsOf.set(f.unitId, list);
  }
  return {
    id: head.id,
    cycleId: head.cycleId,
    groupId: head.groupId,
    groupName: head.groupName,
    number: head.number,
    decisionNumber: head.decisionNumber,
    reason: head.reason,
    createdAt: head.createdAt.toISOString(),
    rows: body.units.map((u) => ({
      unitId: u.unitId,
      unitCode: u.unitCode,
      unitName: u.unitName,
      achieved: pointsText(u.achieved),
      bonus: pointsText(u.bonus),
      applicableMax: pointsText(u.applicableMax),
      index: indexText(u.indexValue, head.indexDecimals),
      achievedExact: u.achievedExact,
      bonusExact: u.bonusExact,
      indexExact: u.indexExact,
      rank: u.rank,
      classLabel: u.classLabel,
      fields: fieldsOf.get(u.unitId) ?? [],
    })),
  };
}

/**
 * A snapshot as people read it (public page, results, the answer to publishing): the published
 * figures only. The exact values behind them are for the trace of one unit (trace.ts).
 */
export function shownSnapshot(view: ResultSnapshotView): Omit<ResultSnapshot, 'hash' | 'versions'> {
  return {
    ...view,
    rows: view.rows.map(({ achievedExact: _a, bonusExact: _b, indexExact: _i, fields, ...row }) => ({
      ...row,
      fields: fields.map(({ achievedExact: _f, ...field }) => field),
    })),
  };
}
