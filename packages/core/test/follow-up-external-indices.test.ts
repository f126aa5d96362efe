import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ExternalEdition, type ExternalFigure, checkExternalEdition, checkExternalFigure, externalChange, externalPeriodOfCell, externalPeriodText, externalSentence, isExternalPeriod,
  parseDecimal, rankChangeText, twoDigits, unitsToPlain, valueChangeText,
} from '../src/index.ts';

const edition = (year: number, components: [string, string | null][], rankOf: number | null = 63, maxValue: string | null = '80'): ExternalEdition => ({
  year, maxValue, rankOf, components: components.map(([key, maxPoints]) => ({ key, name: `Trụ cột ${key}`, maxPoints })),
});
const figure = (period: string, value: string, rank: number | null, components: Record<string, string> = {}, rankOf: number | null = 63): ExternalFigure => ({
  period, value, rank, rankOf, components,
});

describe('the sentence officials write', () => {
  it('reads "PAPI 2023 xếp hạng 21/63, giảm 0,37 điểm, giảm 08 bậc"', () => {
    const change = externalChange(figure('2023', '42.87', 21), edition(2023, []), figure('2022', '43.24', 13), edition(2022, []));
    expect(change.valueChange).toBe('-0.37');
    expect(change.rankChange).toBe(-8);
    expect(externalSentence({ label: 'PAPI', figure: figure('2023', '42.87', 21), change })).toBe('PAPI 2023 xếp hạng 21/63, giảm 0,37 điểm, giảm 08 bậc');
  });

  it('says the value when there is no rank, and the month of a monthly index', () => {
    const change = externalChange(figure('2024-05', '86.5', null), null, figure('2024-04', '85.25', null), null);
    expect(externalSentence({ label: 'Chỉ số 766', figure: figure('2024-05', '86.5', null), change })).toBe('Chỉ số 766 tháng 05/2024 đạt 86,5 điểm, tăng 1,25 điểm');
  });

  it('words a percentage change in percentage points and an unchanged rank', () => {
    expect(valueChangeText('1.20', '%')).toBe('tăng 1,20 điểm phần trăm');
    expect(valueChangeText('0.00')).toBe('không đổi điểm số');
    expect(rankChangeText(0)).toBe('giữ nguyên thứ hạng');
    expect(rankChangeText(12)).toBe('tăng 12 bậc');
    expect(twoDigits(3)).toBe('03');
  });
});

describe('externalChange', () => {
  it('compares components only when the key and the maximum are the same in both editions', () => {
    const before = edition(2023, [['a', '10'], ['b', '10'], ['gone', '5']]);
    const now = edition(2024, [['a', '10'], ['b', '12'], ['new', '5']]);
    const change = externalChange(figure('2024', '50', 5, { a: '7.5', b: '9', new: '3' }), now, figure('2023', '48', 7, { a: '7.25', b: '8', gone: '4' }), before);
    const by = new Map(change.components.map((c) => [c.key, c]));
    expect(by.get('a')).toMatchObject({ change: '0.25', comparable: true, note: null });
    expect(by.get('b')).toMatchObject({ change: null, comparable: false, note: 'Điểm tối đa đổi từ 10 thành 12' });
    expect(by.get('new')?.note).toBe('Thành phần mới năm 2024');
    expect(by.get('gone')?.note).toBe('Thành phần không còn năm 2024');
    expect(change.rankChange).toBe(2);
  });

  it('does not compare ranks among a different number of provinces (63 before July 2025, 34 after)', () => {
    const change = externalChange(figure('2025', '50', 10, {}, 34), edition(2025, [], 34), figure('2024', '48', 21), edition(2024, []));
    expect(change.rankChange).toBeNull();
    expect(change.rankNote).toBe('Số tỉnh, thành phố xếp hạng đổi từ 63 thành 34');
  });

  it('has no change without a previous period', () => {
    const change = externalChange(figure('2019', '40', 30, { a: '5' }), edition(2019, [['a', '10']]), null, null);
    expect(change).toMatchObject({ valueChange: null, rankChange: null, previousPeriod: null });
    expect(change.components[0]).toMatchObject({ value: '5', change: null, note: null });
  });

  it('computes the value change exactly: the difference of the units at the larger scale (property)', () => {
    const dec = fc.tuple(fc.bigInt({ min: 0n, max: 10_000_000n }), fc.integer({ min: 0, max: 4 }));
    fc.assert(fc.property(dec, dec, ([ua, sa], [ub, sb]) => {
      const change = externalChange(figure('2024', unitsToPlain(ua, sa), null), null, figure('2023', unitsToPlain(ub, sb), null), null);
      const scale = Math.max(sa, sb);
      expect(parseDecimal(change.valueChange!)).toEqual({ units: ua * 10n ** BigInt(scale - sa) - ub * 10n ** BigInt(scale - sb), scale });
    }));
  });

  it('counts places gained as previous rank − current rank, and says it with two digits (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 63 }), fc.integer({ min: 1, max: 63 }), (now, before) => {
      const change = externalChange(figure('2024', '1', now), null, figure('2023', '1', before), null);
      expect(change.rankChange).toBe(before - now);
      const text = rankChangeText(change.rankChange!);
      if (now === before) expect(text).toBe('giữ nguyên thứ hạng');
      else expect(text).toMatch(now < before ? /^tăng \d{2} bậc$/ : /^giảm \d{2} bậc$/);
    }));
  });
});

