import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { tsvector, createdAt } from './columns.js';
import { provinces, communes, formerProvinces, formerCommunes, fields, indicatorKinds } from './reference.js';
import { users } from './accounts.js';
import { movements } from './movements.js';

// ---- Models ----

export const MODEL_STATUSES = [
  'draft',
  'submitted',
  'consultation',
  'returned',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
export const MODEL_TYPES = ['collective', 'individual'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const models = pgTable(
  'models',
  {
    id: serial('id').primaryKey(),
    slug: varchar('slug', { length: 120 }).notNull().unique(),
    type: varchar('type', { length: 16 }).notNull(),
    title: text('title').notNull(),
    // A draft may leave these out; submitting asks for them (src/submissions/completeness.ts).
    fieldCode: varchar('field_code', { length: 32 }).references(() => fields.code),
    // The current province, always set (former provinces merged whole), so one index serves filters.
    provinceCode: varchar('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    // The unit the model was registered under, kept as registered when it is a former one.
    formerProvinceCode: varchar('former_province_code', { length: 2 }).references(() => formerProvinces.code),
    communeCode: varchar('commune_code', { length: 5 }).references(() => communes.code),
    formerCommuneCode: varchar('former_commune_code', { length: 5 }).references(() => formerCommunes.code),
    startedYear: smallint('started_year'),
    // Year of first recognition (năm công nhận), kept in step with the recognitions table.
    recognisedYear: smallint('recognised_year'),
    summary: text('summary').notNull().default(''),
    situation: text('situation').notNull().default(''),
    goals: text('goals').notNull().default(''),
    beneficiaries: text('beneficiaries').notNull().default(''),
    activities: text('activities').notNull().default(''),
    leadBodies: text('lead_bodies').notNull().default(''),
    partnerBodies: text('partner_bodies').notNull().default(''),
    resourcesMoneyMillion: numeric('resources_money_million', { precision: 14, scale: 2 }),
    resourcesWorkDays: integer('resources_work_days'),
    resourcesNonState: text('resources_non_state').notNull().default(''),
    results: text('results').notNull().default(''),
    sustainability: text('sustainability').notNull().default(''),
    holderName: text('holder_name').notNull().default(''),
    holderRole: text('holder_role').notNull().default(''),
    // Individuals only: without consent the public sees the role, not the name or photo.
    publishConsent: boolean('publish_consent').notNull().default(false),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    status: varchar('status', { length: 16 }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    // The province's own reference for the model (mã tham chiếu), the key that makes a re-import an update.
    externalRef: text('external_ref'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    // The yearly report counts a model as registered in the year it was first sent for review.
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    // Folded with foldVietnamese() in the application; only public text goes in.
    titleFolded: text('title_folded').notNull(),
    searchFolded: text('search_folded').notNull(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, title_folded), 'A') || setweight(to_tsvector('simple'::regconfig, search_folded), 'B')`,
    ),
  },
  (t) => [
    check('models_type_check', sql`${t.type} in ('collective', 'individual')`),
    check(
      'models_status_check',
      sql`${t.status} in ('draft', 'submitted', 'consultation', 'returned', 'approved', 'rejected', 'withdrawn')`,
    ),
    check('models_years_check', sql`${t.startedYear} between 1945 and 2100`),
    // Only an entry still being written (a draft, or returned for amendment) may lack them.
    check(
      'models_complete_check',
      sql`${t.status} in ('draft', 'returned') or (${t.fieldCode} is not null and ${t.startedYear} is not null)`,
    ),
    check('models_approved_year_check', sql`${t.status} <> 'approved' or ${t.recognisedYear} is not null`),
    index('models_public_newest_idx')
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'approved'`),
    // Each filter's newest-first walk: a page of a common query stops after a few rows, whatever the size.
    index('models_public_province_idx')
      .on(t.provinceCode, t.fieldCode, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'approved'`),
    index('models_public_province_newest_idx')
      .on(t.provinceCode, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'approved'`),
    index('models_public_field_idx')
      .on(t.fieldCode, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'approved'`),
    index('models_public_title_idx')
      .on(t.titleFolded, t.id)
      .where(sql`status = 'approved'`),
    index('models_public_year_idx')
      .on(t.recognisedYear, t.id)
      .where(sql`status = 'approved'`),
    index('models_public_commune_idx')
      .on(t.communeCode)
      .where(sql`status = 'approved'`),
    index('models_public_former_commune_idx')
      .on(t.formerCommuneCode)
      .where(sql`status = 'approved' and former_commune_code is not null`),
    // fastupdate off: a pending list would make searches slower until the next vacuum.
    index('models_public_search_idx')
      .using('gin', t.searchVector)
      .with({ fastupdate: false })
      .where(sql`status = 'approved'`),
    // Title words alone, for the first relevance tier (every word in the title) when it is rare.
    index('models_public_title_search_idx')
      .using('gin', sql`to_tsvector('simple'::regconfig, title_folded)`)
      .with({ fastupdate: false })
      .where(sql`status = 'approved'`),
    index('models_title_trgm_idx')
      .using('gin', sql`title_folded gin_trgm_ops`)
      .with({ fastupdate: false }),
    uniqueIndex('models_province_external_ref_idx')
      .on(t.provinceCode, t.externalRef)
      .where(sql`external_ref is not null`),
    index('models_province_first_submitted_idx').on(t.provinceCode, t.firstSubmittedAt),
    index('models_province_recognised_year_idx').on(t.provinceCode, t.recognisedYear),
    index('models_province_status_idx').on(t.provinceCode, t.status, t.submittedAt),
    index('models_commune_status_idx').on(t.communeCode, t.status),
    index('models_former_commune_status_idx').on(t.formerCommuneCode, t.status),
    index('models_created_by_idx').on(t.createdBy),
  ],
);

export const modelMovements = pgTable(
  'model_movements',
  {
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    movementId: integer('movement_id')
      .notNull()
      .references(() => movements.id),
  },
  (t) => [
    primaryKey({ columns: [t.modelId, t.movementId] }),
    index('model_movements_movement_idx').on(t.movementId, t.modelId),
  ],
);

/** Numeric results that statistics can total (households, m² of land, km of road, million đồng). */
export const modelIndicators = pgTable(
  'model_indicators',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    kindCode: varchar('kind_code', { length: 32 }).references(() => indicatorKinds.code),
    name: text('name').notNull(),
    value: numeric('value', { precision: 16, scale: 2 }).notNull(),
    unit: text('unit').notNull(),
    position: smallint('position').notNull().default(0),
  },
  (t) => [index('model_indicators_model_idx').on(t.modelId), index('model_indicators_kind_idx').on(t.kindCode)],
);

export const recognitions = pgTable(
  'recognitions',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    level: varchar('level', { length: 16 }).notNull(),
    grade: varchar('grade', { length: 8 }).notNull(),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    recognisedBy: integer('recognised_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('recognitions_level_check', sql`${t.level} in ('commune', 'province', 'central')`),
    check('recognitions_grade_check', sql`${t.grade} in ('tot', 'kha')`),
    uniqueIndex('recognitions_model_year_level_idx').on(t.modelId, t.year, t.level),
    index('recognitions_year_idx').on(t.year),
    // The statistics page counts models by their highest level; most are commune-level, so this stays small.
    index('recognitions_above_commune_idx')
      .on(t.modelId, t.level)
      .where(sql`level <> 'commune'`),
  ],
);

/** "Model B replicates model A". */
export const replications = pgTable(
  'replications',
  {
    sourceModelId: integer('source_model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    replicaModelId: integer('replica_model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceModelId, t.replicaModelId] }),
    check('replications_distinct_check', sql`${t.sourceModelId} <> ${t.replicaModelId}`),
    index('replications_replica_idx').on(t.replicaModelId),
    index('replications_source_idx').on(t.sourceModelId),
  ],
);
