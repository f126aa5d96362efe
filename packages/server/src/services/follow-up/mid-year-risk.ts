/**
 * Mid-year risk of losing points (issue 12 §5): at a date during a cycle, the criteria of each unit
 * that may lose points — required evidence missing as the self-assessment deadline nears, data-feed
 * values below the tier the framework rewards, overdue follow-up tasks linked to a criterion — summed
 * per unit and per appraising agency. Read-only and computed (core follow-up/mid-year-risk.ts); the
 * administrator, the council and leaders read every unit, a unit's staff its own list.
 */
import {
  DEFAULT_RISK_HORIZON_DAYS, formatPointsFigure, pointsToString, isAppraisalFinal, summarizeRisk, unitEditDeadline, unitRiskLines, vietnamDay,
  type FollowUpTaskStatus, type LinkedTask, type Rational, type RiskLine, type RiskSum, type UnitState,
} from '@chiso/core';
import type { CycleRiskView, RiskLineView, UnitRiskView } from '@chiso/contract';
import { listCriterionTasks, listRiskRecords } from '../../db/repositories/mid-year-risk-repository';
import type { RequestContext } from '../context';
import { loadCycleContext, participant, profileOf, type CycleContext } from '../cycles/context';
import { dataFeedInputs } from '../data-feeds/feed-values';
import { forbidden } from '../errors';
import { isStaffOf, readsEveryUnitOf } from '../policies/roles';

export interface RiskQuery {
  asOf?: string | undefined;
  horizon?: number | undefined;
}

const plain = (r: Rational) => formatPointsFigure(r, 0, 'plain');
const sum = (s: RiskSum) => ({ points: plain(s.points), criteria: s.criteria });

/** The unit's self-assessment deadline: its extension, or its revision deadline when returned. */
function editDeadlineOf(ctx: CycleContext, unitId: string): number {
  const unit = participant(ctx, unitId).unit;
  return unitEditDeadline({ calendar: ctx.calendar, unitId, state: unit.state as UnitState, ...(unit.revisionDeadline ? { revisionDeadline: unit.revisionDeadline.getTime() } : {}) });
}

/** The lines and sums of some units of the cycle at the query's date. */
async function computeRisk(rc: RequestContext, ctx: CycleContext, unitIds: readonly string[], query: RiskQuery) {
  const asOf = query.asOf ?? vietnamDay(rc.now);
  const horizonDays = query.horizon ?? DEFAULT_RISK_HORIZON_DAYS;
  // Once the appraisal is final, the cycle's points are settled: nothing is at risk any more.
  const open = unitIds.filter((u) => !isAppraisalFinal(ctx.units.get(u)!.state as UnitState));
  const [records, feeds, tasks] = await Promise.all([
    listRiskRecords(rc.db, ctx.cycle.id, open),
    dataFeedInputs(rc.db, ctx.cycle.id, open),
    listCriterionTasks(rc.db, ctx.cycle.programCode, open),
  ]);
  const byUnit = new Map<string, typeof records>();
  for (const r of records) {
    const list = byUnit.get(r.unitId);
    if (list) list.push(r);
    else byUnit.set(r.unitId, [r]);
  }
  const lines: RiskLine[] = [];
  for (const unitId of open) {
    const { group } = participant(ctx, unitId);
    const own = byUnit.get(unitId) ?? [];
    lines.push(...unitRiskLines({
      unitId, framework: group.framework, profile: profileOf(ctx, unitId), leafAgency: group.leafAgency,
      entries: Object.fromEntries(own.map((r) => [r.nodeKey, {
        ...(r.selfInput ? { input: r.selfInput } : {}),
        ...(r.selfExplanation !== null ? { explanation: r.selfExplanation } : {}),
        ...(r.evidenceIds.length > 0 ? { evidence: r.evidenceIds.map((id) => ({ id })) } : {}),
      }])),
      feeds: feeds.get(unitId) ?? {},
      decided: new Set(own.filter((r) => r.decided).map((r) => r.nodeKey)),
      editDeadline: editDeadlineOf(ctx, unitId),
      tasks: tasks.filter((t) => t.responsibleUnitId === unitId).map((t): LinkedTask => ({ taskId: t.taskId, nodeKey: t.nodeKey, title: t.title, deadline: t.deadline, status: t.status as FollowUpTaskStatus })),
    }, { asOf, horizonDays, policy: ctx.policy }));
  }
  const summary = summarizeRisk(lines, unitIds);
  const counted = new Set(summary.counted);
  const agencyName = (code: string | null) => (code === null ? null : ctx.agencies.get(code)?.unitName ?? code);
  const view = (l: RiskLine): RiskLineView => {
    const u = ctx.units.get(l.unitId)!;
    return {
      unitId: l.unitId, unitCode: u.code, unitName: u.name, nodeKey: l.nodeKey, code: l.code, name: l.name,
      agency: l.agency, agencyName: agencyName(l.agency), kind: l.kind, maxPoints: pointsToString(l.maxPoints),
      pointsAtRisk: plain(l.pointsAtRisk), rate: l.rate, threshold: l.threshold, taskId: l.taskId, explanation: l.explanation, counted: counted.has(l),
    };
  };
  return { asOf, horizonDays, summary, lines: summary.lines.map(view), agencyName };
}

