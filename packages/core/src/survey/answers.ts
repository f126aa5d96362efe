/**
 * Points of a survey question (câu hỏi điều tra xã hội học) from respondents' answers.
 * Each answer option is worth a share of the question's points (one province: A 100 %,
 * B 60 %, C 20 %, D 0 %); the question's points are the average over valid respondents.
 * Weights are configuration, never code. Result is exact; round it where the framework says
 * (scoreLeaf rounds survey input to the points decimals).
 */
import { parseDecimal } from '../decimal/parse.ts';
import { type Points, pointsToRational } from '../decimal/points.ts';
import { type Rational, rationalFromDecimal } from '../decimal/rational.ts';

/** Option → share of the question's points, as a decimal fraction ("0.6") or number. */
export type OptionWeights = Readonly<Record<string, string | number>>;

export interface QuestionResult {
  /** Exact average points; null when no valid answer. */
  readonly points: Rational | null;
  readonly validAnswers: number;
  /** Answers whose option has no weight (blank, spoiled): excluded from the average. */
  readonly invalidAnswers: number;
}

/** Exact weights, checked once: each must be a decimal in [0, 1]. */
export function parseOptionWeights(weights: OptionWeights): Map<string, Rational> {
  const out = new Map<string, Rational>();
  for (const [option, w] of Object.entries(weights)) {
    const d = parseDecimal(w);
    if (d === null) throw new RangeError(`survey weight for "${option}" is not a decimal`);
    const r = rationalFromDecimal(d);
    if (r.num < 0n || r.num > r.den) throw new RangeError(`survey weight for "${option}" must be within [0, 1]`);
    out.set(option, r);
  }
  return out;
}

/** Average points of one question over its valid answers. */
export function scoreSurveyQuestion(
  questionPoints: Points,
  weights: ReadonlyMap<string, Rational>,
  answers: Iterable<string>,
): QuestionResult {
  // Sum of weights as one rational over a common denominator (weights share few denominators).
  let num = 0n;
  let den = 1n;
  let valid = 0;
  let invalid = 0;
  for (const a of answers) {
    const w = weights.get(a);
    if (!w) {
      invalid++;
      continue;
    }
    valid++;
    if (w.den === den) num += w.num;
    else {
      num = num * w.den + w.num * den;
      den *= w.den;
    }
  }
  if (valid === 0) return { points: null, validAnswers: 0, invalidAnswers: invalid };
  const q = pointsToRational(questionPoints);
  return { points: { num: q.num * num, den: q.den * den * BigInt(valid) }, validAnswers: valid, invalidAnswers: invalid };
}
