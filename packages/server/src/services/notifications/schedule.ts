/**
 * When reminders and digests go out: pure functions of the clock (tests pass their own instants).
 * Vietnam has no daylight saving time: always UTC+7.
 */
const DAY_MS = 24 * 3_600_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * The lead time (in days) whose reminder is due for a deadline at `now`: the smallest configured
 * lead the deadline is within, so a reminder missed while the server was stopped is not sent next
 * to a later one. Undefined when the deadline has passed or is further away than every lead.
 */
export function dueLead(deadline: number, now: number, leadDays: readonly number[]): number | undefined {
  const left = deadline - now;
  if (left < 0) return undefined;
  const within = leadDays.filter((d) => left <= d * DAY_MS);
  return within.length > 0 ? Math.min(...within) : undefined;
}

/** "YYYY-MM-DD" of an instant in Vietnam. */
export function vnDate(at: number): string {
  return new Date(at + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The day whose digest is due at `now`: today (Vietnam) from `hour` o'clock on, yesterday before.
 * A digest not sent yesterday (server stopped) is thus sent at the next tick, and at most one per day.
 */
export function digestDay(now: number, hour: number): string {
  const local = new Date(now + VN_OFFSET_MS);
  return local.getUTCHours() >= hour ? vnDate(now) : vnDate(now - DAY_MS);
}

/** "15/11/2025" from "2025-11-15": the core's, kept here for the notifications that import it. */
export { formatDayVn } from '@chiso/core';
