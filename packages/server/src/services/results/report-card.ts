/**
 * A unit's report card on a published result (phiếu kết quả): its figures, field indexes against
 * the group's average, the lost points ledger with each line's cause, and the what-if of each
 * criterion; for the province, the weak criteria and fields of a group and the sensitivity of its
 * ranks. Everything is read from the published snapshot (never the live assessments) and scored
 * again by the core's own engine on the frozen framework (core/results).
 */
import {
  type Framework, type LedgerLeaf, type LedgerUnit, type LostPointsLine, type Rational, type ReplayedGroup, type Standing, type WhatIfOption,
  ZERO_RATIONAL, addRational, compareRational, divRational, mulRational, formatFixed, formatPointsFigure, lostPoints, parseRationalText, pointsToString, rationalFromInt,
  rationalToFixedString, rationalToText, reduceRational, replayGroup, replayMatches, sensitivity, subRational, sumRational, tierText, whatIf,
} from '@chiso/core';
import type { RankSensitivity, ReportCard, UnitReportCards, WeakCriteria, WhatIfOptionView } from '@chiso/contract';
import type { Executor } from '../../db/client';
import { evidenceOfRecords } from '../../db/repositories/assessment-repository';
import { findCycle } from '../../db/repositories/cycle-repository';
import { publishedResultsOfUnit } from '../../db/repositories/report-card-repository';
import { findSnapshotHead, listPublishedGroups, readSnapshotBody, readSnapshotLeaves, type ResultLeafRow, type SnapshotHead } from '../../db/repositories/result-repository';
import { hasRole, type Actor } from '../actor';
import { loadCycleContext, loadFrameworkVersion, profileOf } from '../cycles/context';
import { forbidden, notFound } from '../errors';
import { assertMayReadPublishedTrace, mayReadPublishedTrace } from '../policies/results';
import { READS_EVERY_UNIT, isStaffOf, readsEveryUnitOf } from '../policies/roles';
import { indexText, presentSnapshot, type ResultSnapshotView } from '../publication/snapshot';
import { auditTrailOf } from '../../db/repositories/audit-repository';
import { unitYearOverYear } from './year-over-year';

const plain = (r: Rational) => formatPointsFigure(r, 0, 'plain');
const exactOf = (text: string | null, stored: string | null): Rational | null => (text !== null ? parseRationalText(text) : stored !== null ? parseRationalText(stored) : null);

/** A published group, replayed with the engine. */
interface LoadedGroup {
  head: SnapshotHead;
  view: ResultSnapshotView;
  program: { code: string; name: string };
  year: number;
  framework: Framework | null;
  units: LedgerUnit[];
  replayed: ReplayedGroup | null;
  /** Units whose replay gives back the published figures exactly. */
  exact: Set<string>;
  evidenceRequired: boolean;
  /** The snapshot's leaf rows per unit (levels and criterion records). */
  leafRows: Map<string, ResultLeafRow[]>;
}

function ledgerLeaves(rows: readonly ResultLeafRow[], evidence: ReadonlyMap<string, number>): LedgerLeaf[] {
  return rows.map((l) => ({
    key: l.nodeKey,
    effective: exactOf(l.effectiveExact, l.effectivePoints),
    self: exactOf(l.selfExact, l.selfPoints),
    notApplicable: l.notApplicable,
    evidenceCount: l.criterionRecordId ? (evidence.get(l.criterionRecordId) ?? 0) : 0,
  }));
}

type CycleRow = NonNullable<Awaited<ReturnType<typeof findCycle>>>;

async function findPublished(db: Executor, cycleId: string, groupId: string, number?: number): Promise<{ cycle: CycleRow; head: SnapshotHead }> {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  const head = await findSnapshotHead(db, cycleId, groupId, number);
  if (!head) throw notFound('kết quả đã công bố của nhóm này');
  return { cycle, head };
}

/**
 * Replayed groups by snapshot id, the last GROUP_CACHE_SIZE used: a published snapshot never
 * changes, and replaying a group (all units' leaves, evidence, the engine) is the costly part of a
 * report card, the weak criteria and the sensitivity.
 */
