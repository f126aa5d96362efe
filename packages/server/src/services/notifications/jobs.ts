/**
 * The server's notification timers: deadline reminders at start and every hour, daily digests
 * checked at start and every 5 minutes (each sends only what is due and not yet sent), and the
 * integrity self-check (alerts administrators of tampering) at start and every hour, the removal
 * of evidence no record uses (after CHISO_EVIDENCE_UNUSED_DAYS) at start and daily, and the survey
 * jobs: mails to sampled respondents with the hourly reminders, and the removal of respondents'
 * personal data once their survey no longer needs it at start and daily; one run at a time.
 */
import type { Config } from '../../config/env';
import type { Database } from '../../db/client';
import { notifyApproachingDeadlines } from './deadlines';
import { sendDailyDigests } from './digest';
import { runIntegritySelfCheck } from '../integrity/self-check';
import { cleanUnusedEvidence } from '../evidence';
import { remindFollowUpTasks } from '../follow-up/task-reminders';
import { remindOpenSurveys } from '../survey/reminders';
import { purgeSurveyPersonalData } from '../survey/personal-data';

interface JobLogger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export const REMINDER_EVERY_MS = 60 * 60 * 1000;
export const DIGEST_EVERY_MS = 5 * 60 * 1000;
export const SELF_CHECK_EVERY_MS = 60 * 60 * 1000;
export const EVIDENCE_CLEANUP_EVERY_MS = 24 * 60 * 60 * 1000;
export const SURVEY_PERSONAL_DATA_EVERY_MS = 24 * 60 * 60 * 1000;

/** The warning logged at start when e-mail is on but its links could not be built. */
export const publicUrlWarning =
  'CHISO_SMTP_URL được đặt nhưng thiếu CHISO_PUBLIC_URL: thư thông báo sẽ không có đường dẫn. ' +
  'Hãy đặt CHISO_PUBLIC_URL là địa chỉ người dùng mở chiso, ví dụ https://cchc.tinh.gov.vn';

/** The two jobs (tests pass their own). Each resolves when its run is over; it never rejects. */
export interface NotificationTasks {
  remind(): Promise<unknown>;
  digest(): Promise<unknown>;
  selfCheck?(): Promise<unknown>;
  /** Removes evidence no record has referred to for CHISO_EVIDENCE_UNUSED_DAYS (at start, then daily). */
  evidenceCleanup?(): Promise<unknown>;
  /** Removes survey respondents' personal data past its survey's keeping period (at start, then daily). */
  surveyPersonalData?(): Promise<unknown>;
}

const failures = { remind: 'deadline reminders failed', digest: 'daily digests failed', selfCheck: 'integrity self-check failed', evidenceCleanup: 'unused evidence cleanup failed', surveyPersonalData: 'survey personal data removal failed' } as const;

type JobConfig = Pick<Config, 'smtpUrl' | 'publicUrl' | 'digestHour' | 'reminderDays'> & Partial<Pick<Config, 'dataDir' | 'uploadMaxMb' | 'evidenceUnusedDays'>>;

/** The jobs the server runs; the evidence cleanup when the data folder is known and CHISO_EVIDENCE_UNUSED_DAYS is not 0. */
export function defaultJobTasks(db: Database, config: JobConfig): NotificationTasks {
  const { dataDir, uploadMaxMb, evidenceUnusedDays } = config;
  return {
    // The cycles' deadlines, the conclusion notices' tasks (services/follow-up/task-reminders.ts), the open surveys' respondents (services/survey/reminders.ts).
    remind: () => Promise.all([notifyApproachingDeadlines(db, new Date(), config.reminderDays), remindFollowUpTasks(db, new Date(), config.reminderDays), remindOpenSurveys(db, new Date())]),
    digest: () => sendDailyDigests(db, { hour: config.digestHour }),
    selfCheck: () => runIntegritySelfCheck(db),
    surveyPersonalData: () => purgeSurveyPersonalData(db, new Date()),
    ...(dataDir && uploadMaxMb && evidenceUnusedDays ? { evidenceCleanup: () => cleanUnusedEvidence(db, { dataDir, uploadMaxMb, evidenceUnusedDays }) } : {}),
  };
}

/**
 * Runs the jobs one at a time: a tick that comes while the same job is still running (a slow SMTP
 * server, many digests) is skipped, never run alongside it — two digest runs at once would both
 * find the same unsent digest and mail it twice; another job's tick waits its turn. `stop()` clears the timers and resolves when the run in
 * progress is over, so the database is not closed under it (and a test's process is left idle).
 */
export function startNotificationJobs(
  db: Database,
  config: JobConfig,
  log: JobLogger,
  tasks: NotificationTasks = defaultJobTasks(db, config),
): { stop(): Promise<void> } {
  if (config.smtpUrl && !config.publicUrl) log.warn({ setting: 'CHISO_PUBLIC_URL' }, publicUrlWarning);
  let stopped = false;
  let running: Promise<void> | null = null;
  // A job whose tick comes while another job runs waits its turn (once). Dropping it lost the hourly
  // self-check for good: its timer fires right after the reminders' (same period), while they run.
  // A tick of the job that is running is dropped: that run is doing its work.
  const queued = new Set<keyof typeof failures>();
  let current: keyof typeof failures | null = null;
  const run = (...jobs: (keyof typeof failures)[]) => {
    if (stopped) return;
    for (const job of jobs) if (job !== current) queued.add(job);
    if (running) return;
    running = (async () => {
      for (const job of queued) {
        if (stopped) break;
        queued.delete(job);
        current = job;
        const task = tasks[job];
        if (task) await task().catch((error: unknown) => log.error({ err: error }, failures[job]));
        current = null;
      }
    })().finally(() => {
      running = null;
    });
  };
  run('remind', 'digest', 'selfCheck', 'evidenceCleanup', 'surveyPersonalData');
  const timers = [
    setInterval(() => run('remind'), REMINDER_EVERY_MS),
    setInterval(() => run('digest'), DIGEST_EVERY_MS),
    setInterval(() => run('selfCheck'), SELF_CHECK_EVERY_MS),
    setInterval(() => run('evidenceCleanup'), EVIDENCE_CLEANUP_EVERY_MS),
    setInterval(() => run('surveyPersonalData'), SURVEY_PERSONAL_DATA_EVERY_MS),
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
