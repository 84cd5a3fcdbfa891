import { index, pgTable, primaryKey, smallint, text, varchar } from 'drizzle-orm/pg-core';

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
