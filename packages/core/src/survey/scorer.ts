/**
 * Survey points per rated unit and criterion, exact and streaming (a million responses, added one
 * by one in any order). A respondent's weight on a criterion is the mean of the weights of the
 * criterion's linked questions they answered with a weighted choice ("Không biết" has none and is
 * left out); the criterion's exact points are the mean over those respondents × its maximum,
 * rounded only where the framework says (like scoreLeaf rounds a survey input).
 */
import { type Points, pointsToRational } from '../decimal/points.ts';
import {
  type Rational, minRational, mulRational, rational, reduceRational, roundHalfUp, roundRational, terminatingDecimals, unitsToPlain,
} from '../decimal/rational.ts';
import { leaves } from '../framework/tree.ts';
import type { Framework, PointsRounding, SurveyBelowMinimum } from '../framework/types.ts';
import { leafRoundingDecimals } from '../scoring/leaf.ts';
import { parseOptionWeights } from './answers.ts';
import { questionChoices } from './answer-values.ts';
import type { Questionnaire, SurveyAnswers } from './questionnaire-types.ts';

/** What the framework says of one survey criterion. */
export interface SurveyCriterion {
  readonly maxPoints: Points;
  /** Declared rounding of its points (the rule's, else the framework's `pointsDecimals`); absent: exact. */
  readonly rounding?: PointsRounding;
}

export type BelowMinimum = SurveyBelowMinimum;

export interface SurveyScorerOptions {
  /** Questionnaire versions by id: a response is scored with the version it answered. */
  readonly questionnaires: ReadonlyMap<string, Questionnaire>;
  /** Survey criteria by node key; questions linked to another key are not scored. */
  readonly criteria: ReadonlyMap<string, SurveyCriterion>;
  readonly minRespondents: number;
  readonly belowMinimum: BelowMinimum;
}

export interface SurveyScore {
  readonly unitId: string;
  readonly nodeKey: string;
  /** Exact points (lowest terms), also when withheld; null without a valid respondent. */
  readonly exact: Rational | null;
  /**
   * Points fed to the cycle, canonical decimal text ("3.1875"): rounded where the framework says,
   * else exact when it has at most 6 decimals, else half-up to 6 (what supplied points store).
   * Null when withheld or without a valid respondent.
   */
  readonly points: string | null;
  /** Respondents with a weighted answer to at least one of the criterion's questions. */
  readonly respondents: number;
  readonly belowMinimum: boolean;
}

/** Decimals kept when the framework declares no rounding: the scale of supplied points. */
export const SUPPLIED_POINTS_DECIMALS = 6;

interface LinkedQuestion {
  readonly name: string;
  readonly weights: ReadonlyMap<string, Rational>;
}

/** Sum of rationals over one growing common denominator (survey weights share few denominators). */
class RationalSum {
  num = 0n;
  den = 1n;
  count = 0;

  add(r: Rational): void {
    if (this.den % r.den === 0n) this.num += r.num * (this.den / r.den);
    else {
      const s = reduceRational({ num: this.num * r.den + r.num * this.den, den: this.den * r.den });
      this.num = s.num;
      this.den = s.den;
    }
    this.count++;
  }
}

/** Survey criteria of a framework (its `survey` leaves) with their declared rounding. */
export function surveyCriteriaOf(framework: Framework): Map<string, SurveyCriterion> {
  const out = new Map<string, SurveyCriterion>();
  for (const node of leaves(framework)) {
    if (node.rule?.type !== 'survey') continue;
    const decimals = leafRoundingDecimals(node.rule, framework.settings.rounding);
    out.set(node.key, { maxPoints: node.maxPoints, ...(decimals !== undefined && { rounding: { decimals } }) });
  }
  return out;
}

