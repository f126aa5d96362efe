/**
 * Points of one leaf from its input. Pure and cheap: the web app calls it as a user types.
 */
import { parseDecimal } from '../decimal/parse.ts';
import {
  type Points, ZERO_POINTS, clampPoints, formatExactPoints, formatPoints, maxPoints as maxOf, mulPointsInt,
  parsePoints, pointsFromRational, pointsToRational, subPoints,
} from '../decimal/points.ts';
import {
  type Rational, compareRational, minRational, mulRational, rational, rationalFromDecimal, rationalToFixedString,
  reduceRational, roundRational,
} from '../decimal/rational.ts';
import type { FrameworkNode, RoundingSettings, Rule, Tier, ZeroDenominator } from '../framework/types.ts';
import { type Issue, issue } from '../issues.ts';
import type { DecimalText, NodeInput } from './inputs.ts';

export type LeafStatus =
  /** Points follow from a valid input. */
  | 'scored'
  /** No input yet: 0 points. */
  | 'missing'
  /** Input unusable (wrong kind, out of bounds…): 0 points, see issues. */
  | 'invalid'
  /** The rule itself made the leaf not applicable (zero denominator declared so). */
  | 'not_applicable';

export interface LeafEvaluation {
  readonly status: LeafStatus;
  /**
   * Exact points of the leaf, within its maximum (for a bonus leaf: within its cap): 45 of 50 ×
   * 0,75 is 27/40; 2 of 3 × 1 is 2/3. Rounded only where a rule says. Not necessarily in lowest
   * terms (points written in the framework stay thousandths); `rationalToText` is canonical.
   */
  readonly exact: Rational;
  /** `exact` to the nearest thousandth (half-up), for columns and texts in thousandths. */
  readonly points: Points;
  /** Whether the rule's raw value exceeded the maximum and was capped. */
  readonly capped: boolean;
  /** Exact rate in percent for rate rules, when computable. */
  readonly ratePercent?: Rational;
  /** Index of the matched tier, for tier rules. */
  readonly tierIndex?: number;
  /** One Vietnamese sentence saying how the points follow from the input. */
  readonly explanation: string;
  readonly issues: readonly Issue[];
}

const HUNDRED: Rational = { num: 100n, den: 1n };

function fmt(p: Points): string {
  return formatPoints(p);
}

function percentText(r: Rational): string {
  return rationalToFixedString(r, 2).replace('.', ',') + '%';
}

const NO_ISSUES: readonly Issue[] = Object.freeze([]);

function result(
  status: LeafStatus, pts: Points | Rational, explanation: string, extra: Partial<LeafEvaluation> = {},
): LeafEvaluation {
  // Points stay thousandths (they sum without a gcd); computed values are reduced.
  const exact = typeof pts === 'number' ? pointsToRational(pts) : reduceRational(pts);
  const points = typeof pts === 'number' ? pts : pointsFromRational(exact, 3);
  return { status, exact, points, capped: false, explanation, issues: NO_ISSUES, ...extra };
}

/**
 * Decimals a leaf's computed points are rounded to: the rule's own declaration, else the
 * framework's `pointsDecimals`; undefined = exact. Only computed points (proportional, survey,
 * proportional data feed) are ever rounded: other rules give points written in the framework.
 */
export function leafRoundingDecimals(rule: Rule, rounding: RoundingSettings): number | undefined {
  switch (rule.type) {
    case 'proportional':
    case 'survey':
    case 'data_feed':
      return rule.rounding?.decimals ?? rounding.pointsDecimals;
    default:
      return undefined;
  }
}

/** Applies the declared rounding, if any, to computed points. */
function declaredRounding(r: Rational, decimals: number | undefined): Rational {
  return decimals === undefined ? reduceRational(r) : roundRational(r, decimals);
}

function bad(node: FrameworkNode, code: string, message: string): LeafEvaluation {
  return result('invalid', ZERO_POINTS, message, {
    issues: [issue(code, `Tiêu chí ${node.code}: ${message}`, { nodeCode: node.code, nodeKey: node.key })],
  });
}

function capAtMax(node: FrameworkNode, raw: Points | Rational, explanation: string, extra: Partial<LeafEvaluation> = {}): LeafEvaluation {
  const capped = typeof raw === 'number' ? raw > node.maxPoints : compareRational(raw, pointsToRational(node.maxPoints)) > 0;
  const pts = capped ? node.maxPoints : raw;
  const text = capped ? `${explanation}; vượt điểm tối đa, tính ${fmt(node.maxPoints)} điểm` : explanation;
  return result('scored', pts, text, { ...extra, capped });
}

/** Whether an exact percentage falls in a tier (bounds inclusive or exclusive). */
export function inTier(ratePercent: Rational, tier: Tier): boolean {
  if (tier.lower) {
    const c = compareRational(ratePercent, rationalFromDecimal(tier.lower.percent));
    if (c < 0 || (c === 0 && !tier.lower.inclusive)) return false;
  }
  if (tier.upper) {
    const c = compareRational(ratePercent, rationalFromDecimal(tier.upper.percent));
    if (c > 0 || (c === 0 && !tier.upper.inclusive)) return false;
  }
  return true;
}

