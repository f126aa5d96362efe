import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SUBMISSION_POLICY, addRational, compareRational, daysUntil, endOfDayVn, rationalToText, summarizeRisk, unitRiskLines,
  type RiskLine, type RiskOptions, type UnitRiskInput, type NodeInput, ZERO_RATIONAL, rational, points, RISK_KINDS,
} from '../src/index.ts';
import { bound, framework, group, leaf, manual, yesNo } from './helpers.ts';

const feedTiers = {
  type: 'data_feed', feed: 'dvc-online', numeratorLabel: 'hồ sơ trực tuyến', denominatorLabel: 'tổng số hồ sơ', zeroDenominator: 'not_applicable',
  scoring: { kind: 'tiers', tiers: [
    { lower: bound('90', true), upper: null, points: '1.5' },
    { lower: bound('50', true), upper: bound('90', false), points: '0.5' },
    { lower: null, upper: bound('50', false), points: '0' },
  ] },
};
const feedProportional = { ...feedTiers, feed: 'dung-han', scoring: { kind: 'proportional' } };

const fw = framework([
  group('f1', '1', '10', [
    leaf('a', '1.1', '2', yesNo('2'), { appraisingAgency: 'STP' }),
    leaf('b', '1.2', '3', manual('3', '0.5'), { appraisingAgency: 'STP' }),
    leaf('c', '1.3', '1.5', feedTiers, { appraisingAgency: 'VP' }),
    leaf('d', '1.4', '1', feedProportional, { appraisingAgency: 'VP' }),
    leaf('e', '1.5', '2.5', yesNo('2.5')),
  ]),
]);

const deadline = endOfDayVn(2025, 12, 15);
const yes: NodeInput = { kind: 'yes_no', value: true };
const rate = (n: string, d: string): NodeInput => ({ kind: 'rate', numerator: n, denominator: d });
const ev = [{ id: 'doc-1' }];

function unit(over: Partial<UnitRiskInput> = {}): UnitRiskInput {
  return {
    unitId: 'u1', framework: fw, profile: {},
    leafAgency: new Map([['a', 'STP'], ['b', 'STP'], ['c', 'VP'], ['d', 'VP'], ['e', undefined]]),
    entries: {
      a: { input: yes, evidence: ev },
      b: { input: { kind: 'manual', points: '2.5' } },
      e: { input: yes, evidence: ev },
    },
    feeds: { c: rate('72', '100'), d: rate('3', '4') },
    decided: new Set(), editDeadline: deadline, tasks: [], ...over,
  };
}
const opts = (asOf: string, horizonDays = 14): RiskOptions => ({ asOf, horizonDays, policy: DEFAULT_SUBMISSION_POLICY });
const text = (l: RiskLine) => rationalToText(l.pointsAtRisk);

describe('daysUntil', () => {
  it('counts whole days to the deadline in Vietnam: 0 on its day, negative after', () => {
    expect(daysUntil('2025-12-01', deadline)).toBe(14);
    expect(daysUntil('2025-12-15', deadline)).toBe(0);
    expect(daysUntil('2025-12-16', deadline)).toBe(-1);
  });
});

describe('unitRiskLines', () => {
  it('far from the deadline: only the data feeds below their tier', () => {
    const lines = unitRiskLines(unit(), opts('2025-11-01'));
    expect(lines.map((l) => [l.nodeKey, l.kind, text(l)])).toEqual([['c', 'feed_below_tier', '1'], ['d', 'feed_below_tier', '1/4']]);
    const c = lines[0]!;
    expect(c.rate).toBe('72%');
    expect(c.threshold).toBe('≥ 90%');
    expect(c.agency).toBe('VP');
    expect(c.explanation).toBe('Tỷ lệ 72% (số liệu từ hệ thống) được 0,5/1,5 điểm; cần đạt ≥ 90% để được 1,5 điểm.');
    expect(lines[1]!.threshold).toBe('100%');
  });

  it('within the horizon: the points claimed without evidence, and the maximum of what is not assessed', () => {
    const lines = unitRiskLines(unit({ entries: { a: { input: yes, evidence: ev }, b: { input: { kind: 'manual', points: '2.5' } } } }), opts('2025-12-01'));
    const ev1 = lines.filter((l) => l.kind === 'evidence_missing');
    expect(ev1.map((l) => [l.nodeKey, text(l)])).toEqual([['b', '5/2']]);
    expect(ev1[0]!.explanation).toBe('Tự chấm 2,5 điểm nhưng chưa có tài liệu kiểm chứng; hạn tự đánh giá 15/12/2025 (còn 14 ngày).');
    const blank = lines.filter((l) => l.kind === 'not_assessed');
    expect(blank.map((l) => [l.nodeKey, text(l)])).toEqual([['e', '5/2']]);
    expect(blank[0]!.explanation).toContain('Chưa tự đánh giá');
    expect(blank[0]!.agency).toBeNull();
  });

  it('one day outside the horizon there is no evidence risk; after the deadline there still is', () => {
    expect(unitRiskLines(unit(), opts('2025-11-30')).some((l) => l.kind === 'evidence_missing' || l.kind === 'not_assessed')).toBe(false);
    const after = unitRiskLines(unit(), opts('2025-12-20')).filter((l) => l.kind === 'evidence_missing');
    expect(after.map((l) => l.nodeKey)).toEqual(['b']);
    expect(after[0]!.explanation).toContain('đã quá hạn tự đánh giá 15/12/2025');
  });

  it('a criterion the appraisal decided is at risk no more', () => {
    expect(unitRiskLines(unit({ decided: new Set(['b', 'c', 'd']) }), opts('2025-12-10'))).toEqual([]);
  });

  it('an overdue task risks the maximum less what is safe (evidenced claim or feed points); a task not yet due or done risks nothing', () => {
    const tasks = [
      { taskId: 't1', nodeKey: 'a', title: 'Ban hành kế hoạch', deadline: '2025-06-30', status: 'open' as const },
      { taskId: 't2', nodeKey: 'b', title: 'Kiểm tra', deadline: '2025-06-30', status: 'open' as const },
      { taskId: 't3', nodeKey: 'c', title: 'Số hóa hồ sơ', deadline: '2025-06-30', status: 'open' as const },
      { taskId: 't5', nodeKey: 'e', title: 'Đã xong', deadline: '2025-06-30', status: 'done' as const },
      { taskId: 't4', nodeKey: 'e', title: 'Chưa đến hạn', deadline: '2025-12-31', status: 'open' as const },
    ];
    const lines = unitRiskLines(unit({ entries: { a: { input: { kind: 'yes_no', value: false }, evidence: ev }, b: { input: { kind: 'manual', points: '2.5' } }, e: { input: yes, evidence: ev } }, tasks }), opts('2025-07-01'));
    const overdue = lines.filter((l) => l.kind === 'task_overdue');
    expect(overdue.map((l) => [l.nodeKey, l.taskId, text(l)])).toEqual([['a', 't1', '2'], ['b', 't2', '3'], ['c', 't3', '1']]);
    expect(overdue[0]!.explanation).toBe('Nhiệm vụ “Ban hành kế hoạch” quá hạn (hạn 30/06/2025), chưa hoàn thành.');
  });

  it('full points from a feed carry no risk', () => {
    expect(unitRiskLines(unit({ feeds: { c: rate('95', '100'), d: rate('4', '4') } }), opts('2025-11-01'))).toEqual([]);
  });
});