const GROUP_CACHE_SIZE = 20;
const groupCache = new Map<string, Promise<LoadedGroup>>();

function groupOf(db: Executor, cycle: CycleRow, head: SnapshotHead): Promise<LoadedGroup> {
  const cached = groupCache.get(head.id);
  groupCache.delete(head.id);
  const loading = cached ?? readGroup(db, cycle, head);
  groupCache.set(head.id, loading);
  if (!cached) loading.catch(() => groupCache.delete(head.id));
  while (groupCache.size > GROUP_CACHE_SIZE) groupCache.delete(groupCache.keys().next().value!);
  return loading;
}

async function loadGroup(db: Executor, cycleId: string, groupId: string, number?: number): Promise<LoadedGroup> {
  const { cycle, head } = await findPublished(db, cycleId, groupId, number);
  return groupOf(db, cycle, head);
}

async function readGroup(db: Executor, cycle: CycleRow, head: SnapshotHead): Promise<LoadedGroup> {
  const [view, leafRows, published] = await Promise.all([
    readSnapshotBody(db, head.id).then((body) => presentSnapshot(head, body)),
    readSnapshotLeaves(db, head.id),
    listPublishedGroups(db, cycle.id),
  ]);
  const group = published.find((g) => g.groupId === head.groupId);
  const rowsOf = new Map<string, ResultLeafRow[]>();
  for (const l of leafRows) rowsOf.set(l.unitId, [...(rowsOf.get(l.unitId) ?? []), l]);
  const base = {
    head, view, program: { code: group?.programCode ?? cycle.programCode, name: group?.programName ?? '' }, year: cycle.year,
    evidenceRequired: cycle.evidenceRequiredForPoints, leafRows: rowsOf,
  };
  if (!head.frameworkVersionId || leafRows.length === 0) return { ...base, framework: null, units: [], replayed: null, exact: new Set() };
  const [framework, ctx, evidence] = await Promise.all([
    loadFrameworkVersion(db, head.frameworkVersionId),
    loadCycleContext(db, cycle.id),
    evidenceOfRecords(db, leafRows.flatMap((l) => (l.criterionRecordId ? [l.criterionRecordId] : []))),
  ]);
  const evidenceCount = new Map<string, number>();
  for (const e of evidence) evidenceCount.set(e.criterionRecordId, (evidenceCount.get(e.criterionRecordId) ?? 0) + 1);
  const units = view.rows.map((r): LedgerUnit => ({ unitId: r.unitId, profile: profileOf(ctx, r.unitId), leaves: ledgerLeaves(rowsOf.get(r.unitId) ?? [], evidenceCount) }));
  const replayed = replayGroup({ framework, units });
  const exact = new Set(view.rows.filter((r) => {
    const score = replayed.scores.get(r.unitId)!;
    const achieved = exactOf(r.achievedExact, r.achieved);
    const index = r.indexExact ? parseRationalText(r.indexExact) : null;
    const shown = score.publishedIndex ? formatFixed(score.publishedIndex, 'plain') : null;
    return replayMatches(score, { achieved, index }) && shown === r.index && replayed.standings.get(r.unitId)?.rank === r.rank;
  }).map((r) => r.unitId));
  return { ...base, framework, units, replayed, exact };
}

function headOf(g: LoadedGroup) {
  return {
    cycleId: g.head.cycleId, groupId: g.head.groupId, groupName: g.head.groupName, program: g.program, year: g.year,
    snapshotNumber: g.head.number, decisionNumber: g.head.decisionNumber, rankedUnits: g.view.rows.length,
  };
}

function standingView(s: Standing): WhatIfOptionView['before'] {
  return { index: s.publishedIndex ? formatFixed(s.publishedIndex, 'plain') : null, rank: s.rank, classLabel: s.band?.label ?? null };
}

