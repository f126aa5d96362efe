/**
 * Playing a demo year in a day (issue 7 §8): the cycle's calendar moved so that the next phase has
 * begun now — only offered on demo data. The phases, as the workflow's time guards see them:
 *
 *   self_assessment (until the deadline) → appraisal (deadline passed; appraisal and explanations
 *   open) → council (appraisal closed, council date reached) → publication (publication date reached)
 *
 * Moving on keeps every later date in the future and the calendar valid (`checkCalendar`).
 */
import type { CycleCalendar, Instant } from './calendar.ts';

export type CalendarPhase = 'before_opening' | 'self_assessment' | 'appraisal' | 'council' | 'publication';

export const CALENDAR_PHASE_LABELS: Readonly<Record<CalendarPhase, string>> = {
  before_opening: 'Chưa đến thời gian tự đánh giá',
  self_assessment: 'Tự đánh giá',
  appraisal: 'Thẩm định, giải trình',
  council: 'Hội đồng thẩm định',
  publication: 'Công bố',
};

export function calendarPhase(c: CycleCalendar, now: Instant): CalendarPhase {
  if (now >= c.publicationDate) return 'publication';
  if (now >= c.councilDate) return 'council';
  if (now > c.selfAssessmentDeadline) return 'appraisal';
  if (c.selfAssessmentOpens !== undefined && now < c.selfAssessmentOpens) return 'before_opening';
  return 'self_assessment';
}

const NEXT: Readonly<Record<CalendarPhase, CalendarPhase | null>> = {
  before_opening: 'self_assessment',
  self_assessment: 'appraisal',
  appraisal: 'council',
  council: 'publication',
  publication: null,
};

export function nextCalendarPhase(c: CycleCalendar, now: Instant): CalendarPhase | null {
  return NEXT[calendarPhase(c, now)];
}

const DAY = 86_400_000;
/** How far before `now` a moved date is put, so that the new phase has clearly begun. */
const JUST_BEFORE = 1_000;

/** The calendar in which the next phase has begun at `now`; null when there is none. */
export function advanceCalendar(c: CycleCalendar, now: Instant): { phase: CalendarPhase; calendar: CycleCalendar } | null {
  const phase = nextCalendarPhase(c, now);
  if (phase === null) return null;
  const past = now - JUST_BEFORE;
  const later = (t: Instant, days: number) => Math.max(t, now + days * DAY);
  switch (phase) {
    case 'self_assessment':
      return { phase, calendar: { ...c, selfAssessmentOpens: past, selfAssessmentDeadline: later(c.selfAssessmentDeadline, 1) } };
    case 'appraisal': {
      const appraisal = { opens: Math.min(c.appraisal.opens, past), closes: later(c.appraisal.closes, 1) };
      const explanation = { opens: Math.min(c.explanation.opens, past), closes: Math.min(later(c.explanation.closes, 1), appraisal.closes) };
      const councilDate = Math.max(c.councilDate, appraisal.closes);
      return {
        phase,
        calendar: { ...c, selfAssessmentDeadline: Math.min(c.selfAssessmentDeadline, past), appraisal, explanation, councilDate, publicationDate: Math.max(c.publicationDate, councilDate) },
      };
    }
    case 'council': {
      const closes = past - JUST_BEFORE;
      return {
        phase,
        calendar: {
          ...c,
          selfAssessmentDeadline: Math.min(c.selfAssessmentDeadline, closes),
          appraisal: { opens: Math.min(c.appraisal.opens, closes), closes },
          explanation: { opens: Math.min(c.explanation.opens, closes), closes },
          councilDate: past,
          publicationDate: later(c.publicationDate, 1),
        },
      };
    }
    case 'publication':
      return { phase, calendar: { ...c, publicationDate: past } };
    default:
      return null;
  }
}
