import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCount, readTypedNumber, readTypedPoints } from '../src/decimal/typed.ts';
import { formatPoints, pointsFromThousandths } from '../src/decimal/points.ts';

const canonical = (text: string, kind: 'count' | 'quantity' | 'points') => {
  const r = readTypedNumber(text, kind);
  return r.ok ? r.canonical : r.problem;
};

describe('readTypedNumber', () => {
  it('reads Vietnamese thousands as a whole number where the input is a count', () => {
    expect(canonical('1.237', 'count')).toBe('1237');
    expect(canonical('1.237', 'quantity')).toBe('1237');
    expect(canonical('12.345.678', 'count')).toBe('12345678');
    expect(canonical('1 237', 'count')).toBe('1237');
    expect(readCount('1.237')).toBe(1237);
  });

  it('refuses "1.237" as points: both readings are plausible', () => {
    const r = readTypedNumber('1.237', 'points');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toBe('ambiguous');
    expect(!r.ok && r.message).toContain('1,237');
    expect(readTypedPoints('1.250').ok).toBe(false);
  });

  it('reads decimal commas, and dots that cannot be thousands, as decimals', () => {
    expect(canonical('0,75', 'points')).toBe('0.75');
    expect(canonical('8,75', 'points')).toBe('8.75');
    expect(canonical('0.125', 'points')).toBe('0.125');
    expect(canonical('12.5', 'quantity')).toBe('12.5');
    expect(canonical('1.234,5', 'quantity')).toBe('1234.5');
    expect(canonical('1,237', 'quantity')).toBe('1.237');
  });

  it('refuses what is not a value of the kind, with the reason', () => {
    expect(canonical('1,5', 'count')).toBe('not_whole');
    expect(canonical('1,237', 'count')).toBe('not_whole');
    expect(canonical('-3', 'quantity')).toBe('negative');
    expect(canonical('abc', 'quantity')).toBe('not_a_number');
    expect(canonical('1.23.4', 'quantity')).toBe('not_a_number');
    expect(canonical('0,1234', 'points')).toBe('too_precise');
    expect(canonical('  ', 'points')).toBe('empty');
  });
});

describe('readTypedNumber properties', () => {
  const vi = (n: number) => n.toLocaleString('de-DE'); // dots for thousands, as Vietnamese writes them

  it('a count written with Vietnamese grouping reads back as itself', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
      expect(readCount(vi(n))).toBe(n);
      expect(readCount(String(n))).toBe(n);
    }));
  });

  it('points as the app shows them (decimal comma) read back exactly; grouped dots are never points', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (t) => {
      const p = pointsFromThousandths(t);
      const r = readTypedPoints(formatPoints(p));
      expect(r.ok && r.points).toBe(p);
    }));
    fc.assert(fc.property(fc.integer({ min: 1000, max: 1e9 }), (n) => {
      expect(readTypedNumber(vi(n), 'points').ok).toBe(false);
    }));
  });
});
