/**
 * Reminders of conclusion-notice tasks: before the deadline at the lead times of
 * CHISO_REMINDER_DAYS, and once when it has passed (the first run after it), to the responsible
 * unit's officers and head. A dedupe key per task, deadline and lead makes running it every hour
 * (and after a restart) harmless; run with the deadline reminders (notifications/jobs.ts).
 */
import { formatInstantVn, taskDeadlineInstant, vietnamDay } from '@chiso/core';
import type { Database } from '../../db/client';
import { usersOfUnits } from '../../db/repositories/cycle-repository';
import { listActiveTasksDueBy } from '../../db/repositories/follow-up-task-repository';
import { inTransaction, systemContext } from '../context';
import { notify } from '../notifications/notification-service';
import { dueLead } from '../notifications/schedule';

const DAY_MS = 86_400_000;

/** Sends what is due at `now`; returns the number of notifications created. */
export async function remindFollowUpTasks(db: Database, now: Date, leadDays: readonly number[]): Promise<number> {
  const today = vietnamDay(now);
  const horizon = vietnamDay(now.getTime() + Math.max(0, ...leadDays) * DAY_MS);
  const tasks = await listActiveTasksDueBy(db, horizon);
  if (tasks.length === 0) return 0;
  return inTransaction(systemContext(db, () => now), async (job) => {
    let sent = 0;
    for (const task of tasks) {
      const deadline = taskDeadlineInstant(task.deadline);
      const overdue = task.deadline < today;
      const lead = overdue ? undefined : dueLead(deadline, now.getTime(), leadDays);
      if (!overdue && lead === undefined) continue;
      const recipients = await usersOfUnits(job.tx, [task.responsibleUnitId], ['unit_officer', 'unit_head']);
      const when = formatInstantVn(deadline);
      const content = overdue
        ? { kind: 'follow_up.task_overdue', title: `Nhiệm vụ quá hạn (hạn ${when})`, dedupeKey: `follow-up:overdue:${task.id}:${task.deadline}` }
        : { kind: 'follow_up.task_due', title: `Nhiệm vụ sắp đến hạn (${when}, còn ${lead} ngày)`, dedupeKey: `follow-up:due:${task.id}:${task.deadline}:${lead}d` };
      const created = await notify(job, recipients, {
        ...content,
        body: `${task.title} (Thông báo kết luận số ${task.noticeNumber}). Hãy báo cáo tiến độ thực hiện.`,
        link: `/follow-up/tasks/${task.id}`,
      });
      sent += created.length;
    }
    return sent;
  });
}
