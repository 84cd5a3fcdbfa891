import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './accounts.js';
import { models } from './models.js';
import { communes, fields, provinces } from './reference.js';

// ---- The people's opinion before recognition (lấy ý kiến nhân dân) ----

export const consultations = pgTable(
  'consultations',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    openedBy: integer('opened_by').references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    // Set when the reviewer closes it early or decides; opinions are taken until min(closes_at, closed_at).
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: integer('closed_by').references(() => users.id),
    // When the reviewers were told the period had ended.
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    // The short public summary a reviewer may write; empty means none is published.
    summary: text('summary').notNull().default(''),
    // approved, returned or rejected: the decision that ended it, once made.
    outcome: varchar('outcome', { length: 16 }),
    // The counts as they stood at the decision, for the history and the public page.
    agreeCount: integer('agree_count'),
    disagreeCount: integer('disagree_count'),
  },
  (t) => [
    check(
      'consultations_outcome_check',
      sql`${t.outcome} is null or ${t.outcome} in ('approved', 'returned', 'rejected')`,
    ),
    check('consultations_period_check', sql`${t.closesAt} > ${t.openedAt}`),
    // One consultation at a time per entry.
    uniqueIndex('consultations_one_open_idx')
      .on(t.modelId)
      .where(sql`outcome is null`),
    index('consultations_model_idx').on(t.modelId, t.id),
    index('consultations_unnotified_idx')
      .on(t.closesAt)
      .where(sql`notified_at is null and outcome is null`),
  ],
);

export const OPINION_STANCES = ['agree', 'disagree'] as const;
export type OpinionStance = (typeof OPINION_STANCES)[number];

export const opinions = pgTable(
  'opinions',
  {
    id: serial('id').primaryKey(),
    consultationId: integer('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    authorName: text('author_name').notNull().default(''),
    // Phone or e-mail, for the reviewer only: never public, never logged.
    contact: text('contact').notNull().default(''),
    stance: varchar('stance', { length: 8 }).notNull(),
    body: text('body').notNull(),
    // The rate-limit key of the sender's address (src/accounts/login-limits.ts addressKey), not shown anywhere.
    addressKey: text('address_key').notNull(),
    createdAt: createdAt(),
    // An abusive opinion is kept, and marked.
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: integer('hidden_by').references(() => users.id),
  },
  (t) => [
    check('opinions_stance_check', sql`${t.stance} in ('agree', 'disagree')`),
    check('opinions_body_length_check', sql`char_length(${t.body}) between 1 and 2000`),
    index('opinions_consultation_idx').on(t.consultationId, t.id),
    index('opinions_address_idx').on(t.addressKey, t.createdAt),
  ],
);

// ---- The yearly re-evaluation (đánh giá lại hằng năm) ----

export const EVALUATION_DECISIONS = ['effective', 'ineffective'] as const;
export type EvaluationDecision = (typeof EVALUATION_DECISIONS)[number];

export const evaluations = pgTable(
  'evaluations',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    decision: varchar('decision', { length: 16 }).notNull(),
    // Where the model stood when decided, so the yearly counts do not move if it is corrected later.
    provinceCode: varchar('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    communeCode: varchar('commune_code', { length: 5 }).references(() => communes.code),
    fieldCode: varchar('field_code', { length: 32 }).references(() => fields.code),
    // Why it no longer works (required when ineffective).
    reason: text('reason').notNull().default(''),
    decidedBy: integer('decided_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('evaluations_decision_check', sql`${t.decision} in ('effective', 'ineffective')`),
    check('evaluations_reason_check', sql`${t.decision} = 'effective' or char_length(${t.reason}) > 0`),
    uniqueIndex('evaluations_model_year_idx').on(t.modelId, t.year),
    index('evaluations_province_year_idx').on(t.provinceCode, t.year, t.decision),
  ],
);
