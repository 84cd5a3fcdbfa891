// The one builder of a models row. Registration, the demo data, the bulk seeding and the test
// fixtures all store models through it, so the derived columns (folded search text, the public
// slug, the consent timestamp) cannot differ between them.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import type { models, ModelStatus, ModelType } from '../db/schema.js';
import { searchColumns } from '../listing/search-document.js';
import { publicText } from '../policy/privacy.js';
import { slugify } from '../text/fold.js';

export type ModelRow = typeof models.$inferInsert;

/** The story as the commune tells it (the registration form's fields; the long texts may be left out). */
export interface ModelFields {
  type: ModelType;
  title: string;
  /** '' or null while a draft has none. */
  fieldCode: string | null;
  startedYear: number | null;
  summary: string;
  situation?: string;
  goals?: string;
  beneficiaries?: string;
  activities?: string;
  leadBodies?: string;
  partnerBodies?: string;
  resourcesMoneyMillion?: number | null;
  resourcesWorkDays?: number | null;
  resourcesNonState?: string;
  results?: string;
  sustainability?: string;
  holderName: string;
  holderRole?: string;
  publishConsent: boolean;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

/** Where the model is registered, with the names of those units for the search text. */
export interface ModelPlace {
  provinceCode: string;
  formerProvinceCode?: string | null;
  communeCode?: string | null;
  formerCommuneCode?: string | null;
  names: readonly string[];
}

/** The record's own state; anything left out is that of a new draft, now. */
export interface ModelRecord {
  /** Reserved with reserveModelIds, so that the slug can end with it. */
  id?: number;
  /** What makes the slug unique: the id unless given; null for none. */
  slugSuffix?: string | number | null;
  status?: ModelStatus;
  version?: number;
  isDemo?: boolean;
  /** The province's own reference (mã tham chiếu), set by an import. */
  externalRef?: string | null;
  createdBy?: number | null;
  recognisedYear?: number | null;
  createdAt?: Date;
  updatedAt?: Date;
  submittedAt?: Date | null;
  firstSubmittedAt?: Date | null;
  publishedAt?: Date | null;
}

/** The part of a row that the story decides, i.e. what an edit rewrites. */
export function storyColumns(f: ModelFields) {
  return {
    type: f.type,
    title: f.title,
    fieldCode: f.fieldCode || null,
    startedYear: f.startedYear ?? null,
    summary: f.summary,
    situation: f.situation ?? '',
    goals: f.goals ?? '',
    beneficiaries: f.beneficiaries ?? '',
    activities: f.activities ?? '',
    leadBodies: f.leadBodies ?? '',
    partnerBodies: f.partnerBodies ?? '',
    resourcesMoneyMillion: f.resourcesMoneyMillion == null ? null : String(f.resourcesMoneyMillion),
    resourcesWorkDays: f.resourcesWorkDays ?? null,
    resourcesNonState: f.resourcesNonState ?? '',
    results: f.results ?? '',
    sustainability: f.sustainability ?? '',
    holderName: f.holderName,
    holderRole: f.holderRole ?? '',
    // Consent is asked of individuals only; a collective's name is always public.
    publishConsent: f.type === 'individual' ? f.publishConsent : true,
    contactName: f.contactName ?? '',
    contactPhone: f.contactPhone ?? '',
    contactEmail: f.contactEmail ?? '',
  } satisfies Partial<ModelRow>;
}

/** The slug is public once approved: built from public text only, so a name without consent stays out. */
export function modelSlug(
  f: Pick<ModelFields, 'type' | 'title' | 'holderName' | 'publishConsent'>,
  suffix?: string | number | null,
): string {
  const base = slugify(publicText(f.title, f)) || 'mo-hinh';
  return suffix === undefined || suffix === null ? base : `${base}-${suffix}`;
}

/** A complete row (every column but the generated search vector), ready for insert or insertInChunks. */
export function modelRow(f: ModelFields, place: ModelPlace, r: ModelRecord = {}): ModelRow {
  const story = storyColumns(f);
  const createdAt = r.createdAt ?? new Date();
  const row: ModelRow = {
    slug: modelSlug(f, r.slugSuffix === undefined ? r.id : r.slugSuffix),
    ...story,
    provinceCode: place.provinceCode,
    formerProvinceCode: place.formerProvinceCode ?? null,
    communeCode: place.communeCode ?? null,
    formerCommuneCode: place.formerCommuneCode ?? null,
    recognisedYear: r.recognisedYear ?? null,
    consentRecordedAt: f.type === 'individual' && f.publishConsent ? createdAt : null,
    status: r.status ?? 'draft',
    version: r.version ?? 1,
    isDemo: r.isDemo ?? false,
    externalRef: r.externalRef ?? null,
    createdBy: r.createdBy ?? null,
    createdAt,
    updatedAt: r.updatedAt ?? createdAt,
    submittedAt: r.submittedAt ?? null,
    firstSubmittedAt: r.firstSubmittedAt ?? r.submittedAt ?? null,
    publishedAt: r.publishedAt ?? null,
    ...searchColumns(story, [...place.names]),
  };
  if (r.id !== undefined) row.id = r.id;
  return row;
}

/** Ids taken from the models sequence before the insert, so that each row is complete when written. */
export async function reserveModelIds(db: Executor, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence('models', 'id'))::int as id
    from generate_series(1, ${count}::int)`,
  );
  return rows.map((r) => r.id);
}