/** Whether the actor reads every unit's risk in this cycle: administrator, council, leaders of its scope. */
const readsAll = (rc: RequestContext, ctx: CycleContext) => readsEveryUnitOf(rc.actor, ctx.cycle.ownerUnitId);

/** Every participating unit's risk, per unit and per agency (administrator, council, leaders). */
export async function cycleRisk(rc: RequestContext, cycleId: string, query: RiskQuery): Promise<CycleRiskView> {
  const ctx = await loadCycleContext(rc.db, cycleId);
  if (!readsAll(rc, ctx)) throw forbidden('Chỉ quản trị viên, thành viên hội đồng và lãnh đạo được xem nguy cơ mất điểm của mọi đơn vị; đơn vị xem danh sách của đơn vị mình.');
  const unitIds = [...ctx.units.values()].sort((a, b) => a.code.localeCompare(b.code, 'vi')).map((u) => u.unitId);
  const r = await computeRisk(rc, ctx, unitIds, query);
  return {
    cycleId: ctx.cycle.id, cycleName: ctx.cycle.name, asOf: r.asOf, horizonDays: r.horizonDays,
    selfAssessmentDeadline: ctx.cycle.selfAssessmentDeadline.toISOString(),
    total: sum(r.summary.total),
    units: r.summary.units.map((u) => {
      const unit = ctx.units.get(u.unitId)!;
      return { unitId: u.unitId, unitCode: unit.code, unitName: unit.name, ...sum(u) };
    }),
    agencies: r.summary.agencies.map((a) => ({ agency: a.agency, agencyName: r.agencyName(a.agency), ...sum(a) })),
    lines: r.lines,
  };
}

/** One unit's own list: its staff, and the readers of every unit. */
export async function unitRisk(rc: RequestContext, cycleId: string, unitId: string, query: RiskQuery): Promise<UnitRiskView> {
  const ctx = await loadCycleContext(rc.db, cycleId);
  if (!isStaffOf(rc.actor, unitId) && !readsAll(rc, ctx)) throw forbidden('Bạn chỉ xem được nguy cơ mất điểm của đơn vị mình.');
  const { unit } = participant(ctx, unitId);
  const r = await computeRisk(rc, ctx, [unitId], query);
  return {
    cycleId: ctx.cycle.id, cycleName: ctx.cycle.name, asOf: r.asOf, horizonDays: r.horizonDays,
    unitId, unitCode: unit.code, unitName: unit.name, selfAssessmentDeadline: new Date(editDeadlineOf(ctx, unitId)).toISOString(),
    total: sum(r.summary.total), lines: r.lines,
  };
}
