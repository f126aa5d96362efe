/**
 * Score one unit against a framework: leaf points → node sums capped at each node's
 * maximum → index = achieved ÷ applicable maximum × 100 (Chỉ số CCHC).
 *
 * Not-applicable nodes (declared by the unit, excluded by group/type, or — when the
 * survey is optional and absent — survey leaves) lose their points AND their maximum
 * all the way up. Every figure is kept per node with the reason, so a published index
 * can be traced back to its inputs — but only when read: `scoreUnit` computes the totals,
 * indexes and issues in one pass without the per-node trace, and builds the trace (`nodes`,
 * with every leaf's explanation) the first time it is read, by scoring the unit again with
 * tracing on. Both passes are the same code (`scoreTree`), so they cannot disagree.
 */
import { type Points, pointsToRational } from '../decimal/points.ts';
import type { Fixed } from '../decimal/fixed.ts';
import { type Rational, reduceRational } from '../decimal/rational.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { isBonusNode, isLeaf } from '../framework/tree.ts';
import { type Issue, issue } from '../issues.ts';
import {
  type Q, ZERO_Q, addQ, compareQ, fromRational, minQ, nearestPointsQ, percentQ, pointsQ, reduceQ, reduceSmall,
  roundHalfUpQ, subReducedQ, toRational,
} from './exact.ts';
import type { NodeInput, UnitInputs, UnitProfile } from './inputs.ts';
import { type LeafEvaluation, scoreLeaf } from './leaf.ts';
import { leafPoints } from './leaf-points.ts';

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
  /**
   * Scores of every node by key, in document order when iterated. Built on first read (a
   * getter) from the same arguments, which must not be changed in between; see `traceUnit`.
   */
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

/** What a node adds to its parent: exact points (number parts while they fit) and its maximum. */
interface Sums {
  readonly applicable: boolean;
  readonly achieved: Q;
  readonly bonus: Q;
  readonly survey: Q;
  readonly applicableMax: Points;
}

interface Ctx {
  readonly framework: Framework;
  readonly unit: UnitProfile;
  readonly inputs: UnitInputs;
  readonly surveyAbsent: boolean;
  /** The trace and the issues, when they are built; undefined on the fast pass. */
  readonly out: Map<string, NodeScore> | undefined;
  readonly issues: Issue[] | undefined;
  /** Keys of the leaves that apply, when asked for (`scoreWithApplicableLeaves`). */
  readonly applicableLeaves: Set<string> | undefined;
}

const HUNDRED_MILLI = 100n;

/** Exact percentage achieved/max × 100 (achieved exact or in Points); null when max is 0. */
export function percentOf(achieved: Points | Rational, max: Points): Rational | null {
  if (max <= 0) return null;
  const a = typeof achieved === 'number' ? pointsToRational(achieved) : achieved;
  // a ÷ (max / 1000) × 100
  return reduceRational({ num: a.num * 1000n * HUNDRED_MILLI, den: a.den * BigInt(max) });
}

const nearest = (q: Q): Points => nearestPointsQ(q) as Points;
const fixedOf = (q: Q, decimals: number): Fixed => ({ units: Number(roundHalfUpQ(q, decimals)), decimals });

const NOT_APPLICABLE: Sums = { applicable: false, achieved: ZERO_Q, bonus: ZERO_Q, survey: ZERO_Q, applicableMax: 0 as Points };

/** The trace entry of a node from its sums. */
function nodeScore(node: FrameworkNode, sums: Sums, uncapped: Q, capped: boolean, notApplicable?: NotApplicableReason): NodeScore {
  const achieved = toRational(sums.achieved);
  const exactUncapped = toRational(uncapped);
  const bonus = toRational(sums.bonus);
  const surveyPoints = toRational(sums.survey);
  return {
    key: node.key, code: node.code, applicable: sums.applicable, ...(notApplicable ? { notApplicable } : {}),
    achieved: nearest(sums.achieved), uncapped: nearest(uncapped), applicableMax: sums.applicableMax, capped,
    bonus: nearest(sums.bonus), surveyPoints: nearest(sums.survey),
    exact: { achieved, uncapped: exactUncapped, bonus, surveyPoints },
  };
}

