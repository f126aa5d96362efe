/**
 * A JSON-safe view of a UnitScore for storage and HTTP: points as decimal strings, exact
 * indexes as "num/den" strings, published figures as plain decimal strings ("81.33").
 */
import { type Fixed, formatFixed } from '../decimal/fixed.ts';
import { pointsToString } from '../decimal/points.ts';
import { type Rational, rationalToText } from '../decimal/rational.ts';
import type { NotApplicableReason, UnitScore } from './score.ts';
import type { LeafStatus } from './leaf.ts';
import type { Issue } from '../issues.ts';

export interface NodeScoreJson {
  key: string;
  code: string;
  applicable: boolean;
  notApplicable?: NotApplicableReason;
  achieved: string;
  uncapped: string;
  applicableMax: string;
  capped: boolean;
  bonus: string;
  /** Exact achieved points, "num/den" in lowest terms ("27/40", "5"). */
  achievedExact: string;
  leaf?: { status: LeafStatus; points: string; exact: string; explanation: string; ratePercent?: string; tierIndex?: number };
}

export interface UnitScoreJson {
  achieved: string;
  applicableMax: string;
  selfAssessmentPoints: string;
  surveyPoints: string;
  bonus: string;
  /** Exact points as "num/den" (the point fields above are to the nearest thousandth). */
  achievedExact: string;
  bonusExact: string;
  surveyRescaled: boolean;
  /** Exact values as "num/den". */
  baseIndexExact: string | null;
  indexExact: string | null;
  /** Published index, plain decimal ("81.33"). */
  index: string | null;
  components: { key: string; code: string; achieved: string; achievedExact: string; applicableMax: string; index: string | null }[];
  nodes: NodeScoreJson[];
  issues: Issue[];
}

const ratio = (r: Rational | null) => (r ? `${r.num}/${r.den}` : null);
const plain = (f: Fixed | null) => (f ? formatFixed(f, 'plain') : null);

export function unitScoreToJson(s: UnitScore): UnitScoreJson {
  return {
    achieved: pointsToString(s.achieved),
    applicableMax: pointsToString(s.applicableMax),
    selfAssessmentPoints: pointsToString(s.selfAssessmentPoints),
    surveyPoints: pointsToString(s.surveyPoints),
    bonus: pointsToString(s.bonus),
    achievedExact: rationalToText(s.exact.achieved),
    bonusExact: rationalToText(s.exact.bonus),
    surveyRescaled: s.surveyRescaled,
    baseIndexExact: ratio(s.baseIndex),
    indexExact: ratio(s.index),
    index: plain(s.publishedIndex),
    components: s.components.map((c) => ({
      key: c.key, code: c.code, achieved: pointsToString(c.achieved), achievedExact: rationalToText(c.achievedExact), applicableMax: pointsToString(c.applicableMax), index: plain(c.published),
    })),
    nodes: [...s.nodes.values()].map((n) => ({
      key: n.key, code: n.code, applicable: n.applicable,
      ...(n.notApplicable ? { notApplicable: n.notApplicable } : {}),
      achieved: pointsToString(n.achieved), uncapped: pointsToString(n.uncapped), applicableMax: pointsToString(n.applicableMax),
      capped: n.capped, bonus: pointsToString(n.bonus), achievedExact: rationalToText(n.exact.achieved),
      ...(n.leaf ? { leaf: {
        status: n.leaf.status, points: pointsToString(n.leaf.points), exact: rationalToText(n.leaf.exact), explanation: n.leaf.explanation,
        ...(n.leaf.ratePercent ? { ratePercent: `${n.leaf.ratePercent.num}/${n.leaf.ratePercent.den}` } : {}),
        ...(n.leaf.tierIndex !== undefined ? { tierIndex: n.leaf.tierIndex } : {}),
      } } : {}),
    })),
    issues: [...s.issues],
  };
}
