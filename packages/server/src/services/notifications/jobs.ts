/**
 * The server's notification timers: deadline reminders at start and every hour, daily digests
 * checked at start and every 5 minutes (each sends only what is due and not yet sent), and the
 * integrity self-check (alerts administrators of tampering) at start and every hour, the removal
 * of evidence no record uses (after CHISO_EVIDENCE_UNUSED_DAYS) at start and daily, and the survey
 * jobs: mails to sampled respondents with the hourly reminders, and the removal of respondents'
 * personal data once their survey no longer needs it at start and daily; one run at a time.
 *
 * Several processes on one PostgreSQL each have these timers, but a job runs only in the process that
 * claimed its run in the database (scheduled_jobs): once per period across processes, never two runs
 * of one job at once (docs/architecture.md "Several processes on one database").
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../../config/env';
import type { Database } from '../../db/client';
import { claimJob, extendJobHold, releaseJob } from '../../db/repositories/scheduled-job-repository';
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

type JobName = keyof typeof failures;

const periods: Record<JobName, number> = {
  remind: REMINDER_EVERY_MS,
  digest: DIGEST_EVERY_MS,
  selfCheck: SELF_CHECK_EVERY_MS,
  evidenceCleanup: EVIDENCE_CLEANUP_EVERY_MS,
  surveyPersonalData: SURVEY_PERSONAL_DATA_EVERY_MS,
};

/** Whether this process runs a job's tick: it claims the run, and lets go once it is over. */
export interface JobSchedule {
  /** A function that lets go of the run when this process got it; null when the job is not due or another process runs it. */
  claim(job: JobName, periodMs: number): Release | null | Promise<Release | null>;
}
type Release = () => Promise<void>;

/** Every tick runs, at once: one process alone (tests of the timers). */
export const everyTick: JobSchedule = { claim: () => async () => {} };

/** How long a claim holds a job unless extended, and how often a running job extends it. */
export const JOB_HOLD_MS = 10 * 60_000;
const JOB_HOLD_EXTEND_MS = 2 * 60_000;

/**
 * Runs claimed in the database (scheduled_jobs), shared by every process on it. A run may start a
 * little before its time (a tenth of its period, at most a minute): each process's timers tick at
 * their own phase, and a tick that comes just early must not wait a whole period. While the run lasts
 * its hold is extended; a process that dies lets go when the hold expires (JOB_HOLD_MS).
 */
export function databaseSchedule(db: Database, log: JobLogger): JobSchedule {
  const by = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  return {
    async claim(job, periodMs) {
      const claimed = await claimJob(db, { name: job, periodMs, earlyMs: Math.min(periodMs / 10, 60_000), holdMs: JOB_HOLD_MS, by });
      if (!claimed) return null;
      const extend = setInterval(() => {
        extendJobHold(db, job, by, JOB_HOLD_MS).then(
          (held) => held || log.warn({ job }, 'scheduled job hold expired while it ran; another process may run it too'),
          (error: unknown) => log.warn({ err: error, job }, 'could not extend the scheduled job hold'),
        );
      }, JOB_HOLD_EXTEND_MS);
      extend.unref();
      return async () => {
        clearInterval(extend);
        await releaseJob(db, job, by);
      };
    },
  };
}

type JobConfig = Pick<Config, 'smtpUrl' | 'publicUrl' | 'digestHour' | 'reminderDays'> & Partial<Pick<Config, 'dataDir' | 'uploadMaxMb' | 'evidenceUnusedDays' | 'evidenceStore'>>;

/** The jobs the server runs; the evidence cleanup when the data folder is known and CHISO_EVIDENCE_UNUSED_DAYS is not 0. */
export function defaultJobTasks(db: Database, config: JobConfig): NotificationTasks {
  const { dataDir, uploadMaxMb, evidenceUnusedDays } = config;
  return {
    // The cycles' deadlines, the conclusion notices' tasks (services/follow-up/task-reminders.ts), the open surveys' respondents (services/survey/reminders.ts).
    remind: () => Promise.all([notifyApproachingDeadlines(db, new Date(), config.reminderDays), remindFollowUpTasks(db, new Date(), config.reminderDays), remindOpenSurveys(db, new Date())]),
    digest: () => sendDailyDigests(db, { hour: config.digestHour }),
    selfCheck: () => runIntegritySelfCheck(db),
    surveyPersonalData: () => purgeSurveyPersonalData(db, new Date()),
    ...(dataDir && uploadMaxMb && evidenceUnusedDays ? { evidenceCleanup: () => cleanUnusedEvidence(db, { dataDir, uploadMaxMb, evidenceUnusedDays, ...(config.evidenceStore ? { evidenceStore: config.evidenceStore } : {}) }) } : {}),
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
  schedule: JobSchedule = databaseSchedule(db, log),
): { stop(): Promise<void> } {
  if (config.smtpUrl && !config.publicUrl) log.warn({ setting: 'CHISO_PUBLIC_URL' }, publicUrlWarning);
  let stopped = false;
  let running: Promise<void> | null = null;
  // A job whose tick comes while another job runs waits its turn (once). Dropping it lost the hourly
  // self-check for good: its timer fires right after the reminders' (same period), while they run.
  // A tick of the job that is running is dropped: that run is doing its work.
  const queued = new Set<JobName>();
  let current: JobName | null = null;
  const runClaimed = async (job: JobName, task: () => Promise<unknown>) => {
    const claimed = schedule.claim(job, periods[job]);
    const release = claimed instanceof Promise ? await claimed : claimed;
    if (!release) return;
    try {
      await task();
    } finally {
      await release();
    }
  };
  const run = (...jobs: JobName[]) => {
    if (stopped) return;
    for (const job of jobs) if (job !== current) queued.add(job);
    if (running) return;
    running = (async () => {
      for (const job of queued) {
        if (stopped) break;
        queued.delete(job);
        current = job;
        const task = tasks[job];
        if (task) await runClaimed(job, task).catch((error: unknown) => log.error({ err: error }, failures[job]));
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
