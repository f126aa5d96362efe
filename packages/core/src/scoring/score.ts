/**
 * Score one unit against a framework: leaf points → node sums capped at each node's
 * maximum → index = achieved ÷ applicable maximum × 100 (Chỉ số CCHC).
 *
 * Not-applicable nodes (declared by the unit, excluded by group/type, or — when the
 * survey is optional and absent — survey leaves) lose their points AND their maximum
 * all the way up. Every figure is kept per node with the reason, so a published index
 * can be traced back to its inputs.
 */
import {
  type Points, ZERO_POINTS, addPoints, minPoints, pointsFromRational, pointsToRational,
} from '../decimal/points.ts';
import { type Fixed, fixedFromRational } from '../decimal/fixed.ts';
import {
  type Rational, ZERO_RATIONAL, addRational, compareRational, minRational, reduceRational, subRational,
} from '../decimal/rational.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { isBonusNode, isLeaf } from '../framework/tree.ts';
import { type Issue, issue } from '../issues.ts';
import type { NodeInput, UnitInputs, UnitProfile } from './inputs.ts';
import { type LeafEvaluation, scoreLeaf } from './leaf.ts';

export type NotApplicableReason =
  | { readonly kind: 'declared'; readonly reason: string }
  | { readonly kind: 'unit_group' }
  | { readonly kind: 'unit_type' }
  | { readonly kind: 'survey_absent' }
  | { readonly kind: 'zero_denominator' }
  | { readonly kind: 'ancestor'; readonly ancestorKey: string }
  | { readonly kind: 'all_children' };

/** A node's points as exact rationals (not necessarily in lowest terms); the Points fields are these to the thousandth. */
export interface ExactNodePoints {
  readonly achieved: Rational;
  readonly uncapped: Rational;
  readonly bonus: Rational;
  readonly surveyPoints: Rational;
}

export interface NodeScore {
  readonly key: string;
  readonly code: string;
  readonly applicable: boolean;
  readonly notApplicable?: NotApplicableReason;
  /** Points counted for this node (after capping); 0 when not applicable. Excludes bonus. */
  readonly achieved: Points;
  /** Sum of children's achieved points (or the leaf's points) before capping at the node. */
  readonly uncapped: Points;
  /** Maximum that still applies to this unit: the node's max minus not-applicable parts. */
  readonly applicableMax: Points;
  /** Whether `achieved` was cut to `applicableMax`, or a leaf's raw value to its max. */
  readonly capped: boolean;
  /** Bonus points earned in this subtree (outside the maximum). */
  readonly bonus: Points;
  /** Points from survey leaves in this subtree (part of `achieved`). */
  readonly surveyPoints: Points;
  /** The same points, exact: sums of exact leaf points, never rounded. */
  readonly exact: ExactNodePoints;
  /** For leaves: how the rule turned the input into points. */
  readonly leaf?: LeafEvaluation;
}

export interface ComponentIndex {
  /** Key of the field (top-level node). */
  readonly key: string;
  readonly code: string;
  readonly achieved: Points;
  readonly achievedExact: Rational;
  readonly applicableMax: Points;
  /** Exact achieved ÷ applicable max × 100; null when nothing applies. */
  readonly index: Rational | null;
  readonly published: Fixed | null;
}

export interface UnitScore {
  /** Scores of every node by key, in document order when iterated. */
  readonly nodes: ReadonlyMap<string, NodeScore>;
  /** Points achieved within the normal maximum (self-assessment/appraised + survey). */
  readonly achieved: Points;
  readonly applicableMax: Points;
  readonly selfAssessmentPoints: Points;
  readonly surveyPoints: Points;
  /** Total bonus, capped by the framework's total cap. Reported separately. */
  readonly bonus: Points;
  /** The points above, exact (the Points fields are these to the nearest thousandth). */
  readonly exact: {
    readonly achieved: Rational;
    readonly selfAssessmentPoints: Rational;
    readonly surveyPoints: Rational;
    readonly bonus: Rational;
  };
  /** True when the survey is optional, absent, and the index is on the self-assessment part. */
  readonly surveyRescaled: boolean;
  /** Exact index without bonus; in [0, 100]. Null when nothing applies. */
  readonly baseIndex: Rational | null;
  /** Exact index as published: with bonus when the framework says bonus counts. */
  readonly index: Rational | null;
  /** `index` rounded half-up to the framework's index decimals. */
  readonly publishedIndex: Fixed | null;
  readonly components: readonly ComponentIndex[];
  readonly issues: readonly Issue[];
}

interface Ctx {
  readonly framework: Framework;
  readonly unit: UnitProfile;
  readonly inputs: UnitInputs;
  readonly surveyAbsent: boolean;
  readonly out: Map<string, NodeScore>;
  readonly issues: Issue[];
}

const HUNDRED_MILLI = 100n;

/** Exact percentage achieved/max × 100 (achieved exact or in Points); null when max is 0. */
export function percentOf(achieved: Points | Rational, max: Points): Rational | null {
  if (max <= 0) return null;
  const a = typeof achieved === 'number' ? pointsToRational(achieved) : achieved;
  // a ÷ (max / 1000) × 100
  return reduceRational({ num: a.num * 1000n * HUNDRED_MILLI, den: a.den * BigInt(max) });
}

