/**
 * The criteria framework (bộ tiêu chí): a tree of nodes — field (lĩnh vực) → criterion
 * (tiêu chí) → sub-criterion (tiêu chí thành phần) → deeper — with one scoring rule per leaf.
 *
 * Points are exact `Points`; rate bounds are exact percentages (`ExactDecimal`). A node's
 * `key` is its stable identity across versions and renumbering; `code` is only for display.
 */
import type { Points } from '../decimal/points.ts';
import type { ExactDecimal } from '../decimal/parse.ts';

/** Where a leaf's input comes from. */
export type NodeSource = 'self_assessment' | 'survey' | 'data_feed';

/** What happens when a rate's denominator (required / total) is zero. */
export type ZeroDenominator = 'not_applicable' | 'full_points' | 'zero_points';

/** One end of a tier's rate interval, in percent. Absent end = unbounded. */
export interface TierBound {
  readonly percent: ExactDecimal;
  readonly inclusive: boolean;
}

/** Tier of a rate: points when lower (≤ or <) rate (≤ or <) upper. */
export interface Tier {
  readonly lower?: TierBound;
  readonly upper?: TierBound;
  readonly points: Points;
}

export interface ChoiceOption {
  /** Stable option key stored in inputs (labels may be reworded). */
  readonly key: string;
  readonly label: string;
  readonly points: Points;
}

/** Rate inputs the unit must record (numerator and denominator), with their labels. */
export interface RateLabels {
  readonly numeratorLabel: string;
  readonly denominatorLabel: string;
}

/**
 * Rounding a rule declares for the points it computes ("làm tròn 2 chữ số thập phân"):
 * half-up to `decimals`. Without one, computed points stay exact.
 */
export interface PointsRounding {
  readonly decimals: number;
}

/** Choice of levels: "issued on time 1; late 0,5; not issued 0". */
export interface ChoiceRule {
  readonly type: 'choice';
  readonly options: readonly ChoiceOption[];
}

/** Yes / no. */
export interface YesNoRule {
  readonly type: 'yes_no';
  readonly yesPoints: Points;
  readonly noPoints: Points;
}

/** Tiers on a rate computed from recorded numerator ÷ denominator. */
export interface RateTiersRule extends RateLabels {
  readonly type: 'rate_tiers';
  readonly tiers: readonly Tier[];
  readonly zeroDenominator: ZeroDenominator;
}

/** points = max × done ÷ required, capped at max. */
export interface ProportionalRule extends RateLabels {
  readonly type: 'proportional';
  readonly zeroDenominator: ZeroDenominator;
  readonly rounding?: PointsRounding;
}

/** Any value in [min, max] in steps of `step`, counted from `min`. */
export interface ManualRule {
  readonly type: 'manual';
  readonly min: Points;
  readonly max: Points;
  readonly step: Points;
}

/** Start value, minus `perOccurrence` for each occurrence, not below `floor`. */
export interface DeductionRule {
  readonly type: 'deduction';
  readonly start: Points;
  readonly perOccurrence: Points;
  readonly floor: Points;
  readonly occurrenceLabel: string;
}

/**
 * Bonus (điểm cộng), outside the normal maximum and reported separately.
 * fixed: `points` when awarded; per_occurrence: `points` × occurrences. Capped at `cap`.
 */
export interface BonusRule {
  readonly type: 'bonus';
  readonly mode: 'fixed' | 'per_occurrence';
  readonly points: Points;
  readonly cap: Points;
  readonly occurrenceLabel?: string;
}

/** Points supplied by the sociological survey (điều tra xã hội học). */
export interface SurveyRule {
  readonly type: 'survey';
  readonly rounding?: PointsRounding;
}

/** Figures chiso itself publishes that another program's criterion may take. */
export type ChisoFigure = 'index';

/**
 * Whose published figure a feed from chiso takes: the unit's own (`same_unit`, the default), or
 * those of the units of the program's cycle the unit itself organises (`units_under`: a
 * department's sub-units, before 2025 a district's communes).
 */
export type ChisoSource = 'same_unit' | 'units_under';

/** How the figures of the units under combine into one. */
export type ChisoAggregate = 'average';

/**
 * A feed from chiso itself: a published figure of a program in the same year — the unit's own
 * (e.g. the PAR index, taken by the task-performance framework) or an aggregate of the units it
 * organises (e.g. a department's "average index of its sub-units"). The figure is a percentage:
 * it becomes the rate figure ÷ 100 (an average of n figures: their exact sum ÷ 100·n).
 */
export interface ChisoFeed {
  /** Program code (e.g. `par-index`). */
  readonly program: string;
  readonly figure: ChisoFigure;
  /** Absent: the unit's own figure (`same_unit`). */
  readonly source?: 'units_under';
  /** With `units_under` only (then always present): how the units' figures combine. */
  readonly aggregate?: ChisoAggregate;
  /** With `units_under` only: the aggregate rounded half-up to 0–4 decimals; absent: exact. */
  readonly decimals?: number;
}

