/**
 * The assessed unit's results (issue 7, blocker 5): once the appraisal is complete for the unit
 * (core `outcomeVisibleToUnit`), per criterion its self score, the appraised and the council's
 * approved score with every reason and the effective points, the totals (self vs final), and
 * after publication the official figures of the published snapshot (index, rank "2/15", class).
 * The figures come from the core's `consolidateUnit`, the same path the council table and the
 * published snapshots use; the published block reads the snapshot only. Nothing of another unit
 * is returned except the number of units ranked.
 */
import { type Band, consolidateUnit, classifyScore, formatFixed, outcomeVisibleToUnit, type Points, type UnitScore, type UnitState } from '@chiso/core';
import type { Executor } from '../../db/client';
import { coreRecords, type StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import { countSnapshotUnits, findSnapshotHead, readSnapshotBody } from '../../db/repositories/result-repository';
import { suppliedInputs } from '../appraisal/supplied-points';
import { participant, profileOf, type CycleContext } from '../cycles/context';
import { pointsText } from '../cycles/summary';
import { indexText } from '../publication/snapshot';

// The views are the contract's (packages/contract/src/assessments.ts).
export type {
  OutcomeLeaf as OutcomeLeafView, OutcomeReasonKind, PublishedResult as PublishedResultView, ScoreTotals as ScoreTotalsView, UnitOutcome as UnitOutcomeView,
} from '@chiso/contract';
import type { OutcomeLeaf as OutcomeLeafView, PublishedResult as PublishedResultView, ScoreTotals as ScoreTotalsView, UnitOutcome as UnitOutcomeView } from '@chiso/contract';

const pointsOrNull = (p: Points | undefined) => (p === undefined ? null : pointsText(p));

function totals(score: UnitScore): ScoreTotalsView {
  return {
    achieved: pointsText(score.achieved),
    bonus: pointsText(score.bonus),
    applicableMax: pointsText(score.applicableMax),
    index: score.publishedIndex ? formatFixed(score.publishedIndex, 'plain') : null,
  };
}

/** The unit's row of its group's latest published snapshot in the cycle, or null before publication. */
export async function publishedResultOf(executor: Executor, ctx: CycleContext, unitId: string): Promise<PublishedResultView | null> {
  const { unit } = participant(ctx, unitId);
  const head = await findSnapshotHead(executor, ctx.cycle.id, unit.groupId);
  if (!head) return null;
  const [row] = (await readSnapshotBody(executor, head.id, [unitId])).units;
  if (!row) return null;
  return {
    number: head.number,
    publishedAt: head.createdAt.toISOString(),
    decisionNumber: head.decisionNumber,
    index: indexText(row.indexValue, head.indexDecimals),
    rank: row.rank,
    rankOf: await countSnapshotUnits(executor, head.id),
    classKey: row.classKey,
    classLabel: row.classLabel,
    groupName: head.groupName,
  };
}

/** The unit's results, or null while the appraisal is not complete for it. */
export async function unitOutcome(
  executor: Executor,
  ctx: CycleContext,
  unitId: string,
  stored: ReadonlyMap<string, StoredCriterionRecord>,
): Promise<UnitOutcomeView | null> {
  const { unit, group } = participant(ctx, unitId);
  const state = unit.state as UnitState;
  if (!outcomeVisibleToUnit(state)) return null;
  const supplied = (await suppliedInputs(executor, ctx.cycle.id, [unitId])).get(unitId);
  const records = coreRecords(stored);
  const c = consolidateUnit(group.framework, unitId, profileOf(ctx, unitId), records, {
    agencyOverrides: group.agencyOverrides,
    ...(supplied ? { supplied } : {}),
  });
  const leaves: Record<string, OutcomeLeafView> = {};
  for (const l of c.leaves) {
    const rec = records.get(l.key);
    const reasons: OutcomeLeafView['reasons'] = [];
    const appraisalReason = rec?.appraisal?.reason?.trim();
    if (appraisalReason) reasons.push({ kind: rec!.appraisal!.kind === 'reject_not_applicable' ? 'not_applicable_refused' : 'appraisal', text: appraisalReason });
    const councilReason = rec?.council?.approved ? rec.council.reason.trim() : '';
    if (councilReason) reasons.push({ kind: 'council', text: councilReason });
    const base = l.self ?? l.supplied;
    leaves[l.key] = {
      nodeKey: l.key,
      code: l.code,
      self: pointsOrNull(base?.points),
      selfNotApplicable: base?.notApplicable ?? false,
      appraised: pointsOrNull(l.appraised?.points),
      appraisedNotApplicable: l.appraised?.notApplicable ?? false,
      council: pointsOrNull(l.council?.points),
      effective: pointsOrNull(l.effective?.points),
      level: l.level,
      difference: pointsText(l.difference),
      reasons,
    };
  }
  const band: Band | null = classifyScore(group.framework, c.score);
  return {
    state,
    self: totals(c.selfScore),
    final: totals(c.score),
    finalClass: band ? { key: band.key, label: band.label } : null,
    published: state === 'published' ? await publishedResultOf(executor, ctx, unitId) : null,
    leaves,
  };
}
