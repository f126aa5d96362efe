import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPoints, subPoints, walkNodes } from '@chiso/core';
import { isSurveyLeaf, isUnitLeaf, liveScore, parseAssessmentFramework, surveyInputs } from '../src/pages/assessment/model';

// The unit never enters a survey criterion; its tree and running total show the points the survey
// supplied (departments 2025, 1.6: up to 3 points from the survey).
const framework = parseAssessmentFramework(JSON.parse(fs.readFileSync(
  new URL('../../server/src/demo/frameworks/departments-2025.json', import.meta.url), 'utf8')))!;
const key = 'su-nang-dong-quyet-tam-cua';

describe('the unit’s running total with survey points', () => {
  it('counts the points a survey supplied, none from a survey that withheld them', () => {
    const supplied = surveyInputs([{ nodeKey: key, points: '1.12' }, { nodeKey: 'chat-luong-vbqppl-do-don-vi', points: null }]);
    expect(Object.keys(supplied)).toEqual([key]);
    const without = liveScore(framework, {}, new Map());
    const withSurvey = liveScore(framework, {}, new Map(), supplied);
    expect(formatPoints(withSurvey.nodes.get(key)!.achieved)).toBe('1,12');
    expect(formatPoints(subPoints(withSurvey.achieved, without.achieved))).toBe('1,12');
  });

  it('tells survey criteria apart from the ones the unit enters', () => {
    const leaves = [...walkNodes(framework.nodes)].map((v) => v.node).filter((n) => isSurveyLeaf(n));
    expect(leaves.map((n) => n.code)).toContain('1.6');
    expect(leaves.some((n) => isUnitLeaf(n))).toBe(false);
  });
});