function exclusion(node: FrameworkNode, ctx: Ctx, input: NodeInput | undefined): NotApplicableReason | undefined {
  const app = node.applicability;
  if (app === undefined) {
    if (ctx.surveyAbsent && node.rule?.type === 'survey') return { kind: 'survey_absent' };
    if (input?.kind !== 'not_applicable') return undefined;
  }
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
      ctx.issues?.push(issue('na_not_allowed', { messageId: 'criterion.notApplicableNotAllowed', params: { code: node.code } }, where));
    } else if (input.reason.trim() === '') {
      ctx.issues?.push(issue('na_reason_missing', { messageId: 'criterion.notApplicableReasonMissing', params: { code: node.code } }, where));
    } else {
      return { kind: 'declared', reason: input.reason.trim() };
    }
  }
  return undefined;
}

/** Record a node and its whole subtree as not applicable (in the trace). */
function markNotApplicable(node: FrameworkNode, reason: NotApplicableReason, out: Map<string, NodeScore>): NodeScore {
  const s = nodeScore(node, NOT_APPLICABLE, ZERO_Q, false, reason);
  out.set(node.key, s);
  for (const c of node.children) markNotApplicable(c, { kind: 'ancestor', ancestorKey: node.key }, out);
  return s;
}

/** Exact points of a leaf, or undefined when it does not apply (recorded in the trace, if any). */
function leafExact(node: FrameworkNode, ctx: Ctx): Q | undefined {
  const input = ctx.inputs[node.key];
  const na = exclusion(node, ctx, input);
  if (na) {
    if (ctx.out) markNotApplicable(node, na, ctx.out);
    return undefined;
  }
  const rounding = ctx.framework.settings.rounding;
  // A not_applicable input that was refused above is scored as missing.
  const given = input?.kind === 'not_applicable' ? undefined : input;
  // Fast pass: the points alone, unless the input does not score normally (then scoreLeaf says why).
  const fast = ctx.out ? undefined : leafPoints(node, given, rounding);
  if (fast !== undefined) {
    ctx.applicableLeaves?.add(node.key);
    return fast;
  }
  const leaf = scoreLeaf(node, given, rounding);
  if (ctx.issues) for (const i of leaf.issues) ctx.issues.push(i);
  if (leaf.status === 'not_applicable') {
    if (ctx.out) ctx.out.set(node.key, { ...markNotApplicable(node, { kind: 'zero_denominator' }, ctx.out), leaf });
    return undefined;
  }
  if (leaf.status === 'missing' && node.rule?.type !== 'bonus') {
    ctx.issues?.push(issue('missing_input', { messageId: 'scoring.missingInput', params: { code: node.code } },
      { nodeCode: node.code, nodeKey: node.key }, 'warning'));
  }
  const exact = fromRational(leaf.exact);
  ctx.applicableLeaves?.add(node.key);
  if (ctx.out) ctx.out.set(node.key, { ...nodeScore(node, leafSums(node, exact), exact, leaf.capped), leaf });
  return exact;
}

/** What an applicable leaf adds to its parent. */
function leafSums(node: FrameworkNode, exact: Q): Sums {
  const bonus = isBonusNode(node);
  return {
    applicable: true,
    achieved: bonus ? ZERO_Q : exact,
    bonus: bonus ? exact : ZERO_Q,
    survey: node.rule?.type === 'survey' ? exact : ZERO_Q,
    applicableMax: bonus ? 0 as Points : node.maxPoints,
  };
}

