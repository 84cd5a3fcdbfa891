import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const tsquery = customType<{ data: string }>({ dataType: () => 'tsquery' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// ---- Administrative units (reference data) ----

export const provinces = pgTable('provinces', {
  code: varchar('code', { length: 2 }).primaryKey(),
  name: text('name').notNull(),
  fullName: text('full_name').notNull(),
  type: varchar('type', { length: 16 }).notNull(),
  nameFolded: text('name_folded').notNull(),
  // Body names are data: many provinces renamed their commission in 2025.
  reviewingBodyName: text('reviewing_body_name').notNull().default('Ban Dân vận Tỉnh ủy'),
});

export const communes = pgTable(
  'communes',
  {
    code: varchar('code', { length: 5 }).primaryKey(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    type: varchar('type', { length: 16 }).notNull(),
    provinceCode: varchar('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    nameFolded: text('name_folded').notNull(),
  },
  (t) => [index('communes_province_idx').on(t.provinceCode, t.name)],
);

export const formerProvinces = pgTable(
  'former_provinces',
  {
    code: varchar('code', { length: 2 }).primaryKey(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    mergedIntoProvinceCode: varchar('merged_into_province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
  },
  (t) => [index('former_provinces_merged_idx').on(t.mergedIntoProvinceCode)],
);

export const formerCommunes = pgTable(
  'former_communes',
  {
    code: varchar('code', { length: 5 }).primaryKey(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    type: varchar('type', { length: 16 }).notNull(),
    formerDistrictName: text('former_district_name').notNull(),
    formerProvinceCode: varchar('former_province_code', { length: 2 })
      .notNull()
      .references(() => formerProvinces.code),
    mergeType: varchar('merge_type', { length: 24 }).notNull(),
  },
  (t) => [index('former_communes_province_idx').on(t.formerProvinceCode)],
);

/** Every (former commune, successor) pair: a split commune has several. */
export const formerCommuneSuccessors = pgTable(
  'former_commune_successors',
  {
    formerCode: varchar('former_code', { length: 5 })
      .notNull()
      .references(() => formerCommunes.code),
    communeCode: varchar('commune_code', { length: 5 })
      .notNull()
      .references(() => communes.code),
    relation: varchar('relation', { length: 40 }).notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.formerCode, t.communeCode] }),
    index('former_commune_successors_commune_idx').on(t.communeCode),
  ],
);

export const fields = pgTable('fields', {
  code: varchar('code', { length: 32 }).primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  position: smallint('position').notNull(),
});

export const indicatorKinds = pgTable('indicator_kinds', {
  code: varchar('code', { length: 32 }).primaryKey(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  position: smallint('position').notNull(),
});

// ---- Accounts ----

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

export const movements = pgTable(
  'movements',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 64 }).notNull().unique(),
    name: text('name').notNull(),
    level: varchar('level', { length: 16 }).notNull(),
    issuingBody: text('issuing_body').notNull(),
    documentNumber: text('document_number'),
    documentDate: date('document_date'),
    startYear: smallint('start_year').notNull(),
    endYear: smallint('end_year'),
    description: text('description').notNull().default(''),
    provinceCode: varchar('province_code', { length: 2 }).references(() => provinces.code),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [check('movements_level_check', sql`${t.level} in ('central', 'province', 'commune')`)],
);

// ---- Models ----

export const MODEL_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
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
    fieldCode: varchar('field_code', { length: 32 })
      .notNull()
      .references(() => fields.code),
    // The current province, always set (former provinces merged whole), so one index serves filters.
    provinceCode: varchar('province_code', { length: 2 })
      .notNull()
      .references(() => provinces.code),
    // The unit the model was registered under, kept as registered when it is a former one.
    formerProvinceCode: varchar('former_province_code', { length: 2 }).references(() => formerProvinces.code),
    communeCode: varchar('commune_code', { length: 5 }).references(() => communes.code),
    formerCommuneCode: varchar('former_commune_code', { length: 5 }).references(() => formerCommunes.code),
    startedYear: smallint('started_year').notNull(),
    // Year of first recognition (năm công nhận), kept in step with the recognitions table.
    recognisedYear: smallint('recognised_year'),
    summary: text('summary').notNull(),
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
    holderName: text('holder_name').notNull(),
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
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
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
      sql`${t.status} in ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn')`,
    ),
    check('models_years_check', sql`${t.startedYear} between 1945 and 2100`),
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
  ],
);

