/**
 * A leaf's exact points without its explanation: the scorer's hot path. It follows `scoreLeaf`
 * (leaf.ts) on the inputs that score normally — valid inputs of the rule's kind, a missing
 * input — in plain-number arithmetic (exact.ts), and returns `undefined` for everything else
 * (an invalid input, a zero denominator, a figure too large for exact numbers, no rule), where
 * the scorer calls `scoreLeaf` itself. So the points are always `scoreLeaf`'s `exact`, with the
 * same num/den; a property test holds the two together.
 */
import { type ExactDecimal, parseDecimal } from '../decimal/parse.ts';
import type { FrameworkNode, RoundingSettings, Tier } from '../framework/types.ts';
import {
  type Q, type SmallQ, compareQ, fromRational, minQ, pointsQ, pow10Num, reduceQ, reduceSmall, roundQ,
} from './exact.ts';
import type { DecimalText, NodeInput } from './inputs.ts';
import { leafRoundingDecimals } from './leaf.ts';

const safe = Number.isSafeInteger;
const MAX_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The last decimal read by `smallDecimal`: units at a scale, in numbers (module state rather
 * than an object per input: this runs for every leaf of every unit).
 */
let decUnits = 0;
let decScale = 0;

/** Takes a `parseDecimal` result; false when invalid or too large for exact numbers. */
function fromExact(d: ExactDecimal | null): boolean {
  if (d === null || d.units > MAX_BIG || d.units < -MAX_BIG || pow10Num(d.scale) === undefined) return false;
  decUnits = Number(d.units);
  decScale = d.scale;
  return true;
}

const ZERO = 48;
const NINE = 57;
const DOT = 46;

/**
 * `parseDecimal` for the plain forms ("12", "0.75", 7) without BigInt, into decUnits/decScale;
 * any other form (comma, sign, spaces, grouping) goes through `parseDecimal` itself, so both
 * read the same value. False when the text is not a decimal or too large.
 */
function smallDecimal(input: DecimalText): boolean {
  if (typeof input === 'number') {
    if (!safe(input)) return fromExact(parseDecimal(input));
    decUnits = input;
    decScale = 0;
    return true;
  }
  const n = input.length;
  if (n === 0 || n > 15) return fromExact(parseDecimal(input));
  let units = 0;
  let scale = -1;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      units = units * 10 + (c - ZERO);
      if (scale >= 0) scale++;
    } else if (c === DOT && scale < 0 && i > 0 && i < n - 1) {
      scale = 0;
    } else {
      return fromExact(parseDecimal(input));
    }
  }
  decUnits = units;
  decScale = scale < 0 ? 0 : scale;
  return true;
}

/** `parsePoints` (≤ 3 decimals, trailing zeros beyond allowed) in plain numbers. */
function smallPoints(input: DecimalText): number | null {
  if (!smallDecimal(input)) return null;
  if (decScale > 3) {
    const excess = pow10Num(decScale - 3)!;
    return decUnits % excess === 0 ? decUnits / excess : null;
  }
  const p = decUnits * pow10Num(3 - decScale)!;
  return safe(p) ? p : null;
}

/** Points written in the framework, capped at the leaf's maximum (as `capAtMax` on Points). */
function capped(node: FrameworkNode, p: number): SmallQ {
  return pointsQ(p > node.maxPoints ? node.maxPoints : p);
}

/** Whether units/10^scale ≥ 0 compared with a tier bound (as `inTier`), or undefined if too large. */
function inTierQ(pct: SmallQ, tier: Tier): boolean | undefined {
  if (tier.lower) {
    const c = compareBound(pct, tier.lower.percent);
    if (c === undefined) return undefined;
    if (c < 0 || (c === 0 && !tier.lower.inclusive)) return false;
  }
  if (tier.upper) {
    const c = compareBound(pct, tier.upper.percent);
    if (c === undefined) return undefined;
    if (c > 0 || (c === 0 && !tier.upper.inclusive)) return false;
  }
  return true;
}

