import { describe, expect, it } from 'vitest';
import {
  classifyIndex, classifyScore, compareCycles, type CycleResult, formatFixed, parseFixed, rankByGroup, rankUnits,
  scoreUnit,
} from '../src/index.ts';
import { framework, group, leaf, manual } from './helpers.ts';

const bands = [
  { key: 'xs', label: 'Xuất sắc', minPercent: '90' },
  { key: 'tot', label: 'Tốt', minPercent: '80' },
  { key: 'kha', label: 'Khá', minPercent: '70' },
  { key: 'tb', label: 'Trung bình', minPercent: '50' },
  { key: 'yeu', label: 'Yếu', minPercent: '0' },
];

const fw = (ranking: Record<string, unknown> = {}) => framework([
  group('f1', '1', '60', [leaf('a', '1.1', '60', manual('60', '0.001'))]),
  group('f2', '2', '40', [leaf('b', '2.1', '40', manual('40', '0.001'), { applicability: { mayDeclareNotApplicable: true } })]),
], { ranking, classification: { bands } });

const score = (f: ReturnType<typeof fw>, a: string, b: string | null) =>
  scoreUnit(f, {}, { a: { kind: 'manual', points: a }, b: b === null ? { kind: 'not_applicable', reason: 'r' } : { kind: 'manual', points: b } });

