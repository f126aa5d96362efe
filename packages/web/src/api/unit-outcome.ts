/**
 * The assessed unit's results (docs/api.md "UnitOutcome", "PublishedResult"): per criterion the
 * self, appraised, council and effective points with every reason; the totals; after publication
 * the official index, rank and class of the published snapshot.
 */
import type { DecimalString } from './assessments';

export interface PublishedResult {
  number: number;
  publishedAt: string;
  decisionNumber: string | null;
  index: DecimalString;
  rank: number;
  rankOf: number;
  classKey: string | null;
  classLabel: string | null;
  groupName: string;
}

export interface ScoreTotals {
  achieved: DecimalString;
  bonus: DecimalString;
  applicableMax: DecimalString;
  index: DecimalString | null;
}

export type OutcomeReasonKind = 'appraisal' | 'not_applicable_refused' | 'council';

export interface OutcomeLeaf {
  nodeKey: string;
  code: string;
  self: DecimalString | null;
  selfNotApplicable: boolean;
  appraised: DecimalString | null;
  appraisedNotApplicable: boolean;
  council: DecimalString | null;
  effective: DecimalString | null;
  level: 'council' | 'appraised' | 'self' | 'supplied' | 'none';
  difference: DecimalString;
  reasons: { kind: OutcomeReasonKind; text: string }[];
}

export interface UnitOutcome {
  state: string;
  self: ScoreTotals;
  final: ScoreTotals;
  finalClass: { key: string; label: string } | null;
  published: PublishedResult | null;
  leaves: Record<string, OutcomeLeaf>;
}
