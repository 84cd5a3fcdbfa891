import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import {
  countConditions,
  countKind,
  kindFits,
  titleTsQueryText,
  tsQueryText,
  whereClause,
  type CountKind,
  type FilterKey,
  type ModelFilters,
} from './filters.js';

/**
 * Counts of approved models come from search_counts, which triggers keep exact (migration 0009):
 * query 0 (key '') holds every approved model, and statistics read it too; a text search is stored
 * and counted once on first use, then maintained like the rest. Only combinations no kind of row carries (a commune with a
 * type, year or movement) count the models table, whose commune indexes keep that small.
 */

/** Stored searches kept beyond the most recently used are dropped (triggers test each one per write). */
const MAX_STORED_SEARCHES = 200;
const TOUCH_EVERY_MS = 10 * 60_000;

export interface SearchText {
  key: string;
  tsq: string | null;
  title: string | null;
}

export function searchText(q: string | undefined): SearchText {
  const tsq = q ? tsQueryText(q) : null;
  return { key: tsq ?? '', tsq, title: q ? titleTsQueryText(q) : null };
}

const ensuring = new WeakMap<object, Map<string, Promise<void>>>();
const touched = new WeakMap<object, Map<string, number>>();

/** Stores and counts a search once (one request waits, concurrent ones share the wait). */
async function ensureSearch(db: Executor, s: SearchText): Promise<void> {
  let pending = ensuring.get(db);
  if (!pending) ensuring.set(db, (pending = new Map()));
  let p = pending.get(s.key);
  if (!p) {
    p = queryRows(
      db,
      sql`select search_query_ensure(${s.key}, to_tsquery('simple', ${s.tsq}),
      to_tsquery('simple', ${s.title}), ${MAX_STORED_SEARCHES})`,
    ).then(() => undefined);
    pending.set(s.key, p);
    p.finally(() => pending!.delete(s.key)).catch(() => undefined);
  }
  await p;
}

/** Marks a stored search as used (at most every few minutes per process), for the eviction order. */
function touchSearch(db: Executor, key: string): void {
  if (key === '') return;
  let last = touched.get(db);
  if (!last) touched.set(db, (last = new Map()));
  const now = Date.now();
  if (now - (last.get(key) ?? 0) < TOUCH_EVERY_MS) return;
  last.set(key, now);
  db.execute(sql`update search_queries set used_at = now() where key = ${key}`).catch(() => undefined);
}

/**
 * For a list answered from a response cache: its search is still in use, though not run, and must
 * not be dropped as the least recently used (counting it again costs seconds at a million models).
 */
export function noteSearchUsed(db: Executor, q: unknown): void {
  if (typeof q === 'string' && q.length <= 200) touchSearch(db, searchText(q).key);
}

/** Runs a query over the stored rows of `s`, storing the search first when `stored` says it is not. */
export async function withStoredSearch<T>(
  db: Executor,
  s: SearchText,
  query: SQL,
  stored: (rows: T[]) => boolean,
): Promise<T[]> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = await queryRows<T>(db, query);
    if (stored(rows)) {
      touchSearch(db, s.key);
      return rows;
    }
    // Not stored yet, or dropped again by a flood of other searches in between.
    await ensureSearch(db, s);
  }
  throw new Error(`search "${s.key}" could not be stored`);
}

export interface MatchCounts {
  /** Models matching every filter. */
  total: number;
  /** Of those, models with every word in the title (0 without words). */
  title: number;
  /** Models matching the filters but the words, when known without counting the models table. */
  domain: number | null;
}

/** How many approved models match, with and without the words. */
export async function matchCounts(db: Executor, f: ModelFilters): Promise<MatchCounts> {
  const s = searchText(f.q);
  const kind = countKind(f);
  if (kind === null) {
    const title = s.title
      ? sql`count(*) filter (where m.search_vector @@ to_tsquery('simple', ${s.title}))::int`
      : sql`0`;
    const [row] = await queryRows<{ n: number; t: number }>(
      db,
      sql`select count(*)::int as n, ${title} as t
      from models m where ${whereClause(f)}`,
    );
    return { total: Number(row.n), title: Number(row.t), domain: null };
  }
  const rows = await withStoredSearch<{ key: string; n: number; t: number }>(
    db,
    s,
    sql`
    select s.key, coalesce(sum(c.count), 0)::int as n, coalesce(sum(c.title_count), 0)::int as t
    from search_queries s left join search_counts c on c.query_id = s.id and ${countConditions(f, kind, [], true)}
    where s.key in ('', ${s.key}) group by s.key`,
    (rows) => rows.some((r) => r.key === s.key),
  );
  const all = rows.find((r) => r.key === '');
  const match = rows.find((r) => r.key === s.key);
  return { total: Number(match?.n ?? 0), title: Number(match?.t ?? 0), domain: all ? Number(all.n) : null };
}

