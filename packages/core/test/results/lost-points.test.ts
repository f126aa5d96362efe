import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Framework, type LedgerLeaf, type NodeInput, type PublishedUnit, type Rational, type UnitInputs, type UnitScore,
  addRational, compareRational, leafNodes, lostPoints, parseRationalText, rationalToText, replayGroup, replayMatches, replayUnit,
  scoreUnit, sensitivity, subRational, pointsToRational, whatIf,
} from '../../src/index.ts';
import { bound, framework, group, leaf, primerTiers } from '../helpers.ts';

const q = (text: string): Rational => parseRationalText(text)!;

/** Every normal rule type, two fields whose maxima are their criteria's sums, and a bonus. */
const fw: Framework = framework([
  group('f1', '1', '10', [
    leaf('choice', '1.1', '1', { type: 'choice', options: [
      { key: 'a', label: 'A', points: '1' }, { key: 'b', label: 'B', points: '0.5' }, { key: 'c', label: 'C', points: '0' }] }),
    leaf('tiers', '1.2', '2', primerTiers),
    leaf('prop', '1.3', '3', { type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'not_applicable' }),
    leaf('manual', '1.4', '2', { type: 'manual', min: '0', max: '2', step: '0.25' }),
    leaf('ded', '1.5', '2', { type: 'deduction', start: '2', perOccurrence: '0.5', floor: '0', occurrenceLabel: 'lần' }),
  ].map((n) => ({ ...n, applicability: { mayDeclareNotApplicable: true } }))),
  group('f2', '2', '5', [
    leaf('yn', '2.1', '2', { type: 'yes_no', yesPoints: '2', noPoints: '0' }),
    leaf('survey', '2.2', '3', { type: 'survey' }),
  ].map((n) => ({ ...n, applicability: { mayDeclareNotApplicable: true } }))),
  group('b', 'B', '1', [leaf('bonus', 'B.1', '1', { type: 'bonus', mode: 'per_occurrence', points: '0.25', cap: '1' })]),
], {
  rounding: { pointsDecimals: 2, indexDecimals: 2, mode: 'half_up' },
  bonus: { countsInIndex: true },
  classification: { bands: [{ key: 'tot', label: 'Tốt', minPercent: '80' }, { key: 'kha', label: 'Khá', minPercent: '60' }, { key: 'tb', label: 'Trung bình', minPercent: '0' }] },
});

const arbRate = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }))
  .map(([n, d]): NodeInput => ({ kind: 'rate', numerator: n, denominator: d }));
const arbByKey: Record<string, fc.Arbitrary<NodeInput>> = {
  choice: fc.constantFrom('a', 'b', 'c').map((option): NodeInput => ({ kind: 'choice', option })),
  tiers: arbRate,
  prop: arbRate,
  manual: fc.integer({ min: 0, max: 8 }).map((x): NodeInput => ({ kind: 'manual', points: (x / 4).toString() })),
  ded: fc.integer({ min: 0, max: 6 }).map((occurrences): NodeInput => ({ kind: 'count', occurrences })),
  yn: fc.boolean().map((value): NodeInput => ({ kind: 'yes_no', value })),
  survey: fc.integer({ min: 0, max: 3000 }).map((t): NodeInput => ({ kind: 'survey', points: (t / 1000).toString() })),
  bonus: fc.integer({ min: 0, max: 6 }).map((occurrences): NodeInput => ({ kind: 'count', occurrences })),
};
const arbInputs: fc.Arbitrary<UnitInputs> = fc.record(Object.fromEntries(Object.entries(arbByKey).map(([k, a]) => [k, fc.option(
  fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant<NodeInput>({ kind: 'not_applicable', reason: 'lý do' }) }),
  { nil: undefined })])));

/** What a snapshot keeps of a scored unit: per leaf the exact effective points and whether it applied. */
function published(unitId: string, score: UnitScore, self?: UnitScore, f: Framework = fw): PublishedUnit {
  return {
    unitId, profile: {},
    leaves: [...leafNodes(f).keys()].map((key) => {
      const n = score.nodes.get(key)!;
      const s = self?.nodes.get(key);
      return { key, effective: n.applicable ? n.leaf!.exact : null, self: s?.applicable ? s.leaf!.exact : null, notApplicable: !n.applicable };
    }),
  };
}