/** The framework's minimum of respondents and what happens below it; no minimum declared: 0 (never below), scored. */
export function surveyMinimumOf(framework: Framework): { minRespondents: number; belowMinimum: BelowMinimum } {
  const { minRespondents, belowMinimum } = framework.settings.survey;
  return { minRespondents: minRespondents ?? 0, belowMinimum: belowMinimum ?? 'score' };
}

/** Canonical decimal text of the points fed to the cycle. */
function suppliedText(r: Rational, rounding: PointsRounding | undefined): string {
  const decimals = rounding?.decimals ?? terminatingDecimals(r, SUPPLIED_POINTS_DECIMALS) ?? SUPPLIED_POINTS_DECIMALS;
  let units = roundHalfUp(r, decimals);
  let scale = decimals;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return unitsToPlain(units, scale);
}

export class SurveyScorer {
  private readonly linked = new Map<string, ReadonlyMap<string, readonly LinkedQuestion[]>>();
  /** unitId → nodeKey → sum of respondents' mean weights. */
  private readonly sums = new Map<string, Map<string, RationalSum>>();

  constructor(private readonly options: SurveyScorerOptions) {
    for (const [versionId, q] of options.questionnaires) this.linked.set(versionId, this.linkedQuestions(q));
  }

  private linkedQuestions(q: Questionnaire): Map<string, LinkedQuestion[]> {
    const byCriterion = new Map<string, LinkedQuestion[]>();
    for (const question of q.questions) {
      const key = question.criterionKey;
      if (key === undefined || !this.options.criteria.has(key)) continue;
      const weighted = questionChoices(q, question).filter((c) => c.weight !== undefined);
      const weights = parseOptionWeights(Object.fromEntries(weighted.map((c) => [c.name, c.weight!])));
      const list = byCriterion.get(key) ?? [];
      list.push({ name: question.name, weights });
      byCriterion.set(key, list);
    }
    return byCriterion;
  }

  /** Adds one (checked) response of a unit's respondent, answered on questionnaire version `versionId`. */
  add(unitId: string, versionId: string, answers: SurveyAnswers): void {
    const linked = this.linked.get(versionId);
    if (!linked) throw new RangeError(`survey scorer: unknown questionnaire version ${versionId}`);
    let unit = this.sums.get(unitId);
    if (!unit) this.sums.set(unitId, (unit = new Map()));
    for (const [nodeKey, questions] of linked) {
      let sum = unit.get(nodeKey);
      if (!sum) unit.set(nodeKey, (sum = new RationalSum()));
      const mean = new RationalSum();
      for (const question of questions) {
        const answer = answers[question.name];
        const w = answer === undefined ? undefined : question.weights.get(answer.trim());
        if (w) mean.add(w);
      }
      if (mean.count > 0) sum.add(rational(mean.num, mean.den * BigInt(mean.count)));
    }
  }

  /** Scores of every unit seen × criterion linked in its questionnaires, sorted by unit then criterion. */
  results(): SurveyScore[] {
    const { criteria, minRespondents, belowMinimum } = this.options;
    const out: SurveyScore[] = [];
    for (const unitId of [...this.sums.keys()].sort()) {
      const unit = this.sums.get(unitId)!;
      for (const nodeKey of [...unit.keys()].sort()) {
        const sum = unit.get(nodeKey)!;
        const criterion = criteria.get(nodeKey)!;
        const respondents = sum.count;
        const below = respondents < minRespondents;
        if (respondents === 0) {
          out.push({ unitId, nodeKey, exact: null, points: null, respondents, belowMinimum: below });
          continue;
        }
        const max = pointsToRational(criterion.maxPoints);
        const exact = reduceRational(mulRational(rational(sum.num, sum.den * BigInt(respondents)), max));
        const fed = criterion.rounding ? minRational(roundRational(exact, criterion.rounding.decimals), max) : exact;
        const points = below && belowMinimum === 'withhold' ? null : suppliedText(fed, criterion.rounding);
        out.push({ unitId, nodeKey, exact, points, respondents, belowMinimum: below });
      }
    }
    return out;
  }
}