/** Exact points to the nearest thousandth, for the Points fields. */
const THOUSAND = 1000n;
const nearest = (r: Rational): Points =>
  (THOUSAND % r.den === 0n ? Number(r.num * (THOUSAND / r.den)) as Points : pointsFromRational(r, 3));
/** Exact sum; thousandths (the common case) add without a gcd, other denominators are reduced. */
function add(a: Rational, b: Rational): Rational {
  if (b.num === 0n) return a;
  if (a.num === 0n) return b;
  return a.den === b.den ? { num: a.num + b.num, den: a.den } : reduceRational(addRational(a, b));
}

const NO_EXACT_POINTS: ExactNodePoints = { achieved: ZERO_RATIONAL, uncapped: ZERO_RATIONAL, bonus: ZERO_RATIONAL, surveyPoints: ZERO_RATIONAL };

/** The Points fields of a node from its exact points. */
function pointsOf(exact: ExactNodePoints): Pick<NodeScore, 'achieved' | 'uncapped' | 'bonus' | 'surveyPoints' | 'exact'> {
  return {
    achieved: nearest(exact.achieved), uncapped: nearest(exact.uncapped), bonus: nearest(exact.bonus),
    surveyPoints: nearest(exact.surveyPoints), exact,
  };
}

function exclusion(node: FrameworkNode, ctx: Ctx, input: NodeInput | undefined): NotApplicableReason | undefined {
  const app = node.applicability;
  if (app?.unitGroups && app.unitGroups.length > 0 && !(ctx.unit.group !== undefined && app.unitGroups.includes(ctx.unit.group))) {
    return { kind: 'unit_group' };
  }
  if (app?.unitTypes && app.unitTypes.length > 0 && !(ctx.unit.type !== undefined && app.unitTypes.includes(ctx.unit.type))) {
    return { kind: 'unit_type' };
  }
  if (ctx.surveyAbsent && node.rule?.type === 'survey') return { kind: 'survey_absent' };
  if (input?.kind === 'not_applicable') {
    const where = { nodeCode: node.code, nodeKey: node.key };
    if (!app?.mayDeclareNotApplicable) {
      ctx.issues.push(issue('na_not_allowed', { messageId: 'criterion.notApplicableNotAllowed', params: { code: node.code } }, where));
    } else if (input.reason.trim() === '') {
      ctx.issues.push(issue('na_reason_missing', { messageId: 'criterion.notApplicableReasonMissing', params: { code: node.code } }, where));
    } else {
      return { kind: 'declared', reason: input.reason.trim() };
    }
  }
  return undefined;
}

/** The score of a node that does not apply: no points, no maximum. */
function notApplicableScore(node: FrameworkNode, reason: NotApplicableReason): NodeScore {
  return {
    key: node.key, code: node.code, applicable: false, notApplicable: reason,
    applicableMax: ZERO_POINTS, capped: false, ...pointsOf(NO_EXACT_POINTS),
  };
}

/** Record a node and its whole subtree as not applicable. */
function markNotApplicable(node: FrameworkNode, reason: NotApplicableReason, ctx: Ctx): NodeScore {
  const s = notApplicableScore(node, reason);
  ctx.out.set(node.key, s);
  for (const c of node.children) markNotApplicable(c, { kind: 'ancestor', ancestorKey: node.key }, ctx);
  return s;
}

