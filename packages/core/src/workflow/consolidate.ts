/**
 * Consolidation (tổng hợp): per unit and leaf the effective value by precedence
 * council-approved > appraised > self-assessed (> supplied by the survey or a data feed),
 * the difference between self and final, the disputed criteria — and the unit's index,
 * rank and class computed by the core's own `scoreUnit`, `rankUnits` and `classifyScore`
 * on the effective inputs, so there is one code path from inputs to published figures.
 */
import { type Points, ZERO_POINTS, pointsToString, subPoints } from '../decimal/points.ts';
import type { Band, Framework, FrameworkNode, Rule } from '../framework/types.ts';
import { walkNodes } from '../framework/tree.ts';
import type { NodeInput, UnitInputs, UnitProfile } from '../scoring/inputs.ts';
import { type UnitScore, scoreUnit } from '../scoring/score.ts';
import { type RankedUnit, rankUnits } from '../ranking/rank.ts';
import { classifyScore } from '../ranking/classify.ts';
import { type CriterionRecord, selfValue } from './criterion.ts';
import { type ResolvedValue, resolveValue, sameResult } from './values.ts';

export type ValueLevel = 'council' | 'appraised' | 'self' | 'supplied' | 'none';

export type DisputeReason =
  /** The appraised value differs from the self-assessed one. */
  | 'appraisal_changed'
  /** An explanation or more evidence was requested. */
  | 'explanation_requested'
  /** The council's approved value differs from the appraised one. */
  | 'council_changed';

export interface LeafConsolidation {
  readonly key: string;
  readonly code: string;
  /** Effective appraising agency (cycle reassignment applied). */
  readonly agency?: string;
  readonly self?: ResolvedValue;
  readonly appraised?: ResolvedValue;
  /** Council value approved by the chair. */
  readonly council?: ResolvedValue;
  /** Council value proposed but not approved yet (not effective). */
  readonly proposed?: ResolvedValue;
  readonly supplied?: ResolvedValue;
  readonly level: ValueLevel;
  readonly effective?: ResolvedValue;
  /** Final minus self points (not applicable counts as 0). */
  readonly difference: Points;
  readonly disputed: boolean;
  readonly disputeReasons: readonly DisputeReason[];
  /** Explanation of the level's decision, if any (appraiser's or council's reason). */
  readonly reason?: string;
}

export interface UnitConsolidation {
  readonly unitId: string;
  readonly leaves: readonly LeafConsolidation[];
  /** The inputs fed to `scoreUnit` for the final score (see `framework` for bare points). */
  readonly effectiveInputs: UnitInputs;
  /** The framework the final score used: the cycle's, with bare-point leaves made manual. */
  readonly scoredFramework: Framework;
  /** Score of the self-assessment as submitted. */
  readonly selfScore: UnitScore;
  /** Final score: index, component indexes, points — from `scoreUnit`. */
  readonly score: UnitScore;
  readonly disputedCount: number;
}

export interface ConsolidationOptions {
  /** Inputs supplied for survey or data-feed leaves (imported survey points, feed figures). */
  readonly supplied?: UnitInputs;
  /** Cycle reassignment of leaves to appraising agencies: node key → agency code. */
  readonly agencyOverrides?: Readonly<Record<string, string>>;
}

export type CriterionRecords = ReadonlyMap<string, CriterionRecord> | Readonly<Record<string, CriterionRecord | undefined>>;

function recordOf(records: CriterionRecords, key: string): CriterionRecord | undefined {
  return records instanceof Map ? records.get(key) : (records as Readonly<Record<string, CriterionRecord | undefined>>)[key];
}

/** Appraising agency of every leaf: the framework's (inherited), then the cycle's overrides. */
export function leafAgencies(framework: Framework, overrides: Readonly<Record<string, string>> = {}): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const inherited = new Map<string, string | undefined>();
  for (const v of walkNodes(framework.nodes)) {
    const own = overrides[v.node.key];
    const parentAgency = v.parent ? inherited.get(v.parent.key) : undefined;
    const agency = own ?? v.node.appraisingAgency ?? parentAgency;
    inherited.set(v.node.key, agency);
    if (v.node.children.length === 0) out.set(v.node.key, agency);
  }
  return out;
}

/** Leaf precedence: council-approved > appraised > self > supplied. */
export function effectiveValue(l: Pick<LeafConsolidation, 'council' | 'appraised' | 'self' | 'supplied'>): { level: ValueLevel; value?: ResolvedValue } {
  if (l.council) return { level: 'council', value: l.council };
  if (l.appraised) return { level: 'appraised', value: l.appraised };
  if (l.self) return { level: 'self', value: l.self };
  if (l.supplied) return { level: 'supplied', value: l.supplied };
  return { level: 'none' };
}

function manualOverride(node: FrameworkNode): Rule {
  return { type: 'manual', min: ZERO_POINTS, max: node.maxPoints, step: 1 as Points };
}

function overrideInput(node: FrameworkNode, p: Points): { rule?: Rule; input: NodeInput } {
  const text = pointsToString(p);
  switch (node.rule?.type) {
    case 'survey':
      return { input: { kind: 'survey', points: text } };
    case 'bonus':
      return { rule: { type: 'bonus', mode: 'fixed', points: p, cap: node.rule.cap }, input: { kind: 'awarded', value: true } };
    default:
      return { rule: manualOverride(node), input: { kind: 'manual', points: text } };
  }
}

