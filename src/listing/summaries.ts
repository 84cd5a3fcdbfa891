// Summaries of models in lists: what the public may see of a model (PublicModelSummary), and what
// people working on it see (InternalModelSummary). Names of places come from one cache of reference data.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { placeLabel, provinceLabel, type UnitName } from '../admin-units/labels.js';
import { nameIsPublic, publicText } from '../policy/privacy.js';
import type { ModelStatus } from '../db/schema.js';
import { replicaCountSql } from './replicas.js';

export interface PublicModelSummary {
  id: number;
  slug: string;
  title: string;
  type: 'collective' | 'individual';
  field: string;
  fieldName: string;
  provinceCode: string;
  provinceName: string;
  communeCode: string | null;
  communeName: string | null;
  formerProvinceCode: string | null;
  formerProvinceName: string | null;
  formerCommuneCode: string | null;
  formerCommuneName: string | null;
  currentCommunes: UnitName[];
  provinceLabel: string;
  placeLabel: string;
  year: number;
  startedYear: number;
  summary: string;
  holder: string;
  publishedAt: string;
  demo: boolean;
  /** Approved models replicating this one. */
  replicationCount: number;
}

interface SummaryRow {
  id: number;
  slug: string;
  title: string;
  type: 'collective' | 'individual';
  field_code: string;
  field_name: string;
  province_code: string;
  province_name: string;
  province_full_name: string;
  former_province_code: string | null;
  former_province_name: string | null;
  former_province_full_name: string | null;
  commune_code: string | null;
  commune_name: string | null;
  commune_full_name: string | null;
  former_commune_code: string | null;
  former_commune_name: string | null;
  former_commune_full_name: string | null;
  successors: UnitName[] | string | null;
  recognised_year: number;
  started_year: number;
  summary: string;
  holder_name: string;
  holder_role: string;
  publish_consent: boolean;
  published_at: string | Date;
  is_demo: boolean;
  replication_count?: number;
}

export const summaryColumns = sql`m.id, m.slug, m.title, m.type, m.field_code, f.name as field_name,
  m.province_code, p.name as province_name, p.full_name as province_full_name,
  m.former_province_code, fp.name as former_province_name, fp.full_name as former_province_full_name,
  m.commune_code, c.name as commune_name, c.full_name as commune_full_name,
  m.former_commune_code, fc.name as former_commune_name, fc.full_name as former_commune_full_name,
  (select json_agg(json_build_object('code', sc.code, 'name', sc.name, 'fullName', sc.full_name) order by sc.code)
     from former_commune_successors s join communes sc on sc.code = s.commune_code
     where s.former_code = m.former_commune_code) as successors,
  m.recognised_year, m.started_year, m.summary, m.holder_name, m.holder_role, m.publish_consent,
  m.published_at, m.is_demo, ${replicaCountSql} as replication_count`;

export const summaryJoins = sql`join fields f on f.code = m.field_code
  join provinces p on p.code = m.province_code
  left join former_provinces fp on fp.code = m.former_province_code
  left join communes c on c.code = m.commune_code
  left join former_communes fc on fc.code = m.former_commune_code`;

/** The name the public may see: an individual without consent is shown by role only. */
function publicHolder(r: { type: string; holder_name: string; holder_role: string; publish_consent: boolean }): string {
  if (!nameIsPublic({ type: r.type, publishConsent: r.publish_consent }))
    return rowText(r, r.holder_role) || 'Cá nhân (không công bố tên)';
  return r.holder_name;
}

/** Masks an unconsented individual's name in a text of this row. */
export function rowText(r: { type: string; holder_name: string; publish_consent: boolean }, text: string): string {
  return publicText(text, { type: r.type, publishConsent: r.publish_consent, holderName: r.holder_name });
}

/** The place labels of a summary, computed by toSummary unless given (summaries of a list reuse them). */
export interface PlaceLabels {
  provinceLabel: string;
  placeLabel: string;
}