/** A rate read from another system (e.g. one-stop software), scored by tiers or proportionally. */
export interface DataFeedRule extends RateLabels {
  readonly type: 'data_feed';
  /** Identifier of the feed / indicator in the importing system. */
  readonly feed: string;
  /** Present when the value is a figure chiso has published for another program. */
  readonly chiso?: ChisoFeed;
  readonly scoring:
    | { readonly kind: 'tiers'; readonly tiers: readonly Tier[] }
    | { readonly kind: 'proportional' };
  readonly zeroDenominator: ZeroDenominator;
  /** Rounding of proportional points (no effect on tiers). */
  readonly rounding?: PointsRounding;
}

export type Rule =
  | ChoiceRule
  | YesNoRule
  | RateTiersRule
  | ProportionalRule
  | ManualRule
  | DeductionRule
  | BonusRule
  | SurveyRule
  | DataFeedRule;

export type RuleType = Rule['type'];

/**
 * Which units a node applies to, and whether a unit may declare it not applicable
 * (không áp dụng). Empty/absent lists mean "all".
 */
export interface Applicability {
  readonly unitGroups?: readonly string[];
  readonly unitTypes?: readonly string[];
  /** A unit may claim the node not applicable, with a reason (confirmed by the appraiser). */
  readonly mayDeclareNotApplicable: boolean;
  /** When the claim is allowed, e.g. "Đơn vị không có TTHC thuộc thẩm quyền giải quyết". */
  readonly condition?: string;
}

export interface FrameworkNode {
  readonly key: string;
  readonly code: string;
  readonly name: string;
  readonly guidance?: string;
  readonly evidenceExpected?: string;
  /** Maximum points; for a bonus leaf, equal to its cap (it is outside the parent's sum). */
  readonly maxPoints: Points;
  /** Code of the appraising agency (cơ quan thẩm định); inherited from the nearest ancestor. */
  readonly appraisingAgency?: string;
  /** Required on leaves; on inner nodes informational. */
  readonly source?: NodeSource;
  readonly applicability?: Applicability;
  /** Exactly one on a leaf; absent on inner nodes. */
  readonly rule?: Rule;
  readonly children: readonly FrameworkNode[];
}

export interface RoundingSettings {
  /**
   * Default rounding (decimals, half-up, 0..3) of computed leaf points (proportional, survey,
   * proportional data feed) where the rule declares none. Absent: computed points stay exact.
   */
  readonly pointsDecimals?: number;
  /** Decimals of published indexes, 0..6. */
  readonly indexDecimals: number;
  readonly mode: 'half_up';
}

/** Classification band (xếp loại): index ≥ minPercent (inclusive). Ordered highest first. */
export interface Band {
  readonly key: string;
  readonly label: string;
  readonly minPercent: ExactDecimal;
}

export type TieBreak =
  /** Higher component index of a field (by key) ranks higher. */
  | { readonly kind: 'component_index'; readonly fieldKey: string }
  /** More achieved points rank higher. */
  | { readonly kind: 'achieved_points' }
  /** Larger applicable maximum ranks higher (more criteria carried). */
  | { readonly kind: 'applicable_max' };

/** What happens to a unit's survey criterion with fewer respondents than the framework's minimum. */
export type SurveyBelowMinimum = 'withhold' | 'score';

export interface FrameworkSettings {
  readonly rounding: RoundingSettings;
  readonly survey: {
    /** If true, a unit without survey points is scored on its self-assessment part alone. */
    readonly optional: boolean;
    /** Fewest valid respondents a unit's survey criterion needs (1..100000); absent: any number, no minimum. */
    readonly minRespondents?: number;
    /**
     * What then, below the minimum: `withhold` supplies no points (then `optional` decides),
     * `score` (the default) supplies them, flagged.
     */
    readonly belowMinimum?: SurveyBelowMinimum;
  };
  readonly bonus: {
    /** Whether bonus points are added to the published index (may then exceed 100). */
    readonly countsInIndex: boolean;
    /** Optional cap on a unit's total bonus. */
    readonly totalCap?: Points;
  };
  readonly ranking: {
    /** Rank on the published (rounded) index, as provinces publish, or on the exact value. */
    readonly basis: 'published' | 'exact';
    readonly tieBreaks: readonly TieBreak[];
  };
  readonly classification: {
    readonly bands: readonly Band[];
  };
}

export interface Agency {
  readonly code: string;
  readonly name: string;
}

export interface Framework {
  readonly formatVersion: 1;
  readonly id: string;
  readonly name: string;
  readonly year?: number;
  readonly version?: string;
  readonly description?: string;
  /** Kind of units assessed, e.g. "department", "commune". */
  readonly unitLevel?: string;
  readonly agencies: readonly Agency[];
  readonly settings: FrameworkSettings;
  /** Top-level nodes are the fields (lĩnh vực). */
  readonly nodes: readonly FrameworkNode[];
}
