import { date, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * One row per user and day (Vietnam date) whose digest was claimed: the unique index makes two
 * digests for one day impossible, across restarts and processes. `sentAt` stays empty until the
 * mail went out, so a failed send is retried with the same notifications (linked by `digest_id`).
 */
export const notificationDigests = pgTable(
  'notification_digests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('notification_digests_user_day_key').on(table.userId, table.day)],
);
