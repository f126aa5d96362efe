/**
 * The server's notification timers: deadline reminders at start and every hour, daily digests
 * checked at start and every 5 minutes (each sends only what is due and not yet sent).
 */
import type { Config } from '../../config/env';
import type { Database } from '../../db/client';
import { notifyApproachingDeadlines } from './deadlines';
import { sendDailyDigests } from './digest';

interface JobLogger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export const REMINDER_EVERY_MS = 60 * 60 * 1000;
export const DIGEST_EVERY_MS = 5 * 60 * 1000;

/** The warning logged at start when e-mail is on but its links could not be built. */
export const publicUrlWarning =
  'CHISO_SMTP_URL được đặt nhưng thiếu CHISO_PUBLIC_URL: thư thông báo sẽ không có đường dẫn. ' +
  'Hãy đặt CHISO_PUBLIC_URL là địa chỉ người dùng mở chiso, ví dụ https://cchc.tinh.gov.vn';

export function startNotificationJobs(db: Database, config: Pick<Config, 'smtpUrl' | 'publicUrl' | 'digestHour' | 'reminderDays'>, log: JobLogger): { stop(): void } {
  if (config.smtpUrl && !config.publicUrl) log.warn({ setting: 'CHISO_PUBLIC_URL' }, publicUrlWarning);
  const remind = () => notifyApproachingDeadlines(db, new Date(), config.reminderDays).catch((error: unknown) => log.error({ err: error }, 'deadline reminders failed'));
  const digest = () => sendDailyDigests(db, { hour: config.digestHour }).catch((error: unknown) => log.error({ err: error }, 'daily digests failed'));
  void remind().then(digest);
  const timers = [setInterval(remind, REMINDER_EVERY_MS), setInterval(digest, DIGEST_EVERY_MS)];
  for (const t of timers) t.unref();
  return { stop: () => timers.forEach((t) => clearInterval(t)) };
}