function optionView(o: WhatIfOption, names: ReadonlyMap<string, string>, decimals: number): WhatIfOptionView {
  const before = o.before.publishedIndex ? parseRationalText(formatFixed(o.before.publishedIndex, 'plain'))! : ZERO_RATIONAL;
  const after = o.after.publishedIndex ? parseRationalText(formatFixed(o.after.publishedIndex, 'plain'))! : ZERO_RATIONAL;
  return {
    nodeKey: o.key, code: o.code, name: names.get(o.key) ?? '', target: o.target,
    from: plain(o.from), to: plain(o.to), gain: plain(o.gain),
    before: standingView(o.before), after: standingView(o.after),
    indexGain: rationalToFixedString(subRational(after, before), decimals), indexGainExact: rationalToText(o.indexGain),
    placesGained: o.placesGained, classChanged: o.classChanged,
  };
}

function lineView(l: LostPointsLine, leaf: { level: string; evidenceCount: number } | undefined): ReportCard['ledger']['lines'][number] {
  const bound = (b: { percent: { units: bigint; scale: number }; inclusive: boolean } | undefined) =>
    b ? { percent: rationalToFixedString({ num: b.percent.units, den: 10n ** BigInt(b.percent.scale) }, b.percent.scale), inclusive: b.inclusive } : null;
  return {
    nodeKey: l.key, code: l.code, name: l.name, fieldKey: l.fieldKey, fieldCode: l.fieldCode, ruleType: l.ruleType,
    maxPoints: pointsToString(l.maxPoints), achieved: plain(l.achieved), achievedExact: rationalToText(l.achieved),
    self: l.self ? plain(l.self) : null, lost: plain(l.lost), lostExact: rationalToText(l.lost), kind: l.kind,
    causes: l.causes.map((c) => ({ kind: c.kind, points: plain(c.points), pointsExact: rationalToText(c.points) })),
    reason: l.reason,
    nextTier: l.nextTier
      ? { points: pointsToString(l.nextTier.points), lower: bound(l.nextTier.tier.lower), upper: bound(l.nextTier.tier.upper), interval: tierText(l.nextTier.tier), gain: plain(l.nextTier.gain) }
      : null,
    occurrences: l.occurrences, level: leaf?.level ?? 'none', evidenceCount: leaf?.evidenceCount ?? 0,
  };
}

const nodeNames = (framework: Framework | null): Map<string, string> => {
  const out = new Map<string, string>();
  const walk = (nodes: Framework['nodes']) => nodes.forEach((n) => { out.set(n.key, n.name); walk(n.children); });
  if (framework) walk(framework.nodes);
  return out;
};

/** Per field, the exact component index (achieved ÷ applicable maximum × 100) of every unit where it applies. */
function exactFieldIndexes(view: ResultSnapshotView): Map<string, Rational[]> {
  const out = new Map<string, Rational[]>();
  for (const r of view.rows) {
    for (const f of r.fields) {
      const achieved = exactOf(f.achievedExact, f.achieved);
      const max = parseRationalText(f.applicableMax);
      if (f.componentIndex === null || !achieved || !max || max.num === 0n) continue;
      out.set(f.fieldKey, [...(out.get(f.fieldKey) ?? []), divRational(mulRational(achieved, HUNDRED), max)]);
    }
  }
  return out;
}

const HUNDRED = rationalFromInt(100);

/** The exact average of component indexes, at `decimals` (null when none). */
function average(values: readonly Rational[], decimals: number): string | null {
  if (values.length === 0) return null;
  return rationalToFixedString(divRational(sumRational(values), rationalFromInt(values.length)), decimals);
}

/** A field's points lost from its published figures: applicable maximum − achieved (never below zero). */
function fieldLostOf(f: { achieved: string; achievedExact?: string | null; applicableMax: string }): Rational {
  const achieved = exactOf(f.achievedExact ?? null, f.achieved);
  const max = parseRationalText(f.applicableMax);
  if (!achieved || !max) return ZERO_RATIONAL;
  const lost = reduceRational(subRational(max, achieved));
  return lost.num > 0n ? lost : ZERO_RATIONAL;
}

const NOT_EXACT_NOTE = 'Tính lại từ điểm đã công bố không cho đúng chỉ số đã công bố (đơn vị đổi nhóm hoặc loại hình sau khi công bố?): điểm mất vẫn đúng theo từng tiêu chí, còn thứ hạng và xếp loại “nếu… thì…” chỉ để tham khảo.';

