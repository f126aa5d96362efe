/**
 * What-if (nếu… thì…) on a published group: raise one criterion of one unit — to its maximum,
 * or for a tiered rule to the next tier — score the unit again with the same engine
 * (`scoreUnit` on the frozen framework, through the replay), rank the group again (`rankUnits`)
 * and classify again (`classifyScore`): the gain in index, the new rank, the new class.
 * For the province, the sensitivity of each rank: the smallest single-criterion gain that moves
 * a unit's rank or class, and the criteria that most often move ranks.
 */
import { type Fixed } from '../decimal/fixed.ts';
import { pointsToRational } from '../decimal/points.ts';
import { type Rational, ZERO_RATIONAL, compareRational, reduceRational, subRational } from '../decimal/rational.ts';
import type { Band, Framework } from '../framework/types.ts';
import { isBonusNode } from '../framework/tree.ts';
import { classifyScore } from '../ranking/classify.ts';
import { rankUnits } from '../ranking/rank.ts';
import type { UnitScore } from '../scoring/score.ts';
import { nextTierAbove } from './lost-points.ts';
import { type PublishedUnit, leafNodes, replayUnit } from './replay.ts';

export interface Standing {
  readonly index: Rational | null;
  readonly publishedIndex: Fixed | null;
  readonly rank: number | null;
  readonly band: Band | null;
}

export type WhatIfTarget = 'full' | 'next_tier';

export interface WhatIfOption {
  readonly unitId: string;
  readonly key: string;
  readonly code: string;
  readonly target: WhatIfTarget;
  /** The criterion's points now and in the what-if (exact). */
  readonly from: Rational;
  readonly to: Rational;
  /** Points gained on the criterion: to − from. */
  readonly gain: Rational;
  readonly before: Standing;
  readonly after: Standing;
  /** Exact index after − before (0 when a group's cap absorbs the gain). */
  readonly indexGain: Rational;
  /** Places gained (7 → 5 is +2). */
  readonly placesGained: number;
  readonly classChanged: boolean;
}

export interface PublishedGroupScores {
  readonly framework: Framework;
  readonly units: readonly PublishedUnit[];
}

/** A group replayed once: every unit's score, rank and class as published. */
export interface ReplayedGroup {
  readonly group: PublishedGroupScores;
  readonly scores: ReadonlyMap<string, UnitScore>;
  readonly standings: ReadonlyMap<string, Standing>;
}

function standingsOf(framework: Framework, scores: ReadonlyMap<string, UnitScore>): Map<string, Standing> {
  const ranking = rankUnits([...scores].map(([unitId, score]) => ({ unitId, score })), framework.settings.ranking);
  return new Map(ranking.map((r) => [r.unitId, {
    index: r.score.index, publishedIndex: r.score.publishedIndex, rank: r.rank, band: classifyScore(framework, r.score),
  }]));
}

export function replayGroup(group: PublishedGroupScores): ReplayedGroup {
  const scores = new Map(group.units.map((u) => [u.unitId, replayUnit(group.framework, u)]));
  return { group, scores, standings: standingsOf(group.framework, scores) };
}

const sameBand = (a: Band | null, b: Band | null) => (a?.key ?? null) === (b?.key ?? null);

/** The unit's standing with some of its criteria set to other exact points. */
export function standingWith(replayed: ReplayedGroup, unitId: string, overrides: ReadonlyMap<string, Rational>): Standing {
  const unit = replayed.group.units.find((u) => u.unitId === unitId);
  if (!unit) throw new Error(`unit ${unitId} is not in the group`);
  const { framework } = replayed.group;
  const score = replayUnit(framework, unit, overrides);
  const entries = [...replayed.scores].map(([id, s]) => ({ unitId: id, score: id === unitId ? score : s }));
  const rank = rankUnits(entries, framework.settings.ranking).find((r) => r.unitId === unitId)!.rank;
  return { index: score.index, publishedIndex: score.publishedIndex, rank, band: classifyScore(framework, score) };
}

/** Descending by index gain, then by places gained, a class change first, then the smaller points gain. */
function byGain(a: WhatIfOption, b: WhatIfOption): number {
  return compareRational(b.indexGain, a.indexGain) || b.placesGained - a.placesGained
    || Number(b.classChanged) - Number(a.classChanged) || compareRational(a.gain, b.gain) || a.code.localeCompare(b.code);
}

