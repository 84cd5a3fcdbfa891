import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  varchar,
  boolean,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { provinces } from './reference.js';
import { users } from './accounts.js';

export const MOVEMENT_KINDS = ['regular', 'thematic'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_STATUSES = ['draft', 'in_force', 'ended'] as const;
export type MovementStatus = (typeof MOVEMENT_STATUSES)[number];

/** An emulation movement (phong trào thi đua): central, or owned by one province. */
export const movements = pgTable(
  'movements',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 64 }).notNull().unique(),
    name: text('name').notNull(),
    // thường xuyên or theo chuyên đề (Luật Thi đua, khen thưởng 2022, Điều 16).
    kind: varchar('kind', { length: 16 }).notNull().default('regular'),
    level: varchar('level', { length: 16 }).notNull(),
    // The body that launched it.
    issuingBody: text('issuing_body').notNull(),
    documentNumber: text('document_number'),
    documentDate: date('document_date'),
    // The launch document, through the storage interface (src/evidence/storage.ts).
    documentStorageKey: varchar('document_storage_key', { length: 128 }),
    documentName: text('document_name'),
    documentMimeType: varchar('document_mime_type', { length: 128 }),
    documentSizeBytes: integer('document_size_bytes'),
    startYear: smallint('start_year').notNull(),
    endYear: smallint('end_year'),
    goals: text('goals').notNull().default(''),
    criteria: text('criteria').notNull().default(''),
    participants: text('participants').notNull().default(''),
    description: text('description').notNull().default(''),
    provinceCode: varchar('province_code', { length: 2 }).references(() => provinces.code),
    status: varchar('status', { length: 16 }).notNull().default('in_force'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('movements_level_check', sql`${t.level} in ('central', 'province', 'commune')`),
    check('movements_kind_check', sql`${t.kind} in ('regular', 'thematic')`),
    check('movements_status_check', sql`${t.status} in ('draft', 'in_force', 'ended')`),
    check('movements_years_check', sql`${t.endYear} is null or ${t.endYear} >= ${t.startYear}`),
    index('movements_status_idx').on(t.status, t.level, t.provinceCode),
  ],
);

/** A phase of a movement, such as "giai đoạn 2021–2025". */
export const movementPhases = pgTable(
  'movement_phases',
  {
    id: serial('id').primaryKey(),
    movementId: integer('movement_id')
      .notNull()
      .references(() => movements.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startYear: smallint('start_year').notNull(),
    endYear: smallint('end_year'),
    position: smallint('position').notNull().default(0),
  },
  (t) => [
    check('movement_phases_years_check', sql`${t.endYear} is null or ${t.endYear} >= ${t.startYear}`),
    index('movement_phases_movement_idx').on(t.movementId, t.position),
  ],
);

/** Every change to a movement: who, what (create, edit, end, delete…) and the fields before and after. */
export const movementHistory = pgTable(
  'movement_history',
  {
    id: serial('id').primaryKey(),
    // Kept when a movement without models is deleted: its history says so.
    movementId: integer('movement_id').references(() => movements.id, { onDelete: 'set null' }),
    movementCode: varchar('movement_code', { length: 64 }).notNull(),
    actorId: integer('actor_id').references(() => users.id),
    action: varchar('action', { length: 24 }).notNull(),
    changes: jsonb('changes'),
    createdAt: createdAt(),
  },
  (t) => [index('movement_history_movement_idx').on(t.movementId, t.id)],
);
