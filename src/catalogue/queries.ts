import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { placeLabel, provinceLabel, type UnitName } from '../admin-units/labels.js';
import { nameIsPublic, publicText } from './privacy.js';
import { orderClause, totalsConditions, whereClause, type ListQuery, type ModelFilters } from './filters.js';

/** A model as the public may see it in a list: never contact details, never a name without consent. */
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
}

interface SummaryRow {
  id: number; slug: string; title: string; type: 'collective' | 'individual';
  field_code: string; field_name: string;
  province_code: string; province_name: string; province_full_name: string;
  former_province_code: string | null; former_province_name: string | null; former_province_full_name: string | null;
  commune_code: string | null; commune_name: string | null; commune_full_name: string | null;
  former_commune_code: string | null; former_commune_name: string | null; former_commune_full_name: string | null;
  successors: UnitName[] | string | null;
  recognised_year: number; started_year: number; summary: string;
  holder_name: string; holder_role: string; publish_consent: boolean;
  published_at: string | Date; is_demo: boolean;
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
  m.published_at, m.is_demo`;

export const summaryJoins = sql`join fields f on f.code = m.field_code
  join provinces p on p.code = m.province_code
  left join former_provinces fp on fp.code = m.former_province_code
  left join communes c on c.code = m.commune_code
  left join former_communes fc on fc.code = m.former_commune_code`;

/** The name the public may see: an individual without consent is shown by role only. */
export function publicHolder(r: { type: string; holder_name: string; holder_role: string; publish_consent: boolean }): string {
  if (!nameIsPublic({ type: r.type, publishConsent: r.publish_consent })) return r.holder_role || 'Cá nhân (không công bố tên)';
  return r.holder_name;
}

/** Masks an unconsented individual's name in a text of this row. */
export function rowText(r: { type: string; holder_name: string; publish_consent: boolean }, text: string): string {
  return publicText(text, { type: r.type, publishConsent: r.publish_consent, holderName: r.holder_name });
}

export function toSummary(r: SummaryRow): PublicModelSummary {
  const successors: UnitName[] = typeof r.successors === 'string' ? JSON.parse(r.successors) : (r.successors ?? []);
  const province = { code: r.province_code, name: r.province_name, fullName: r.province_full_name };
  const formerProvince = r.former_province_code
    ? { code: r.former_province_code, name: r.former_province_name!, fullName: r.former_province_full_name! } : null;
  const commune = r.commune_code ? { code: r.commune_code, name: r.commune_name!, fullName: r.commune_full_name! } : null;
  const formerCommune = r.former_commune_code
    ? { code: r.former_commune_code, name: r.former_commune_name!, fullName: r.former_commune_full_name! } : null;
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
    provinceLabel: provinceLabel(province, formerProvince),
    placeLabel: placeLabel({ province, formerProvince, commune, formerCommune, successors }),
    year: r.recognised_year,
    startedYear: r.started_year,
    summary: rowText(r, r.summary),
    holder: publicHolder(r),
    publishedAt: new Date(r.published_at).toISOString(),
    demo: r.is_demo,
  };
}

/** Summaries of the given approved models, in the order of `ids`. */
export async function publicSummariesByIds(db: Executor, ids: number[]): Promise<PublicModelSummary[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<SummaryRow>(db, sql`select ${summaryColumns} from models m ${summaryJoins}
    where m.status = 'approved' and m.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
  return ids.map((id) => byId.get(id)).filter((s): s is PublicModelSummary => s !== undefined);
}

export async function countPublicModels(db: Executor, f: ModelFilters): Promise<number> {
  const totals = totalsConditions(f);
  const query = totals
    ? sql`select coalesce(sum(count), 0)::int as n from public_counts where ${totals}`
    : sql`select count(*)::int as n from models m where ${whereClause(f)}`;
  const [row] = await queryRows<{ n: number }>(db, query);
  return Number(row.n);
}

export function filtersOf(q: ListQuery): ModelFilters {
  const { sort: _s, page: _p, limit: _l, ...filters } = q;
  return filters;
}

export async function listPublicModels(db: Executor, q: ListQuery): Promise<{ items: PublicModelSummary[]; total: number }> {
  const filters = filtersOf(q);
  const offset = (q.page - 1) * q.limit;
  const [idRows, total] = await Promise.all([
    queryRows<{ id: number }>(db, sql`select m.id from models m where ${whereClause(filters)}
      order by ${orderClause(q)} limit ${q.limit} offset ${offset}`),
    countPublicModels(db, filters),
  ]);
  return { items: await publicSummariesByIds(db, idRows.map((r) => r.id)), total };
}
