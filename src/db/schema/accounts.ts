import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { provinces, communes } from './reference.js';

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: varchar('username', { length: 64 }).notNull().unique(),
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    role: varchar('role', { length: 24 }).notNull(),
    provinceCode: varchar('province_code', { length: 2 }).references(() => provinces.code),
    communeCode: varchar('commune_code', { length: 5 }).references(() => communes.code),
    disabled: boolean('disabled').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: createdAt(),
    createdBy: integer('created_by'),
  },
  (t) => [
    check(
      'users_role_check',
      sql`${t.role} in ('commune_cadre', 'province_reviewer', 'province_admin', 'central_admin')`,
    ),
    check('users_scope_check', sql`(${t.role} = 'central_admin') or (${t.provinceCode} is not null)`),
    check('users_commune_scope_check', sql`(${t.role} <> 'commune_cadre') or (${t.communeCode} is not null)`),
  ],
);

/** One-time set-password links; only the hash of the token is stored. */
export const passwordTokens = pgTable('password_tokens', {
  tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Installation-wide values generated once, such as the session-signing secret shared by all instances. */
export const appSettings = pgTable('app_settings', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: text('value').notNull(),
});

/**
 * Failed-login counters shared by every instance (src/accounts/login-limits.ts): one row per (username, address),
 * per username from any address (address ''), per address for any username (username ''). Keyed by the name typed,
 * so that a name nobody has behaves like an existing one.
 */
export const loginCounters = pgTable(
  'login_counters',
  {
    username: text('username').notNull(),
    address: text('address').notNull(),
    hits: integer('hits').notNull(),
    windowEnds: timestamp('window_ends', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.address] }), index('login_counters_window_ends').on(t.windowEnds)],
);

/**
 * A form posted after its session ended (src/accounts/pending-forms.ts), kept for an hour so that the
 * person gets it back after signing in again. Bound to the first user who signs in with its token.
 */
export const pendingForms = pgTable(
  'pending_forms',
  {
    tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    page: text('page').notNull(),
    fields: jsonb('fields').notNull(),
    address: text('address').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('pending_forms_expires_idx').on(t.expiresAt), index('pending_forms_address_idx').on(t.address)],
);

/** The table connect-pg-simple expects, created here so both drivers share one migration. */
export const sessions = pgTable(
  'session',
  {
    sid: varchar('sid').primaryKey(),
    sess: jsonb('sess').notNull(),
    expire: timestamp('expire', { precision: 6 }).notNull(),
  },
  (t) => [index('IDX_session_expire').on(t.expire)],
);
