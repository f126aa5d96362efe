/**
 * Score values in the workflow: a self-assessed, appraised or council value of one leaf is
 * either an input for the leaf's rule (preferred: rates keep their numerator and
 * denominator) or bare points, which must be a value the rule can produce.
 */
import type { MessageId } from '../messages/catalog.ts';
import { localized, type MessageParams } from '../messages/format.ts';
import { type Points, ZERO_POINTS, formatPoints, minPoints } from '../decimal/points.ts';
import type { FrameworkNode, RoundingSettings, Tier } from '../framework/types.ts';
import type { NodeInput } from '../scoring/inputs.ts';
import { leafRoundingDecimals, scoreLeaf } from '../scoring/leaf.ts';

export type ScoreValue =
  | { readonly input: NodeInput }
  | { readonly points: Points };

/** A value checked against the leaf's rule. */
export interface ResolvedValue {
  readonly notApplicable: boolean;
  /** Points of the leaf (0 when not applicable). */
  readonly points: Points;
  /** The input the points follow from; absent for bare points. */
  readonly input?: NodeInput;
  /** Why not applicable (declared reason, or the rule's zero denominator). */
  readonly notApplicableReason?: string;
}

export interface ValueError {
  readonly code: string;
  /** Vietnamese, formatted from the catalog message when `messageId` is set. */
  readonly message: string;
  readonly messageId?: MessageId;
  readonly params?: MessageParams;
}

export type ResolveResult = { readonly ok: true; readonly value: ResolvedValue } | { readonly ok: false; readonly error: ValueError };

function tierValues(tiers: readonly Tier[]): Points[] {
  return tiers.map((t) => t.points);
}

/** Whether bare points are a value a computed rule rounds to (any thousandths when exact). */
function isStepOf(p: Points, decimals: number | undefined): boolean {
  const unit = 10 ** (3 - (decimals ?? 3));
  return p % unit === 0;
}

/**
 * Whether `p` is a value the leaf's rule can produce (after capping at the node's
 * maximum), so an appraiser or the council cannot set a score the rule never gives.
 */
export function canProduce(node: FrameworkNode, p: Points, rounding: RoundingSettings): boolean {
  const rule = node.rule;
  if (!rule || !Number.isSafeInteger(p) || p < 0) return false;
  const max = node.maxPoints;
  const capped = (v: Points) => minPoints(v, max);
  const inSet = (vals: readonly Points[]) => vals.some((v) => capped(v) === p);
  switch (rule.type) {
    case 'choice':
      return inSet(rule.options.map((o) => o.points));
    case 'yes_no':
      return inSet([rule.yesPoints, rule.noPoints]);
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed': {
      const zero = rule.zeroDenominator === 'full_points' ? [max] : rule.zeroDenominator === 'zero_points' ? [ZERO_POINTS] : [];
      const tiers = rule.type === 'rate_tiers' ? rule.tiers
        : rule.type === 'data_feed' && rule.scoring.kind === 'tiers' ? rule.scoring.tiers : undefined;
      if (tiers) return inSet([...tierValues(tiers), ...zero]);
      return p <= max && isStepOf(p, leafRoundingDecimals(rule, rounding));
    }
    case 'manual':
      if (p === max && rule.max >= max && rule.min <= max) return true;
      return p <= max && p >= rule.min && p <= rule.max && rule.step > 0 && (p - rule.min) % rule.step === 0;
    case 'deduction': {
      const top = rule.start > rule.floor ? rule.start : rule.floor;
      if (p === max && top >= max) return true;
      if (p > max) return false;
      if (p === rule.floor) return rule.perOccurrence > 0 || rule.start <= rule.floor;
      if (p > rule.start || p < rule.floor) return false;
      if (rule.perOccurrence === 0) return p === rule.start;
      return (rule.start - p) % rule.perOccurrence === 0;
    }
    case 'bonus': {
      if (p > rule.cap) return false;
      if (p === 0) return true;
      if (rule.mode === 'fixed') return p === minPoints(rule.points, rule.cap);
      if (rule.points <= 0) return false;
      return p === rule.cap || p % rule.points === 0;
    }
    case 'survey':
      return p <= max && isStepOf(p, leafRoundingDecimals(rule, rounding));
  }
}

/** Check a value against the leaf: the points it gives, or why it cannot be used. */
export function resolveValue(node: FrameworkNode, value: ScoreValue, rounding: RoundingSettings): ResolveResult {
  if ('points' in value) {
    if (!canProduce(node, value.points, rounding)) {
      return {
        ok: false,
        error: {
          code: 'points_not_producible',
          ...localized('criterion.pointsNotProducible', { code: node.code, points: formatPoints(value.points, { style: 'plain' }) }),
        },
      };
    }
    return { ok: true, value: { notApplicable: false, points: value.points } };
  }
  const input = value.input;
  if (input.kind === 'not_applicable') {
    if (!node.applicability?.mayDeclareNotApplicable) {
      return { ok: false, error: { code: 'na_not_allowed', ...localized('criterion.notApplicableNotAllowed', { code: node.code }) } };
    }
    const reason = input.reason.trim();
    if (reason === '') {
      return { ok: false, error: { code: 'na_reason_missing', ...localized('criterion.notApplicableReasonMissing', { code: node.code }) } };
    }
    return { ok: true, value: { notApplicable: true, points: ZERO_POINTS, input: { kind: 'not_applicable', reason }, notApplicableReason: reason } };
  }
  const ev = scoreLeaf(node, input, rounding);
  if (ev.status === 'invalid') {
    const first = ev.issues[0];
    return {
      ok: false,
      error: first
        ? { code: first.code, message: first.message, ...(first.messageId ? { messageId: first.messageId, params: first.params ?? {} } : {}) }
        : { code: 'invalid_input', ...localized('criterion.invalidInput', { code: node.code }) },
    };
  }
  if (ev.status === 'not_applicable') {
    return { ok: true, value: { notApplicable: true, points: ZERO_POINTS, input, notApplicableReason: ev.explanation } };
  }
  return { ok: true, value: { notApplicable: false, points: ev.points, input } };
}

/** Whether two resolved values give the same result (points and applicability). */
export function sameResult(a: ResolvedValue | undefined, b: ResolvedValue | undefined): boolean {
  if (!a || !b) return a === b;
  return a.notApplicable === b.notApplicable && a.points === b.points;
}

/** A value as a `scoreValue` message parameter: plain points ("2.5"), "na", or "" for none. */
export function valueParam(v: ResolvedValue | undefined): string {
  if (!v) return '';
  return v.notApplicable ? 'na' : formatPoints(v.points, { style: 'plain' });
}

/** "2,5 điểm" or "không áp dụng", for messages. */
export function describeValue(v: ResolvedValue | undefined): string {
  if (!v) return 'chưa có';
  return v.notApplicable ? 'không áp dụng' : `${formatPoints(v.points)} điểm`;
}
