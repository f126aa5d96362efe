/**
 * The baseline of the scoring benchmark: what the hardware does with the same inputs in a plain
 * integer loop, no exactness beyond integer hundredths and no trace. Per unit: each leaf's points
 * in integer hundredths from its input (option lookup, yes/no, a rate against 90 %/70 % tier
 * bounds by cross-multiplication, proportional points rounded to the hundredth, quarter-point
 * manual points and survey points read with Number(), deductions), not-applicable leaves dropped
 * with their maximum (declared, or excluded by unit type), each criterion's and field's sum capped
 * at its (applicable) maximum, the index in hundredths of a percent; then one sort per group
 * (index, the tie-break field's index, unit id) with shared ranks, and a threshold lookup of the
 * class. The framework is flattened once, outside the timing (as the engine caches its plan).
 */
import type { Framework, FrameworkNode, UnitInputs } from '../../packages/core/src/index.ts';
import type { SyntheticUnit } from './synthetic.ts';

const enum Kind { Choice, YesNo, Tiers, Proportional, Manual, Deduction, Survey }

interface LoopLeaf {
  readonly key: string;
  readonly kind: Kind;
  /** Hundredths. */
  readonly max: number;
  readonly criterion: number;
  readonly options: Readonly<Record<string, number>>;
  /** Tier points (hundredths) from the highest tier down, with their lower bound in percent. */
  readonly tiers: readonly (readonly [lowerPercent: number, points: number])[];
  readonly start: number;
  readonly per: number;
  readonly unitTypes: readonly string[] | undefined;
}

export interface LoopPlan {
  readonly leaves: readonly LoopLeaf[];
  /** Criterion maximum (hundredths) and its field. */
  readonly criteria: readonly { readonly max: number; readonly field: number }[];
  readonly fieldMax: readonly number[];
  readonly tieField: number;
  /** Lower bounds in hundredths of a percent, highest first, with their labels. */
  readonly bands: readonly (readonly [number, string])[];
}

const hundredths = (thousandths: number) => Math.round(thousandths / 10);

export function loopPlan(framework: Framework): LoopPlan {
  const leaves: LoopLeaf[] = [];
  const criteria: { max: number; field: number }[] = [];
  const fieldMax: number[] = [];
  const tie = framework.settings.ranking.tieBreaks[0];
  framework.nodes.forEach((field, f) => {
    fieldMax.push(hundredths(field.maxPoints));
    for (const crit of field.children) {
      const c = criteria.length;
      criteria.push({ max: hundredths(crit.maxPoints), field: f });
      for (const leaf of crit.children) leaves.push(loopLeaf(leaf, c));
    }
  });
  return {
    leaves, criteria, fieldMax,
    tieField: tie?.kind === 'component_index' ? framework.nodes.findIndex((n) => n.key === tie.fieldKey) : -1,
    bands: framework.settings.classification.bands.map((b) => [Number(b.minPercent.units) * 100 / 10 ** b.minPercent.scale, b.label] as const),
  };
}

function loopLeaf(n: FrameworkNode, criterion: number): LoopLeaf {
  const rule = n.rule!;
  const base = { key: n.key, max: hundredths(n.maxPoints), criterion, options: {}, tiers: [], start: 0, per: 0, unitTypes: n.applicability?.unitTypes };
  const tiers = (ts: readonly { lower?: { percent: { units: bigint; scale: number } }; points: number }[]) =>
    ts.map((t) => [t.lower ? Number(t.lower.percent.units) / 10 ** t.lower.percent.scale : 0, hundredths(t.points)] as const);
  switch (rule.type) {
    case 'choice': return { ...base, kind: Kind.Choice, options: Object.fromEntries(rule.options.map((o) => [o.key, hundredths(o.points)])) };
    case 'yes_no': return { ...base, kind: Kind.YesNo, start: hundredths(rule.yesPoints), per: hundredths(rule.noPoints) };
    case 'rate_tiers': return { ...base, kind: Kind.Tiers, tiers: tiers(rule.tiers) };
    case 'data_feed': return rule.scoring.kind === 'tiers' ? { ...base, kind: Kind.Tiers, tiers: tiers(rule.scoring.tiers) } : { ...base, kind: Kind.Proportional };
    case 'proportional': return { ...base, kind: Kind.Proportional };
    case 'manual': return { ...base, kind: Kind.Manual };
    case 'deduction': return { ...base, kind: Kind.Deduction, start: hundredths(rule.start), per: hundredths(rule.perOccurrence) };
    case 'survey': return { ...base, kind: Kind.Survey };
    case 'bonus': throw new Error('no bonus leaves in the synthetic framework');
  }
}