/** A unit's report card: the unit's own staff, or whoever reads every unit of the cycle. */
export async function reportCard(db: Executor, cycleId: string, groupId: string, unitId: string, actor: Actor, number?: number): Promise<ReportCard> {
  // Read once: the cycle and snapshot head (the trace's policy and 404s), the replayed group (cached per snapshot).
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  assertMayReadPublishedTrace(actor, cycle.ownerUnitId, unitId);
  const { head } = await findPublished(db, cycleId, groupId, number);
  const g = await groupOf(db, cycle, head);
  const row = g.view.rows.find((r) => r.unitId === unitId);
  if (!row) throw notFound('đơn vị trong kết quả đã công bố');
  const decimals = g.head.indexDecimals;
  const leafRows = g.leafRows.get(unitId) ?? [];
  const [trail, change] = await Promise.all([
    auditTrailOf(db, 'criterion_record', leafRows.flatMap((l) => (l.criterionRecordId ? [l.criterionRecordId] : [])), head.createdAt),
    unitYearOverYear(db, { head: g.head, view: g.view, framework: g.framework, programCode: g.program.code, year: g.year }, unitId),
  ]);
  // A leaf's reason: the last decision on its criterion record that gave one (as the trace shows it).
  const reasons = new Map(leafRows.map((l) => [l.nodeKey, trail.filter((e) => l.criterionRecordId !== null && e.entityId === l.criterionRecordId && e.reason).at(-1)?.reason ?? null]));
  const unit = g.units.find((u) => u.unitId === unitId);
  const evidenceOf = new Map(unit?.leaves.map((l) => [l.key, l.evidenceCount]) ?? []);
  const leafInfo = new Map(leafRows.map((l) => [l.nodeKey, { level: l.level, evidenceCount: evidenceOf.get(l.nodeKey) ?? 0 }]));
  const ledger = g.framework && unit
    ? lostPoints(g.framework, { ...unit, leaves: unit.leaves.map((l) => ({ ...l, reason: reasons.get(l.key) ?? null })) }, {
      evidenceRequired: g.evidenceRequired, score: g.replayed!.scores.get(unitId)!,
    })
    : null;
  const names = nodeNames(g.framework);
  const fieldLost = new Map(ledger?.fields.map((f) => [f.key, f.lost]) ?? []);
  const fieldAverages = exactFieldIndexes(g.view);
  const exact = g.exact.has(unitId);
  return {
    ...headOf(g),
    unit: { unitId, unitCode: row.unitCode, unitName: row.unitName },
    achieved: row.achieved, bonus: row.bonus, applicableMax: row.applicableMax, index: row.index, rank: row.rank, classLabel: row.classLabel,
    fields: row.fields.map((f) => ({
      fieldKey: f.fieldKey, code: f.code, name: f.name, achieved: f.achieved, applicableMax: f.applicableMax, componentIndex: f.componentIndex,
      groupAverageIndex: average(fieldAverages.get(f.fieldKey) ?? [], decimals),
      // Without criterion detail the field's loss is still known: its applicable maximum − achieved.
      lost: plain(ledger ? (fieldLost.get(f.fieldKey) ?? ZERO_RATIONAL) : fieldLostOf(f)),
    })),
    detail: ledger ? 'criteria' : 'fields_only',
    ledger: {
      lines: ledger?.lines.map((l) => lineView(l, leafInfo.get(l.key))) ?? [],
      totalLost: ledger ? plain(ledger.totalLost) : plain(reduceRational(subRational(parseRationalText(row.applicableMax)!, parseRationalText(row.achieved)!))),
      cappedOut: ledger ? plain(ledger.cappedOut) : '0',
    },
    whatIf: g.replayed && exact ? whatIf(g.replayed, unitId).map((o) => optionView(o, names, decimals)) : [],
    replayExact: exact,
    yearOverYear: change,
    readsGroup: readsEveryUnitOf(actor, cycle.ownerUnitId),
    // Without criterion detail (`detail: 'fields_only'`) the page says so itself.
    note: !ledger || exact ? null : NOT_EXACT_NOTE,
  };
}

