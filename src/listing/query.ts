import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { placeLabel, provinceLabel, type UnitName } from '../admin-units/labels.js';
import { nameIsPublic, publicText } from '../policy/privacy.js';
import { countConditions, countKind, filterConditions, orderClause, type CountKind, type ListQuery, type ModelFilters } from './filters.js';
import { matchCounts, searchText, withStoredSearch, type MatchCounts, type SearchText } from './counts.js';

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

/** The place labels of a summary, computed by toSummary unless given (summaries of a list reuse them). */
export interface PlaceLabels { provinceLabel: string; placeLabel: string }

export function toSummary(r: SummaryRow, labels?: PlaceLabels): PublicModelSummary {
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
    provinceLabel: labels?.provinceLabel ?? provinceLabel(province, formerProvince),
    placeLabel: labels?.placeLabel ?? placeLabel({ province, formerProvince, commune, formerCommune, successors }),
    year: r.recognised_year,
    startedYear: r.started_year,
    summary: rowText(r, r.summary),
    holder: publicHolder(r),
    publishedAt: new Date(r.published_at).toISOString(),
    demo: r.is_demo,
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
    const units = (table: string) => queryRows<UnitName>(db, sql`select code, name, full_name as "fullName" from ${sql.raw(table)}`)
      .then((rows) => new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, fullName: r.fullName }])));
    names = (async () => {
      const [provinces, formerProvinces, communes, formerCommunes, fields, pairs] = await Promise.all([
        units('provinces'), units('former_provinces'), units('communes'), units('former_communes'),
        queryRows<{ code: string; name: string }>(db, sql`select code, name from fields`),
        queryRows<{ former_code: string; commune_code: string }>(db, sql`select former_code, commune_code
          from former_commune_successors order by former_code, commune_code`),
      ]);
      const successors = new Map<string, UnitName[]>();
      for (const p of pairs) {
        const c = communes.get(p.commune_code);
        if (c) successors.set(p.former_code, [...(successors.get(p.former_code) ?? []), c]);
      }
      const fieldNames = new Map(fields.map((f) => [f.code, f.name]));
      return { provinces, formerProvinces, communes, formerCommunes, successors, fields: fieldNames, labels: new Map() };
    })();
    names.catch(() => namesCache.delete(db));
    namesCache.set(db, names);
  }
  return names;
}

/** The model's own columns of a summary: names come from referenceNames, not from joins. */
const ownColumns = sql`m.id, m.slug, m.title, m.type, m.field_code, m.province_code, m.former_province_code,
  m.commune_code, m.former_commune_code, m.recognised_year, m.started_year, m.summary, m.holder_name,
  m.holder_role, m.publish_consent, m.published_at, m.is_demo`;
type OwnRow = Omit<SummaryRow, 'field_name' | 'province_name' | 'province_full_name' | 'former_province_name'
  | 'former_province_full_name' | 'commune_name' | 'commune_full_name' | 'former_commune_name' | 'former_commune_full_name' | 'successors'>;

function summaryOf(r: OwnRow, n: ReferenceNames): PublicModelSummary {
  const p = n.provinces.get(r.province_code);
  const fp = r.former_province_code ? n.formerProvinces.get(r.former_province_code) : undefined;
  const c = r.commune_code ? n.communes.get(r.commune_code) : undefined;
  const fc = r.former_commune_code ? n.formerCommunes.get(r.former_commune_code) : undefined;
  const key = `${r.province_code}|${r.former_province_code}|${r.commune_code}|${r.former_commune_code}`;
  const labels = n.labels.get(key);
  // A fresh literal, not a spread of the driver's row: those rows are slow dictionary-mode objects.
  const summary = toSummary({
    id: r.id, slug: r.slug, title: r.title, type: r.type, field_code: r.field_code, province_code: r.province_code,
    former_province_code: r.former_province_code, commune_code: r.commune_code, former_commune_code: r.former_commune_code,
    recognised_year: r.recognised_year, started_year: r.started_year, summary: r.summary, holder_name: r.holder_name,
    holder_role: r.holder_role, publish_consent: r.publish_consent, published_at: r.published_at, is_demo: r.is_demo,
    field_name: n.fields.get(r.field_code) ?? r.field_code,
    province_name: p?.name ?? r.province_code, province_full_name: p?.fullName ?? r.province_code,
    former_province_name: fp?.name ?? null, former_province_full_name: fp?.fullName ?? null,
    commune_name: c?.name ?? null, commune_full_name: c?.fullName ?? null,
    former_commune_name: fc?.name ?? null, former_commune_full_name: fc?.fullName ?? null,
    successors: r.former_commune_code ? (n.successors.get(r.former_commune_code) ?? []) : [],
  }, labels);
  if (!labels) {
    if (n.labels.size >= 50_000) n.labels.clear();
    n.labels.set(key, { provinceLabel: summary.provinceLabel, placeLabel: summary.placeLabel });
  }
  return summary;
}

