/** The periodic jobs' claims (services/notifications/jobs.ts): who runs which job, and when it is next due. */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { scheduledJobs } from '../schema/scale-out';

const after = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000}::float8)`;

export interface JobClaim {
  /** The job's name (`remind`, `digest`, …). */
  name: string;
  /** Time between two runs. */
  periodMs: number;
  /** A run may start this much before it is due (timers of different processes drift). */
  earlyMs: number;
  /** How long the hold lasts unless extended: a process that died lets go after it. */
  holdMs: number;
  /** The process claiming (host, pid, a random part). */
  by: string;
}

/**
 * Claims a run of the job in one statement when it is due and nobody holds it: moves its next run a
 * period on and holds it. The first claim of a job creates its row. True when this process got it.
 */
export async function claimJob(executor: Executor, claim: JobClaim): Promise<boolean> {
  const claimed = { nextRunAt: after(claim.periodMs), runningBy: claim.by, runningUntil: after(claim.holdMs), lastStartedAt: sql`now()` };
  const rows = await executor
    .insert(scheduledJobs)
    .values({ name: claim.name, ...claimed })
    .onConflictDoUpdate({
      target: scheduledJobs.name,
      set: claimed,
      setWhere: sql`${scheduledJobs.nextRunAt} <= ${after(claim.earlyMs)} AND (${scheduledJobs.runningUntil} IS NULL OR ${scheduledJobs.runningUntil} < now())`,
    })
    .returning({ name: scheduledJobs.name });
  return rows.length > 0;
}

/** Extends the hold of a run still going (false when it was lost: it expired and another process took the job). */
export async function extendJobHold(executor: Executor, name: string, by: string, holdMs: number): Promise<boolean> {
  const rows = await executor
    .update(scheduledJobs)
    .set({ runningUntil: after(holdMs) })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.runningBy, by)))
    .returning({ name: scheduledJobs.name });
  return rows.length > 0;
}

/** Lets go of the job after its run. */
export async function releaseJob(executor: Executor, name: string, by: string): Promise<void> {
  await executor
    .update(scheduledJobs)
    .set({ runningBy: null, runningUntil: null, lastFinishedAt: sql`now()` })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.runningBy, by)));
}

/** Every job's row (the two-process test and diagnostics). */
export async function listScheduledJobs(executor: Executor) {
  return executor.select().from(scheduledJobs).orderBy(scheduledJobs.name);
}
