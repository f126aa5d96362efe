/** Data-feed values as the administrator, the appraisers and the unit itself see them (read-only). */
import { formatPoints, pointsToString, resolveValue, walkNodes, type FrameworkNode } from '@chiso/core';
import type { Database } from '../../db/client';
import { receiverNames } from '../../db/repositories/data-feed-repository';
import type { ChisoOrigin } from '../../db/repositories/data-feed-repository';
import type { Actor } from '../actor';
import { assertAdministers } from '../policies/roles';
import { type CycleContext, loadCycleContext, participant } from '../cycles/context';
import { assertMayViewAssessment } from '../policies/cycle-facts';
import { canonical as plain, isDataFeedLeaf, storedFeedValues } from './feed-values';

export interface FeedValueView {
  unitId: string;
  unitCode: string;
  unitName: string;
  nodeKey: string;
  code: string;
  name: string;
  /** The framework's feed identifier; `fromChiso` when the value is a published chiso figure. */
  feed: string;
  fromChiso: boolean;
  numeratorLabel: string;
  denominatorLabel: string;
  /** Null when nothing has been received yet. */
  value: null | {
    numerator: string;
    denominator: string;
    period: string;
    channel: 'import' | 'api' | 'chiso';
    source: string;
    receivedAt: string;
    receivedBy: string | null;
    /** What the rule gives for it: points as "1.5", or null when not applicable. */
    points: string | null;
    explanation: string;
    /** Where a value pulled from chiso came from; null otherwise. */
    origin: ChisoOrigin | null;
  };
}

async function feedViews(db: Database, ctx: CycleContext, unitIds: readonly string[]): Promise<FeedValueView[]> {
  const stored = await storedFeedValues(db, ctx.cycle.id, unitIds);
  const rows = [...stored.values()].flatMap((m) => [...m.values()]);
  const names = await receiverNames(db, [...new Set(rows.flatMap((r) => (r.receivedBy ? [r.receivedBy] : [])))], [...new Set(rows.flatMap((r) => (r.apiTokenId ? [r.apiTokenId] : [])))]);
  const out: FeedValueView[] = [];
  for (const unitId of unitIds) {
    const { unit, group } = participant(ctx, unitId);
    for (const { node } of walkNodes(group.framework.nodes)) {
      if (!isDataFeedLeaf(node) || node.rule?.type !== 'data_feed') continue;
      const r = stored.get(unitId)?.get(node.key);
      out.push({
        unitId, unitCode: unit.code, unitName: unit.name, nodeKey: node.key, code: node.code, name: node.name,
        feed: node.rule.feed, fromChiso: !!node.rule.chiso, numeratorLabel: node.rule.numeratorLabel, denominatorLabel: node.rule.denominatorLabel,
        value: r ? {
          numerator: plain(r.numerator), denominator: plain(r.denominator), period: r.period, channel: r.channel as 'import' | 'api' | 'chiso', source: r.source,
          receivedAt: r.receivedAt.toISOString(), origin: r.chisoOrigin ?? null, receivedBy: (r.apiTokenId ? names.get(r.apiTokenId) : r.receivedBy ? names.get(r.receivedBy) : null) ?? null,
          ...scored(node, plain(r.numerator), plain(r.denominator), group.framework.settings.rounding),
        } : null,
      });
    }
  }
  return out;
}

function scored(node: FrameworkNode, numerator: string, denominator: string, rounding: Parameters<typeof resolveValue>[2]) {
  const r = resolveValue(node, { input: { kind: 'rate', numerator, denominator } }, rounding);
  if (!r.ok) return { points: null, explanation: r.error.message };
  if (r.value.notApplicable) return { points: null, explanation: 'Mẫu số bằng 0: tiêu chí không áp dụng' };
  return { points: pointsToString(r.value.points), explanation: `${formatPoints(r.value.points)} điểm` };
}

/** Every participating unit × data-feed criterion of a cycle (administrator). */
export async function listCycleFeedValues(db: Database, actor: Actor, cycleId: string): Promise<FeedValueView[]> {
  const ctx = await loadCycleContext(db, cycleId);
  assertAdministers(actor, ctx.cycle.ownerUnitId);
  return feedViews(db, ctx, [...ctx.units.keys()]);
}

/** One unit's data-feed criteria and values: its own people, its appraisers, the administrator, the council. */
export async function listUnitFeedValues(db: Database, actor: Actor, cycleId: string, unitId: string): Promise<FeedValueView[]> {
  const ctx = await loadCycleContext(db, cycleId);
  participant(ctx, unitId);
  assertMayViewAssessment(actor, ctx, unitId, 'Bạn không được xem số liệu của đơn vị này.');
  return feedViews(db, ctx, [unitId]);
}
