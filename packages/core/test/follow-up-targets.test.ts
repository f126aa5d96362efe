import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TargetDirection, type TargetFacts, isMet, milestoneOf, summariseTargets, targetStatus, targetValueText } from '../src/index.ts';

const facts = (direction: TargetDirection, milestones: [number, string][], values: [number, string][], finalValue: string | null = null): TargetFacts => ({
  direction, milestones: new Map(milestones), values: new Map(values), finalValue,
});

describe('targetStatus', () => {
  it('judges a rate against its milestone: equal is met, above exceeded, below not met', () => {
    expect(targetStatus('90', '90.00', 'higher')).toBe('met');
    expect(targetStatus('90.01', '90', 'higher')).toBe('exceeded');
    expect(targetStatus('89,99', '90', 'higher')).toBe('not_met');
  });

  it('judges a rank the other way: a smaller rank beats the milestone', () => {
    expect(targetStatus('12', '15', 'lower')).toBe('exceeded');
    expect(targetStatus('15', '15', 'lower')).toBe('met');
    expect(targetStatus('21', '15', 'lower')).toBe('not_met');
  });

  it('compares exactly, without binary floats (0.1 + 0.2 written as 0.3)', () => {
    expect(targetStatus('0.3', '0.30000000000000004', 'higher')).toBe('not_met');
    expect(targetStatus('0.30000000000000004', '0.3', 'higher')).toBe('exceeded');
  });

  it('says when there is nothing to judge', () => {
    expect(targetStatus(null, '90', 'higher')).toBe('no_value');
    expect(targetStatus('90', null, 'higher')).toBe('no_milestone');
  });
});

describe('milestoneOf', () => {
  it("uses the year's milestone, else the final value in the end year", () => {
    const t = facts('higher', [[2025, '80']], [], '100');
    expect(milestoneOf(t, 2025, 2030)).toBe('80');
    expect(milestoneOf(t, 2030, 2030)).toBe('100');
    expect(milestoneOf(t, 2026, 2030)).toBeNull();
  });
});

describe('summariseTargets', () => {
  it('counts met and exceeded out of every target, for the latest year with values', () => {
    const targets = [
      facts('higher', [[2023, '80'], [2024, '85']], [[2023, '70'], [2024, '85']]),
      facts('higher', [[2024, '85']], [[2024, '90']]),
      facts('lower', [[2024, '10']], [[2024, '12']]),
      facts('higher', [[2024, '5']], []),
    ];
    expect(summariseTargets(targets, 2030)).toEqual({ year: 2024, met: 2, exceeded: 1, notMet: 1, unknown: 1, total: 4 });
    expect(summariseTargets(targets, 2030, 2023)).toMatchObject({ year: 2023, met: 0, notMet: 1, total: 4 });
  });

  it('has no year before any value', () => {
    expect(summariseTargets([facts('higher', [[2024, '1']], [])], 2030)).toEqual({ year: null, met: 0, exceeded: 0, notMet: 0, unknown: 1, total: 1 });
  });
});

const decimalText = fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 0, max: 3 })).map(([units, scale]) => {
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
});
const negate = (t: string) => (t.startsWith('-') ? t.slice(1) : `-${t}`);
const direction = fc.constantFrom<TargetDirection>('higher', 'lower');

describe('target properties', () => {
  it('swapping the direction and negating both values gives the same status', () => {
    fc.assert(fc.property(decimalText, decimalText, direction, (v, m, d) => {
      expect(targetStatus(negate(v), negate(m), d === 'higher' ? 'lower' : 'higher')).toBe(targetStatus(v, m, d));
    }));
  });

  it('a value equal to its milestone is always met, and met is symmetric with exceeded under swapping', () => {
    fc.assert(fc.property(decimalText, decimalText, direction, (v, m, d) => {
      expect(targetStatus(v, v, d)).toBe('met');
      const s = targetStatus(v, m, d);
      const swapped = targetStatus(m, v, d);
      if (s === 'exceeded') expect(swapped).toBe('not_met');
      if (s === 'not_met') expect(swapped).toBe('exceeded');
    }));
  });

  it('the met count never exceeds the total, and met + not met + unknown is the total', () => {
    const target = fc.record({
      direction,
      milestones: fc.array(fc.tuple(fc.integer({ min: 2021, max: 2030 }), decimalText), { maxLength: 10 }).map((e) => new Map(e)),
      values: fc.array(fc.tuple(fc.integer({ min: 2021, max: 2030 }), decimalText), { maxLength: 10 }).map((e) => new Map(e)),
      finalValue: fc.option(decimalText, { nil: null }),
    });
    fc.assert(fc.property(fc.array(target, { maxLength: 20 }), fc.option(fc.integer({ min: 2021, max: 2030 }), { nil: undefined }), (targets, year) => {
      const s = summariseTargets(targets, 2030, year);
      expect(s.met).toBeLessThanOrEqual(s.total);
      expect(s.exceeded).toBeLessThanOrEqual(s.met);
      expect(s.met + s.notMet + s.unknown).toBe(s.total);
      if (s.year !== null) expect(targets.filter((t) => isMet(targetStatus(t.values.get(s.year!), milestoneOf(t, s.year!, 2030), t.direction))).length).toBe(s.met);
    }));
  });
});

describe('targetValueText', () => {
  it('reads values as officials write them into plain decimal text', () => {
    expect(targetValueText('85,50')).toBe('85.5');
    expect(targetValueText('1.234,5')).toBe('1234.5');
    expect(targetValueText(12)).toBe('12');
    expect(targetValueText('-0,25')).toBe('-0.25');
    expect(targetValueText('0.00001')).toBeNull();
    expect(targetValueText('abc')).toBeNull();
  });

  it('keeps the value exactly (the status of the text and of its plain form agree)', () => {
    fc.assert(fc.property(decimalText, decimalText, direction, (v, m, d) => {
      expect(targetStatus(targetValueText(v), targetValueText(m), d)).toBe(targetStatus(v, m, d));
    }));
  });
});
