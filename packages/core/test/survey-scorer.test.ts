import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Points, type Rational, type SurveyAnswers, type SurveyCriterion, SurveyScorer, compareRational, parseOptionWeights, points,
  pointsToRational, reduceRational, scoreSurveyQuestion, surveyCriteriaOf, surveyMinimumOf,
} from '../src/index.ts';
import { framework, leaf } from './helpers.ts';
import { LIKERT_CHOICES, LIKERT_WEIGHTS, scoredQuestionnaire as q } from './survey-fixtures.ts';

const CRITERIA: ReadonlyMap<string, SurveyCriterion> = new Map([
  ['hl-thai-do', { maxPoints: points('1.5') }],
  ['hl-thoi-gian', { maxPoints: points(2), rounding: { decimals: 2 } }],
]);

function scorer(options: { minRespondents?: number; belowMinimum?: 'withhold' | 'score'; criteria?: ReadonlyMap<string, SurveyCriterion> } = {}) {
  return new SurveyScorer({
    questionnaires: new Map([['v1', q]]), criteria: options.criteria ?? CRITERIA,
    minRespondents: options.minRespondents ?? 0, belowMinimum: options.belowMinimum ?? 'score',
  });
}

function scoreAll(responses: readonly (readonly [string, SurveyAnswers])[], options: Parameters<typeof scorer>[0] = {}) {
  const s = scorer(options);
  for (const [unit, answers] of responses) s.add(unit, 'v1', answers);
  return s.results();
}

/** The rule written plainly: per respondent the mean of their weighted answers, then the mean over respondents × max. */
function reference(responses: readonly SurveyAnswers[], names: readonly string[], max: Points): Rational | null {
  const means: Rational[] = [];
  for (const answers of responses) {
    const ws = names.map((n) => LIKERT_WEIGHTS[answers[n] ?? '']).filter((w) => w !== undefined);
    if (ws.length === 0) continue;
    let num = 0n;
    let den = 1n;
    for (const [n, d] of ws) [num, den] = [num * d + n * den, den * d];
    means.push({ num, den: den * BigInt(ws.length) });
  }
  if (means.length === 0) return null;
  let num = 0n;
  let den = 1n;
  for (const m of means) [num, den] = [num * m.den + m.num * den, den * m.den];
  const p = pointsToRational(max);
  return reduceRational({ num: num * p.num, den: den * BigInt(means.length) * p.den });
}

const answersArb = fc.record(
  { gate: fc.constantFrom('co', 'khong'), a: fc.constantFrom(...LIKERT_CHOICES), b: fc.constantFrom(...LIKERT_CHOICES), c: fc.constantFrom(...LIKERT_CHOICES), d: fc.constantFrom(...LIKERT_CHOICES), e: fc.constantFrom(...LIKERT_CHOICES) },
  { requiredKeys: ['gate'] },
);
const responsesArb = fc.array(fc.tuple(fc.constantFrom('u1', 'u2'), answersArb), { maxLength: 25 });