export function toSummary(r: SummaryRow, labels?: PlaceLabels): PublicModelSummary {
  const successors: UnitName[] = typeof r.successors === 'string' ? JSON.parse(r.successors) : (r.successors ?? []);
  const province = { code: r.province_code, name: r.province_name, fullName: r.province_full_name };
  const formerProvince = r.former_province_code
    ? { code: r.former_province_code, name: r.former_province_name!, fullName: r.former_province_full_name! }
    : null;
  const commune = r.commune_code
    ? { code: r.commune_code, name: r.commune_name!, fullName: r.commune_full_name! }
    : null;
  const formerCommune = r.former_commune_code
    ? { code: r.former_commune_code, name: r.former_commune_name!, fullName: r.former_commune_full_name! }
    : null;
  // A former commune with exactly one successor has an unambiguous current commune.
  const currentCommune = commune ?? (successors.length === 1 ? successors[0] : null);
  return {
    id: r.id,
    slug: r.slug,
    title: rowText(r, r.title),
    type: r.type,
    field: r.field_code,
    fieldName: r.field_name,
    provinceCode: r.province_code,
    provinceName: r.province_name,
    communeCode: currentCommune?.code ?? null,
    communeName: currentCommune?.name ?? null,
    formerProvinceCode: formerProvince?.code ?? null,
    formerProvinceName: formerProvince?.name ?? null,
    formerCommuneCode: formerCommune?.code ?? null,
    formerCommuneName: formerCommune?.name ?? null,
    currentCommunes: commune ? [commune] : successors,
    provinceLabel: labels?.provinceLabel ?? provinceLabel(province, formerProvince),
    placeLabel: labels?.placeLabel ?? placeLabel({ province, formerProvince, commune, formerCommune, successors }),
    year: r.recognised_year,
    startedYear: r.started_year,
    summary: rowText(r, r.summary),
    holder: publicHolder(r),
    publishedAt: new Date(r.published_at).toISOString(),
    demo: r.is_demo,
    replicationCount: Number(r.replication_count ?? 0),
  };
}

// ---- Names of places and fields: reference data changes only with a migration, read once per database ----

interface ReferenceNames {
  fields: Map<string, string>;
  provinces: Map<string, UnitName>;
  formerProvinces: Map<string, UnitName>;
  communes: Map<string, UnitName>;
  formerCommunes: Map<string, UnitName>;
  successors: Map<string, UnitName[]>;
  /** Labels by (province, former province, commune, former commune): locale-aware casing is slow. */
  labels: Map<string, PlaceLabels>;
}
const namesCache = new WeakMap<object, Promise<ReferenceNames>>();

function referenceNames(db: Executor): Promise<ReferenceNames> {
  let names = namesCache.get(db);
  if (!names) {
    const units = (table: string) =>
      queryRows<UnitName>(db, sql`select code, name, full_name as "fullName" from ${sql.raw(table)}`).then(
        (rows) => new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, fullName: r.fullName }])),
      );
    names = (async () => {
      const [provinces, formerProvinces, communes, formerCommunes, fields, pairs] = await Promise.all([
        units('provinces'),
        units('former_provinces'),
        units('communes'),
        units('former_communes'),
        queryRows<{ code: string; name: string }>(db, sql`select code, name from fields`),
        queryRows<{ former_code: string; commune_code: string }>(
          db,
          sql`select former_code, commune_code
          from former_commune_successors order by former_code, commune_code`,
        ),
      ]);
      const successors = new Map<string, UnitName[]>();
      for (const p of pairs) {
        const c = communes.get(p.commune_code);
        if (c) successors.set(p.former_code, [...(successors.get(p.former_code) ?? []), c]);
      }
      const fieldNames = new Map(fields.map((f) => [f.code, f.name]));
      return {
        provinces,
        formerProvinces,
        communes,
        formerCommunes,
        successors,
        fields: fieldNames,
        labels: new Map(),
      };
    })();
    names.catch(() => namesCache.delete(db));
    namesCache.set(db, names);
  }
  return names;
}

