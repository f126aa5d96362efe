/**
 * A cycle's lifecycle: set up (đang thiết lập) → open (đang diễn ra) → closed (đã kết thúc).
 * Opening (the administrator, with its participants and appraising agencies ready) creates the
 * units' criterion records; once open, what the records are built from (frameworks, how a unit
 * that does not submit is scored) stays; the unit and criterion workflows run only while open.
 */
import type { Refusal } from './unit-states.ts';

export type CycleStatus = 'setup' | 'open' | 'closed';

export const CYCLE_STATUSES: readonly CycleStatus[] = ['setup', 'open', 'closed'];

/**
 * What is done to a cycle: `configure` its calendar, settings, council…; `configure_setup` what
 * is fixed once it opens; `open` it; run its `workflow` (unit actions, criterion commands).
 */
export type CycleActivity = 'configure' | 'configure_setup' | 'open' | 'workflow';

const ALLOWED: Readonly<Record<CycleActivity, readonly CycleStatus[]>> = {
  configure: ['setup', 'open'],
  configure_setup: ['setup'],
  open: ['setup'],
  workflow: ['open'],
};

/** Why the activity is refused in this status (Vietnamese), or null when it is allowed. */
export function cycleRefusal(status: CycleStatus, activity: CycleActivity): Refusal | null {
  if (ALLOWED[activity].includes(status)) return null;
  if (activity === 'workflow') return { code: 'state', message: 'Kỳ đánh giá chưa mở hoặc đã kết thúc.' };
  if (status === 'closed') return { code: 'state', message: 'Kỳ đánh giá đã kết thúc: không thể thay đổi.' };
  return { code: 'state', message: 'Kỳ đánh giá đã mở: không thể thay đổi phần này nữa.' };
}

/** The status an activity moves the cycle to, when it moves it. */
export function cycleStatusAfter(activity: CycleActivity): CycleStatus | null {
  return activity === 'open' ? 'open' : null;
}