async function summaries(db: Executor, rows: OwnRow[]): Promise<PublicModelSummary[]> {
  if (rows.length === 0) return [];
  const names = await referenceNames(db);
  return rows.map((r) => summaryOf(r, names));
}

/** Summaries of the given approved models, in the order of `ids`. */
export async function publicSummariesByIds(db: Executor, ids: number[]): Promise<PublicModelSummary[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<OwnRow>(db, sql`select ${ownColumns} from models m
    where m.status = 'approved' and m.id = any(${`{${ids.map(Number).join(',')}}`}::int[])`);
  const byId = new Map((await summaries(db, rows)).map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id)).filter((s): s is PublicModelSummary => s !== undefined);
}

export async function countPublicModels(db: Executor, f: ModelFilters): Promise<number> {
  return (await matchCounts(db, f)).total;
}

export function filtersOf(q: ListQuery): ModelFilters {
  const { sort: _s, page: _p, limit: _l, ...filters } = q;
  return filters;
}

// ---- One page of a list ----

/**
 * Walking an index in list order and testing the words on each row costs about (offset + limit) ×
 * domain / matches rows; below this many rows it beats collecting every match from the text index.
 */
const WALK_ROWS = 3000;

type Tier = 'all' | 'title' | 'rest';
interface Part { tier: Tier; offset: number; limit: number; matches: number }

/** The parts of the page: relevance puts every model with all the words in its title first. */
function pageParts(q: ListQuery, counts: MatchCounts): Part[] {
  const from = (q.page - 1) * q.limit;
  const to = Math.min(from + q.limit, counts.total);
  if (from >= to) return [];
  if (!q.q || q.sort !== 'relevance') return [{ tier: 'all', offset: from, limit: to - from, matches: counts.total }];
  const t = counts.title;
  const parts: Part[] = [];
  if (from < t) parts.push({ tier: 'title', offset: from, limit: Math.min(to, t) - from, matches: t });
  if (to > t) parts.push({ tier: 'rest', offset: Math.max(from - t, 0), limit: to - Math.max(from, t), matches: counts.total - t });
  return parts;
}

function tierCondition(tier: Tier, s: SearchText, walk: boolean): SQL | null {
  if (!s.tsq) return null;
  const all = sql`to_tsquery('simple', ${s.tsq})`;
  const title = sql`to_tsquery('simple', ${s.title})`;
  if (walk) {
    // "is true" keeps the planner on the ordered walk: the text indexes cannot answer it.
    if (tier === 'title') return sql`(m.search_vector @@ ${title}) is true`;
    if (tier === 'rest') return sql`(m.search_vector @@ ${all}) is true and (m.search_vector @@ ${title}) is not true`;
    return sql`(m.search_vector @@ ${all}) is true`;
  }
  if (tier === 'title') return sql`to_tsvector('simple'::regconfig, m.title_folded) @@ ${all}`;
  if (tier === 'rest') return sql`m.search_vector @@ ${all} and not (m.search_vector @@ ${title})`;
  return sql`m.search_vector @@ ${all}`;
}

