import { describe, expect, it } from 'vitest';
import { currentQuarter, planPoints, romanQuarter } from '../src/pages/follow-up/remediation/plan-view';

describe('remediation plan display', () => {
  it('shows the quarter of the plan’s year: today’s within it, the first before, the last after', () => {
    expect(currentQuarter(2025, '2025-05-20')).toBe(2);
    expect(currentQuarter(2025, '2025-12-31')).toBe(4);
    expect(currentQuarter(2026, '2025-11-01')).toBe(1);
    expect(currentQuarter(2024, '2026-02-01')).toBe(4);
    expect([1, 2, 3, 4].map(romanQuarter)).toEqual(['I', 'II', 'III', 'IV']);
  });

  it('writes points lost with a decimal comma and two decimals at least', () => {
    expect(planPoints('2.5')).toBe('2,50');
    expect(planPoints('0.667')).toBe('0,667');
    expect(planPoints('1234.5')).toBe('1.234,50');
    expect(planPoints(null)).toBe('—');
  });
});
