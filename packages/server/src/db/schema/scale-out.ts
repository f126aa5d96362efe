import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * What several chiso processes on one PostgreSQL share that used to live in one process's memory
 * (docs/architecture.md "Several processes on one database"). Each row is short-lived; the
 * rate-limit counts and import progress are UNLOGGED tables (migration 0023, which drizzle-kit does
 * not describe): a crash may lose them, their writes skip the write-ahead log.
 */

/**
 * Requests counted per rate-limit key (e.g. `login-address:203.0.113.7`) in a fixed window: one
 * atomic upsert per request counts it whichever process took it. Expired rows are deleted from time
 * to time (rate-limit-repository.ts).
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rate_limit_hits_expires_idx').on(table.expiresAt)],
);

/**
 * The server's periodic jobs (reminders, digests, integrity self-check, cleanups): a process runs one
 * only after claiming it in one statement, which moves `next_run_at` a period on and holds it
 * (`running_by`, until `running_until`, extended while the run lasts). Each job thus runs once per
 * period across processes, never two runs at once; a process that died leaves a hold that expires.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  runningBy: text('running_by'),
  runningUntil: timestamp('running_until', { withTimezone: true }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
});

/**
 * Where a long import stands (survey answers), by user and a key the client made up: the web polls it
 * while its request runs, possibly on another process. A row lives ten minutes.
 */
export const importProgress = pgTable(
  'import_progress',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] }), index('import_progress_expires_idx').on(table.expiresAt)],
);
