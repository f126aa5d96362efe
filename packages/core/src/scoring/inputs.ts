/**
 * What a unit records for each node, keyed by the node's stable key.
 * Decimal values are text ("0,75" or "0.75") or numbers with ≤ 3 decimals.
 */
import type { Rational } from '../decimal/rational.ts';

export type DecimalText = string | number;

export type NodeInput =
  /** Key of the chosen option (choice rule). */
  | { readonly kind: 'choice'; readonly option: string }
  | { readonly kind: 'yes_no'; readonly value: boolean }
  /** Rate inputs (rate_tiers, proportional, data_feed): done / required, or the feed's figures. */
  | { readonly kind: 'rate'; readonly numerator: DecimalText; readonly denominator: DecimalText }
  | { readonly kind: 'manual'; readonly points: DecimalText }
  /** Number of occurrences (deduction; per-occurrence bonus). */
  | { readonly kind: 'count'; readonly occurrences: number }
  /** Fixed bonus awarded or not. */
  | { readonly kind: 'awarded'; readonly value: boolean }
  /** Points supplied by the survey; a Rational is rounded per the framework. */
  | { readonly kind: 'survey'; readonly points: DecimalText | Rational }
  /**
   * Points set directly, bypassing the rule: an appraiser's or the council's final score
   * (điểm thẩm định). Must be within [0, max] (for a bonus leaf, [0, cap]), ≤ 3 decimals.
   */
  | { readonly kind: 'points'; readonly points: DecimalText; readonly reason?: string }
  /** The unit declares the node not applicable (không áp dụng), with a reason. */
  | { readonly kind: 'not_applicable'; readonly reason: string };

export type UnitInputs = Readonly<Record<string, NodeInput | undefined>>;

/** The unit being scored: its group (nhóm) and type, for applicability. */
export interface UnitProfile {
  readonly group?: string;
  readonly type?: string;
}