export interface FacetCounts {
  province: Record<string, number>;
  commune: Record<string, number>;
  field: Record<string, number>;
  type: Record<string, number>;
  year: Record<string, number>;
  movement: Record<string, number>;
}
type Dimension = keyof FacetCounts;

interface Facet {
  dim: Dimension;
  omit: FilterKey[];
  /** The kinds of maintained rows that carry this dimension. */
  kinds: CountKind[];
  column: string;
  /** Counting the models table instead (alias m). */
  direct: string;
  join?: string;
}

// A split former commune's model counts under each successor, as filtering by commune finds it there.
const COMMUNE_KEY = "coalesce(nullif(c.commune_code, ''), s.commune_code)";
const COMMUNE_JOIN =
  "left join former_commune_successors s on c.commune_code = '' and s.former_code = c.former_commune_code";

const FACETS: Facet[] = [
  {
    dim: 'province',
    omit: ['province', 'commune'],
    kinds: ['place', 'movement'],
    column: 'c.province_code',
    direct: 'm.province_code',
  },
  {
    dim: 'field',
    omit: ['field'],
    kinds: ['place', 'movement', 'commune'],
    column: 'c.field_code',
    direct: 'm.field_code',
  },
  { dim: 'type', omit: ['type'], kinds: ['place', 'movement'], column: 'c.type', direct: 'm.type' },
  {
    dim: 'year',
    omit: ['year', 'yearFrom', 'yearTo'],
    kinds: ['place', 'movement'],
    column: 'c.year',
    direct: 'm.recognised_year',
  },
  {
    dim: 'movement',
    omit: ['movement'],
    kinds: ['movement'],
    column: 'mv.code',
    direct: 'mv.code',
    join: 'join movements mv on mv.id = c.movement_id',
  },
  {
    dim: 'commune',
    omit: ['commune'],
    kinds: ['commune'],
    column: COMMUNE_KEY,
    direct: 'coalesce(m.commune_code, s.commune_code)',
    join: COMMUNE_JOIN,
  },
];

/** The kind of maintained rows a facet can sum, or null. */
function facetKind(f: ModelFilters, facet: Facet): CountKind | null {
  const natural = countKind(f, facet.omit);
  if (natural !== null && facet.kinds.includes(natural)) return natural;
  return facet.kinds.find((k) => kindFits(f, k, facet.omit)) ?? null;
}

function directFacet(db: Executor, f: ModelFilters, facet: Facet): Promise<{ key: string; n: number }[]> {
  const col = sql.raw(facet.direct);
  const join =
    facet.dim === 'movement'
      ? sql`join model_movements mm on mm.model_id = m.id join movements mv on mv.id = mm.movement_id`
      : facet.dim === 'commune'
        ? sql`left join former_commune_successors s on m.commune_code is null and s.former_code = m.former_commune_code`
        : sql``;
  return queryRows(
    db,
    sql`select ${col} as key, count(*)::int as n from models m ${join}
    where ${whereClause(f, facet.omit)} group by 1`,
  );
}

/**
 * Beside every filter option, how many models it would give with the other filters applied.
 * One query sums the maintained rows of every facet they can answer.
 */
export async function facetCounts(db: Executor, f: ModelFilters): Promise<FacetCounts> {
  const s = searchText(f.q);
  const out: FacetCounts = { province: {}, commune: {}, field: {}, type: {}, year: {}, movement: {} };
  const stored: SQL[] = [];
  const direct: Promise<void>[] = [];
  for (const facet of FACETS) {
    if (facet.dim === 'commune' && !f.province) continue;
    const kind = facetKind(f, facet);
    if (kind === null) {
      direct.push(
        directFacet(db, f, facet).then((rows) => {
          for (const r of rows) add(out, facet.dim, r);
        }),
      );
      continue;
    }
    stored.push(sql`select ${facet.dim}::text as dim, (${sql.raw(facet.column)})::text as key, sum(c.count)::int as n, 0 as stored
      from search_counts c ${sql.raw(facet.join ?? '')}
      where c.query_id = (select id from search_queries where key = ${s.key}) and ${countConditions(f, kind, facet.omit)}
      group by 2 having sum(c.count) > 0`);
  }
  if (stored.length > 0) {
    stored.push(sql`select 'stored', '', 0, 1 from search_queries where key = ${s.key}`);
    const rows = await withStoredSearch<{ dim: Dimension; key: string; n: number; stored: number }>(
      db,
      s,
      sql.join(
        stored.map((q) => sql`(${q})`),
        sql` union all `,
      ),
      (rows) => rows.some((r) => Number(r.stored) === 1),
    );
    for (const r of rows) if (Number(r.stored) === 0) add(out, r.dim, r);
  }
  await Promise.all(direct);
  return out;
}

function add(out: FacetCounts, dim: Dimension, r: { key: string | number | null; n: number }): void {
  if (r.key === null || r.key === '' || Number(r.n) <= 0) return;
  out[dim][String(r.key)] = Number(r.n);
}