describe('checks', () => {
  const ed = edition(2024, [['a', '10'], ['b', null]]);

  it('refuses a component above its maximum, a rank above the number ranked and an unknown component', () => {
    const issues = checkExternalFigure(figure('2024', '81', 64, { a: '10.5', b: '99', x: '1' }), ed);
    expect(issues.map((i) => i.field)).toEqual(['value', 'rank', 'components.a', 'components.x']);
    expect(issues.find((i) => i.field === 'components.a')?.message).toBe('Trụ cột a 10,5 vượt điểm tối đa 10');
    expect(issues.find((i) => i.field === 'rank')?.message).toBe('Thứ hạng 64 lớn hơn số tỉnh, thành phố xếp hạng (63)');
    expect(issues.find((i) => i.field === 'components.x')?.message).toBe('Thành phần “x” không có trong chỉ số năm 2024');
  });

  it('accepts a value at its maxima', () => {
    expect(checkExternalFigure(figure('2024', '80', 63, { a: '10', b: '1000' }), ed)).toEqual([]);
  });

  it('refuses duplicate component keys and a maximum that is not positive in an edition', () => {
    const issues = checkExternalEdition({ year: 2024, maxValue: '0', rankOf: 63, components: [{ key: 'a', name: 'A', maxPoints: '10' }, { key: 'a', name: 'B', maxPoints: '-1' }] });
    expect(issues.map((i) => i.field)).toEqual(['components.1.key', 'components.1.maxPoints', 'maxValue']);
  });

  it('knows a yearly period from a monthly one', () => {
    expect(isExternalPeriod('2024', 'year')).toBe(true);
    expect(isExternalPeriod('2024-05', 'year')).toBe(false);
    expect(isExternalPeriod('2024-05', 'month')).toBe(true);
    expect(isExternalPeriod('2024-13', 'month')).toBe(false);
    expect(externalPeriodText('2024-05')).toBe('tháng 05/2024');
  });
});

describe('a period as a spreadsheet cell gives it', () => {
  it('reads a monthly index’s month typed as a date or in Vietnamese as that month', () => {
    for (const cell of ['2024-05', '2024-05-01', '2024-05-31', '2024-5', '05/2024', '5/2024', '01/05/2024', 'tháng 5/2024', 'Tháng 05/2024', 'T5/2024', ' 2024-05-01 ']) {
      expect(externalPeriodOfCell(cell, 'month'), cell).toBe('2024-05');
    }
  });

  it('leaves anything else as written, to be refused with its line', () => {
    for (const cell of ['2024', '2024-13', '13/2024', 'Quý 2/2024', '']) expect(externalPeriodOfCell(cell, 'month')).toBe(cell);
    expect(externalPeriodOfCell('2024-05-01', 'year')).toBe('2024-05-01');
    expect(externalPeriodOfCell(' 2024 ', 'year')).toBe('2024');
  });

  it('gives a period of the index for every day of every month', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
      const period = externalPeriodOfCell(d.toISOString().slice(0, 10), 'month');
      expect(period).toBe(d.toISOString().slice(0, 7));
      expect(isExternalPeriod(period, 'month')).toBe(true);
    }));
  });
});
