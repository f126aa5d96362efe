/**
 * The lost points ledger (sổ điểm bị mất) of a published result: every applicable criterion that
 * scored below its maximum, how many points it lost — exactly — and why:
 * - `below_tier`: a rate-tier rule gave a lower tier (the next tier up and its threshold given);
 * - `appraisal_change`: the appraiser or the council lowered the self-assessed points (with the reason);
 * - `missing_evidence`: the same, on a criterion without evidence in a cycle that requires evidence for points;
 * - `deduction`: a deduction rule took points off per occurrence;
 * - `not_achieved`: a choice, yes/no, manual or proportional criterion not achieved in full (or no value);
 * - `survey`: the sociological survey gave less than the maximum.
 * A criterion can lose points for two causes (the rule below the maximum, then the appraisal
 * below the self-assessment): each part is kept, the line's kind is its larger part.
 * Bonus criteria lose nothing (they are outside the maximum).
 */
import type { Points } from '../decimal/points.ts';
import { pointsToRational } from '../decimal/points.ts';
import {
  type Rational, ZERO_RATIONAL, compareRational, reduceRational, subRational, sumRational,
} from '../decimal/rational.ts';
import type { Framework, FrameworkNode, Tier } from '../framework/types.ts';
import { isBonusNode } from '../framework/tree.ts';
import type { UnitScore } from '../scoring/score.ts';
import { type PublishedLeaf, type PublishedUnit, replayUnit } from './replay.ts';

export type LostPointsKind = 'below_tier' | 'appraisal_change' | 'missing_evidence' | 'deduction' | 'not_achieved' | 'survey';

/** What the trace knows of a leaf beyond its points. */
export interface LedgerLeaf extends PublishedLeaf {
  /** The appraiser's or council's reason for the effective value, if any. */
  readonly reason?: string | null;
  /** Evidence documents attached to the criterion (undefined: not known). */
  readonly evidenceCount?: number;
}

export interface LedgerUnit extends PublishedUnit {
  readonly leaves: readonly LedgerLeaf[];
}

export interface LostCause {
  readonly kind: LostPointsKind;
  readonly points: Rational;
}

/** A higher tier of a tiered rule than the one reached. */
export interface BetterTier {
  readonly tier: Tier;
  readonly points: Points;
  /** Points more than the value the rule gave. */
  readonly gain: Rational;
}

export interface LostPointsLine {
  readonly key: string;
  readonly code: string;
  readonly name: string;
  readonly fieldKey: string;
  readonly fieldCode: string;
  readonly ruleType: string;
  readonly maxPoints: Points;
  /** Exact points that counted (0 without a value). */
  readonly achieved: Rational;
  readonly self: Rational | null;
  readonly lost: Rational;
  /** The larger cause. */
  readonly kind: LostPointsKind;
  readonly causes: readonly LostCause[];
  readonly reason: string | null;
  /** Tiered rules: the nearest tier above the one reached (null at the top). */
  readonly nextTier: BetterTier | null;
  /** Deduction rules: occurrences the points correspond to (null when not whole). */
  readonly occurrences: number | null;
}

export interface FieldLoss {
  readonly key: string;
  readonly code: string;
  readonly applicableMax: Points;
  readonly achieved: Rational;
  /** Sum of the field's lines. */
  readonly lost: Rational;
}

export interface LostPointsLedger {
  /** Biggest loss first; equal losses in the framework's order. */
  readonly lines: readonly LostPointsLine[];
  readonly fields: readonly FieldLoss[];
  /** Applicable maximum minus achieved points (bonus aside): what the unit lost in all. */
  readonly totalLost: Rational;
  /** Sum of the lines. */
  readonly linesTotal: Rational;
  /**
   * Points lost by criteria that would not have counted anyway: a group's maximum below the sum
   * of its criteria's maxima caps it. linesTotal − cappedOut = totalLost.
   */
  readonly cappedOut: Rational;
}

const ZERO = ZERO_RATIONAL;
const isPositive = (r: Rational) => r.num > 0n;

function tiersOf(node: FrameworkNode): readonly Tier[] | undefined {
  const r = node.rule;
  if (r?.type === 'rate_tiers') return r.tiers;
  if (r?.type === 'data_feed' && r.scoring.kind === 'tiers') return r.scoring.tiers;
  return undefined;
}

/** The tier giving the fewest points above `value` (the next step up), capped at the leaf's maximum. */
export function nextTierAbove(node: FrameworkNode, value: Rational): BetterTier | null {
  const tiers = tiersOf(node);
  if (!tiers) return null;
  let best: Tier | null = null;
  for (const t of tiers) {
    const pts = Math.min(t.points, node.maxPoints) as Points;
    if (compareRational(pointsToRational(pts), value) <= 0) continue;
    if (!best || pts < Math.min(best.points, node.maxPoints)) best = t;
  }
  if (!best) return null;
  const points = Math.min(best.points, node.maxPoints) as Points;
  return { tier: best, points, gain: reduceRational(subRational(pointsToRational(points), value)) };
}

