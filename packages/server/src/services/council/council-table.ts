/**
 * The council's consolidated table (bảng tổng hợp) of one group: self vs final totals, difference,
 * index, rank, class and the disputed criteria with their reasons — all from `consolidateCycleGroup`;
 * and, per row, the unit actions the reading actor may take now (the assessment view's `actionViews`).
 */
import { type DisputeReason, UNIT_STATE_LABELS, type UnitState, formatFixed, pointsToString, subPoints } from '@chiso/core';
import type { Database } from '../../db/client';
import { councilToXlsx, type CouncilSheet } from '../../documents/results-xlsx';
import type { Actor } from '../actor';
import { coreRecords, type StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import { userNamesById } from '../../db/repositories/user-repository';
import { criterionContext } from '../assessments/criterion-view';
import { assertMayReadCouncil, councilAbilities } from '../policies/council';
import { criterionAbilities } from '../policies/criterion-record';
import { loadCycleContext, type CycleContext } from '../cycles/context';
import { actionViews } from '../cycles/summary';
import type { SubmissionMode } from '../cycles/unit-notes';
import { consolidateCycleGroup } from './consolidation';
import type { CouncilProposal, CouncilRow, CouncilTable, DisputedCriterion, PersonRef } from '@chiso/contract';

// The views are the contract's (packages/contract/src/council.ts): the response schema checks them.
const DISPUTE_LABELS: Record<DisputeReason, string> = {
  appraisal_changed: 'Điểm thẩm định khác điểm tự đánh giá',
  explanation_requested: 'Đã yêu cầu giải trình, bổ sung tài liệu',
  council_changed: 'Hội đồng điều chỉnh điểm thẩm định',
};

const text = (v: { points: number; notApplicable: boolean } | undefined) => (v ? (v.notApplicable ? null : pointsToString(v.points as never)) : null);

const person = (names: Map<string, string>, id: string | null): PersonRef | null => (id ? { id, name: names.get(id) ?? '—' } : null);

/** The proposal, its people and the reader's `may` flags of one stored record. */
function councilSide(ctx: CycleContext, unitId: string, s: StoredCriterionRecord | undefined, names: Map<string, string>, actor: Actor, now: Date) {
  const r = s?.record;
  const proposal: CouncilProposal | null = r?.council
    ? {
        points: text(r.council.value), notApplicable: r.council.value.notApplicable, reason: r.council.reason, approved: r.council.approved,
        proposedAt: new Date(r.council.proposedAt).toISOString(),
        proposedBy: person(names, s!.meta.councilProposedBy), approvedBy: r.council.approved ? person(names, s!.meta.councilApprovedBy) : null,
      }
    : null;
  return {
    appraisalReason: r?.appraisal?.reason ?? null,
    proposal,
    version: s?.version ?? 0,
    may: s ? councilAbilities(criterionAbilities(criterionContext(ctx, unitId, s.nodeKey, actor, now), s.record)) : { propose: false, approve: false },
  };
}

export async function councilTable(db: Database, actor: Actor, cycleId: string, groupId: string, now: Date = new Date()): Promise<CouncilTable> {
  const ctx = await loadCycleContext(db, cycleId);
  assertMayReadCouncil(actor, ctx.cycle.ownerUnitId);
  const { group, members, consolidation, stored } = await consolidateCycleGroup(db, ctx, groupId);
  const rankOf = new Map(consolidation.ranking.map((r) => [r.unitId, r.rank]));
  const byUnit = new Map(members.map((m) => [m.unitId, m]));
  const names = await userNamesById(db, [...stored.values()].flatMap((m) => [...m.values()].flatMap((s) => [s.meta.councilProposedBy, s.meta.councilApprovedBy])));
  const rows = consolidation.units.map((u): CouncilRow => {
    const m = byUnit.get(u.unitId)!;
    return {
      unit: { id: m.unitId, code: m.code, name: m.name },
      state: m.state as UnitState,
      submissionMode: (m.submissionMode as SubmissionMode | null) ?? null,
      selfTotal: pointsToString(u.selfScore.achieved),
      finalTotal: pointsToString(u.score.achieved),
      difference: pointsToString(subPoints(u.score.achieved, u.selfScore.achieved)),
      applicableMax: pointsToString(u.score.applicableMax),
      index: u.score.publishedIndex ? formatFixed(u.score.publishedIndex, 'plain') : null,
      rank: rankOf.get(u.unitId) ?? null,
      classLabel: consolidation.classes.get(u.unitId)?.label ?? null,
      disputed: u.leaves
        .filter((l) => l.disputed || l.proposed || l.council)
        .map((l): DisputedCriterion => ({
          nodeKey: l.key,
          code: l.code,
          name: group.nodes.get(l.key)?.name ?? l.code,
          self: text(l.self),
          appraised: text(l.appraised),
          council: text(l.council),
          proposed: text(l.proposed),
          reasons: [...l.disputeReasons.map((r) => DISPUTE_LABELS[r]), ...(l.reason ? [`Lý do: ${l.reason}`] : [])],
          ...councilSide(ctx, u.unitId, stored.get(u.unitId)?.get(l.key), names, actor, now),
        })),
      allowedActions: actionViews(ctx, u.unitId, actor, now, coreRecords(stored.get(u.unitId) ?? new Map())),
    };
  });
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.code.localeCompare(b.unit.code));
  return { group: { id: group.groupId, name: group.groupName, frameworkVersionId: group.frameworkVersionId }, rows };
}

/** The consolidated table as Excel: one group, or every group of the cycle (a sheet each). */
export async function councilWorkbook(db: Database, actor: Actor, cycleId: string, groupId?: string): Promise<{ buffer: Buffer; filename: string }> {
  const ctx = await loadCycleContext(db, cycleId);
  assertMayReadCouncil(actor, ctx.cycle.ownerUnitId);
  const groupIds = groupId ? [groupId] : [...ctx.groups.keys()];
  const sheets: CouncilSheet[] = [];
  for (const id of groupIds) {
    const t = await councilTable(db, actor, cycleId, id);
    sheets.push({ groupName: t.group.name, rows: t.rows.map((r) => ({ ...r, stateLabel: UNIT_STATE_LABELS[r.state] })) });
  }
  const buffer = await councilToXlsx(sheets, `Bảng tổng hợp kết quả thẩm định — ${ctx.cycle.name}`);
  return { buffer, filename: `tong-hop-tham-dinh-${ctx.cycle.year}.xlsx` };
}
