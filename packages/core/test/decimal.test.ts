import { describe, expect, it } from 'vitest';
import {
  addPoints, compareFixed, compareRational, fixedFromRational, formatFixed, formatPoints, parseDecimal, parseFixed,
  parsePoints, points, pointsFromRational, pointsToString, rational, roundHalfUp, sumPoints, formatDecimalVi, isZeroDecimal,
} from '../src/index.ts';

describe('parsing decimals', () => {
  it('reads the Vietnamese decimal comma and the plain decimal point alike', () => {
    expect(parsePoints('73,79')).toBe(73_790);
    expect(parsePoints('73.79')).toBe(73_790);
    expect(parsePoints('0,25')).toBe(250);
    expect(parsePoints(' 12 ')).toBe(12_000);
    expect(parsePoints(0.1)).toBe(100);
    expect(parsePoints('-0,5')).toBe(-500);
  });

  it('reads Vietnamese thousands grouping with a decimal comma', () => {
    expect(parseDecimal('1.234,5')).toEqual({ units: 12345n, scale: 1 });
  });

  it('rejects malformed text and more than 3 decimals', () => {
    for (const bad of ['', 'abc', '1,2,3', '1.2.3', '1,', '0.0001', '1.23,4']) expect(parsePoints(bad)).toBeNull();
    expect(parsePoints('0.2500')).toBe(250); // trailing zeros are harmless
  });
});

describe('exact arithmetic', () => {
  it('sums 1 000 criteria of 0,1 points to exactly 100', () => {
    const total = sumPoints(Array.from({ length: 1000 }, () => points('0,1')));
    expect(total).toBe(points('100'));
    expect(pointsToString(total)).toBe('100');
  });

  it('adds 0,1 + 0,2 to exactly 0,3 (a float would not)', () => {
    expect(addPoints(points('0.1'), points('0.2'))).toBe(points('0.3'));
  });

  it('rounds half-up at a declared number of decimals', () => {
    expect(roundHalfUp(rational(8133333n, 100000n), 2)).toBe(8133n);
    expect(roundHalfUp(rational(12345n, 1000n), 2)).toBe(1235n); // 12,345 → 12,35
    expect(roundHalfUp(rational(12344n, 1000n), 2)).toBe(1234n);
    expect(roundHalfUp(rational(-12345n, 1000n), 2)).toBe(-1235n); // away from zero
    expect(pointsFromRational(rational(7n, 3n), 2)).toBe(points('2.33'));
    expect(pointsFromRational(rational(5n, 3n), 2)).toBe(points('1.67'));
  });

  it('compares rationals exactly: 90/100 equals 9/10', () => {
    expect(compareRational(rational(90n, 100n), rational(9n, 10n))).toBe(0);
    expect(compareRational(rational(899999n, 1000000n), rational(9n, 10n))).toBe(-1);
  });
});

describe('formatting', () => {
  it('formats points for people and for files', () => {
    expect(formatPoints(points('73.79'))).toBe('73,79');
    expect(formatPoints(points('73.79'), { style: 'plain' })).toBe('73.79');
    expect(formatPoints(points('5'), { decimals: 2 })).toBe('5,00');
    expect(formatPoints(points('0.125'), { decimals: 2 })).toBe('0,13');
    expect(pointsToString(points('0.250'))).toBe('0.25');
  });

  it('formats and compares published figures', () => {
    const f = fixedFromRational(rational(6832n * 100n, 8400n), 2);
    expect(formatFixed(f)).toBe('81,33');
    expect(formatFixed(f, 'plain')).toBe('81.33');
    expect(compareFixed(parseFixed('81,3', 1)!, parseFixed('81.30', 2)!)).toBe(0);
  });
});

describe('formatDecimalVi', () => {
  it('writes plain decimal text with a decimal comma, keeping the written decimals', () => {
    expect(formatDecimalVi('73.79')).toBe('73,79');
    expect(formatDecimalVi('81.30')).toBe('81,30');
    expect(formatDecimalVi('-7.21')).toBe('-7,21');
    expect(formatDecimalVi('12')).toBe('12');
    expect(formatDecimalVi('Không áp dụng')).toBe('Không áp dụng');
  });

  it('drops trailing zeros, pads to a minimum and groups thousands on request', () => {
    expect(formatDecimalVi('0.750', { trimZeros: true })).toBe('0,75');
    expect(formatDecimalVi('12.000', { trimZeros: true })).toBe('12');
    expect(formatDecimalVi('2.5', { minDecimals: 2 })).toBe('2,50');
    expect(formatDecimalVi('1234567.5', { group: true })).toBe('1.234.567,5');
    expect(formatDecimalVi('-1234', { group: true })).toBe('-1.234');
    expect(formatDecimalVi('123.45', { group: true })).toBe('123,45');
  });

  it('tells zero text apart', () => {
    expect(isZeroDecimal('0')).toBe(true);
    expect(isZeroDecimal('-0.00')).toBe(true);
    expect(isZeroDecimal('0.01')).toBe(false);
    expect(isZeroDecimal('abc')).toBe(false);
  });
});