/**
 * Every single-criterion what-if of a unit: each applicable criterion below its maximum raised to
 * the maximum, and a tiered one also to its next tier. Biggest index gain first.
 */
export function whatIf(replayed: ReplayedGroup, unitId: string): WhatIfOption[] {
  const { framework } = replayed.group;
  const score = replayed.scores.get(unitId);
  const before = replayed.standings.get(unitId);
  if (!score || !before) throw new Error(`unit ${unitId} is not in the group`);
  const out: WhatIfOption[] = [];
  for (const node of leafNodes(framework).values()) {
    if (isBonusNode(node)) continue;
    const ns = score.nodes.get(node.key);
    if (!ns?.applicable) continue;
    const from = reduceRational(ns.exact.achieved);
    const max = pointsToRational(node.maxPoints);
    if (compareRational(from, max) >= 0) continue;
    const targets: [WhatIfTarget, Rational][] = [['full', max]];
    const next = nextTierAbove(node, from);
    if (next && next.points < node.maxPoints) targets.push(['next_tier', pointsToRational(next.points)]);
    for (const [target, to] of targets) {
      const after = standingWith(replayed, unitId, new Map([[node.key, to]]));
      const indexGain = after.index && before.index ? reduceRational(subRational(after.index, before.index)) : ZERO_RATIONAL;
      out.push({
        unitId, key: node.key, code: node.code, target, from, to: reduceRational(to), gain: reduceRational(subRational(to, from)),
        before, after, indexGain,
        placesGained: before.rank !== null && after.rank !== null ? before.rank - after.rank : 0,
        classChanged: !sameBand(before.band, after.band),
      });
    }
  }
  return out.sort(byGain);
}

export interface UnitSensitivity {
  readonly unitId: string;
  readonly standing: Standing;
  /** The smallest criterion gain (points) that moves the rank up or changes the class; null: none does. */
  readonly smallest: WhatIfOption | null;
  /** How many single-criterion what-ifs move it up at least one place. */
  readonly movingCriteria: number;
}

export interface CriterionSensitivity {
  readonly key: string;
  readonly code: string;
  /** Units whose rank goes up when this criterion alone is raised to its maximum. */
  readonly unitsMovedUp: number;
  /** Units whose class changes so. */
  readonly unitsReclassified: number;
}

export interface Sensitivity {
  readonly units: readonly UnitSensitivity[];
  /** Criteria moving at least one unit, most first. */
  readonly criteria: readonly CriterionSensitivity[];
}

const moves = (o: WhatIfOption) => o.placesGained > 0 || o.classChanged;

/** How sensitive each rank of the group is to single criteria. */
export function sensitivity(replayed: ReplayedGroup): Sensitivity {
  const order = new Map([...leafNodes(replayed.group.framework).values()].map((n, i) => [n.key, { i, code: n.code }]));
  const perCriterion = new Map<string, { up: number; cls: number }>();
  const units: UnitSensitivity[] = [];
  for (const u of replayed.group.units) {
    const options = whatIf(replayed, u.unitId);
    let smallest: WhatIfOption | null = null;
    for (const o of options) {
      if (!moves(o)) continue;
      if (!smallest || compareRational(o.gain, smallest.gain) < 0 || (compareRational(o.gain, smallest.gain) === 0 && compareRational(o.indexGain, smallest.indexGain) > 0)) smallest = o;
    }
    for (const o of options) {
      if (o.target !== 'full') continue;
      const c = perCriterion.get(o.key) ?? { up: 0, cls: 0 };
      if (o.placesGained > 0) c.up++;
      if (o.classChanged) c.cls++;
      perCriterion.set(o.key, c);
    }
    units.push({ unitId: u.unitId, standing: replayed.standings.get(u.unitId)!, smallest, movingCriteria: options.filter((o) => o.target === 'full' && o.placesGained > 0).length });
  }
  units.sort((a, b) => (a.standing.rank ?? Infinity) - (b.standing.rank ?? Infinity) || (a.unitId < b.unitId ? -1 : 1));
  const criteria = [...perCriterion]
    .filter(([, c]) => c.up + c.cls > 0)
    .map(([key, c]): CriterionSensitivity => ({ key, code: order.get(key)?.code ?? key, unitsMovedUp: c.up, unitsReclassified: c.cls }))
    .sort((a, b) => b.unitsMovedUp - a.unitsMovedUp || b.unitsReclassified - a.unitsReclassified || order.get(a.key)!.i - order.get(b.key)!.i);
  return { units, criteria };
}
