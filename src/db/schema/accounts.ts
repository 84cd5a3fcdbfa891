import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
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
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
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

// ---- Movements ----