/** Lowest average index first, exactly (decimal strings, never floats); a field that applies nowhere (null) last. */
export function compareAverageIndex(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareRational(parseRationalText(a)!, parseRationalText(b)!);
}

/** Only those who read every unit of the cycle see a group's criteria across units. */
async function assertReadsGroup(db: Executor, cycleId: string, actor: Actor): Promise<void> {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  if (!readsEveryUnitOf(actor, cycle.ownerUnitId)) {
    throw forbidden('Tiêu chí bị mất điểm của cả nhóm và độ nhạy xếp hạng chỉ quản trị viên, Hội đồng thẩm định và lãnh đạo của đơn vị tổ chức kỳ đánh giá (hoặc của tỉnh) mới xem được; đơn vị xem phiếu kết quả của chính mình.');
  }
}

/** Criteria where most points are lost across the group's units, and the weak fields. */
export async function weakCriteria(db: Executor, cycleId: string, groupId: string, actor: Actor, number?: number): Promise<WeakCriteria> {
  await assertReadsGroup(db, cycleId, actor);
  const g = await loadGroup(db, cycleId, groupId, number);
  const decimals = g.head.indexDecimals;
  const perCriterion = new Map<string, { line: LostPointsLine; applicable: number; losing: number; lost: Rational; kinds: Map<string, number> }>();
  const perField = new Map<string, { applicable: number; max: Rational; lost: Rational }>();
  const criteriaApplicable = new Map<string, number>();
  if (g.framework && g.replayed) {
    for (const u of g.units) {
      const score = g.replayed.scores.get(u.unitId)!;
      for (const [key, ns] of score.nodes) if (ns.leaf && ns.applicable) criteriaApplicable.set(key, (criteriaApplicable.get(key) ?? 0) + 1);
      const ledger = lostPoints(g.framework, u, { evidenceRequired: g.evidenceRequired, score });
      for (const l of ledger.lines) {
        const c = perCriterion.get(l.key) ?? { line: l, applicable: 0, losing: 0, lost: ZERO_RATIONAL, kinds: new Map() };
        c.losing++;
        c.lost = addRational(c.lost, l.lost);
        c.kinds.set(l.kind, (c.kinds.get(l.kind) ?? 0) + 1);
        perCriterion.set(l.key, c);
      }
      for (const f of ledger.fields) {
        const p = perField.get(f.key) ?? { applicable: 0, max: ZERO_RATIONAL, lost: ZERO_RATIONAL };
        p.applicable++;
        p.max = addRational(p.max, parseRationalText(pointsToString(f.applicableMax))!);
        p.lost = addRational(p.lost, subRational(parseRationalText(pointsToString(f.applicableMax))!, f.achieved));
        perField.set(f.key, p);
      }
    }
  }
  const names = nodeNames(g.framework);
  const percent = (lost: Rational, max: Rational) => (max.num > 0n ? rationalToFixedString(divRational({ num: lost.num * 100n, den: lost.den }, max), 2) : '0.00');
  const criteria = [...perCriterion.values()].map((c) => {
    const applicable = criteriaApplicable.get(c.line.key) ?? c.losing;
    const max = parseRationalText(pointsToString(c.line.maxPoints))!;
    return {
      nodeKey: c.line.key, code: c.line.code, name: c.line.name, fieldKey: c.line.fieldKey, fieldCode: c.line.fieldCode,
      maxPoints: pointsToString(c.line.maxPoints), applicableUnits: applicable, unitsLosing: c.losing,
      totalLost: plain(reduceRational(c.lost)), averageLost: plain(divRational(c.lost, rationalFromInt(applicable))),
      lostPercent: percent(c.lost, { num: max.num * BigInt(applicable), den: max.den }),
      kinds: [...c.kinds].map(([kind, units]) => ({ kind: kind as LostPointsLine['kind'], units })).sort((a, b) => b.units - a.units),
      _lost: reduceRational(c.lost),
    };
  }).sort((a, b) => {
    const d = subRational(b._lost, a._lost);
    return d.num > 0n ? 1 : d.num < 0n ? -1 : a.code.localeCompare(b.code, 'vi', { numeric: true });
  }).map(({ _lost, ...c }) => c);
  const exactIndexes = exactFieldIndexes(g.view);
  const fieldRows = new Map<string, { code: string; name: string }>();
  for (const r of g.view.rows) for (const f of r.fields) if (!fieldRows.has(f.fieldKey)) fieldRows.set(f.fieldKey, { code: f.code, name: f.name });
  const fields = [...fieldRows].map(([fieldKey, f]) => {
    const p = perField.get(fieldKey);
    return {
      fieldKey, code: f.code, name: names.get(fieldKey) ?? f.name, applicableUnits: exactIndexes.get(fieldKey)?.length ?? 0, averageIndex: average(exactIndexes.get(fieldKey) ?? [], decimals),
      totalLost: plain(reduceRational(p?.lost ?? ZERO_RATIONAL)), lostPercent: p ? percent(p.lost, p.max) : '0.00',
    };
  }).sort((a, b) => compareAverageIndex(a.averageIndex, b.averageIndex) || a.code.localeCompare(b.code, 'vi', { numeric: true }));
  return { ...headOf(g), criteria, fields };
}