describe('summarizeRisk', () => {
  it('counts a criterion once, with its largest line, per unit and per agency', () => {
    const tasks = [{ taskId: 't3', nodeKey: 'c', title: 'Số hóa hồ sơ', deadline: '2025-06-30', status: 'open' as const }];
    const lines = [
      ...unitRiskLines(unit({ tasks }), opts('2025-12-01')),
      ...unitRiskLines(unit({ unitId: 'u2', feeds: {} }), opts('2025-12-01')),
    ];
    const s = summarizeRisk(lines, ['u1', 'u2']);
    // u1: b 2.5 (evidence), c max(1 feed, 1 task) = 1, d 1/4 → 15/4; u2: b 2.5 (feeds not received are not a risk)
    expect(s.units.map((u) => [u.unitId, rationalToText(u.points), u.criteria])).toEqual([['u1', '15/4', 3], ['u2', '5/2', 1]]);
    expect(s.agencies.map((a) => [a.agency, rationalToText(a.points)])).toEqual([['STP', '5'], ['VP', '5/4']]);
    expect(rationalToText(s.total.points)).toBe('25/4');
    expect(s.counted).toHaveLength(4);
    expect(s.lines[0]!.unitId).toBe('u1');
  });
});

describe('risk sums (property)', () => {
  const lineArb = fc.record({
    unitId: fc.constantFrom('u1', 'u2', 'u3'),
    nodeKey: fc.constantFrom('a', 'b', 'c', 'd'),
    agency: fc.constantFrom('STP', 'VP', null),
    kind: fc.constantFrom(...RISK_KINDS),
    thousandths: fc.integer({ min: 1, max: 5000 }),
  });
  it('unit sums are the sums of the per-criterion maxima; agency sums total the unit sums', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 40 }), (raw) => {
      // One agency per criterion, as a framework gives it.
      const agencyOf = new Map<string, string | null>();
      const lines: RiskLine[] = raw.map((r) => {
        if (!agencyOf.has(r.nodeKey)) agencyOf.set(r.nodeKey, r.agency);
        return {
          unitId: r.unitId, nodeKey: r.nodeKey, code: r.nodeKey, name: r.nodeKey, agency: agencyOf.get(r.nodeKey)!, kind: r.kind,
          maxPoints: points('5'), pointsAtRisk: rational(BigInt(r.thousandths), 1000n), rate: null, threshold: null, taskId: null, explanation: '',
        };
      });
      const s = summarizeRisk(lines);
      const maxima = new Map<string, ReturnType<typeof rational>>();
      for (const l of lines) {
        const k = `${l.unitId}|${l.nodeKey}`;
        const m = maxima.get(k);
        if (!m || compareRational(l.pointsAtRisk, m) > 0) maxima.set(k, l.pointsAtRisk);
      }
      for (const u of s.units) {
        const expected = [...maxima].filter(([k]) => k.startsWith(`${u.unitId}|`)).reduce((acc, [, p]) => addRational(acc, p), ZERO_RATIONAL);
        expect(compareRational(u.points, expected)).toBe(0);
      }
      const unitsTotal = s.units.reduce((acc, u) => addRational(acc, u.points), ZERO_RATIONAL);
      const agencyTotal = s.agencies.reduce((acc, a) => addRational(acc, a.points), ZERO_RATIONAL);
      expect(compareRational(unitsTotal, agencyTotal)).toBe(0);
      expect(compareRational(unitsTotal, s.total.points)).toBe(0);
      expect(s.lines).toHaveLength(lines.length);
    }));
  });
});
