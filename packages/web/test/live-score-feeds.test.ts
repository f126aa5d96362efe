import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPoints } from '@chiso/core';
import { feedInputs, type FeedValueView } from '../src/api/data-feeds';
import { liveScore, parseAssessmentFramework } from '../src/pages/assessment/model';

// The unit never enters a data-feed criterion; its running total still counts the figures received
// (task-performance 1.1 on-time tasks: 20 points at 100 %, 12 from 90 % to under 95 %).
const framework = parseAssessmentFramework(JSON.parse(fs.readFileSync(
  new URL('../../server/src/demo/frameworks/task-performance-2025.json', import.meta.url), 'utf8')))!;

const received = (nodeKey: string, numerator: string, denominator: string): FeedValueView => ({
  unitId: 'u', unitCode: 'SYT', unitName: 'Sở Y tế', nodeKey, code: '1.1', name: '', feed: '', fromChiso: false,
  numeratorLabel: '', denominatorLabel: '',
  value: { numerator, denominator, period: '2025', channel: 'api', source: 'x', receivedAt: '2025-12-01T00:00:00Z', receivedBy: null, points: null, explanation: '', origin: null },
});

describe('the unit’s running total with data feeds', () => {
  it('counts the figures received for data-feed criteria', () => {
    const without = liveScore(framework, {}, new Map());
    const feeds = feedInputs([received('ty-le-nhiem-vu-ubnd-tinh', '46', '50'), { ...received('x', '1', '1'), value: null }]);
    expect(Object.keys(feeds)).toEqual(['ty-le-nhiem-vu-ubnd-tinh']);
    const withFeeds = liveScore(framework, {}, new Map(), feeds);
    expect(formatPoints(withFeeds.nodes.get('ty-le-nhiem-vu-ubnd-tinh')!.achieved)).toBe('12');
    expect(formatPoints(withFeeds.achieved)).not.toBe(formatPoints(without.achieved));
  });
});