/** Points of one leaf in hundredths, or -1 when it does not apply. */
function leafHundredths(l: LoopLeaf, inputs: UnitInputs, type: string | undefined): number {
  if (l.unitTypes && !(type !== undefined && l.unitTypes.includes(type))) return -1;
  const input = inputs[l.key];
  if (input === undefined) return 0;
  switch (input.kind) {
    case 'not_applicable': return -1;
    case 'choice': return l.options[input.option] ?? 0;
    case 'yes_no': return input.value ? l.start : l.per;
    case 'rate': {
      const num = Number(input.numerator);
      const den = Number(input.denominator);
      if (den === 0) return -1;
      if (l.kind === Kind.Proportional) return num >= den ? l.max : Math.floor((2 * l.max * num + den) / (2 * den));
      for (const [lower, pts] of l.tiers) if (num * 100 >= lower * den) return pts;
      return 0;
    }
    case 'manual': case 'survey': return Math.min(l.max, Math.round(Number(input.points) * 100));
    case 'count': return Math.max(0, l.start - l.per * input.occurrences);
    default: return 0;
  }
}

export interface LoopOutcome { scored: number; ranked: number; classes: Map<string, number>; checksum: number }

/** The whole baseline: points, caps, index, ranking and class of every unit. */
export function runLoop(plan: LoopPlan, units: readonly SyntheticUnit[]): LoopOutcome {
  const nc = plan.criteria.length;
  const nf = plan.fieldMax.length;
  const critSum = new Int32Array(nc);
  const critLost = new Int32Array(nc);
  const fieldSum = new Int32Array(nf);
  const fieldApplicable = new Int32Array(nf);
  const index = new Int32Array(units.length);
  const tie = new Int32Array(units.length);
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    critSum.fill(0);
    critLost.fill(0);
    fieldSum.fill(0);
    fieldApplicable.fill(0);
    for (const l of plan.leaves) {
      const p = leafHundredths(l, unit.inputs, unit.profile.type);
      if (p < 0) critLost[l.criterion]! += l.max;
      else critSum[l.criterion]! += p;
    }
    for (let c = 0; c < nc; c++) {
      const { max, field } = plan.criteria[c]!;
      const applicable = max - critLost[c]!;
      fieldSum[field]! += Math.min(critSum[c]!, applicable);
      fieldApplicable[field]! += applicable;
    }
    let total = 0;
    let totalMax = 0;
    for (let f = 0; f < nf; f++) {
      const applicable = Math.min(plan.fieldMax[f]!, fieldApplicable[f]!);
      total += Math.min(fieldSum[f]!, applicable);
      totalMax += applicable;
      if (f === plan.tieField) tie[u] = applicable > 0 ? Math.floor((fieldSum[f]! * 10000) / applicable) : -1;
    }
    index[u] = totalMax > 0 ? Math.floor((total * 10000) / totalMax) : -1;
  }
  // Ranking: per group, index then tie-break then unit id; equal (index, tie) share a rank.
  const groups = new Map<string, number[]>();
  units.forEach((unit, u) => {
    const list = groups.get(unit.group);
    if (list) list.push(u);
    else groups.set(unit.group, [u]);
  });
  const classes = new Map<string, number>();
  let ranked = 0;
  let checksum = 0;
  for (const list of groups.values()) {
    list.sort((a, b) => index[b]! - index[a]! || tie[b]! - tie[a]! || (units[a]!.unitId < units[b]!.unitId ? -1 : 1));
    let rank = 0;
    for (let i = 0; i < list.length; i++) {
      const u = list[i]!;
      if (index[u]! < 0) continue;
      if (i === 0 || index[u] !== index[list[i - 1]!] || tie[u] !== tie[list[i - 1]!]) rank = i + 1;
      ranked++;
      checksum += rank * index[u]!;
      let label = '—';
      for (const [min, l] of plan.bands) if (index[u]! >= min) { label = l; break; }
      classes.set(label, (classes.get(label) ?? 0) + 1);
    }
  }
  return { scored: units.length, ranked, classes, checksum };
}
