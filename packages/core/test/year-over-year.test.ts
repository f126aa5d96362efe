/** Year over year of published results (issue 11 §1): the choice of the earlier figure through lineage, and exact changes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type YoyCurrentRow, type YoyEarlierResult, type YoyEarlierYear, type YoyFieldResult, compareRational, earlierYears, lineageLink, parseDecimal,
  rationalFromDecimal, subRational, yearOverYear,
} from '../src/index.ts';

const ORDER = ['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu'];

const field = (fieldKey: string, componentIndex: string | null, maxPoints = '10'): YoyFieldResult => ({
  fieldKey, code: fieldKey.toUpperCase(), name: `Lĩnh vực ${fieldKey}`, achieved: '0', applicableMax: maxPoints, componentIndex, maxPoints,
});

function row(unitId: string, index: string, rank: number, classLabel: string | null, extra: Partial<YoyCurrentRow> = {}): YoyCurrentRow {
  return { unitId, unitCode: unitId.toUpperCase(), unitName: `Đơn vị ${unitId}`, achieved: index, applicableMax: '100', index, rank, classLabel, fields: [], ...extra };
}

function earlier(unitId: string, index: string, rank: number, classLabel: string | null, extra: Partial<YoyEarlierResult> = {}): YoyEarlierResult {
  return {
    unitId, unitCode: unitId.toUpperCase(), unitName: `Đơn vị ${unitId}`, cycleId: 'c-old', groupId: 'g-old', groupName: 'Nhóm',
    achieved: index, applicableMax: '100', index, rank, rankedUnits: 10, classLabel, fields: [], ...extra,
  };
}

const exact = (text: string) => rationalFromDecimal(parseDecimal(text)!);

describe('the earlier figure of a unit', () => {
  it('is the unit\'s own result when it has one, newest year first', () => {
    const a2024 = earlier('a', '80.00', 2, 'Tốt');
    const a2023 = earlier('a', '70.00', 3, 'Khá');
    const years = earlierYears({ unitId: 'a', ancestors: [], splitLinks: new Set(), results: new Map([['a', [{ year: 2023, result: a2023 }, { year: 2024, result: a2024 }]]]) });
    expect(years).toEqual([{ year: 2024, basis: 'same', results: [a2024] }, { year: 2023, basis: 'same', results: [a2023] }]);
  });

  it('through a merge: several predecessors are `merged`, a single whole predecessor (a rename) is `same`', () => {
    const p1 = earlier('p1', '80.00', 1, 'Tốt');
    const p2 = earlier('p2', '71.25', 2, 'Khá');
    const merged = earlierYears({
      unitId: 'x', ancestors: [{ unitId: 'p1', successorId: 'x' }, { unitId: 'p2', successorId: 'x' }], splitLinks: new Set(),
      results: new Map([['p1', [{ year: 2024, result: p1 }]], ['p2', [{ year: 2024, result: p2 }]]]),
    });
    expect(merged).toEqual([{ year: 2024, basis: 'merged', results: [p1, p2] }]);
    const renamed = earlierYears({ unitId: 'x', ancestors: [{ unitId: 'p1', successorId: 'x' }], splitLinks: new Set(), results: new Map([['p1', [{ year: 2024, result: p1 }]]]) });
    expect(renamed).toEqual([{ year: 2024, basis: 'same', results: [p1] }]);
  });

  it('through a split (the predecessor also went to other units) is `split`; a nearer predecessor with a result hides its own predecessors', () => {
    const p = earlier('p', '75.00', 4, 'Khá');
    const split = earlierYears({ unitId: 'x', ancestors: [{ unitId: 'p', successorId: 'x' }], splitLinks: new Set([lineageLink('p', 'x')]), results: new Map([['p', [{ year: 2024, result: p }]]]) });
    expect(split).toEqual([{ year: 2024, basis: 'split', results: [p] }]);
    // x ← a (2025) ← old (2020): in 2019 both old and a's sibling b had results; a had none.
    const old = earlier('old', '60.00', 5, 'Trung bình');
    const a = earlier('a', '66.00', 5, 'Trung bình');
    const b = earlier('b', '70.00', 2, 'Khá');
    const years = earlierYears({
      unitId: 'x', ancestors: [{ unitId: 'a', successorId: 'x' }, { unitId: 'b', successorId: 'x' }, { unitId: 'old', successorId: 'a' }], splitLinks: new Set(),
      results: new Map([['old', [{ year: 2019, result: old }, { year: 2024, result: old }]], ['a', [{ year: 2024, result: a }]], ['b', [{ year: 2019, result: b }]]]),
    });
    expect(years).toEqual([{ year: 2024, basis: 'same', results: [a] }, { year: 2019, basis: 'merged', results: [b, old] }]);
  });
});

describe('year over year of a group', () => {
  it('gives index, points, rank and class changes for the same unit; the average of a merged unit\'s predecessors', () => {
    const rows = [
      row('a', '73.79', 9, 'Khá', { achieved: '73.79' }),
      row('m', '85.50', 2, 'Tốt'),
      row('n', '90.00', 1, 'Xuất sắc'),
    ];
    const earlierMap = new Map<string, YoyEarlierYear[]>([
      ['a', [{ year: 2019, basis: 'same', results: [earlier('a', '81.00', 7, 'Tốt')] }]],
      ['m', [{ year: 2019, basis: 'merged', results: [earlier('p1', '80.00', 1, 'Tốt'), earlier('p2', '70.25', 3, 'Khá')] }]],
    ]);
    const y = yearOverYear({ year: 2020, indexDecimals: 2, rows, earlier: earlierMap, classOrder: ORDER, groupName: 'Nhóm', rankedUnits: 10 });
    expect(y.previousYear).toBe(2019);
    const a = y.units[0]!;
    expect(a.change).toEqual({ index: '-7.21', points: '-7.21', rank: -2, classChange: 'down' });
    const m = y.units[1]!;
    // (80 + 70.25) / 2 = 75.125 → 75.13 (half-up)
    expect(m.previous).toMatchObject({ basis: 'merged', index: '75.13', rank: null, classLabel: null, achieved: null });
    expect(m.change).toEqual({ index: '10.37', points: null, rank: null, classChange: null });
    expect(y.units[2]!.previous).toBeNull();
    expect(y.units[2]!.change).toBeNull();
    // Classes: this year Xuất sắc 1, Tốt 1, Khá 1; in 2019 among the results behind the comparisons: Tốt 2, Khá 1.
    expect(y.classes.filter((c) => c.count || c.previousCount)).toEqual([
      { label: 'Xuất sắc', count: 1, previousCount: 0, change: 1 },
      { label: 'Tốt', count: 1, previousCount: 2, change: -1 },
      { label: 'Khá', count: 1, previousCount: 1, change: 0 },
    ]);
    // (73.79 + 85.50 + 90.00) / 3 = 83.0966… → 83.10; (81 + 80 + 70.25) / 3 = 77.0833… → 77.08
    expect([y.averageIndex, y.previousAverageIndex, y.averageIndexChange]).toEqual(['83.10', '77.08', '6.02']);
  });

  it('compares fields by stable key: a changed maximum and a new field are not comparable and say why', () => {
    const rows = [row('a', '80.00', 1, 'Tốt', { fields: [field('f1', '80.00'), field('f2', '50.00', '12'), field('f3', '70.00')] })];
    const before = earlier('a', '75.00', 1, 'Khá', { fields: [field('f1', '60.50'), field('f2', '40.00', '10'), field('f0', '30.00')] });
    const y = yearOverYear({ year: 2025, indexDecimals: 2, rows, earlier: new Map([['a', [{ year: 2024, basis: 'same', results: [before] }]]]), classOrder: ORDER, groupName: 'Nhóm', rankedUnits: 10 });
    const byKey = new Map(y.units[0]!.fields.map((f) => [f.fieldKey, f]));
    expect(byKey.get('f1')).toMatchObject({ index: '80.00', previousIndex: '60.50', change: '19.50', comparable: true, note: null });
    expect(byKey.get('f2')).toMatchObject({ comparable: false, change: null, note: 'Điểm tối đa đổi từ 10 thành 12' });
    expect(byKey.get('f3')).toMatchObject({ comparable: false, previousIndex: null, note: 'Lĩnh vực mới năm 2025' });
    expect(byKey.get('f0')).toMatchObject({ comparable: false, index: null, previousIndex: '30.00', note: 'Lĩnh vực không còn trong bộ tiêu chí năm 2025' });
    expect(y.fields.find((f) => f.fieldKey === 'f1')).toMatchObject({ index: '80.00', previousIndex: '60.50', change: '19.50', comparable: true });
    expect(y.classes.find((c) => c.label === 'Tốt')).toEqual({ label: 'Tốt', count: 1, previousCount: 0, change: 1 });
  });
});

const indexText = fc.integer({ min: 0, max: 10_000 }).map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`);

describe('rank change', () => {
  it('is given only when last year ranked the unit in a cohort of the same name (whatever its size); both ranks are kept otherwise', () => {
    const rows = [row('a', '80.00', 40, 'Tốt')];
    const byDistrict = new Map([['a', [{ year: 2024, basis: 'same' as const, results: [earlier('a', '85.00', 3, 'Tốt', { groupName: 'Xã huyện Đình Lập', rankedUnits: 12 })] }]]]);
    const province = yearOverYear({ year: 2025, indexDecimals: 2, rows, earlier: byDistrict, classOrder: ORDER, groupName: 'Xã toàn tỉnh', rankedUnits: 65 });
    expect(province.units[0]!.change!.rank).toBeNull();
    expect(province.units[0]!.previous).toMatchObject({ rank: 3, rankedUnits: 12 });
    // Same name (case aside), another size — fewer units after mergers: places gained still compare.
    const resized = yearOverYear({ year: 2025, indexDecimals: 2, rows, earlier: byDistrict, classOrder: ORDER, groupName: 'xã huyện đình lập', rankedUnits: 65 });
    expect(resized.units[0]!.change!.rank).toBe(3 - 40);
    const same = yearOverYear({ year: 2025, indexDecimals: 2, rows: [row('a', '80.00', 5, 'Tốt')], earlier: byDistrict, classOrder: ORDER, groupName: 'Xã huyện Đình Lập', rankedUnits: 12 });
    expect(same.units[0]!.change!.rank).toBe(-2);
  });
});

describe('properties', () => {
  it('change = current − previous exactly; class counts sum to the classified units; rank change = places gained', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ index: indexText, previous: fc.option(indexText), rank: fc.integer({ min: 1, max: 40 }), previousRank: fc.integer({ min: 1, max: 40 }), cls: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 12 }),
      (units) => {
        const label = (i: number) => (i < ORDER.length ? ORDER[i]! : null);
        const rows = units.map((u, i) => row(`u${i}`, u.index, u.rank, label(u.cls)));
        const earlierMap = new Map(units.flatMap((u, i) => (u.previous === null ? [] : [[`u${i}`, [{ year: 2024, basis: 'same' as const, results: [earlier(`u${i}`, u.previous, u.previousRank, label((u.cls + 1) % 6))] }]] as const])));
        const y = yearOverYear({ year: 2025, indexDecimals: 2, rows, earlier: new Map(earlierMap), classOrder: ORDER, groupName: 'Nhóm', rankedUnits: 10 });
        y.units.forEach((u, i) => {
          const prev = units[i]!.previous;
          if (prev === null) return expect(u.change).toBeNull();
          expect(compareRational(exact(u.change!.index), subRational(exact(u.index), exact(prev)))).toBe(0);
          expect(u.change!.rank).toBe(units[i]!.previousRank - units[i]!.rank);
        });
        expect(y.classes.reduce((s, c) => s + c.count, 0)).toBe(rows.filter((r) => r.classLabel !== null).length);
        if (y.previousYear !== null) {
          expect(y.classes.reduce((s, c) => s + c.previousCount!, 0)).toBe(y.units.filter((u) => u.previous?.results[0]?.classLabel).length);
          expect(compareRational(exact(y.averageIndexChange!), subRational(exact(y.averageIndex), exact(y.previousAverageIndex!)))).toBe(0);
        }
      },
    ));
  });
});

describe('a merged unit\'s fields', () => {
  it('average the predecessors\' field indexes when every one had the field; otherwise say so', () => {
    const rows = [row('m', '80.00', 1, 'Tốt', { fields: [field('f1', '70.00'), field('f2', '90.00')] })];
    const results = [
      earlier('p1', '80.00', 1, 'Tốt', { fields: [field('f1', '60.00'), field('f2', '50.00')] }),
      earlier('p2', '70.00', 2, 'Khá', { fields: [field('f1', '65.25')] }),
    ];
    const y = yearOverYear({ year: 2025, indexDecimals: 2, rows, earlier: new Map([['m', [{ year: 2024, basis: 'merged', results }]]]), classOrder: ORDER, groupName: 'Nhóm', rankedUnits: 10 });
    const [f1, f2] = y.units[0]!.fields;
    // (60 + 65.25) / 2 = 62.625 → 62.63
    expect(f1).toMatchObject({ fieldKey: 'f1', previousIndex: '62.63', change: '7.37', comparable: true });
    expect(f2).toMatchObject({ fieldKey: 'f2', previousIndex: null, comparable: false, note: 'Không phải mọi đơn vị trước sắp xếp đều có lĩnh vực này năm 2024' });
  });
});