describe('replay of a published result', () => {
  it('gives back the exact points and index the engine published', () => {
    fc.assert(fc.property(arbInputs, (inputs) => {
      const score = scoreUnit(fw, {}, inputs);
      const replay = replayUnit(fw, published('u', score));
      expect(replayMatches(replay, { achieved: score.exact.achieved, index: score.index })).toBe(true);
      expect(replay.publishedIndex).toEqual(score.publishedIndex);
      expect(replay.exact.bonus).toEqual(score.exact.bonus);
    }));
  });

  it('keeps a proportional 2/3 exact', () => {
    const score = scoreUnit(framework([group('f', '1', '1', [leaf('p', '1.1', '1', { type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points' })])]), {}, {
      p: { kind: 'rate', numerator: 2, denominator: 3 },
    });
    expect(rationalToText(score.exact.achieved)).toBe('2/3');
  });
});

describe('lost points ledger', () => {
  it('lines add up to the applicable maximum minus the achieved points (bonus aside), none negative', () => {
    fc.assert(fc.property(arbInputs, (inputs) => {
      const score = scoreUnit(fw, {}, inputs);
      const ledger = lostPoints(fw, published('u', score));
      const total = subRational(pointsToRational(score.applicableMax), score.exact.achieved);
      expect(compareRational(ledger.totalLost, total)).toBe(0);
      // No group here caps its criteria: every lost point is on a line.
      expect(ledger.cappedOut.num).toBe(0n);
      expect(compareRational(ledger.linesTotal, total)).toBe(0);
      for (const l of ledger.lines) expect(l.lost.num > 0n).toBe(true);
      for (let i = 1; i < ledger.lines.length; i++) expect(compareRational(ledger.lines[i - 1]!.lost, ledger.lines[i]!.lost)).toBeGreaterThanOrEqual(0);
      expect(ledger.lines.some((l) => l.key === 'bonus')).toBe(false);
      const fieldSum = ledger.fields.reduce((s, f) => addRational(s, f.lost), { num: 0n, den: 1n });
      expect(compareRational(fieldSum, ledger.linesTotal)).toBe(0);
    }));
  });

  it('says why: the tier reached and the next, the appraiser’s cut and its reason, missing evidence, deductions, survey', () => {
    const self = scoreUnit(fw, {}, {
      choice: { kind: 'choice', option: 'a' }, tiers: { kind: 'rate', numerator: 75, denominator: 100 },
      prop: { kind: 'rate', numerator: 1, denominator: 1 }, manual: { kind: 'manual', points: '2' },
      ded: { kind: 'count', occurrences: 1 }, yn: { kind: 'yes_no', value: true }, survey: { kind: 'survey', points: '2.4' },
    });
    const effective = scoreUnit(fw, {}, {
      choice: { kind: 'choice', option: 'b' }, tiers: { kind: 'rate', numerator: 75, denominator: 100 },
      prop: { kind: 'rate', numerator: 1, denominator: 1 }, manual: { kind: 'manual', points: '1' },
      ded: { kind: 'count', occurrences: 1 }, yn: { kind: 'yes_no', value: true }, survey: { kind: 'survey', points: '2.4' },
    });
    const unit = published('u', effective, self);
    const leaves = unit.leaves.map((l): LedgerLeaf => (l.key === 'choice' ? { ...l, reason: 'Ban hành trễ hạn', evidenceCount: 1 } : l.key === 'manual' ? { ...l, evidenceCount: 0 } : l));
    const ledger = lostPoints(fw, { ...unit, leaves }, { evidenceRequired: true });
    const line = (key: string) => ledger.lines.find((l) => l.key === key)!;
    expect(ledger.lines.map((l) => [l.code, rationalToText(l.lost), l.kind])).toEqual([
      ['1.2', '1', 'below_tier'], ['1.4', '1', 'missing_evidence'], ['2.2', '3/5', 'survey'], ['1.1', '1/2', 'appraisal_change'], ['1.5', '1/2', 'deduction'],
    ]);
    expect(line('tiers').nextTier).toMatchObject({ points: 2000, tier: { lower: { inclusive: false } } });
    expect(rationalToText(line('tiers').nextTier!.gain)).toBe('1');
    expect(line('choice')).toMatchObject({ reason: 'Ban hành trễ hạn', causes: [{ kind: 'appraisal_change' }] });
    expect(line('ded').occurrences).toBe(1);
    expect(ledger.fields.map((f) => [f.code, rationalToText(f.lost)])).toEqual([['1', '3'], ['2', '3/5']]);
  });

  it('keeps both causes when the rule gave less than the maximum and the appraiser lowered it further', () => {
    const self = scoreUnit(fw, {}, { tiers: { kind: 'rate', numerator: 80, denominator: 100 } });
    const eff = scoreUnit(fw, {}, { tiers: { kind: 'rate', numerator: 50, denominator: 100 } });
    const l = lostPoints(fw, published('u', eff, self)).lines.find((x) => x.key === 'tiers')!;
    expect(l.causes.map((c) => [c.kind, rationalToText(c.points)])).toEqual([['below_tier', '1'], ['appraisal_change', '1']]);
  });

  it('counts points a capping group never counted apart', () => {
    const capped = framework([group('f', '1', '3', [
      leaf('a', '1.1', '2', { type: 'yes_no', yesPoints: '2', noPoints: '0' }),
      leaf('b', '1.2', '2', { type: 'yes_no', yesPoints: '2', noPoints: '0' }),
    ])]);
    const score = scoreUnit(capped, {}, { a: { kind: 'yes_no', value: true }, b: { kind: 'yes_no', value: false } });
    const unit: PublishedUnit = { unitId: 'u', profile: {}, leaves: [{ key: 'a', effective: q('2'), self: null, notApplicable: false }, { key: 'b', effective: q('0'), self: null, notApplicable: false }] };
    const ledger = lostPoints(capped, unit, { score });
    expect([ledger.totalLost, ledger.linesTotal, ledger.cappedOut].map(rationalToText)).toEqual(['1', '2', '1']);
  });
});

describe('what-if', () => {
  const arbGroup = fc.array(arbInputs, { minLength: 2, maxLength: 5 });

  it('raising a criterion never lowers the index nor the rank, and the index gain is what the engine says', () => {
    fc.assert(fc.property(arbGroup, (list) => {
      const units = list.map((inputs, i) => published(`u${i}`, scoreUnit(fw, {}, inputs)));
      const replayed = replayGroup({ framework: fw, units });
      for (const o of whatIf(replayed, 'u0')) {
        expect(compareRational(o.indexGain, { num: 0n, den: 1n })).toBeGreaterThanOrEqual(0);
        expect(o.placesGained).toBeGreaterThanOrEqual(0);
        expect(compareRational(o.gain, { num: 0n, den: 1n })).toBeGreaterThan(0);
      }
    }), { numRuns: 40 });
  });

  it('gives the gain in index, the new rank and the new class, biggest gain first', () => {
    const units = [
      published('a', scoreUnit(fw, {}, { choice: { kind: 'choice', option: 'a' }, tiers: { kind: 'rate', numerator: 95, denominator: 100 }, prop: { kind: 'rate', numerator: 1, denominator: 1 }, manual: { kind: 'manual', points: '2' }, ded: { kind: 'count', occurrences: 0 }, yn: { kind: 'yes_no', value: true }, survey: { kind: 'survey', points: '3' } })),
      published('b', scoreUnit(fw, {}, { choice: { kind: 'choice', option: 'a' }, tiers: { kind: 'rate', numerator: 95, denominator: 100 }, prop: { kind: 'rate', numerator: 1, denominator: 1 }, manual: { kind: 'manual', points: '2' }, ded: { kind: 'count', occurrences: 0 }, yn: { kind: 'yes_no', value: false }, survey: { kind: 'survey', points: '2' } })),
      published('c', scoreUnit(fw, {}, { choice: { kind: 'choice', option: 'a' }, tiers: { kind: 'rate', numerator: 75, denominator: 100 }, prop: { kind: 'rate', numerator: 1, denominator: 2 }, manual: { kind: 'manual', points: '2' }, ded: { kind: 'count', occurrences: 0 }, yn: { kind: 'yes_no', value: true }, survey: { kind: 'survey', points: '3' } })),
    ];
    const replayed = replayGroup({ framework: fw, units });
    // c: 12,5/15 = 83,33 (2nd); b: 12/15 = 80 (3rd); a: 15/15 = 100.
    expect([...replayed.standings].map(([u, s]) => [u, s.rank, s.band?.label])).toEqual([['a', 1, 'Tốt'], ['c', 2, 'Tốt'], ['b', 3, 'Tốt']]);
    const options = whatIf(replayed, 'c');
    expect(options.map((o) => [o.code, o.target, rationalToText(o.gain), rationalToText(o.indexGain), o.after.rank])).toEqual([
      ['1.3', 'full', '3/2', '10', 2],
      ['1.2', 'full', '1', '20/3', 2],
    ]);
    const b = whatIf(replayed, 'b');
    expect(b[0]).toMatchObject({ code: '2.1', placesGained: 1, after: { rank: 2 } });
    const s = sensitivity(replayed);
    expect(s.units.find((u) => u.unitId === 'b')!.smallest).toMatchObject({ code: '2.2' });
    expect(s.criteria[0]).toMatchObject({ unitsMovedUp: 1 });
  });

  it('offers the next tier of a tiered criterion besides its maximum', () => {
    const tiers3 = framework([group('f', '1', '3', [leaf('t', '1.1', '3', {
      type: 'rate_tiers', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points',
      tiers: [{ lower: bound('90', true), upper: null, points: '3' }, { lower: bound('50', true), upper: bound('90', false), points: '2' }, { lower: null, upper: bound('50', false), points: '0' }],
    })])]);
    const units = ['u', 'v'].map((id, i) => published(id, scoreUnit(tiers3, {}, { t: { kind: 'rate', numerator: i === 0 ? 10 : 60, denominator: 100 } }), undefined, tiers3));
    const options = whatIf(replayGroup({ framework: tiers3, units }), 'u');
    expect(options.map((o) => [o.target, rationalToText(o.to), o.after.rank])).toEqual([['full', '3', 1], ['next_tier', '2', 1]]);
  });
});
