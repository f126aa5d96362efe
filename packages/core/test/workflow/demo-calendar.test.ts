import { describe, expect, it } from 'vitest';
import { type CycleCalendar, advanceCalendar, calendarPhase, checkCalendar, nextCalendarPhase } from '../../src/index.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 0, 10, 3);
/** The demo cycle as loaded: deadline in 14 days, appraisal from today, council in 35, publication in 40. */
const loaded: CycleCalendar = {
  selfAssessmentDeadline: now + 14 * DAY,
  appraisal: { opens: now, closes: now + 30 * DAY },
  explanation: { opens: now, closes: now + 30 * DAY },
  councilDate: now + 35 * DAY,
  publicationDate: now + 40 * DAY,
};

describe('demo calendar: moving to the next phase', () => {
  it('walks self-assessment → appraisal → council → publication, valid at every step', () => {
    let c = loaded;
    let t = now;
    const seen = [calendarPhase(c, t)];
    for (;;) {
      const step = advanceCalendar(c, t);
      if (!step) break;
      expect(checkCalendar(step.calendar)).toEqual([]);
      expect(calendarPhase(step.calendar, t)).toBe(step.phase);
      seen.push(step.phase);
      c = step.calendar;
      t += 60_000;
    }
    expect(seen).toEqual(['self_assessment', 'appraisal', 'council', 'publication']);
    expect(nextCalendarPhase(c, t)).toBeNull();
  });

  it('in appraisal the self-assessment deadline has passed but appraisal and explanations are open', () => {
    const { calendar } = advanceCalendar(loaded, now)!;
    expect(calendar.selfAssessmentDeadline).toBeLessThan(now);
    expect(calendar.appraisal.opens).toBeLessThanOrEqual(now);
    expect(calendar.appraisal.closes).toBeGreaterThan(now);
    expect(calendar.explanation.closes).toBeGreaterThan(now);
    expect(calendar.councilDate).toBe(loaded.councilDate);
  });

  it('opens a self-assessment that had not started', () => {
    const c = { ...loaded, selfAssessmentOpens: now + DAY };
    expect(calendarPhase(c, now)).toBe('before_opening');
    expect(calendarPhase(advanceCalendar(c, now)!.calendar, now)).toBe('self_assessment');
  });
});
