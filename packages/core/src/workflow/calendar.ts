/**
 * The cycle's calendar (lịch của kỳ đánh giá). Times are instants in epoch milliseconds,
 * passed in by the caller: the core never reads the clock. Deadlines are inclusive
 * ("đến hết ngày 15/11" = up to 23:59:59.999 that day, Vietnam time).
 */

/** Milliseconds since 1970-01-01T00:00:00Z. A plain number so it travels as JSON. */
export type Instant = number;

/** A closed interval [opens, closes]. */
export interface TimeWindow {
  readonly opens: Instant;
  readonly closes: Instant;
}

/** A later self-assessment deadline granted to one unit (gia hạn), with its reason. */
export interface DeadlineExtension {
  readonly unitId: string;
  readonly until: Instant;
  readonly reason: string;
}

export interface CycleCalendar {
  /** Units may start their self-assessment from here (default: any time before the deadline). */
  readonly selfAssessmentOpens?: Instant;
  /** Hạn tự đánh giá: the head must submit by this instant (inclusive). */
  readonly selfAssessmentDeadline: Instant;
  readonly extensions?: readonly DeadlineExtension[];
  /** Thời gian thẩm định. */
  readonly appraisal: TimeWindow;
  /** Thời gian giải trình: requests must fall due inside it; units answer until it closes. */
  readonly explanation: TimeWindow;
  /** Họp Hội đồng thẩm định: council work is possible from this instant. */
  readonly councilDate: Instant;
  /** Ngày công bố: publication is possible from this instant. */
  readonly publicationDate: Instant;
}

/** Vietnam has no daylight saving time: always UTC+7. */
const VN_OFFSET_MS = 7 * 3_600_000;

/** Start of a calendar day in Vietnam (00:00 Asia/Ho_Chi_Minh). */
export function startOfDayVn(year: number, month: number, day: number): Instant {
  return Date.UTC(year, month - 1, day) - VN_OFFSET_MS;
}

/** End of a calendar day in Vietnam (23:59:59.999 Asia/Ho_Chi_Minh): the usual deadline. */
export function endOfDayVn(year: number, month: number, day: number): Instant {
  return startOfDayVn(year, month, day + 1) - 1;
}

/** The self-assessment deadline of one unit: the cycle's, or its latest extension if later. */
export function selfAssessmentDeadlineFor(calendar: CycleCalendar, unitId: string): Instant {
  let d = calendar.selfAssessmentDeadline;
  for (const e of calendar.extensions ?? []) if (e.unitId === unitId && e.until > d) d = e.until;
  return d;
}

/** The extension that applies to a unit, if any (the latest one beyond the cycle deadline). */
export function extensionFor(calendar: CycleCalendar, unitId: string): DeadlineExtension | undefined {
  let best: DeadlineExtension | undefined;
  for (const e of calendar.extensions ?? []) {
    if (e.unitId === unitId && e.until > calendar.selfAssessmentDeadline && (!best || e.until > best.until)) best = e;
  }
  return best;
}

export function inWindow(w: TimeWindow, now: Instant): boolean {
  return now >= w.opens && now <= w.closes;
}

/** "15/11/2025" from "2025-11-15" (a calendar day, no time zone). */
export function formatDayVn(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** "15/11/2025 17:00" in Vietnam time, for messages. */
export function formatInstantVn(t: Instant): string {
  const d = new Date(t + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  if (h === 23 && m === 59) return date;
  if (h === 0 && m === 0) return date;
  return `${date} ${p(h)}:${p(m)}`;
}

/** Problems with the calendar itself (order of dates), in Vietnamese. */
export function checkCalendar(c: CycleCalendar): string[] {
  const out: string[] = [];
  if (c.selfAssessmentOpens !== undefined && c.selfAssessmentOpens > c.selfAssessmentDeadline) {
    out.push('Ngày bắt đầu tự đánh giá phải trước hạn tự đánh giá');
  }
  if (c.appraisal.opens > c.appraisal.closes) out.push('Thời gian thẩm định: ngày bắt đầu phải trước ngày kết thúc');
  if (c.explanation.opens > c.explanation.closes) out.push('Thời gian giải trình: ngày bắt đầu phải trước ngày kết thúc');
  if (c.appraisal.closes > c.councilDate) out.push('Họp Hội đồng thẩm định phải sau khi kết thúc thẩm định');
  if (c.councilDate > c.publicationDate) out.push('Ngày công bố phải sau ngày họp Hội đồng thẩm định');
  for (const e of c.extensions ?? []) {
    if (e.reason.trim() === '') out.push(`Gia hạn cho đơn vị ${e.unitId}: cần nêu lý do`);
    if (e.until >= c.councilDate) {
      out.push(`Có đơn vị được gia hạn tự đánh giá đến ${formatInstantVn(e.until)}, không trước ngày họp Hội đồng thẩm định (${formatInstantVn(c.councilDate)}): hãy chọn ngày họp Hội đồng sau hạn gia hạn đó.`);
    }
  }
  return out;
}

/**
 * Problems with a new self-assessment deadline for one unit (gia hạn): it must fall after the
 * cycle's deadline and before the council meets, so the unit can still be appraised and decided.
 */
export function checkExtension(c: CycleCalendar, until: Instant): string | null {
  if (until <= c.selfAssessmentDeadline) {
    return `Hạn gia hạn phải sau hạn tự đánh giá chung của kỳ (${formatInstantVn(c.selfAssessmentDeadline)}).`;
  }
  if (until >= c.councilDate) {
    return `Không thể gia hạn đến sau ngày họp Hội đồng thẩm định (${formatInstantVn(c.councilDate)}): hãy chọn một ngày trước đó, hoặc dời ngày họp Hội đồng trong lịch của kỳ trước.`;
  }
  return null;
}

/**
 * Problems with adding a unit to an open cycle at `now` (late participant), given the extension
 * granted with it if any: the unit must still have time to enter and submit its self-assessment.
 */
export function checkLateParticipant(c: CycleCalendar, now: Instant, extensionUntil?: Instant): string | null {
  if (extensionUntil !== undefined) return checkExtension(c, extensionUntil) ?? (extensionUntil <= now ? 'Hạn gia hạn đã qua: hãy chọn một ngày sau hôm nay.' : null);
  if (c.selfAssessmentDeadline < now) {
    return `Hạn tự đánh giá của kỳ (${formatInstantVn(c.selfAssessmentDeadline)}) đã qua: hãy cho đơn vị gia hạn đến một ngày trước ngày họp Hội đồng thẩm định (${formatInstantVn(c.councilDate)}).`;
  }
  return null;
}
