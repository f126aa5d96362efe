/**
 * Ranking (xếp hạng) within a group by index, highest first. Equal values share a rank
 * and the next rank skips (1, 2, 2, 4). By default compares the published (rounded)
 * index, as provinces publish; `basis: 'exact'` compares exact rationals.
 */
import { compareFixed, type Fixed } from '../decimal/fixed.ts';
import { compareRational, type Rational } from '../decimal/rational.ts';
import type { FrameworkSettings, TieBreak } from '../framework/types.ts';
import type { Points } from '../decimal/points.ts';

/** The figures ranking needs; a `UnitScore` has them all. */
export interface Rankable {
  readonly index: Rational | null;
  readonly publishedIndex: Fixed | null;
  readonly achieved: Points;
  /** Exact achieved points, compared when ranking on the exact basis. */
  readonly exact?: { readonly achieved: Rational };
  readonly applicableMax: Points;
  readonly components: readonly { readonly key: string; readonly index: Rational | null; readonly published: Fixed | null }[];
}

export interface RankEntry<S extends Rankable = Rankable> {
  readonly unitId: string;
  readonly score: S;
}

export interface RankedUnit<S extends Rankable = Rankable> {
  readonly unitId: string;
  /** 1-based competition rank; null when the unit has no index (nothing applicable). */
  readonly rank: number | null;
  /** Number of units sharing this rank (1 when alone). */
  readonly tiedCount: number;
  readonly score: S;
}

export type RankingSettings = FrameworkSettings['ranking'];

type Cmp = (a: Rankable, b: Rankable) => number;

/** Descending comparison of possibly-null values; null ranks last. */
function desc<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return cmp(b, a);
}

/** `compareFixed`, without BigInt when both have the same decimals (published indexes do). */
function compareFixedFast(a: Fixed, b: Fixed): number {
  if (a.decimals !== b.decimals) return compareFixed(a, b);
  return a.units < b.units ? -1 : a.units > b.units ? 1 : 0;
}

function indexCmp(basis: RankingSettings['basis']): Cmp {
  return basis === 'exact'
    ? (a, b) => desc(a.index, b.index, compareRational)
    : (a, b) => desc(a.publishedIndex, b.publishedIndex, compareFixedFast);
}

function tieBreakCmp(t: TieBreak, basis: RankingSettings['basis']): Cmp {
  switch (t.kind) {
    case 'achieved_points':
      return basis === 'exact'
        ? (a, b) => (a.exact && b.exact ? compareRational(b.exact.achieved, a.exact.achieved) : b.achieved - a.achieved)
        : (a, b) => b.achieved - a.achieved;
    case 'applicable_max':
      return (a, b) => b.applicableMax - a.applicableMax;
    case 'component_index': {
      const pick = (s: Rankable) => s.components.find((c) => c.key === t.fieldKey);
      return basis === 'exact'
        ? (a, b) => desc(pick(a)?.index ?? null, pick(b)?.index ?? null, compareRational)
        : (a, b) => desc(pick(a)?.published ?? null, pick(b)?.published ?? null, compareFixedFast);
    }
  }
}

/** The full comparator: index first, then the declared tie-breaks in order. */
export function rankingComparator(settings: RankingSettings): Cmp {
  const cmps = [indexCmp(settings.basis), ...settings.tieBreaks.map((t) => tieBreakCmp(t, settings.basis))];
  return (a, b) => {
    for (const c of cmps) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}

/**
 * Rank the units of ONE group. Returns entries sorted best first; ties (after the
 * tie-breaks) share a rank, with unit id as a stable display order among them.
 */
export function rankUnits<S extends Rankable>(entries: readonly RankEntry<S>[], settings: RankingSettings): RankedUnit<S>[] {
  const cmp = rankingComparator(settings);
  const sorted = [...entries].sort((a, b) => cmp(a.score, b.score) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const ranks: (number | null)[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const cur = sorted[i]!;
    if (cur.score.index === null) {
      ranks.push(null);
    } else if (i > 0 && cmp(sorted[i - 1]!.score, cur.score) === 0) {
      ranks.push(ranks[i - 1]!);
    } else {
      ranks.push(i + 1);
    }
  }
  const counts = new Map<number, number>();
  for (const r of ranks) if (r !== null) counts.set(r, (counts.get(r) ?? 0) + 1);
  return sorted.map((e, i) => {
    const rank = ranks[i]!;
    return { unitId: e.unitId, rank, tiedCount: rank === null ? 1 : counts.get(rank)!, score: e.score };
  });
}

/** Rank each group separately (units are ranked only against their own group). */
export function rankByGroup<S extends Rankable>(
  entries: readonly (RankEntry<S> & { readonly group: string })[],
  settings: RankingSettings,
): Map<string, RankedUnit<S>[]> {
  const groups = new Map<string, RankEntry<S>[]>();
  for (const e of entries) {
    const list = groups.get(e.group) ?? [];
    list.push(e);
    groups.set(e.group, list);
  }
  const out = new Map<string, RankedUnit<S>[]>();
  for (const [g, list] of groups) out.set(g, rankUnits(list, settings));
  return out;
}
