/**
 * Replaying a published result: the snapshot keeps, per unit and leaf, the exact points that
 * counted (self and effective), not the inputs behind them. To ask "what if this criterion had
 * scored more?" with the SAME engine, the unit is scored again by `scoreUnit` on the frozen
 * framework with each leaf's rule replaced by one that gives back exactly the published points:
 * - a survey leaf keeps the survey rule and takes its exact points (so an absent optional survey
 *   stays absent);
 * - a bonus leaf counts thousandths of a point up to its own cap;
 * - every other leaf becomes proportional with no rounding, fed num/den so that max × share is
 *   the published exact value (2/3 stays 2/3).
 * Node caps, applicability by group and type, not-applicable leaves, bonus caps, the index, its
 * rounding, ranking and classification are then the engine's own. `replayMatches` checks the
 * replay against the published figures.
 */
import type { Points } from '../decimal/points.ts';
import { type Rational, compareRational, reduceRational } from '../decimal/rational.ts';
import type { Framework, FrameworkNode, Rule } from '../framework/types.ts';
import { isBonusNode } from '../framework/tree.ts';
import type { NodeInput, UnitInputs, UnitProfile } from '../scoring/inputs.ts';
import { type UnitScore, scoreUnit } from '../scoring/score.ts';

/** One leaf of a published result, as the snapshot keeps it. */
export interface PublishedLeaf {
  readonly key: string;
  /** Exact points that counted; null: no value (or the leaf did not apply). */
  readonly effective: Rational | null;
  /** Exact self-assessed points; null: none (e.g. survey, data feed supplied). */
  readonly self: Rational | null;
  /** The effective value declared the leaf not applicable. */
  readonly notApplicable: boolean;
}

/** A published unit: its profile (for applicability) and its leaves. */
export interface PublishedUnit {
  readonly unitId: string;
  readonly profile: UnitProfile;
  readonly leaves: readonly PublishedLeaf[];
}

const THOUSAND = 1000n;
const NA_REASON = 'Không áp dụng (theo kết quả công bố)';

function replayRule(node: FrameworkNode): Rule | undefined {
  const rule = node.rule;
  if (!rule || node.children.length > 0) return undefined;
  if (rule.type === 'survey') return { type: 'survey' };
  if (rule.type === 'bonus') return { type: 'bonus', mode: 'per_occurrence', points: 1 as Points, cap: rule.cap };
  return { type: 'proportional', numeratorLabel: '', denominatorLabel: '', zeroDenominator: 'zero_points' };
}

function replayNodes(nodes: readonly FrameworkNode[]): FrameworkNode[] {
  return nodes.map((n) => {
    const rule = replayRule(n);
    const children = replayNodes(n.children);
    // A published "not applicable" is replayed as a declaration, allowed on every leaf.
    const applicability = n.children.length === 0
      ? { ...(n.applicability ?? {}), mayDeclareNotApplicable: true }
      : n.applicability;
    return { ...n, children, ...(rule ? { rule } : {}), ...(applicability ? { applicability } : {}) };
  });
}

const replayCache = new WeakMap<Framework, Framework>();

/** The framework a published result is replayed on: same tree, maxima, applicability and settings; rules that give back exact points. */
export function replayFramework(framework: Framework): Framework {
  let out = replayCache.get(framework);
  if (!out) {
    const { pointsDecimals: _ignored, ...rounding } = framework.settings.rounding;
    out = { ...framework, settings: { ...framework.settings, rounding }, nodes: replayNodes(framework.nodes) };
    replayCache.set(framework, out);
  }
  return out;
}

/** The replay input giving `value` exact points on `node` (`undefined`: bonus not a whole thousandth). */
export function replayInput(node: FrameworkNode, value: Rational): NodeInput | undefined {
  const v = reduceRational(value);
  if (node.rule?.type === 'survey') return { kind: 'survey', points: v };
  if (isBonusNode(node)) {
    const thousandths = v.num * THOUSAND;
    if (thousandths % v.den !== 0n) return undefined;
    return { kind: 'count', occurrences: Number(thousandths / v.den) };
  }
  // max × share = value with max = M/1000: share = 1000·num ÷ (den·M).
  const max = BigInt(node.maxPoints);
  if (max === 0n) return { kind: 'rate', numerator: '0', denominator: '0' };
  return { kind: 'rate', numerator: String(v.num * THOUSAND), denominator: String(v.den * max) };
}

/** The replay inputs of a unit; `overrides` set chosen leaves to other exact points. */
export function replayInputs(framework: Framework, leaves: readonly PublishedLeaf[], overrides: ReadonlyMap<string, Rational> = new Map()): UnitInputs {
  const nodes = leafNodes(framework);
  const out: Record<string, NodeInput> = {};
  for (const l of leaves) {
    const node = nodes.get(l.key);
    if (!node) continue;
    const override = overrides.get(l.key);
    if (override === undefined && l.notApplicable) {
      out[l.key] = { kind: 'not_applicable', reason: NA_REASON };
      continue;
    }
    const value = override ?? l.effective;
    if (value === null) continue;
    const input = replayInput(node, value);
    if (input) out[l.key] = input;
  }
  return out;
}

const leafCache = new WeakMap<Framework, Map<string, FrameworkNode>>();

/** The framework's leaves by key, in document order. */
export function leafNodes(framework: Framework): Map<string, FrameworkNode> {
  let out = leafCache.get(framework);
  if (!out) {
    const map = new Map<string, FrameworkNode>();
    const walk = (n: FrameworkNode): void => {
      if (n.children.length === 0) map.set(n.key, n);
      else n.children.forEach(walk);
    };
    framework.nodes.forEach(walk);
    leafCache.set(framework, map);
    out = map;
  }
  return out;
}

/** Score a published unit again with the engine (optionally with some leaves set to other points). */
export function replayUnit(framework: Framework, unit: PublishedUnit, overrides?: ReadonlyMap<string, Rational>): UnitScore {
  return scoreUnit(replayFramework(framework), unit.profile, replayInputs(framework, unit.leaves, overrides));
}

/** Whether a replayed score gives back the published exact achieved points and index. */
export function replayMatches(score: UnitScore, published: { achieved: Rational | null; index: Rational | null }): boolean {
  if (published.achieved && compareRational(score.exact.achieved, published.achieved) !== 0) return false;
  if (published.index) return score.index !== null && compareRational(score.index, published.index) === 0;
  return true;
}
