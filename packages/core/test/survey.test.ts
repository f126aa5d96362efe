import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseOptionWeights, points, rationalToFixedString, scoreLeaf, scoreSurveyQuestion } from '../src/index.ts';
import { framework, leaf } from './helpers.ts';

const weights = parseOptionWeights({ A: '1', B: '0.6', C: '0.2', D: 0 });

describe('survey questions', () => {
  it('averages weighted answers over valid respondents, exactly', () => {
    // 3 points; answers A, B, C, D, blank → (1 + 0,6 + 0,2 + 0) / 4 × 3 = 1,35
    const r = scoreSurveyQuestion(points(3), weights, ['A', 'B', 'C', 'D', '']);
    expect(r.validAnswers).toBe(4);
    expect(r.invalidAnswers).toBe(1);
    expect(rationalToFixedString(r.points!, 3)).toBe('1.350');
  });

  it('keeps a non-terminating average exact unless the framework rounds it', () => {
    // (1 + 1 + 0,6) / 3 × 2 = 1,7333…
    const r = scoreSurveyQuestion(points(2), weights, ['A', 'A', 'B']);
    const node = framework([leaf('s', '1', '2', { type: 'survey' })]).nodes[0]!;
    expect(scoreLeaf(node, { kind: 'survey', points: r.points! }, DEFAULT_SETTINGS.rounding).exact).toEqual({ num: 26n, den: 15n });
    expect(scoreLeaf(node, { kind: 'survey', points: r.points! }, { ...DEFAULT_SETTINGS.rounding, pointsDecimals: 2 }).points).toBe(points('1.73'));
  });

  it('has no points without a valid answer, and rejects weights outside [0, 1]', () => {
    expect(scoreSurveyQuestion(points(2), weights, ['X']).points).toBeNull();
    expect(() => parseOptionWeights({ A: '1.2' })).toThrow(RangeError);
  });
});