/** The kind of loss a rule gives when it scores below the maximum. */
function ruleKind(node: FrameworkNode): LostPointsKind {
  switch (node.rule?.type) {
    case 'rate_tiers':
      return 'below_tier';
    case 'data_feed':
      return node.rule.scoring.kind === 'tiers' ? 'below_tier' : 'not_achieved';
    case 'deduction':
      return 'deduction';
    case 'survey':
      return 'survey';
    default:
      return 'not_achieved';
  }
}

function occurrencesOf(node: FrameworkNode, value: Rational): number | null {
  const r = node.rule;
  if (r?.type !== 'deduction' || r.perOccurrence <= 0) return null;
  // (start − value) ÷ perOccurrence, whole only.
  const taken = subRational(pointsToRational(r.start), value);
  const per = pointsToRational(r.perOccurrence);
  const num = taken.num * per.den;
  const den = taken.den * per.num;
  return num % den === 0n ? Number(num / den) : null;
}

/** Every leaf with its field (top-level node), in document order. */
function leavesWithField(framework: Framework): { node: FrameworkNode; field: FrameworkNode }[] {
  const out: { node: FrameworkNode; field: FrameworkNode }[] = [];
  const walk = (n: FrameworkNode, field: FrameworkNode) => {
    if (n.children.length === 0) out.push({ node: n, field });
    for (const c of n.children) walk(c, field);
  };
  for (const f of framework.nodes) walk(f, f);
  return out;
}

/** The ledger of a unit scored by `score` (its replay; `replayUnit` when omitted). */
export function lostPoints(
  framework: Framework,
  unit: LedgerUnit,
  options: { readonly evidenceRequired?: boolean; readonly score?: UnitScore } = {},
): LostPointsLedger {
  const score = options.score ?? replayUnit(framework, unit);
  const byKey = new Map(unit.leaves.map((l) => [l.key, l]));
  const lines: LostPointsLine[] = [];
  const order = new Map<string, number>();
  for (const { node, field } of leavesWithField(framework)) {
    order.set(node.key, order.size);
    if (isBonusNode(node) || isBonusNode(field)) continue;
    const ns = score.nodes.get(node.key);
    if (!ns?.applicable) continue;
    const max = pointsToRational(node.maxPoints);
    const achieved = reduceRational(ns.exact.achieved);
    const lost = reduceRational(subRational(max, achieved));
    if (!isPositive(lost)) continue;
    const leaf = byKey.get(node.key);
    const self = leaf?.self ?? null;
    // Points the rule gave before any appraisal lowered them.
    const lowered = self !== null && compareRational(achieved, self) < 0;
    const ruleValue = lowered ? reduceRational(self) : achieved;
    const causes: LostCause[] = [];
    const rulePart = reduceRational(subRational(max, ruleValue));
    if (isPositive(rulePart)) causes.push({ kind: ruleKind(node), points: rulePart });
    if (lowered) {
      const missing = options.evidenceRequired === true && leaf?.evidenceCount === 0;
      causes.push({ kind: missing ? 'missing_evidence' : 'appraisal_change', points: reduceRational(subRational(self, achieved)) });
    }
    const main = causes.reduce((a, b) => (compareRational(b.points, a.points) > 0 ? b : a));
    lines.push({
      key: node.key, code: node.code, name: node.name, fieldKey: field.key, fieldCode: field.code,
      ruleType: node.rule?.type ?? '', maxPoints: node.maxPoints, achieved, self, lost,
      kind: main.kind, causes, reason: leaf?.reason ?? null,
      nextTier: nextTierAbove(node, ruleValue), occurrences: occurrencesOf(node, ruleValue),
    });
  }
  lines.sort((a, b) => compareRational(b.lost, a.lost) || order.get(a.key)! - order.get(b.key)!);
  const fields = score.components.filter((c) => c.applicableMax > 0).map((c): FieldLoss => ({
    key: c.key, code: c.code, applicableMax: c.applicableMax, achieved: reduceRational(c.achievedExact),
    lost: sumRational(lines.filter((l) => l.fieldKey === c.key).map((l) => l.lost)),
  }));
  const totalLost = reduceRational(subRational(pointsToRational(score.applicableMax), score.exact.achieved));
  const linesTotal = lines.length === 0 ? ZERO : sumRational(lines.map((l) => l.lost));
  return { lines, fields, totalLost, linesTotal, cappedOut: reduceRational(subRational(linesTotal, totalLost)) };
}