/** The model's own columns of a summary: names come from referenceNames, not from joins. */
export const ownColumns = sql`m.id, m.slug, m.title, m.type, m.field_code, m.province_code, m.former_province_code,
  m.commune_code, m.former_commune_code, m.recognised_year, m.started_year, m.summary, m.holder_name,
  m.holder_role, m.publish_consent, m.published_at, m.is_demo`;
export type OwnRow = Omit<
  SummaryRow,
  | 'field_name'
  | 'province_name'
  | 'province_full_name'
  | 'former_province_name'
  | 'former_province_full_name'
  | 'commune_name'
  | 'commune_full_name'
  | 'former_commune_name'
  | 'former_commune_full_name'
  | 'successors'
>;

function summaryOf(r: OwnRow, n: ReferenceNames, replicationCount: number): PublicModelSummary {
  const p = n.provinces.get(r.province_code);
  const fp = r.former_province_code ? n.formerProvinces.get(r.former_province_code) : undefined;
  const c = r.commune_code ? n.communes.get(r.commune_code) : undefined;
  const fc = r.former_commune_code ? n.formerCommunes.get(r.former_commune_code) : undefined;
  const key = `${r.province_code}|${r.former_province_code}|${r.commune_code}|${r.former_commune_code}`;
  const labels = n.labels.get(key);
  // A fresh literal, not a spread of the driver's row: those rows are slow dictionary-mode objects.
  const summary = toSummary(
    {
      id: r.id,
      slug: r.slug,
      title: r.title,
      type: r.type,
      field_code: r.field_code,
      province_code: r.province_code,
      former_province_code: r.former_province_code,
      commune_code: r.commune_code,
      former_commune_code: r.former_commune_code,
      recognised_year: r.recognised_year,
      started_year: r.started_year,
      summary: r.summary,
      holder_name: r.holder_name,
      holder_role: r.holder_role,
      publish_consent: r.publish_consent,
      published_at: r.published_at,
      is_demo: r.is_demo,
      replication_count: replicationCount,
      field_name: n.fields.get(r.field_code) ?? r.field_code,
      province_name: p?.name ?? r.province_code,
      province_full_name: p?.fullName ?? r.province_code,
      former_province_name: fp?.name ?? null,
      former_province_full_name: fp?.fullName ?? null,
      commune_name: c?.name ?? null,
      commune_full_name: c?.fullName ?? null,
      former_commune_name: fc?.name ?? null,
      former_commune_full_name: fc?.fullName ?? null,
      successors: r.former_commune_code ? (n.successors.get(r.former_commune_code) ?? []) : [],
    },
    labels,
  );
  if (!labels) {
    if (n.labels.size >= 50_000) n.labels.clear();
    n.labels.set(key, { provinceLabel: summary.provinceLabel, placeLabel: summary.placeLabel });
  }
  return summary;
}