async function partRows(db: Executor, q: ListQuery, s: SearchText, domain: number | null, part: Part): Promise<OwnRow[]> {
  const walk = domain !== null && part.matches > 0 && ((part.offset + part.limit) * domain) / part.matches <= WALK_ROWS;
  const where = filterConditions({ ...filtersOf(q), q: undefined });
  const text = tierCondition(part.tier, s, walk);
  if (text) where.push(text);
  return queryRows<OwnRow>(db, sql`select ${ownColumns} from models m where ${sql.join(where, sql` and `)}
    order by ${orderClause(q)} limit ${part.limit} offset ${part.offset}`);
}

/** Rows of the domain a first attempt walks, looking for the page among the newest (or first) ones. */
const FIRST_WALK_ROWS = 1000;

/**
 * One statement for the usual page: the maintained counts (total, title tier, domain) and, assuming
 * the page lies in the first tier, that page found by walking at most FIRST_WALK_ROWS rows in order.
 */
function firstAttemptQuery(q: ListQuery, s: SearchText, kind: CountKind): { query: SQL; tier: Tier } {
  const f = filtersOf(q);
  const from = (q.page - 1) * q.limit;
  const domain = sql.join(filterConditions({ ...f, q: undefined }), sql` and `);
  const tier: Tier = s.tsq && q.sort === 'relevance' ? 'title' : 'all';
  const text = tierCondition(tier, s, true);
  const conds = countConditions(f, kind, [], true);
  let rows: SQL;
  if (!text) {
    rows = sql`select ${ownColumns} from models m where ${domain} order by ${orderClause(q)} limit ${q.limit} offset ${from}`;
  } else if (from + q.limit <= FIRST_WALK_ROWS) {
    rows = sql`select ${ownColumns} from (select ${ownColumns}, m.title_folded, m.search_vector from models m where ${domain}
      order by ${orderClause(q)} limit ${FIRST_WALK_ROWS}) m where ${text} order by ${orderClause(q)} limit ${q.limit} offset ${from}`;
  } else {
    rows = sql`select ${ownColumns} from models m where false`;
  }
  return {
    tier,
    query: sql`with p as materialized (
        select k.id as qid, coalesce(x.n, 0)::int as n, coalesce(x.t, 0)::int as t, coalesce(y.n, 0)::int as d
        from (select 1) one left join search_queries k on k.key = ${s.key}
        left join lateral (select sum(c.count) as n, sum(c.title_count) as t from search_counts c where c.query_id = k.id and ${conds}) x on true
        left join lateral (select sum(c.count) as n from search_counts c where c.query_id = 0 and ${conds}) y on true)
      select p.qid, p.n, p.t, p.d, r.* from p left join (${rows}) r on true`,
  };
}

export async function listPublicModels(db: Executor, q: ListQuery): Promise<{ items: PublicModelSummary[]; total: number }> {
  const filters = filtersOf(q);
  const s = searchText(q.q);
  const kind = countKind(filters);
  if (kind === null) {
    const counts = await matchCounts(db, filters);
    const rows = await Promise.all(pageParts(q, counts).map((p) => partRows(db, q, s, null, p)));
    return { items: await summaries(db, rows.flat()), total: counts.total };
  }
  const first = firstAttemptQuery(q, s, kind);
  const result = await withStoredSearch<OwnRow & { qid: number | null; n: number; t: number; d: number }>(
    db, s, first.query, (r) => r.length > 0 && r[0].qid !== null);
  const counts: MatchCounts = { total: Number(result[0].n), title: Number(result[0].t), domain: Number(result[0].d) };
  const found = result.filter((r) => r.id !== null);
  const parts = pageParts(q, counts);
  // The first attempt covers the first part when it found all of it (always, without words).
  const covered = parts.length > 0 && parts[0].tier === first.tier && found.length >= parts[0].limit;
  const rest = await Promise.all((covered ? parts.slice(1) : parts).map((p) => partRows(db, q, s, counts.domain, p)));
  const rows = [...(covered ? found.slice(0, parts[0].limit) : []), ...rest.flat()];
  return { items: await summaries(db, rows), total: counts.total };
}
