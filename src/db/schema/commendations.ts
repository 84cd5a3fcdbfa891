import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './accounts.js';
import { models } from './models.js';
import { movements } from './movements.js';
import { evidenceFiles } from './activity.js';

/** The forms of commendation (Luật Thi đua, khen thưởng 2022); central admins keep the list. */
export const commendationForms = pgTable('commendation_forms', {
  code: varchar('code', { length: 32 }).primaryKey(),
  name: text('name').notNull(),
  position: smallint('position').notNull().default(0),
  // A form no longer offered stays on the commendations that have it.
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
});

export const COMMENDATION_LEVELS = ['commune', 'province', 'central'] as const;
export type CommendationLevel = (typeof COMMENDATION_LEVELS)[number];

export const commendations = pgTable(
  'commendations',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    form: varchar('form', { length: 32 })
      .notNull()
      .references(() => commendationForms.code),
    issuingBody: text('issuing_body').notNull(),
    level: varchar('level', { length: 16 }).notNull(),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    movementId: integer('movement_id').references(() => movements.id),
    // The scanned decision: one of the model's evidence files, public or internal as that file is.
    evidenceFileId: integer('evidence_file_id').references(() => evidenceFiles.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    // A withdrawn decision stays on record (internal views) and leaves the public ones.
    revokedAt: date('revoked_at'),
    revokedReason: text('revoked_reason'),
    revokedBy: integer('revoked_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('commendations_level_check', sql`${t.level} in ('commune', 'province', 'central')`),
    check('commendations_revocation_check', sql`(${t.revokedAt} is null) = (${t.revokedReason} is null)`),
    index('commendations_model_idx').on(t.modelId),
    // The same decision twice on one model is refused (src/commendations); this is the last guard.
    uniqueIndex('commendations_model_decision_idx').on(t.modelId, t.decisionNumber),
  ],
);