interface RateValues {
  readonly num: Rational;
  readonly den: Rational;
}

function readRate(node: FrameworkNode, input: NodeInput): RateValues | LeafEvaluation {
  if (input.kind !== 'rate') return bad(node, 'input_kind', 'cần nhập tử số và mẫu số của tỷ lệ');
  const n = parseDecimal(input.numerator);
  const d = parseDecimal(input.denominator);
  if (n === null || d === null) return bad(node, 'input_not_number', 'tử số và mẫu số phải là số');
  if (n.units < 0n || d.units < 0n) return bad(node, 'input_negative', 'tử số và mẫu số không được âm');
  return { num: rationalFromDecimal(n), den: rationalFromDecimal(d) };
}

function zeroDenominator(node: FrameworkNode, behaviour: ZeroDenominator): LeafEvaluation {
  switch (behaviour) {
    case 'not_applicable':
      return result('not_applicable', ZERO_POINTS, 'Mẫu số bằng 0: tiêu chí không áp dụng');
    case 'full_points':
      return result('scored', node.maxPoints, `Mẫu số bằng 0: đạt điểm tối đa ${fmt(node.maxPoints)}`);
    case 'zero_points':
      return result('scored', ZERO_POINTS, 'Mẫu số bằng 0: 0 điểm');
  }
}

function scoreTiers(node: FrameworkNode, tiers: readonly Tier[], rate: RateValues): LeafEvaluation {
  const pct = mulRational(rational(rate.num.num * rate.den.den, rate.num.den * rate.den.num), HUNDRED);
  const idx = tiers.findIndex((t) => inTier(pct, t));
  if (idx < 0) {
    return bad(node, 'rate_outside_tiers', `tỷ lệ ${percentText(pct)} không thuộc mức nào`);
  }
  const tier = tiers[idx]!;
  return capAtMax(node, tier.points, `Tỷ lệ ${percentText(pct)} thuộc mức ${tierText(tier)}: ${fmt(tier.points)} điểm`, {
    ratePercent: pct,
    tierIndex: idx,
  });
}

/** "[80%; 100%)" style text of a tier's interval. */
export function tierText(t: Tier): string {
  const lo = t.lower ? `${t.lower.inclusive ? '[' : '('}${decText(t.lower.percent)}%` : '(−∞';
  const hi = t.upper ? `${decText(t.upper.percent)}%${t.upper.inclusive ? ']' : ')'}` : '+∞)';
  return `${lo}; ${hi}`;
}

function decText(d: { units: bigint; scale: number }): string {
  return rationalToFixedString(rationalFromDecimal(d), d.scale).replace('.', ',');
}

function scoreProportional(node: FrameworkNode, rate: RateValues, decimals: number | undefined): LeafEvaluation {
  const share = rational(rate.num.num * rate.den.den, rate.num.den * rate.den.num);
  const raw = mulRational(pointsToRational(node.maxPoints), share);
  const pct = mulRational(share, HUNDRED);
  const capped = compareRational(share, { num: 1n, den: 1n }) > 0;
  const max = pointsToRational(node.maxPoints);
  const pts = capped ? max : minRational(declaredRounding(raw, decimals), max);
  const text = `${fmt(node.maxPoints)} × ${percentText(pct)} = ${formatExactPoints(pts)} điểm`
    + (capped ? ' (tối đa)' : decimals !== undefined ? ` (làm tròn ${decimals} chữ số thập phân)` : '');
  return result('scored', pts, text, { ratePercent: pct, capped });
}

function readCount(node: FrameworkNode, input: NodeInput): number | LeafEvaluation {
  if (input.kind !== 'count') return bad(node, 'input_kind', 'cần nhập số lần');
  if (!Number.isSafeInteger(input.occurrences) || input.occurrences < 0) {
    return bad(node, 'input_count', 'số lần phải là số nguyên không âm');
  }
  return input.occurrences;
}

/** Points set directly (appraisal, council), checked against the leaf's maximum. */
function scoreSetPoints(node: FrameworkNode, value: DecimalText, reason: string | undefined): LeafEvaluation {
  const p = parsePoints(value);
  if (p === null) return bad(node, 'input_not_number', 'điểm phải là số có tối đa 3 chữ số thập phân');
  if (p < 0 || p > node.maxPoints) {
    return bad(node, 'points_out_of_bounds', `điểm phải từ 0 đến ${fmt(node.maxPoints)}`);
  }
  return result('scored', p, `Điểm được xác định ${fmt(p)}` + (reason ? ` (${reason})` : ''));
}

/**
 * Evaluate a leaf's rule on an input. `input` undefined → status 'missing', 0 points.
 * A 'not_applicable' input is handled by the tree scorer, not here.
 */
