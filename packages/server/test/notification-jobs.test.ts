import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../src/db/client';
import { DIGEST_EVERY_MS, everyTick, REMINDER_EVERY_MS, SELF_CHECK_EVERY_MS, startNotificationJobs } from '../src/services/notifications/jobs';

/** The notification timers with fake clocks and jobs: one run at a time, and a stop that waits for it (one process: every tick runs; two-processes.test.ts has the claims). */
const config = { smtpUrl: undefined, publicUrl: undefined, digestHour: 7, reminderDays: [3, 1] };
const log = { warn: () => {}, error: () => {} };

function deferredTasks() {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const task = (name: string) => () => {
    calls.push(name);
    return new Promise<void>((resolve) => pending.push(resolve));
  };
  /** Ends the oldest run still going. */
  const finish = async () => {
    pending.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { calls, finish, tasks: { remind: task('remind'), digest: task('digest') } };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('notification jobs', () => {
  it('never run a digest alongside a digest still being sent (no double mail)', async () => {
    const { calls, finish, tasks } = deferredTasks();
    const jobs = startNotificationJobs({} as Database, config, log, tasks, everyTick);
    expect(calls).toEqual(['remind']);
    await finish();
    expect(calls).toEqual(['remind', 'digest']);
    // The digest run is slow (SMTP): three ticks pass while it is still sending.
    await vi.advanceTimersByTimeAsync(3 * DIGEST_EVERY_MS);
    expect(calls).toEqual(['remind', 'digest']);
    await finish();
    await vi.advanceTimersByTimeAsync(DIGEST_EVERY_MS);
    expect(calls).toEqual(['remind', 'digest', 'digest']);
    await finish();
    await jobs.stop();
  });

  it('stop() waits for the run in progress and nothing runs after it', async () => {
    const { calls, finish, tasks } = deferredTasks();
    const jobs = startNotificationJobs({} as Database, config, log, tasks, everyTick);
    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    await finish();
    await stopping;
    expect(stopped).toBe(true);
    // The digest that would have followed the reminders, and every later tick: none.
    await vi.advanceTimersByTimeAsync(2 * REMINDER_EVERY_MS);
    expect(calls).toEqual(['remind']);
  });

  it('a failing job is logged and does not stop the next ones', async () => {
    const errors: string[] = [];
    const jobs = startNotificationJobs({} as Database, config, { warn: () => {}, error: (_o, msg) => void errors.push(msg ?? '') }, {
      remind: () => Promise.reject(new Error('db down')),
      digest: () => Promise.resolve(0),
    }, everyTick);
    await vi.advanceTimersByTimeAsync(REMINDER_EVERY_MS);
    expect(errors).toEqual(['deadline reminders failed', 'deadline reminders failed']);
    await jobs.stop();
  });

  it('runs the integrity self-check at start and every hour after, after the other jobs of the start', async () => {
    const calls: string[] = [];
    const jobs = startNotificationJobs({} as Database, config, log, {
      remind: async () => void calls.push('remind'),
      digest: async () => void calls.push('digest'),
      selfCheck: async () => void calls.push('selfCheck'),
    }, everyTick);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['remind', 'digest', 'selfCheck']);
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(SELF_CHECK_EVERY_MS);
    expect(calls.filter((c) => c === 'selfCheck')).toEqual(['selfCheck']);
    await jobs.stop();
  });
});

describe('notification jobs sharing a tick', () => {
  it('the hourly self-check runs even when the reminders of the same hour are still running', async () => {
    const calls: string[] = [];
    const pending: (() => void)[] = [];
    const slow = (name: string) => () => {
      calls.push(name);
      return new Promise<void>((resolve) => pending.push(resolve));
    };
    const jobs = startNotificationJobs({} as Database, config, log, { remind: slow('remind'), digest: async () => {}, selfCheck: async () => void calls.push('selfCheck') }, everyTick);
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['remind', 'selfCheck']);
    // The reminders' timer and the self-check's share their period: both are due at the same moment.
    await vi.advanceTimersByTimeAsync(SELF_CHECK_EVERY_MS);
    expect(calls).toEqual(['remind', 'selfCheck', 'remind']);
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['remind', 'selfCheck', 'remind', 'selfCheck']);
    await jobs.stop();
  });
});
