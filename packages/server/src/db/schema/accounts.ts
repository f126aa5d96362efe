import { sql } from 'drizzle-orm';
import { boolean, check, index, inet, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from './units';

/** People who log in. Each belongs to one organisation unit; roles are scoped to it. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /**
     * Where the organisation-wide roles (administrator, council member, leader) apply: the cycles,
     * frameworks, units and users of this unit and those under it (a department for its own units).
     * Null: the province's — everything.
     */
    scopeUnitId: uuid('scope_unit_id').references(() => units.id),
    /** Subset of services/actor.ts `roles`; a check constraint keeps it honest. */
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** E-mail of notifications: `immediate` (one per event) or `daily_digest` (one a day). */
    notificationDelivery: text('notification_delivery').notNull().default('immediate'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('users_username_key').on(table.username),
    index('users_unit_idx').on(table.unitId),
    check('users_username_check', sql`${table.username} ~ '^[a-z0-9._-]{3,64}$'`),
    check(
      'users_roles_check',
      sql`${table.roles} <@ ARRAY['admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer']::text[]`,
    ),
  ],
);

/** Server-side sessions. Only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_idx').on(table.userId), index('sessions_expires_idx').on(table.expiresAt)],
);

/**
 * Failed logins and wrong current passwords per address and account name, for the growing delays
 * of services/login-throttle.ts. `address` is the client address, an IPv6 one as its /64
 * (`2001:db8:1:2::/64`). `account` '' is the address's row over all names (password spraying);
 * `address` '' is the account's row over all addresses for password changes, '*' for logins
 * (distributed guessing). Names need not exist, so an unknown name is held back exactly like a real one.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    address: text('address').notNull(),
    account: text('account').notNull(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.address, table.account] }),
    index('login_throttles_account_idx').on(table.account),
    index('login_throttles_last_failure_idx').on(table.lastFailureAt),
  ],
);
