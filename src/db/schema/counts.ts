import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { tsquery } from './columns.js';

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