function scoreNode(node: FrameworkNode, ctx: Ctx): Sums {
  if (isLeaf(node)) {
    const exact = leafExact(node, ctx);
    return exact === undefined ? NOT_APPLICABLE : leafSums(node, exact);
  }
  const na = exclusion(node, ctx, ctx.inputs[node.key]);
  if (na) {
    if (ctx.out) markNotApplicable(node, na, ctx.out);
    return NOT_APPLICABLE;
  }

  // Reserve the slot now so the map iterates in document order (parents before children);
  // it is overwritten below once the children are scored.
  ctx.out?.set(node.key, undefined as unknown as NodeScore);
  let sum: Q = ZERO_Q;
  let childMax = 0;
  let bonusSum: Q = ZERO_Q;
  let survey: Q = ZERO_Q;
  let anyApplicable = false;
  let anyNormal = false;
  for (const c of node.children) {
    if (isLeaf(c)) {
      // A leaf's sums are its points: added here, without an object per leaf.
      const exact = leafExact(c, ctx);
      if (isBonusNode(c)) {
        if (exact !== undefined) bonusSum = addQ(bonusSum, exact);
        continue;
      }
      anyNormal = true;
      if (exact === undefined) continue;
      anyApplicable = true;
      sum = addQ(sum, exact);
      childMax += c.maxPoints;
      if (c.rule?.type === 'survey') survey = addQ(survey, exact);
      continue;
    }
    const cs = scoreNode(c, ctx);
    bonusSum = addQ(bonusSum, cs.bonus);
    anyNormal = true;
    if (!cs.applicable) continue;
    anyApplicable = true;
    sum = addQ(sum, cs.achieved);
    childMax += cs.applicableMax;
    survey = addQ(survey, cs.survey);
  }
  if (!anyApplicable && anyNormal) {
    // Children keep their own reasons; only this node is marked.
    const s: Sums = { ...NOT_APPLICABLE, bonus: bonusSum };
    ctx.out?.set(node.key, nodeScore(node, s, ZERO_Q, false, { kind: 'all_children' }));
    return s;
  }
  const applicableMax = (node.maxPoints < childMax ? node.maxPoints : childMax) as Points;
  const capped = compareQ(sum, pointsQ(applicableMax)) > 0;
  const achieved = capped ? reduceSmall(applicableMax, 1000) : sum;
  // Survey share of a capped node is ambiguous; keep it at most the node's achieved.
  const s: Sums = { applicable: true, achieved, bonus: bonusSum, survey: minQ(survey, achieved), applicableMax };
  ctx.out?.set(node.key, nodeScore(node, s, sum, capped));
  return s;
}

/** What scoring needs to know of a framework beyond its tree; computed once per framework. */
interface Plan {
  /** Keys of the survey leaves. */
  readonly surveyKeys: readonly string[];
  /** Every node key (an input under another key is reported). */
  readonly keys: ReadonlySet<string>;
  /** The framework's bonus cap, exact and reduced. */
  readonly bonusCap: Q | undefined;
}

const plans = new WeakMap<Framework, Plan>();

function planOf(framework: Framework): Plan {
  let plan = plans.get(framework);
  if (!plan) {
    const surveyKeys: string[] = [];
    const keys = new Set<string>();
    const walk = (nodes: readonly FrameworkNode[]) => {
      for (const n of nodes) {
        keys.add(n.key);
        if (n.rule?.type === 'survey') surveyKeys.push(n.key);
        walk(n.children);
      }
    };
    walk(framework.nodes);
    const cap = framework.settings.bonus.totalCap;
    plan = { surveyKeys, keys, bonusCap: cap === undefined ? undefined : reduceQ(pointsQ(cap)) };
    plans.set(framework, plan);
  }
  return plan;
}

/** Everything of a UnitScore but its explanation (the trace and the issues). */
type UnitTotals = Omit<UnitScore, 'nodes' | 'issues'>;
interface Explanation {
  readonly nodes: ReadonlyMap<string, NodeScore>;
  readonly issues: readonly Issue[];
}

