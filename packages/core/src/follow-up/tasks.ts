/**
 * Tasks of a conclusion notice (nhiệm vụ của thông báo kết luận, issue 12 §1), pure: when a task is
 * overdue (quá hạn), how a progress report moves it, and the counts the steering committee reads
 * per notice and per unit. Dates are Vietnam calendar days (`YYYY-MM-DD`, Asia/Ho_Chi_Minh).
 */
import { endOfDayVn } from '../workflow/calendar.ts';

export const FOLLOW_UP_TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type FollowUpTaskStatus = (typeof FOLLOW_UP_TASK_STATUSES)[number];
export type FollowUpReportStatus = 'in_progress' | 'done';

/** Vietnam has no daylight saving time: always UTC+7. */
const VN_OFFSET_MS = 7 * 3_600_000;

/** The Vietnam calendar day (`YYYY-MM-DD`) of an instant. */
export function vietnamDay(at: Date | number): string {
  return new Date((typeof at === 'number' ? at : at.getTime()) + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of a deadline day (23:59:59.999 in Vietnam): a task is due until then. */
export function taskDeadlineInstant(deadline: string): number {
  const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
  return endOfDayVn(y, m, d);
}

/** Whether the task still has work to do (neither done nor cancelled). */
export const isTaskActive = (status: FollowUpTaskStatus): boolean => status === 'open' || status === 'in_progress';

/** Overdue: its deadline day has passed (Vietnam's date `today`) and it is neither done nor cancelled. */
export function isTaskOverdue(task: { readonly deadline: string; readonly status: FollowUpTaskStatus }, today: string): boolean {
  return isTaskActive(task.status) && task.deadline < today;
}

/**
 * Counts of tasks in disjoint buckets, so they add up to `total`: `open` and `inProgress` hold only
 * tasks still within their deadline; `overdue` holds the open and in-progress ones past it.
 */
export interface FollowUpTaskCounts {
  total: number;
  open: number;
  inProgress: number;
  done: number;
  overdue: number;
  cancelled: number;
}

export const emptyTaskCounts = (): FollowUpTaskCounts => ({ total: 0, open: 0, inProgress: 0, done: 0, overdue: 0, cancelled: 0 });

function addTask(counts: FollowUpTaskCounts, task: { readonly deadline: string; readonly status: FollowUpTaskStatus }, today: string): void {
  counts.total++;
  if (isTaskOverdue(task, today)) counts.overdue++;
  else if (task.status === 'open') counts.open++;
  else if (task.status === 'in_progress') counts.inProgress++;
  else if (task.status === 'done') counts.done++;
  else counts.cancelled++;
}

export function countTasks(tasks: Iterable<{ readonly deadline: string; readonly status: FollowUpTaskStatus }>, today: string): FollowUpTaskCounts {
  const counts = emptyTaskCounts();
  for (const task of tasks) addTask(counts, task, today);
  return counts;
}

/** Counts per key (a notice, a responsible unit), in the order keys first appear. */
export function countTasksBy<T extends { readonly deadline: string; readonly status: FollowUpTaskStatus }, K>(
  tasks: Iterable<T>,
  keyOf: (task: T) => K,
  today: string,
): Map<K, FollowUpTaskCounts> {
  const out = new Map<K, FollowUpTaskCounts>();
  for (const task of tasks) {
    const key = keyOf(task);
    let counts = out.get(key);
    if (!counts) out.set(key, (counts = emptyTaskCounts()));
    addTask(counts, task, today);
  }
  return out;
}

/**
 * What a progress report does to the task: `done` completes it, `in_progress` marks it under way
 * (an in-progress report on a task reported done does not undo it). A done or cancelled task takes
 * no report: only the administrator reopens it.
 */
export function statusAfterReport(
  current: FollowUpTaskStatus,
  report: FollowUpReportStatus,
): { ok: true; status: FollowUpTaskStatus } | { ok: false; reason: 'done' | 'cancelled' } {
  if (current === 'done' || current === 'cancelled') return { ok: false, reason: current };
  return { ok: true, status: report };
}
