/**
 * What several processes share through the database, checked in one process (both databases):
 * rate-limit windows, the scheduled jobs' claims and holds, import progress with its expiry.
 * test/two-processes.test.ts checks the same across two real processes on PostgreSQL.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { rateLimitHits, scheduledJobs } from '../src/db/schema/scale-out';
import { deleteExpiredRateLimits, hitRateLimit, readRateLimit } from '../src/db/repositories/rate-limit-repository';
import { claimJob, extendJobHold, releaseJob } from '../src/db/repositories/scheduled-job-repository';
import { deleteExpiredImportProgress, readImportProgress, writeImportProgress } from '../src/db/repositories/import-progress-repository';
import { databaseSchedule } from '../src/services/notifications/jobs';
import { createTestDatabase } from './support/database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const HOUR = 3_600_000;

describe('rate-limit counts', () => {
  it('count every hit of a window, start afresh once it is over, and expired windows are deleted', async () => {
    const db = database.db;
    const hits = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(db, 'k:a', 60_000)));
    expect(hits.map((h) => h.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(hits.every((h) => h.ttlMs > 0 && h.ttlMs <= 60_000)).toBe(true);
    expect(await readRateLimit(db, 'k:a')).toMatchObject({ count: 20 });
    // The window ends: the next hit is the first of a new one.
    await db.update(rateLimitHits).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(rateLimitHits.key, 'k:a'));
    expect(await readRateLimit(db, 'k:a')).toEqual({ count: 0, ttlMs: 0 });
    await hitRateLimit(db, 'k:b', 60_000);
    expect(await deleteExpiredRateLimits(db)).toBe(1);
    expect((await hitRateLimit(db, 'k:a', 60_000)).count).toBe(1);
    expect((await hitRateLimit(db, 'k:b', 60_000)).count).toBe(2);
  });
});

describe('scheduled job claims', () => {
  const claim = (by: string, periodMs = HOUR) => claimJob(database.db, { name: 'j', periodMs, earlyMs: 60_000, holdMs: 600_000, by });
  const row = async () => (await database.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'j')))[0]!;

  it('one claim per period: the first creates the row, others wait for the next run and for the hold to end', async () => {
    const first = await Promise.all([claim('A'), claim('B'), claim('C')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const holder = ['A', 'B', 'C'][first.indexOf(true)]!;
    expect(await row()).toMatchObject({ runningBy: holder });
    expect(await extendJobHold(database.db, 'j', holder, 600_000)).toBe(true);
    expect(await extendJobHold(database.db, 'j', 'someone else', 600_000)).toBe(false);
    // Due again, but still held: nobody takes it.
    await database.db.update(scheduledJobs).set({ nextRunAt: sql`now()` }).where(eq(scheduledJobs.name, 'j'));
    expect(await claim('D')).toBe(false);
    await releaseJob(database.db, 'j', holder);
    expect(await row()).toMatchObject({ runningBy: null, runningUntil: null });
    expect(await claim('D')).toBe(true);
    await releaseJob(database.db, 'j', 'D');
    // Not due for an hour: a tick a minute early does not run it, a hold that expired is taken over.
    expect(await claim('E')).toBe(false);
    await database.db.update(scheduledJobs).set({ nextRunAt: sql`now() + interval '30 seconds'` }).where(eq(scheduledJobs.name, 'j'));
    expect(await claim('E')).toBe(true);
    await database.db.update(scheduledJobs).set({ nextRunAt: sql`now()`, runningUntil: sql`now() - interval '1 second'` }).where(eq(scheduledJobs.name, 'j'));
    expect(await claim('F')).toBe(true);
  });

  it('the jobs’ schedule runs a job in one of two processes and lets go after', async () => {
    const log = { warn: () => {}, error: () => {} };
    const [one, two] = [databaseSchedule(database.db, log), databaseSchedule(database.db, log)];
    const releases = await Promise.all([one.claim('selfCheck', HOUR), two.claim('selfCheck', HOUR)]);
    expect(releases.filter((r) => r !== null)).toHaveLength(1);
    await releases.find((r) => r !== null)!();
    const [job] = await database.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'selfCheck'));
    expect(job).toMatchObject({ runningBy: null, lastFinishedAt: expect.any(Date) });
    expect(await one.claim('selfCheck', HOUR)).toBeNull();
  });
});

describe('import progress', () => {
  it('is read back by user and key until it expires', async () => {
    const db = database.db;
    const user = '00000000-0000-4000-8000-000000000001';
    await writeImportProgress(db, user, 'k1', { phase: 'checking', rows: 1000 }, 600_000);
    await writeImportProgress(db, user, 'k1', { phase: 'saving', rows: 2000 }, 600_000);
    expect(await readImportProgress(db, user, 'k1')).toEqual({ phase: 'saving', rows: 2000 });
    expect(await readImportProgress(db, '00000000-0000-4000-8000-000000000002', 'k1')).toBeUndefined();
    await writeImportProgress(db, user, 'old', { phase: 'done', rows: 5 }, -1000);
    expect(await readImportProgress(db, user, 'old')).toBeUndefined();
    await deleteExpiredImportProgress(db);
    expect(await readImportProgress(db, user, 'k1')).toEqual({ phase: 'saving', rows: 2000 });
  });
});