function replaceRules(nodes: readonly FrameworkNode[], rules: ReadonlyMap<string, Rule>): FrameworkNode[] {
  return nodes.map((n) => {
    const r = rules.get(n.key);
    const children = n.children.length > 0 ? replaceRules(n.children, rules) : n.children;
    return r ? { ...n, rule: r, children } : children === n.children ? n : { ...n, children };
  });
}

/**
 * Consolidate one unit. `records` are the unit's criterion records by node key.
 */
export function consolidateUnit(
  framework: Framework,
  unitId: string,
  profile: UnitProfile,
  records: CriterionRecords,
  options: ConsolidationOptions = {},
): UnitConsolidation {
  const rounding = framework.settings.rounding;
  const agencies = leafAgencies(framework, options.agencyOverrides);
  const leaves: LeafConsolidation[] = [];
  const selfInputs: Record<string, NodeInput> = {};
  const effectiveInputs: Record<string, NodeInput> = {};
  const ruleOverrides = new Map<string, Rule>();

  for (const { node } of walkNodes(framework.nodes)) {
    if (node.children.length > 0) continue;
    const rec = recordOf(records, node.key);
    const suppliedInput = options.supplied?.[node.key];
    let supplied: ResolvedValue | undefined;
    if (suppliedInput) {
      const r = resolveValue(node, { input: suppliedInput }, rounding);
      if (r.ok) supplied = r.value;
    }
    const self = rec ? selfValue(node, rec.self, rounding) : undefined;
    if (rec?.self.input) selfInputs[node.key] = rec.self.input;
    else if (suppliedInput) selfInputs[node.key] = suppliedInput;
    const appraised = rec?.appraisal?.value;
    const council = rec?.council?.approved ? rec.council.value : undefined;
    const proposed = rec?.council && !rec.council.approved ? rec.council.value : undefined;
    const { level, value } = effectiveValue({ council, appraised, self, supplied });

    if (value?.input) {
      effectiveInputs[node.key] = value.input;
    } else if (value) {
      const o = overrideInput(node, value.points);
      if (o.rule) ruleOverrides.set(node.key, o.rule);
      effectiveInputs[node.key] = o.input;
    }

    const reasons: DisputeReason[] = [];
    if (appraised && !sameResult(appraised, self)) reasons.push('appraisal_changed');
    if ((rec?.requests.length ?? 0) > 0) reasons.push('explanation_requested');
    if (council && appraised && !sameResult(council, appraised)) reasons.push('council_changed');
    const base = self ?? supplied;
    const difference = subPoints(value?.points ?? ZERO_POINTS, base?.points ?? ZERO_POINTS);
    const reason = level === 'council' ? rec?.council?.reason : level === 'appraised' ? rec?.appraisal?.reason : undefined;
    const agency = agencies.get(node.key);
    leaves.push({
      key: node.key, code: node.code,
      ...(agency !== undefined ? { agency } : {}),
      ...(self ? { self } : {}),
      ...(appraised ? { appraised } : {}),
      ...(council ? { council } : {}),
      ...(proposed ? { proposed } : {}),
      ...(supplied ? { supplied } : {}),
      level,
      ...(value ? { effective: value } : {}),
      difference,
      disputed: reasons.length > 0,
      disputeReasons: reasons,
      ...(reason !== undefined ? { reason } : {}),
    });
  }

  const scoredFramework: Framework = ruleOverrides.size === 0 ? framework : { ...framework, nodes: replaceRules(framework.nodes, ruleOverrides) };
  return {
    unitId,
    leaves,
    effectiveInputs,
    scoredFramework,
    selfScore: scoreUnit(framework, profile, selfInputs),
    score: scoreUnit(scoredFramework, profile, effectiveInputs),
    disputedCount: leaves.filter((l) => l.disputed).length,
  };
}

export interface GroupMember {
  readonly unitId: string;
  readonly profile: UnitProfile;
  readonly records: CriterionRecords;
  readonly supplied?: UnitInputs;
}

export interface GroupConsolidation {
  readonly units: readonly UnitConsolidation[];
  /** Ranked by the framework's own ranking settings (highest first, ties share a rank). */
  readonly ranking: readonly RankedUnit<UnitScore>[];
  readonly classes: ReadonlyMap<string, Band | null>;
}

/** Consolidate, rank and classify a group of units assessed on the same framework. */
export function consolidateGroup(
  framework: Framework,
  members: readonly GroupMember[],
  options: Pick<ConsolidationOptions, 'agencyOverrides'> = {},
): GroupConsolidation {
  const units = members.map((m) => consolidateUnit(framework, m.unitId, m.profile, m.records, {
    ...options, ...(m.supplied ? { supplied: m.supplied } : {}),
  }));
  const ranking = rankUnits(units.map((u) => ({ unitId: u.unitId, score: u.score })), framework.settings.ranking);
  const classes = new Map(units.map((u) => [u.unitId, classifyScore(framework, u.score)] as const));
  return { units, ranking, classes };
}