function scoreNode(node: FrameworkNode, ctx: Ctx): NodeScore {
  const input = ctx.inputs[node.key];
  const na = exclusion(node, ctx, input);
  if (na) return markNotApplicable(node, na, ctx);

  if (isLeaf(node)) {
    // A not_applicable input that was refused above is scored as missing.
    const leaf = scoreLeaf(node, input?.kind === 'not_applicable' ? undefined : input, ctx.framework.settings.rounding);
    for (const i of leaf.issues) ctx.issues.push(i);
    if (leaf.status === 'not_applicable') {
      const s = markNotApplicable(node, { kind: 'zero_denominator' }, ctx);
      const withLeaf = { ...s, leaf };
      ctx.out.set(node.key, withLeaf);
      return withLeaf;
    }
    if (leaf.status === 'missing' && node.rule?.type !== 'bonus') {
      ctx.issues.push(issue('missing_input', { messageId: 'scoring.missingInput', params: { code: node.code } },
        { nodeCode: node.code, nodeKey: node.key }, 'warning'));
    }
    const bonus = isBonusNode(node);
    const s: NodeScore = {
      key: node.key, code: node.code, applicable: true,
      applicableMax: bonus ? ZERO_POINTS : node.maxPoints,
      capped: leaf.capped,
      ...pointsOf({
        achieved: bonus ? ZERO_RATIONAL : leaf.exact,
        uncapped: leaf.exact,
        bonus: bonus ? leaf.exact : ZERO_RATIONAL,
        surveyPoints: node.rule?.type === 'survey' ? leaf.exact : ZERO_RATIONAL,
      }),
      leaf,
    };
    ctx.out.set(node.key, s);
    return s;
  }

  // Reserve the slot now so the map iterates in document order (parents before children);
  // it is overwritten below once the children are scored.
  ctx.out.set(node.key, undefined as unknown as NodeScore);
  let sum = ZERO_RATIONAL;
  let childMax = ZERO_POINTS;
  let bonusSum = ZERO_RATIONAL;
  let survey = ZERO_RATIONAL;
  let anyApplicable = false;
  for (const c of node.children) {
    const cs = scoreNode(c, ctx);
    bonusSum = add(bonusSum, cs.exact.bonus);
    if (!cs.applicable || isBonusNode(c)) continue;
    anyApplicable = true;
    sum = add(sum, cs.exact.achieved);
    childMax = addPoints(childMax, cs.applicableMax);
    survey = add(survey, cs.exact.surveyPoints);
  }
  if (!anyApplicable && node.children.some((c) => !isBonusNode(c))) {
    // Children keep their own reasons; only this node is marked.
    const s = { ...notApplicableScore(node, { kind: 'all_children' }), ...pointsOf({ ...NO_EXACT_POINTS, bonus: bonusSum }) };
    ctx.out.set(node.key, s);
    return s;
  }
  const applicableMax = minPoints(node.maxPoints, childMax);
  const max = pointsToRational(applicableMax);
  const capped = compareRational(sum, max) > 0;
  const achieved = capped ? reduceRational(max) : sum;
  const s: NodeScore = {
    key: node.key, code: node.code, applicable: true, applicableMax, capped,
    // Survey share of a capped node is ambiguous; keep it at most the node's achieved.
    ...pointsOf({ achieved, uncapped: sum, bonus: bonusSum, surveyPoints: minRational(survey, achieved) }),
  };
  ctx.out.set(node.key, s);
  return s;
}

function hasSurveyInput(framework: Framework, inputs: UnitInputs): boolean {
  const stack = [...framework.nodes];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.rule?.type === 'survey' && inputs[n.key]?.kind === 'survey') return true;
    stack.push(...n.children);
  }
  return false;
}

/**
 * Score a unit. `inputs` are keyed by node key; `unit` gives its group and type for
 * applicability. Pure: the same arguments always give the same result.
 */
export function scoreUnit(framework: Framework, unit: UnitProfile, inputs: UnitInputs): UnitScore {
  const settings = framework.settings;
  const surveyAbsent = settings.survey.optional && !hasSurveyInput(framework, inputs);
  const ctx: Ctx = { framework, unit, inputs, surveyAbsent, out: new Map(), issues: [] };

  let achieved = ZERO_RATIONAL;
  let applicableMax = ZERO_POINTS;
  let survey = ZERO_RATIONAL;
  let bonus = ZERO_RATIONAL;
  const components: ComponentIndex[] = [];
  const decimals = settings.rounding.indexDecimals;
  for (const field of framework.nodes) {
    const fs = scoreNode(field, ctx);
    bonus = add(bonus, fs.exact.bonus);
    if (isBonusNode(field)) continue;
    const idx = fs.applicable ? percentOf(fs.exact.achieved, fs.applicableMax) : null;
    components.push({
      key: field.key, code: field.code, achieved: fs.achieved, achievedExact: fs.exact.achieved, applicableMax: fs.applicableMax,
      index: idx, published: idx ? fixedFromRational(idx, decimals) : null,
    });
    if (!fs.applicable) continue;
    achieved = add(achieved, fs.exact.achieved);
    applicableMax = addPoints(applicableMax, fs.applicableMax);
    survey = add(survey, fs.exact.surveyPoints);
  }
  if (settings.bonus.totalCap !== undefined) bonus = minRational(bonus, reduceRational(pointsToRational(settings.bonus.totalCap)));

  const baseIndex = percentOf(achieved, applicableMax);
  const index = settings.bonus.countsInIndex && bonus.num > 0n ? percentOf(add(achieved, bonus), applicableMax) : baseIndex;
  for (const key of Object.keys(inputs)) {
    // Typically a key from another framework version: say so rather than ignore it silently.
    if (!ctx.out.has(key)) ctx.issues.push(issue('unknown_input_key', { messageId: 'scoring.unknownInputKey', params: { key } }, { nodeKey: key }, 'warning'));
  }
  if (applicableMax <= 0) {
    ctx.issues.push(issue('nothing_applicable', { messageId: 'scoring.nothingApplicable' }));
  }
  const selfAssessment = reduceRational(subRational(achieved, survey));
  return {
    nodes: ctx.out,
    achieved: nearest(achieved),
    applicableMax,
    selfAssessmentPoints: nearest(selfAssessment),
    surveyPoints: nearest(survey),
    bonus: nearest(bonus),
    exact: { achieved, selfAssessmentPoints: selfAssessment, surveyPoints: survey, bonus },
    surveyRescaled: surveyAbsent,
    baseIndex,
    index,
    publishedIndex: index ? fixedFromRational(index, decimals) : null,
    components,
    issues: ctx.issues,
  };
}