export function scoreLeaf(
  node: FrameworkNode,
  input: NodeInput | undefined,
  rounding: RoundingSettings,
): LeafEvaluation {
  const rule = node.rule;
  if (!rule) return bad(node, 'no_rule', 'chưa có quy tắc chấm điểm');
  if (input === undefined) return result('missing', ZERO_POINTS, 'Chưa nhập: 0 điểm');
  if (input.kind === 'not_applicable') return result('not_applicable', ZERO_POINTS, `Không áp dụng: ${input.reason}`);
  if (input.kind === 'points') return scoreSetPoints(node, input.points, input.reason);

  switch (rule.type) {
    case 'choice': {
      if (input.kind !== 'choice') return bad(node, 'input_kind', 'cần chọn một mức');
      const opt = rule.options.find((o) => o.key === input.option);
      if (!opt) return bad(node, 'unknown_option', `không có mức "${input.option}"`);
      return capAtMax(node, opt.points, `${opt.label}: ${fmt(opt.points)} điểm`);
    }
    case 'yes_no': {
      if (input.kind !== 'yes_no') return bad(node, 'input_kind', 'cần chọn Có hoặc Không');
      const pts = input.value ? rule.yesPoints : rule.noPoints;
      return capAtMax(node, pts, `${input.value ? 'Có' : 'Không'}: ${fmt(pts)} điểm`);
    }
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed': {
      const rate = readRate(node, input);
      if ('status' in rate) return rate;
      if (rate.den.num === 0n) return zeroDenominator(node, rule.zeroDenominator);
      const byTiers = rule.type === 'rate_tiers' ? rule.tiers
        : rule.type === 'data_feed' && rule.scoring.kind === 'tiers' ? rule.scoring.tiers : undefined;
      return byTiers ? scoreTiers(node, byTiers, rate) : scoreProportional(node, rate, leafRoundingDecimals(rule, rounding));
    }
    case 'manual': {
      if (input.kind !== 'manual') return bad(node, 'input_kind', 'cần nhập số điểm');
      const p = parsePoints(input.points);
      if (p === null) return bad(node, 'input_not_number', 'điểm phải là số có tối đa 3 chữ số thập phân');
      if (p < rule.min || p > rule.max) {
        return bad(node, 'manual_out_of_bounds', `điểm phải từ ${fmt(rule.min)} đến ${fmt(rule.max)}`);
      }
      if ((p - rule.min) % rule.step !== 0) {
        return bad(node, 'manual_step', `điểm phải theo bước ${fmt(rule.step)}`);
      }
      return capAtMax(node, p, `Chấm ${fmt(p)} điểm`);
    }
    case 'deduction': {
      const n = readCount(node, input);
      if (typeof n !== 'number') return n;
      const raw = subPoints(rule.start, mulPointsInt(rule.perOccurrence, n));
      const pts = maxOf(raw, rule.floor);
      return capAtMax(node, pts,
        `${fmt(rule.start)} − ${n} × ${fmt(rule.perOccurrence)}` + (raw < rule.floor ? `, không thấp hơn ${fmt(rule.floor)}` : '') + `: ${fmt(pts)} điểm`);
    }
    case 'bonus': {
      let raw: Points;
      let text: string;
      if (rule.mode === 'fixed') {
        if (input.kind !== 'awarded') return bad(node, 'input_kind', 'cần chọn có hoặc không được cộng điểm');
        raw = input.value ? rule.points : ZERO_POINTS;
        text = input.value ? `Được cộng ${fmt(rule.points)} điểm` : 'Không được cộng điểm';
      } else {
        const n = readCount(node, input);
        if (typeof n !== 'number') return n;
        raw = mulPointsInt(rule.points, n);
        text = `${n} × ${fmt(rule.points)} = ${fmt(raw)} điểm cộng`;
      }
      const pts = clampPoints(raw, ZERO_POINTS, rule.cap);
      return result('scored', pts, raw > rule.cap ? `${text}; tối đa ${fmt(rule.cap)}` : text, { capped: raw > rule.cap });
    }
    case 'survey': {
      if (input.kind !== 'survey') return bad(node, 'input_kind', 'điểm do điều tra xã hội học cung cấp');
      const supplied = input.points;
      let r: Rational;
      if (typeof supplied === 'object') {
        r = supplied;
      } else {
        const d = parseDecimal(supplied);
        if (d === null) return bad(node, 'input_not_number', 'điểm điều tra phải là số');
        r = rationalFromDecimal(d);
      }
      if (r.num < 0n) return bad(node, 'input_negative', 'điểm điều tra không được âm');
      const decimals = leafRoundingDecimals(rule, rounding);
      const pts = declaredRounding(r, decimals);
      return capAtMax(node, pts, `Điểm điều tra xã hội học: ${formatExactPoints(pts)} điểm`
        + (decimals !== undefined && compareRational(pts, r) !== 0 ? ` (${formatExactPoints(r)} làm tròn ${decimals} chữ số thập phân)` : ''));
    }
  }
}
