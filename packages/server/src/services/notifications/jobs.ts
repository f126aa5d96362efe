/**
 * The server's notification timers: deadline reminders at start and every hour, daily digests
 * checked at start and every 5 minutes (each sends only what is due and not yet sent), and the
 * integrity self-check (alerts administrators of tampering) at start and every hour, one run at a time.
 */
import type { Config } from '../../config/env';
import type { Database } from '../../db/client';
import { notifyApproachingDeadlines } from './deadlines';
import { sendDailyDigests } from './digest';
import { runIntegritySelfCheck } from '../integrity/self-check';

interface JobLogger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export const REMINDER_EVERY_MS = 60 * 60 * 1000;
export const DIGEST_EVERY_MS = 5 * 60 * 1000;
export const SELF_CHECK_EVERY_MS = 60 * 60 * 1000;

/** The warning logged at start when e-mail is on but its links could not be built. */
export const publicUrlWarning =
  'CHISO_SMTP_URL được đặt nhưng thiếu CHISO_PUBLIC_URL: thư thông báo sẽ không có đường dẫn. ' +
  'Hãy đặt CHISO_PUBLIC_URL là địa chỉ người dùng mở chiso, ví dụ https://cchc.tinh.gov.vn';

/** The two jobs (tests pass their own). Each resolves when its run is over; it never rejects. */
export interface NotificationTasks {
  remind(): Promise<unknown>;
  digest(): Promise<unknown>;
  selfCheck?(): Promise<unknown>;
}

const failures = { remind: 'deadline reminders failed', digest: 'daily digests failed', selfCheck: 'integrity self-check failed' } as const;

/**
 * Runs the jobs one at a time: a tick that comes while a run is still going (a slow SMTP server,
 * many digests) is skipped, never run alongside it — two digest runs at once would both find the
 * same unsent digest and mail it twice. `stop()` clears the timers and resolves when the run in
 * progress is over, so the database is not closed under it (and a test's process is left idle).
 */
export function startNotificationJobs(
  db: Database,
  config: Pick<Config, 'smtpUrl' | 'publicUrl' | 'digestHour' | 'reminderDays'>,
  log: JobLogger,
  tasks: NotificationTasks = {
    remind: () => notifyApproachingDeadlines(db, new Date(), config.reminderDays),
    digest: () => sendDailyDigests(db, { hour: config.digestHour }),
    selfCheck: () => runIntegritySelfCheck(db),
  },
): { stop(): Promise<void> } {
  if (config.smtpUrl && !config.publicUrl) log.warn({ setting: 'CHISO_PUBLIC_URL' }, publicUrlWarning);
  let stopped = false;
  let running: Promise<void> | null = null;
  const run = (...jobs: (keyof typeof failures)[]) => {
    if (stopped || running) return;
    running = (async () => {
      for (const job of jobs) {
        if (stopped) break;
        const task = tasks[job];
        if (task) await task().catch((error: unknown) => log.error({ err: error }, failures[job]));
      }
    })().finally(() => {
      running = null;
    });
  };
  run('remind', 'digest', 'selfCheck');
  const timers = [
    setInterval(() => run('remind'), REMINDER_EVERY_MS),
    setInterval(() => run('digest'), DIGEST_EVERY_MS),
    setInterval(() => run('selfCheck'), SELF_CHECK_EVERY_MS),
  ];
  for (const t of timers) t.unref();
  return {
    stop: async () => {
      stopped = true;
      timers.forEach((t) => clearInterval(t));
      await running;
    },
  };
}