describe('ranking', () => {
  it('ranks on the published index by default; on the exact basis, exact leaf points split the tie', () => {
    // 2 of 3 × 3 points = 2 exactly; 20 001 of 30 000 × 3 = 2,0001 — both 66,67 as published.
    // (Leaf points rounded to 2 decimals made both 2,00, a tie even on the exact basis.)
    const prop = (ranking: Record<string, unknown>) => framework([
      leaf('p', '1', '3', { type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points' }),
    ], { ranking });
    const rank = (ranking: Record<string, unknown>) => {
      const f = prop(ranking);
      const units = [
        { unitId: 'A', score: scoreUnit(f, {}, { p: { kind: 'rate', numerator: 2, denominator: 3 } }) },
        { unitId: 'B', score: scoreUnit(f, {}, { p: { kind: 'rate', numerator: 20001, denominator: 30000 } }) },
      ];
      expect(units.map((u) => formatFixed(u.score.publishedIndex!))).toEqual(['66,67', '66,67']);
      return rankUnits(units, f.settings.ranking).map((r) => [r.unitId, r.rank]);
    };
    expect(rank({})).toEqual([['A', 1], ['B', 1]]);
    expect(rank({ basis: 'exact' })).toEqual([['B', 1], ['A', 2]]);
  });

  it('on the exact basis, the achieved-points tie-break compares exact points', () => {
    // Both 200/3 % exactly: A 2/3 of 1; B 2/3 + 2/3 × 0,001 of 1,001. Both 0,667 to the thousandth.
    const rule = { type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points' };
    const f = framework([group('g', '1', '1.001', [
      leaf('p', '1.1', '1', rule), leaf('q', '1.2', '0.001', rule, { applicability: { mayDeclareNotApplicable: true } }),
    ])], { ranking: { basis: 'exact', tieBreaks: [{ kind: 'achieved_points' }] } });
    const third = { kind: 'rate', numerator: 2, denominator: 3 } as const;
    const a = scoreUnit(f, {}, { p: third, q: { kind: 'not_applicable', reason: 'r' } });
    const b = scoreUnit(f, {}, { p: third, q: third });
    expect(a.index).toEqual(b.index);
    expect([a.achieved, b.achieved]).toEqual([667, 667]);
    expect(rankUnits([{ unitId: 'A', score: a }, { unitId: 'B', score: b }], f.settings.ranking).map((r) => [r.unitId, r.rank])).toEqual([['B', 1], ['A', 2]]);
  });

  it('gives equal indexes the same rank and skips the next (1, 2, 2, 4)', () => {
    const f = fw();
    const ranked = rankUnits([
      { unitId: 'D', score: score(f, '30', '10') },
      { unitId: 'A', score: score(f, '60', '35') },
      { unitId: 'B', score: score(f, '50', '30') },
      { unitId: 'C', score: score(f, '40', '40') },
    ], f.settings.ranking);
    expect(ranked.map((r) => [r.unitId, r.rank, r.tiedCount])).toEqual([['A', 1, 1], ['B', 2, 2], ['C', 2, 2], ['D', 4, 1]]);
  });

  it('ranks by index, not points: 69,25 of 71,5 ranks above 94,43 of 100', () => {
    const f = framework([
      leaf('a', '1', '71.5', manual('71.5', '0.01')),
      leaf('b', '2', '28.5', manual('28.5', '0.01'), { applicability: { mayDeclareNotApplicable: true } }),
    ]);
    const small = scoreUnit(f, {}, { a: { kind: 'manual', points: '69.25' }, b: { kind: 'not_applicable', reason: 'r' } });
    const big = scoreUnit(f, {}, { a: { kind: 'manual', points: '70' }, b: { kind: 'manual', points: '24.43' } });
    expect(rankUnits([{ unitId: 'big', score: big }, { unitId: 'small', score: small }], f.settings.ranking)[0]!.unitId).toBe('small');
  });

  it('ties on the published index by default, but not on the exact basis', () => {
    // 80,004 % and 80,001 % both publish as 80,00.
    const pub = fw();
    const ex = fw({ basis: 'exact' });
    const u1 = (f: ReturnType<typeof fw>) => score(f, '48.004', '32');
    const u2 = (f: ReturnType<typeof fw>) => score(f, '48.001', '32');
    expect(formatFixed(u1(pub).publishedIndex!)).toBe('80,00');
    expect(rankUnits([{ unitId: 'u1', score: u1(pub) }, { unitId: 'u2', score: u2(pub) }], pub.settings.ranking).map((r) => r.rank)).toEqual([1, 1]);
    expect(rankUnits([{ unitId: 'u2', score: u2(ex) }, { unitId: 'u1', score: u1(ex) }], ex.settings.ranking).map((r) => [r.unitId, r.rank]))
      .toEqual([['u1', 1], ['u2', 2]]);
  });

  it('applies declared tie-breaks in order', () => {
    const f = fw({ tieBreaks: [{ kind: 'component_index', fieldKey: 'f2' }] });
    const ranked = rankUnits([
      { unitId: 'x', score: score(f, '60', '20') }, // 80 %, f2 50 %
      { unitId: 'y', score: score(f, '40', '40') }, // 80 %, f2 100 %
    ], f.settings.ranking);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([['y', 1], ['x', 2]]);
  });

  it('ranks each group on its own and leaves units without an index unranked', () => {
    const f = fw();
    const none = framework([leaf('z', '1', '1', manual('1'), { applicability: { unitGroups: ['g'] } })]);
    const groups = rankByGroup([
      { unitId: 'a', group: 'communes', score: score(f, '10', '10') },
      { unitId: 'b', group: 'wards', score: score(f, '5', '5') },
      { unitId: 'c', group: 'communes', score: scoreUnit(none, {}, {}) },
    ], f.settings.ranking);
    expect(groups.get('wards')!.map((r) => r.rank)).toEqual([1]);
    expect(groups.get('communes')!.map((r) => [r.unitId, r.rank])).toEqual([['a', 1], ['c', null]]);
  });
});

describe('classification', () => {
  const f = fw();
  const b = f.settings.classification.bands;
  it('puts a value exactly on a lower bound into that band', () => {
    expect(classifyIndex(b, parseFixed('90', 2))!.label).toBe('Xuất sắc');
    expect(classifyIndex(b, parseFixed('89,99', 2))!.label).toBe('Tốt');
    expect(classifyIndex(b, parseFixed('50', 2))!.label).toBe('Trung bình');
    expect(classifyIndex(b, parseFixed('0', 2))!.label).toBe('Yếu');
    expect(classifyIndex(b, null)).toBeNull();
  });
  it('classifies the published figure: 89,995 % publishes as 90,00 and is Xuất sắc', () => {
    const s = score(f, '53.995', '36');
    expect(formatFixed(s.publishedIndex!)).toBe('90,00');
    expect(classifyScore(f, s)!.label).toBe('Xuất sắc');
    expect(classifyScore(fw({ basis: 'exact' }), s)!.label).toBe('Tốt');
  });
});

describe('comparison with an earlier cycle', () => {
  const r = (unitId: string, index: string, rank: number, classLabel: string): CycleResult =>
    ({ unitId, index: parseFixed(index, 2), rank, classLabel });

  it('reports change in index, rank and class for the same unit', () => {
    const [c] = compareCycles([r('u', '73.79', 5, 'Khá')], [r('u', '81', 3, 'Tốt')]);
    expect(formatFixed(c!.indexChange!)).toBe('-7,21');
    expect(c!.rankChange).toBe(-2);
    expect(c!.classChange).toEqual({ from: 'Tốt', to: 'Khá' });
    expect(c!.derivation.kind).toBe('same_unit');
  });

  it('compares a merged unit with the average of its predecessors and says how', () => {
    const prev = [r('a', '80', 2, 'Tốt'), r('b', '71.25', 7, 'Khá'), r('c', '90', 1, 'Xuất sắc')];
    const fwBands = fw().settings.classification.bands;
    const [c] = compareCycles([{ unitId: 'ab', index: parseFixed('78.5', 2), rank: 3, classLabel: 'Khá' }], prev, {
      lineage: [{ unitId: 'ab', predecessors: ['a', 'b'], derivation: 'average' }],
      previousBands: fwBands,
    });
    expect(formatFixed(c!.previous!.index!)).toBe('75,63'); // (80 + 71,25) / 2 = 75,625 → 75,63
    expect(formatFixed(c!.indexChange!)).toBe('2,87');
    expect(c!.rankChange).toBeNull(); // ranks of different unit sets are not comparable
    expect(c!.previous!.classLabel).toBe('Khá');
    expect(c!.classChange).toBeNull();
    expect(c!.derivation.note).toContain('trung bình cộng');
    expect(c!.derivation.predecessors).toEqual(['a', 'b']);
  });

  it('carries rank over a single-predecessor rename and refuses when a predecessor is missing', () => {
    const prev = [r('old', '60', 4, 'Trung bình')];
    const out = compareCycles([r('new', '70', 2, 'Khá'), r('merged', '70', 2, 'Khá')], prev, {
      lineage: [
        { unitId: 'new', predecessors: ['old'], derivation: 'single' },
        { unitId: 'merged', predecessors: ['old', 'gone'], derivation: 'average' },
      ],
    });
    expect(out[0]!.rankChange).toBe(2);
    expect(out[0]!.classChange).toEqual({ from: 'Trung bình', to: 'Khá' });
    expect(out[1]!.previous).toBeNull();
    expect(out[1]!.derivation.kind).toBe('none');
  });

  it('refuses a "single" derivation with several predecessors', () => {
    const [c] = compareCycles([r('ab', '70', 1, 'Khá')], [r('a', '60', 1, 'Trung bình'), r('b', '80', 2, 'Tốt')], {
      lineage: [{ unitId: 'ab', predecessors: ['a', 'b'], derivation: 'single' }],
    });
    expect(c!.previous).toBeNull();
    expect(c!.derivation.note).toContain('đúng một');
  });

  it('derives the earlier index as the best or worst predecessor', () => {
    const prev = [r('a', '60', 1, 'Trung bình'), r('b', '80.5', 2, 'Tốt')];
    const [mx] = compareCycles([r('ab', '70', 1, 'Khá')], prev, { lineage: [{ unitId: 'ab', predecessors: ['a', 'b'], derivation: 'max' }] });
    const [mn] = compareCycles([r('ab', '70', 1, 'Khá')], prev, { lineage: [{ unitId: 'ab', predecessors: ['a', 'b'], derivation: 'min' }] });
    expect(formatFixed(mx!.indexChange!)).toBe('-10,50');
    expect(formatFixed(mn!.indexChange!)).toBe('10,00');
  });
});
