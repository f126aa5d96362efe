import { describe, expect, it } from 'vitest';
import { checkCalendar, checkExtension, checkLateParticipant, endOfDayVn, extensionFor, formatInstantVn, selfAssessmentDeadlineFor, startOfDayVn } from '../../src/index.ts';
import { calendar } from './fixtures.ts';

describe('calendar', () => {
  it('puts day boundaries in Vietnam time (UTC+7)', () => {
    expect(new Date(startOfDayVn(2025, 11, 15)).toISOString()).toBe('2025-11-14T17:00:00.000Z');
    expect(new Date(endOfDayVn(2025, 11, 15)).toISOString()).toBe('2025-11-15T16:59:59.999Z');
    expect(formatInstantVn(endOfDayVn(2025, 11, 15))).toBe('15/11/2025');
    expect(formatInstantVn(startOfDayVn(2025, 11, 15) + 17 * 3_600_000)).toBe('15/11/2025 17:00');
  });

  it('applies the latest extension of a unit only', () => {
    const c = {
      ...calendar,
      extensions: [
        { unitId: 'u2', until: endOfDayVn(2025, 10, 20), reason: 'a' },
        { unitId: 'u2', until: endOfDayVn(2025, 10, 18), reason: 'b' },
        { unitId: 'u3', until: endOfDayVn(2025, 10, 10), reason: 'earlier than the deadline' },
      ],
    };
    expect(selfAssessmentDeadlineFor(c, 'u1')).toBe(calendar.selfAssessmentDeadline);
    expect(selfAssessmentDeadlineFor(c, 'u2')).toBe(endOfDayVn(2025, 10, 20));
    expect(selfAssessmentDeadlineFor(c, 'u3')).toBe(calendar.selfAssessmentDeadline);
    expect(extensionFor(c, 'u2')?.reason).toBe('a');
    expect(extensionFor(c, 'u3')).toBeUndefined();
  });

  it('checks the order of the dates', () => {
    expect(checkCalendar(calendar)).toEqual([]);
    const bad = { ...calendar, councilDate: startOfDayVn(2025, 10, 30), extensions: [{ unitId: 'u1', until: 0, reason: ' ' }] };
    expect(checkCalendar(bad)).toEqual([
      'Họp Hội đồng thẩm định phải sau khi kết thúc thẩm định',
      'Gia hạn cho đơn vị u1: cần nêu lý do',
    ]);
  });

  it('refuses a council date moved to or before a unit extension', () => {
    // The calendar's check sees every unit's extension: a council date edited to an earlier day is refused.
    const extended = { ...calendar, extensions: [{ unitId: 'u2', until: endOfDayVn(2025, 11, 5), reason: 'a' }] };
    expect(checkCalendar({ ...extended, councilDate: startOfDayVn(2025, 11, 6) })).toEqual([]);
    const problems = checkCalendar(extended);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('05/11/2025');
    expect(problems[0]).toContain('ngày họp Hội đồng');
  });

  it('adds a late participant only with time left to submit', () => {
    const before = calendar.selfAssessmentDeadline - 1;
    const after = calendar.selfAssessmentDeadline + 1;
    expect(checkLateParticipant(calendar, before)).toBeNull();
    expect(checkLateParticipant(calendar, after)).toContain('hãy cho đơn vị gia hạn');
    expect(checkLateParticipant(calendar, after, endOfDayVn(2025, 11, 1))).toBeNull();
    expect(checkLateParticipant(calendar, after, calendar.councilDate)).toContain('sau ngày họp Hội đồng');
    expect(checkLateParticipant(calendar, endOfDayVn(2025, 11, 2), endOfDayVn(2025, 11, 1))).toContain('đã qua');
  });

  it('refuses an extension past the council date or not after the cycle deadline', () => {
    expect(checkExtension(calendar, endOfDayVn(2025, 10, 20))).toBeNull();
    expect(checkExtension(calendar, calendar.selfAssessmentDeadline)).toContain('phải sau hạn tự đánh giá chung');
    expect(checkExtension(calendar, calendar.councilDate)).toContain('sau ngày họp Hội đồng thẩm định');
    expect(checkExtension(calendar, calendar.councilDate + 86_400_000)).toMatch(/^Không thể gia hạn đến sau ngày họp Hội đồng thẩm định \(\d{2}\/\d{2}\/\d{4}/);
  });
});