/** One pass over the tree: the totals, and the explanation when `explain` is set. */
function scoreTree(
  framework: Framework, unit: UnitProfile, inputs: UnitInputs, explain: boolean, applicableLeaves?: Set<string>,
): UnitTotals & { readonly explanation?: Explanation } {
  const settings = framework.settings;
  const plan = planOf(framework);
  const surveyAbsent = settings.survey.optional && !plan.surveyKeys.some((k) => inputs[k]?.kind === 'survey');
  const ctx: Ctx = { framework, unit, inputs, surveyAbsent, out: explain ? new Map() : undefined, issues: explain ? [] : undefined, applicableLeaves };

  let achieved: Q = ZERO_Q;
  let applicableMax = 0;
  let survey: Q = ZERO_Q;
  let bonus: Q = ZERO_Q;
  const components: ComponentIndex[] = [];
  const decimals = settings.rounding.indexDecimals;
  for (const field of framework.nodes) {
    const fs = scoreNode(field, ctx);
    bonus = addQ(bonus, fs.bonus);
    if (isBonusNode(field)) continue;
    const idx = fs.applicable && fs.applicableMax > 0 ? percentQ(fs.achieved, fs.applicableMax) : null;
    components.push({
      key: field.key, code: field.code, achieved: nearest(fs.achieved), achievedExact: toRational(fs.achieved), applicableMax: fs.applicableMax,
      index: idx ? toRational(idx) : null, published: idx ? fixedOf(idx, decimals) : null,
    });
    if (!fs.applicable) continue;
    achieved = addQ(achieved, fs.achieved);
    applicableMax += fs.applicableMax;
    survey = addQ(survey, fs.survey);
  }
  if (plan.bonusCap !== undefined) bonus = minQ(bonus, plan.bonusCap);

  const baseIndex = applicableMax > 0 ? percentQ(achieved, applicableMax) : null;
  const index = settings.bonus.countsInIndex && bonus.num > 0 && applicableMax > 0 ? percentQ(addQ(achieved, bonus), applicableMax) : baseIndex;
  if (ctx.issues) {
    for (const key of Object.keys(inputs)) {
      // Typically a key from another framework version: say so rather than ignore it silently.
      if (!plan.keys.has(key)) ctx.issues.push(issue('unknown_input_key', { messageId: 'scoring.unknownInputKey', params: { key } }, { nodeKey: key }, 'warning'));
    }
    if (applicableMax <= 0) ctx.issues.push(issue('nothing_applicable', { messageId: 'scoring.nothingApplicable' }));
  }
  const selfAssessment = subReducedQ(achieved, survey);
  return {
    ...(ctx.out && ctx.issues ? { explanation: { nodes: ctx.out, issues: ctx.issues } } : {}),
    achieved: nearest(achieved),
    applicableMax: applicableMax as Points,
    selfAssessmentPoints: nearest(selfAssessment),
    surveyPoints: nearest(survey),
    bonus: nearest(bonus),
    exact: { achieved: toRational(achieved), selfAssessmentPoints: toRational(selfAssessment), surveyPoints: toRational(survey), bonus: toRational(bonus) },
    surveyRescaled: surveyAbsent,
    baseIndex: baseIndex ? toRational(baseIndex) : null,
    index: index ? toRational(index) : null,
    publishedIndex: index ? fixedOf(index, decimals) : null,
    components,
  };
}

/**
 * Score a unit. `inputs` are keyed by node key; `unit` gives its group and type for
 * applicability. Pure: the same arguments always give the same result.
 *
 * The figures are computed at once; the explanation — the per-node trace (`nodes`, with each
 * leaf's sentence) and the `issues` — is built the first time either is read, by the same
 * code with tracing on, from the same arguments (which must not be changed in between).
 * Callers that show the explanation of every unit anyway may call `traceUnit`.
 */
export function scoreUnit(framework: Framework, unit: UnitProfile, inputs: UnitInputs): UnitScore {
  return lazyScore(framework, unit, inputs, scoreTree(framework, unit, inputs, false));
}

/** A UnitScore of the figures already computed, its explanation built on first read. */
function lazyScore(framework: Framework, unit: UnitProfile, inputs: UnitInputs, totals: UnitTotals): UnitScore {
  let explanation: Explanation | undefined;
  const explain = () => (explanation ??= scoreTree(framework, unit, inputs, true).explanation!);
  return {
    get nodes(): ReadonlyMap<string, NodeScore> {
      return explain().nodes;
    },
    get issues(): readonly Issue[] {
      return explain().issues;
    },
    ...totals,
  };
}

/** Score a unit with its explanation built at once (the same figures as `scoreUnit`). */
export function traceUnit(framework: Framework, unit: UnitProfile, inputs: UnitInputs): UnitScore {
  const { explanation, ...totals } = scoreTree(framework, unit, inputs, true);
  return { nodes: explanation!.nodes, issues: explanation!.issues, ...totals };
}

/**
 * `scoreUnit`, and the keys of the leaves that apply to the unit with these inputs (those whose
 * trace entry says `applicable`: not excluded by group, type, an ancestor, an accepted
 * not-applicable claim, an absent survey or a zero denominator) — from the same untraced pass,
 * for callers that need per-leaf applicability without the trace.
 */
export function scoreWithApplicableLeaves(framework: Framework, unit: UnitProfile, inputs: UnitInputs): { score: UnitScore; applicableLeaves: ReadonlySet<string> } {
  const applicableLeaves = new Set<string>();
  const score = lazyScore(framework, unit, inputs, scoreTree(framework, unit, inputs, false, applicableLeaves));
  return { score, applicableLeaves };
}
