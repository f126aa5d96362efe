import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Administrator settings and installation facts (e.g. whether the demo province was loaded). Defaults live in code. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