function compareBound(pct: SmallQ, bound: ExactDecimal): number | undefined {
  const p = pow10Num(bound.scale);
  if (p === undefined || bound.units > MAX_BIG || bound.units < -MAX_BIG) return undefined;
  const l = pct.num * p;
  const r = Number(bound.units) * pct.den;
  if (!safe(l) || !safe(r)) return undefined;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Rate rules: done ÷ required, as `readRate` and the rules after it. */
function ratePoints(node: FrameworkNode, input: NodeInput, rounding: RoundingSettings): Q | undefined {
  const rule = node.rule!;
  if (input.kind !== 'rate' || (rule.type !== 'rate_tiers' && rule.type !== 'proportional' && rule.type !== 'data_feed')) return undefined;
  if (!smallDecimal(input.numerator)) return undefined;
  const nUnits = decUnits;
  const nScale = decScale;
  if (!smallDecimal(input.denominator) || nUnits < 0 || decUnits < 0) return undefined;
  const dUnits = decUnits;
  const dScale = decScale;
  if (dUnits === 0) {
    if (rule.zeroDenominator === 'full_points') return pointsQ(node.maxPoints);
    if (rule.zeroDenominator === 'zero_points') return pointsQ(0);
    return undefined;
  }
  // share = (n / 10^ns) ÷ (d / 10^ds)
  const shareNum = nUnits * pow10Num(dScale)!;
  const shareDen = pow10Num(nScale)! * dUnits;
  if (!safe(shareNum) || !safe(shareDen)) return undefined;
  const tiers = rule.type === 'rate_tiers' ? rule.tiers
    : rule.type === 'data_feed' && rule.scoring.kind === 'tiers' ? rule.scoring.tiers : undefined;
  if (tiers) {
    const pct = { num: shareNum * 100, den: shareDen, lowest: false };
    if (!safe(pct.num)) return undefined;
    for (const t of tiers) {
      const inside = inTierQ(pct, t);
      if (inside === undefined) return undefined;
      if (inside) return capped(node, t.points);
    }
    return undefined;
  }
  const max = pointsQ(node.maxPoints);
  if (shareNum > shareDen) return reduceSmall(max.num, max.den);
  const rawNum = node.maxPoints * shareNum;
  const rawDen = 1000 * shareDen;
  if (!safe(rawNum) || !safe(rawDen)) return undefined;
  const decimals = leafRoundingDecimals(rule, rounding);
  const raw = { num: rawNum, den: rawDen, lowest: false };
  return reduceQ(minQ(decimals === undefined ? reduceSmall(rawNum, rawDen) : roundQ(raw, decimals), max));
}

function countOf(input: NodeInput): number | undefined {
  return input.kind === 'count' && safe(input.occurrences) && input.occurrences >= 0 ? input.occurrences : undefined;
}

/**
 * Exact points of a leaf whose input scores normally (missing counts: 0 points), else
 * undefined: then `scoreLeaf` says what happened (invalid input, not applicable…).
 */
export function leafPoints(node: FrameworkNode, input: NodeInput | undefined, rounding: RoundingSettings): Q | undefined {
  const rule = node.rule;
  if (!rule) return undefined;
  if (input === undefined) return pointsQ(0);
  if (input.kind === 'points') {
    const p = smallPoints(input.points);
    return p === null || p < 0 || p > node.maxPoints ? undefined : pointsQ(p);
  }
  switch (rule.type) {
    case 'choice': {
      if (input.kind !== 'choice') return undefined;
      for (const o of rule.options) if (o.key === input.option) return capped(node, o.points);
      return undefined;
    }
    case 'yes_no':
      return input.kind === 'yes_no' ? capped(node, input.value ? rule.yesPoints : rule.noPoints) : undefined;
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed':
      return ratePoints(node, input, rounding);
    case 'manual': {
      if (input.kind !== 'manual') return undefined;
      const p = smallPoints(input.points);
      if (p === null || p < rule.min || p > rule.max || (p - rule.min) % rule.step !== 0) return undefined;
      return capped(node, p);
    }
    case 'deduction': {
      const n = countOf(input);
      if (n === undefined) return undefined;
      const raw = rule.start - rule.perOccurrence * n;
      return capped(node, raw > rule.floor ? raw : rule.floor);
    }
    case 'bonus': {
      let raw: number;
      if (rule.mode === 'fixed') {
        if (input.kind !== 'awarded') return undefined;
        raw = input.value ? rule.points : 0;
      } else {
        const n = countOf(input);
        if (n === undefined) return undefined;
        raw = rule.points * n;
      }
      const atLeastZero = raw > 0 ? raw : 0; // clampPoints(raw, 0, cap)
      return pointsQ(atLeastZero < rule.cap ? atLeastZero : rule.cap);
    }
    case 'survey': {
      if (input.kind !== 'survey') return undefined;
      let r: Q;
      if (typeof input.points === 'object') {
        r = fromRational(input.points);
      } else {
        if (!smallDecimal(input.points)) return undefined;
        r = { num: decUnits, den: pow10Num(decScale)!, lowest: false };
      }
      if (r.num < 0) return undefined;
      const decimals = leafRoundingDecimals(rule, rounding);
      const pts = decimals === undefined ? reduceQ(r) : roundQ(r, decimals);
      return compareQ(pts, pointsQ(node.maxPoints)) > 0 ? pointsQ(node.maxPoints) : reduceQ(pts);
    }
  }
}
