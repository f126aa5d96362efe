/**
 * The council's consolidated table (bảng tổng hợp) of one group: self vs final totals, difference,
 * index, rank, class and the disputed criteria with their reasons — all from `consolidateCycleGroup`;
 * and, per row, the unit actions the reading actor may take now (the assessment view's `actionViews`).
 */
import { type DisputeReason, UNIT_STATE_LABELS, type UnitState, formatFixed, pointsToString, subPoints } from '@chiso/core';
import type { Database } from '../../db/client';
import { councilToXlsx, type CouncilSheet } from '../../documents/results-xlsx';
import type { Actor } from '../actor';
import { coreRecords } from '../../db/repositories/criterion-record-repository';
import { forbidden } from '../errors';
import { loadCycleContext } from '../cycles/context';
import { actionViews, type ActionOptionView } from '../cycles/summary';
import { consolidateCycleGroup } from './consolidation';

const DISPUTE_LABELS: Record<DisputeReason, string> = {
  appraisal_changed: 'Điểm thẩm định khác điểm tự đánh giá',
  explanation_requested: 'Đã yêu cầu giải trình, bổ sung tài liệu',
  council_changed: 'Hội đồng điều chỉnh điểm thẩm định',
};

export interface CouncilRowView {
  unit: { id: string; code: string; name: string };
  state: string;
  selfTotal: string;
  finalTotal: string;
  difference: string;
  applicableMax: string;
  index: string | null;
  rank: number | null;
  classLabel: string | null;
  disputed: { nodeKey: string; code: string; name: string; self: string | null; appraised: string | null; council: string | null; proposed: string | null; reasons: string[] }[];
  /** The core's `allowedActions` for this actor on this unit (e.g. only the chair may approve). */
  allowedActions: ActionOptionView[];
}

export interface CouncilTableView {
  group: { id: string; name: string; frameworkVersionId: string };
  rows: CouncilRowView[];
}

/** Council members, the administrator and leadership read the table. */
export function assertMayReadCouncil(actor: Actor): void {
  if (!actor.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer')) {
    throw forbidden('Chỉ Hội đồng thẩm định, quản trị (Sở Nội vụ) và lãnh đạo được xem bảng tổng hợp.');
  }
}

const text = (v: { points: number; notApplicable: boolean } | undefined) => (v ? (v.notApplicable ? null : pointsToString(v.points as never)) : null);

export async function councilTable(db: Database, actor: Actor, cycleId: string, groupId: string, now: Date = new Date()): Promise<CouncilTableView> {
  assertMayReadCouncil(actor);
  const ctx = await loadCycleContext(db, cycleId);
  const { group, members, consolidation, stored } = await consolidateCycleGroup(db, ctx, groupId);
  const rankOf = new Map(consolidation.ranking.map((r) => [r.unitId, r.rank]));
  const byUnit = new Map(members.map((m) => [m.unitId, m]));
  const rows = consolidation.units.map((u): CouncilRowView => {
    const m = byUnit.get(u.unitId)!;
    return {
      unit: { id: m.unitId, code: m.code, name: m.name },
      state: m.state,
      selfTotal: pointsToString(u.selfScore.achieved),
      finalTotal: pointsToString(u.score.achieved),
      difference: pointsToString(subPoints(u.score.achieved, u.selfScore.achieved)),
      applicableMax: pointsToString(u.score.applicableMax),
      index: u.score.publishedIndex ? formatFixed(u.score.publishedIndex, 'plain') : null,
      rank: rankOf.get(u.unitId) ?? null,
      classLabel: consolidation.classes.get(u.unitId)?.label ?? null,
      disputed: u.leaves
        .filter((l) => l.disputed || l.proposed)
        .map((l) => ({
          nodeKey: l.key,
          code: l.code,
          name: group.nodes.get(l.key)?.name ?? l.code,
          self: text(l.self),
          appraised: text(l.appraised),
          council: text(l.council),
          proposed: text(l.proposed),
          reasons: [...l.disputeReasons.map((r) => DISPUTE_LABELS[r]), ...(l.reason ? [`Lý do: ${l.reason}`] : [])],
        })),
      allowedActions: actionViews(ctx, u.unitId, actor, now, coreRecords(stored.get(u.unitId) ?? new Map())),
    };
  });
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.code.localeCompare(b.unit.code));
  return { group: { id: group.groupId, name: group.groupName, frameworkVersionId: group.frameworkVersionId }, rows };
}

/** The consolidated table as Excel: one group, or every group of the cycle (a sheet each). */
export async function councilWorkbook(db: Database, actor: Actor, cycleId: string, groupId?: string): Promise<{ buffer: Buffer; filename: string }> {
  assertMayReadCouncil(actor);
  const ctx = await loadCycleContext(db, cycleId);
  const groupIds = groupId ? [groupId] : [...ctx.groups.keys()];
  const sheets: CouncilSheet[] = [];
  for (const id of groupIds) {
    const t = await councilTable(db, actor, cycleId, id);
    sheets.push({ groupName: t.group.name, rows: t.rows.map((r) => ({ ...r, stateLabel: UNIT_STATE_LABELS[r.state as UnitState] ?? r.state })) });
  }
  const buffer = await councilToXlsx(sheets, `Bảng tổng hợp kết quả thẩm định — ${ctx.cycle.name}`);
  return { buffer, filename: `tong-hop-tham-dinh-${ctx.cycle.year}.xlsx` };
}