export async function summaries(db: Executor, rows: OwnRow[]): Promise<PublicModelSummary[]> {
  if (rows.length === 0) return [];
  const [names, counts] = await Promise.all([
    referenceNames(db),
    replicationCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => summaryOf(r, names, counts.get(Number(r.id)) ?? 0));
}

/** Approved replicas of each listed model, in one query for the page (not a column of every row sorted). */
async function replicationCounts(db: Executor, ids: number[]): Promise<Map<number, number>> {
  const rows = await queryRows<{ id: number; n: number }>(
    db,
    sql`select rr.source_model_id as id, count(*)::int as n from replications rr
    join models rm on rm.id = rr.replica_model_id and rm.status = 'approved'
    where rr.source_model_id = any(${`{${ids.map(Number).join(',')}}`}::int[]) group by 1`,
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

/** Summaries of the given approved models, in the order of `ids`. */
export async function publicSummariesByIds(db: Executor, ids: number[]): Promise<PublicModelSummary[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<OwnRow>(
    db,
    sql`select ${ownColumns} from models m
    where m.status = 'approved' and m.id = any(${`{${ids.map(Number).join(',')}}`}::int[])`,
  );
  const byId = new Map((await summaries(db, rows)).map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id)).filter((s): s is PublicModelSummary => s !== undefined);
}

// ---- What people working on the models see ----

/** A model in an internal list (dashboard, exports): any status, names as registered, the last comment. */
export interface InternalModelSummary {
  id: number;
  slug: string;
  title: string;
  status: ModelStatus;
  type: 'collective' | 'individual';
  /** '' for a draft without one yet. */
  field: string;
  fieldName: string;
  provinceCode: string;
  provinceName: string;
  communeCode: string | null;
  formerCommuneCode: string | null;
  /** The commune it was registered under, current or former, e.g. “Xã Tân Cương”. */
  place: string;
  placeLabel: string;
  year: number | null;
  summary: string;
  holderName: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  /** The latest comment of a reviewer (or reason) in its history, if any. */
  lastComment: string | null;
  demo: boolean;
}

export const internalColumns = sql`m.id, m.slug, m.title, m.status, m.type, m.field_code, m.province_code, m.former_province_code,
  m.commune_code, m.former_commune_code, m.recognised_year, m.summary, m.holder_name, m.updated_at, m.submitted_at,
  m.published_at, m.is_demo,
  (select h.comment from status_history h where h.model_id = m.id and h.comment <> '' order by h.id desc limit 1) as last_comment`;
export interface InternalRow {
  id: number;
  slug: string;
  title: string;
  status: ModelStatus;
  type: 'collective' | 'individual';
  field_code: string | null;
  province_code: string;
  former_province_code: string | null;
  commune_code: string | null;
  former_commune_code: string | null;
  recognised_year: number | null;
  summary: string;
  holder_name: string;
  updated_at: string | Date;
  submitted_at: string | Date | null;
  published_at: string | Date | null;
  is_demo: boolean;
  last_comment: string | null;
}

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

function internalSummaryOf(r: InternalRow, n: ReferenceNames): InternalModelSummary {
  const province = n.provinces.get(r.province_code) ?? {
    code: r.province_code,
    name: r.province_code,
    fullName: r.province_code,
  };
  const formerProvince = (r.former_province_code && n.formerProvinces.get(r.former_province_code)) || null;
  const commune = (r.commune_code && n.communes.get(r.commune_code)) || null;
  const formerCommune = (r.former_commune_code && n.formerCommunes.get(r.former_commune_code)) || null;
  const successors = r.former_commune_code ? (n.successors.get(r.former_commune_code) ?? []) : [];
  // The same cache (and key) as public summaries: locale-aware casing is slow.
  const key = `${r.province_code}|${r.former_province_code}|${r.commune_code}|${r.former_commune_code}`;
  let labels = n.labels.get(key);
  if (!labels) {
    labels = {
      provinceLabel: provinceLabel(province, formerProvince),
      placeLabel: placeLabel({ province, formerProvince, commune, formerCommune, successors }),
    };
    if (n.labels.size >= 50_000) n.labels.clear();
    n.labels.set(key, labels);
  }
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: r.status,
    type: r.type,
    field: r.field_code ?? '',
    fieldName: r.field_code ? (n.fields.get(r.field_code) ?? r.field_code) : '',
    provinceCode: r.province_code,
    provinceName: province.name,
    communeCode: r.commune_code,
    formerCommuneCode: r.former_commune_code,
    place: commune?.fullName ?? formerCommune?.fullName ?? '',
    placeLabel: labels.placeLabel,
    year: r.recognised_year === null ? null : Number(r.recognised_year),
    summary: r.summary,
    holderName: r.holder_name,
    updatedAt: iso(r.updated_at)!,
    submittedAt: iso(r.submitted_at),
    publishedAt: iso(r.published_at),
    lastComment: r.last_comment,
    demo: r.is_demo,
  };
}

export async function internalSummaries(db: Executor, rows: InternalRow[]): Promise<InternalModelSummary[]> {
  if (rows.length === 0) return [];
  const names = await referenceNames(db);
  return rows.map((r) => internalSummaryOf(r, names));
}