/** How sensitive each rank of the group is to single criteria. */
export async function rankSensitivity(db: Executor, cycleId: string, groupId: string, actor: Actor, number?: number): Promise<RankSensitivity> {
  await assertReadsGroup(db, cycleId, actor);
  const g = await loadGroup(db, cycleId, groupId, number);
  const names = nodeNames(g.framework);
  const s = g.replayed ? sensitivity(g.replayed) : { units: [], criteria: [] };
  const rowOf = new Map(g.view.rows.map((r) => [r.unitId, r]));
  return {
    ...headOf(g),
    units: g.view.rows.map((r) => {
      const u = s.units.find((x) => x.unitId === r.unitId);
      return {
        unitId: r.unitId, unitCode: r.unitCode, unitName: r.unitName, index: r.index, rank: r.rank, classLabel: r.classLabel,
        smallest: u?.smallest ? optionView(u.smallest, names, g.head.indexDecimals) : null, movingCriteria: u?.movingCriteria ?? 0,
      };
    }).sort((a, b) => a.rank - b.rank || a.unitCode.localeCompare(b.unitCode)),
    criteria: s.criteria.map((c) => ({ nodeKey: c.key, code: c.code, name: names.get(c.key) ?? '', unitsMovedUp: c.unitsMovedUp, unitsReclassified: c.unitsReclassified })),
    replayExact: g.replayed !== null && g.view.rows.every((r) => g.exact.has(r.unitId) && rowOf.has(r.unitId)),
  };
}


/**
 * The unit's published results (their figures are public), one per cycle and group: where its
 * report cards are. Listed for the unit's own staff and for whoever reads units across cycles; the
 * latter see only the cycles of owners their scope covers (another owner's administrator, none).
 */
export async function unitReportCards(db: Executor, unitId: string, actor: Actor): Promise<UnitReportCards> {
  if (!isStaffOf(actor, unitId) && !READS_EVERY_UNIT.some((r) => hasRole(actor, r))) {
    throw forbidden('Danh sách phiếu kết quả chỉ chính đơn vị, quản trị viên, Hội đồng thẩm định và lãnh đạo mới xem được.');
  }
  // As the trace of a published figure: the unit's own staff, else only the cycles whose owner the actor's scope covers.
  const rows = (await publishedResultsOfUnit(db, unitId)).filter((r) => mayReadPublishedTrace(actor, r.ownerUnitId, unitId));
  return {
    items: rows.map((r) => ({
      cycleId: r.cycleId, cycleName: r.cycleName, year: r.year, program: { code: r.programCode, name: r.programName },
      groupId: r.groupId, groupName: r.groupName, snapshotNumber: r.number, publishedAt: r.createdAt.toISOString(),
      index: indexText(r.indexValue, r.indexDecimals), rank: r.rank, classLabel: r.classLabel,
    })),
  };
}