describe('survey scoring', () => {
  it('scores the mean of respondents\' mean weights × the maximum, exactly; "Không biết" leaves a respondent out', () => {
    const results = scoreAll([
      ['u1', { gate: 'co', a: 'A', b: 'B', d: 'C', e: 'KB' }], // 1.6: (1 + 0,6)/2 = 0,8; 1.7: 0,2
      ['u1', { gate: 'khong', a: 'C', c: 'D' }], // 1.6: (0,2 + 0)/2 = 0,1; 1.7: none
      ['u1', { gate: 'co', a: 'KB', d: 'A', e: 'B' }], // 1.6: none; 1.7: 0,8
      ['u2', { gate: 'khong', a: 'KB' }],
    ]);
    expect(results).toEqual([
      // (0,8 + 0,1)/2 × 1,5 = 0,675
      { unitId: 'u1', nodeKey: 'hl-thai-do', exact: { num: 27n, den: 40n }, points: '0.675', respondents: 2, belowMinimum: false },
      // (0,2 + 0,8)/2 × 2 = 1, rounded to 2 decimals: "1"
      { unitId: 'u1', nodeKey: 'hl-thoi-gian', exact: { num: 1n, den: 1n }, points: '1', respondents: 2, belowMinimum: false },
      { unitId: 'u2', nodeKey: 'hl-thai-do', exact: null, points: null, respondents: 0, belowMinimum: false },
      { unitId: 'u2', nodeKey: 'hl-thoi-gian', exact: null, points: null, respondents: 0, belowMinimum: false },
    ]);
  });

  it('rounds only where the framework says; otherwise exact, or 6 decimals when the value does not terminate', () => {
    const three = [['u', { gate: 'co', a: 'A', d: 'A' }], ['u', { gate: 'co', a: 'A', d: 'A' }], ['u', { gate: 'co', a: 'B', d: 'B' }]] as const;
    // 1.6: (1 + 1 + 0,6)/3 × 1,5 = 1,3 exactly; 1.7: 2,6/3 × 2 = 26/15 = 1,7333… rounded to 2 decimals
    const [a, b] = scoreAll(three);
    expect(a).toMatchObject({ exact: { num: 13n, den: 10n }, points: '1.3' });
    expect(b).toMatchObject({ exact: { num: 26n, den: 15n }, points: '1.73' });
    const exact = scoreAll(three, { criteria: new Map([['hl-thoi-gian', { maxPoints: points(2) }]]) });
    expect(exact).toEqual([{ unitId: 'u', nodeKey: 'hl-thoi-gian', exact: { num: 26n, den: 15n }, points: '1.733333', respondents: 3, belowMinimum: false }]);
  });

  it('withholds or flags a unit below the minimum of respondents, as the framework says', () => {
    const responses = [['u', { gate: 'co', a: 'A', d: 'B' }], ['u', { gate: 'khong', a: 'B' }]] as const;
    expect(scoreAll(responses, { minRespondents: 2, belowMinimum: 'withhold' }).map((r) => [r.nodeKey, r.points, r.respondents, r.belowMinimum])).toEqual([
      ['hl-thai-do', '1.2', 2, false],
      ['hl-thoi-gian', null, 1, true],
    ]);
    const flagged = scoreAll(responses, { minRespondents: 2, belowMinimum: 'score' });
    expect(flagged[1]).toMatchObject({ exact: { num: 6n, den: 5n }, points: '1.2', respondents: 1, belowMinimum: true });
  });

  it('agrees with the plain rule and with scoreSurveyQuestion, on random responses (property)', () => {
    fc.assert(fc.property(responsesArb, (responses) => {
      for (const r of scoreAll(responses)) {
        const mine = responses.filter(([u]) => u === r.unitId).map(([, a]) => a);
        const names = r.nodeKey === 'hl-thai-do' ? ['a', 'b', 'c'] : ['d', 'e'];
        expect(r.exact).toEqual(reference(mine, names, CRITERIA.get(r.nodeKey)!.maxPoints));
      }
      // With one linked question the rule is scoreSurveyQuestion's average.
      const single = scoreAll(responses, { criteria: new Map([['hl-thoi-gian', { maxPoints: points(2) }]]) });
      const weights = parseOptionWeights({ A: '1', B: '0.6', C: '0.2', D: '0' });
      for (const r of single) {
        const only = responses.filter(([u, a]) => u === r.unitId && a.e === undefined).map(([, a]) => a.d ?? '');
        if (only.length === responses.filter(([u]) => u === r.unitId).length) {
          const expected = scoreSurveyQuestion(points(2), weights, only).points;
          expect(r.exact).toEqual(expected && reduceRational(expected));
        }
      }
    }), { numRuns: 300 });
  });

  it('keeps points within [0, maximum] and counts each respondent once (property)', () => {
    fc.assert(fc.property(responsesArb, (responses) => {
      for (const r of scoreAll(responses)) {
        const max = pointsToRational(CRITERIA.get(r.nodeKey)!.maxPoints);
        if (r.exact) {
          expect(compareRational(r.exact, { num: 0n, den: 1n })).toBeGreaterThanOrEqual(0);
          expect(compareRational(r.exact, max)).toBeLessThanOrEqual(0);
          const fed = Number(r.points);
          expect(fed >= 0 && fed <= Number(max.num) / Number(max.den)).toBe(true);
        }
        expect(r.respondents).toBeLessThanOrEqual(responses.filter(([u]) => u === r.unitId).length);
      }
    }), { numRuns: 300 });
  });

  it('gives the same results whatever order the responses are added in (property)', () => {
    fc.assert(fc.property(responsesArb, fc.nat(), (responses, k) => {
      const rotated = [...responses.slice(k % (responses.length || 1)), ...responses.slice(0, k % (responses.length || 1))].reverse();
      expect(scoreAll(rotated)).toEqual(scoreAll(responses));
    }), { numRuns: 300 });
  });

  it('withholds exactly the criteria below the minimum (property)', () => {
    fc.assert(fc.property(responsesArb, fc.integer({ min: 1, max: 8 }), (responses, min) => {
      const scored = scoreAll(responses, { minRespondents: min, belowMinimum: 'score' });
      const withheld = scoreAll(responses, { minRespondents: min, belowMinimum: 'withhold' });
      withheld.forEach((r, i) => {
        expect(r.belowMinimum).toBe(r.respondents < min);
        expect(r.exact).toEqual(scored[i]!.exact);
        expect(r.points).toBe(r.belowMinimum ? null : scored[i]!.points);
      });
    }), { numRuns: 200 });
  });

  it('refuses a response on an unknown questionnaire version', () => {
    expect(() => scorer().add('u', 'v9', {})).toThrow(RangeError);
  });

  it('takes its criteria, rounding and minimum from the framework', () => {
    const f = framework(
      [leaf('hl-thai-do', '1.6', '1.5', { type: 'survey' }), leaf('hl-thoi-gian', '1.7', '2', { type: 'survey', rounding: { decimals: 1 } }), leaf('x', '1.8', '96.5', { type: 'yes_no', yesPoints: '96.5', noPoints: '0' })],
      { rounding: { pointsDecimals: 2 }, survey: { optional: true, minRespondents: 30, belowMinimum: 'withhold' } },
    );
    expect(surveyCriteriaOf(f)).toEqual(new Map([
      ['hl-thai-do', { maxPoints: points('1.5'), rounding: { decimals: 2 } }],
      ['hl-thoi-gian', { maxPoints: points(2), rounding: { decimals: 1 } }],
    ]));
    expect(surveyMinimumOf(f)).toEqual({ minRespondents: 30, belowMinimum: 'withhold' });
    expect(surveyMinimumOf(framework([leaf('x', '1', '100', { type: 'survey' })]))).toEqual({ minRespondents: 0, belowMinimum: 'score' });
  });
});