export const commendations = pgTable(
  'commendations',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    form: varchar('form', { length: 24 }).notNull(),
    issuingBody: text('issuing_body').notNull(),
    level: varchar('level', { length: 16 }).notNull(),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('commendations_form_check', sql`${t.form} in ('bang_khen', 'giay_khen', 'bieu_duong', 'other')`),
    check('commendations_level_check', sql`${t.level} in ('commune', 'province', 'central')`),
    index('commendations_model_idx').on(t.modelId),
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
  ],
);

/** Audit of every transition and every edit after submission. */
export const statusHistory = pgTable(
  'status_history',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id),
    action: varchar('action', { length: 24 }).notNull(),
    fromStatus: varchar('from_status', { length: 16 }),
    toStatus: varchar('to_status', { length: 16 }).notNull(),
    comment: text('comment').notNull().default(''),
    changes: jsonb('changes'),
    version: integer('version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('status_history_model_idx').on(t.modelId, t.id)],
);

export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    storageKey: varchar('storage_key', { length: 128 }).notNull().unique(),
    thumbnailKey: varchar('thumbnail_key', { length: 128 }),
    // Images: a re-encoded copy without EXIF (GPS included); the only full-size image the public gets.
    displayKey: varchar('display_key', { length: 128 }),
    originalName: text('original_name').notNull(),
    mimeType: varchar('mime_type', { length: 128 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    caption: text('caption').notNull().default(''),
    position: integer('position').notNull().default(0),
    isPublic: boolean('is_public').notNull().default(true),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('evidence_files_kind_check', sql`${t.kind} in ('image', 'document', 'video')`),
    index('evidence_files_model_idx').on(t.modelId, t.position),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    modelId: integer('model_id').references(() => models.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 24 }).notNull(),
    message: text('message').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt)],
);

/**
 * Text searches whose counts are maintained (query 0, key '', is every approved model). A search is
 * added on first use and counted once; from then on statement-level triggers on models and
 * model_movements keep its counts exact, so totals and facet counts never rescan the matches.
 */
export const searchQueries = pgTable(
  'search_queries',
  {
    id: serial('id').primaryKey(),
    // The folded prefix tsquery text, e.g. "an:* & ninh:*".
    key: text('key').notNull().unique(),
    tsq: tsquery('tsq'),
    // The same words restricted to the title (weight A).
    titleTsq: tsquery('title_tsq'),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_queries_used_idx').on(t.usedAt)],
);

/**
 * The kinds of maintained count rows, by the filters they carry: 'place' by (province, field, type,
 * year); 'movement' the same per movement; 'commune' by (province, commune or former commune,
 * field); 'total' one row per search. The SQL enum count_kind has these labels, in this order.
 */
export const COUNT_KINDS = ['place', 'movement', 'commune', 'total'] as const;
export type CountKind = (typeof COUNT_KINDS)[number];
export const countKindEnum = pgEnum('count_kind', COUNT_KINDS);

/**
 * Approved models matching a stored search, by kind of row (COUNT_KINDS); movement_id is 0 but in
 * 'movement' rows, commune codes '' but in 'commune' rows. title_count counts those with every word
 * in the title.
 */
export const searchCounts = pgTable(
  'search_counts',
  {
    queryId: integer('query_id')
      .notNull()
      .references(() => searchQueries.id, { onDelete: 'cascade' }),
    kind: countKindEnum('kind').notNull(),
    movementId: integer('movement_id').notNull().default(0),
    provinceCode: varchar('province_code', { length: 2 }).notNull(),
    communeCode: varchar('commune_code', { length: 5 }).notNull().default(''),
    formerCommuneCode: varchar('former_commune_code', { length: 5 }).notNull().default(''),
    fieldCode: varchar('field_code', { length: 32 }).notNull(),
    type: varchar('type', { length: 16 }).notNull().default(''),
    year: smallint('year').notNull().default(0),
    count: integer('count').notNull().default(0),
    titleCount: integer('title_count').notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'search_counts_pk',
      columns: [
        t.queryId,
        t.kind,
        t.movementId,
        t.provinceCode,
        t.communeCode,
        t.formerCommuneCode,
        t.fieldCode,
        t.type,
        t.year,
      ],
    }),
  ],
);

/**
 * One row whose number triggers raise in the same transaction as every write the public catalogue
 * shows (approved models, their movements, movements), so each instance's response cache can tell
 * with one tiny read whether a stored page is still current (triggers: src/db/maintained.ts).
 */
export const catalogueVersion = pgTable(
  'catalogue_version',
  {
    id: smallint('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('catalogue_version_one_row', sql`${t.id} = 1`)],
);
