// One page of the public list, answered from the maintained counts (listing/counts.ts): the total
// and the relevance tiers without counting rows, and the page found by walking an index in list order.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import {
  audienceCondition,
  countConditions,
  countKind,
  filterConditions,
  PUBLIC,
  type CountKind,
  type ListQuery,
  type ModelFilters,
} from './filters.js';
import { matchCounts, searchText, withStoredSearch, type MatchCounts, type SearchText } from './counts.js';
import { columnOrder, ordering } from './order.js';
import { ownColumns, summaries, type OwnRow, type PublicModelSummary } from './summaries.js';

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

// Relevance tiers are parts of the page here, each in the order of the sort without words.
const orderOf = (q: ListQuery) => columnOrder(ordering(q.sort));

type Tier = 'all' | 'title' | 'rest';
interface Part {
  tier: Tier;
  offset: number;
  limit: number;
  matches: number;
}

/** The parts of the page: relevance puts every model with all the words in its title first. */
function pageParts(q: ListQuery, counts: MatchCounts): Part[] {
  const from = (q.page - 1) * q.limit;
  const to = Math.min(from + q.limit, counts.total);
  if (from >= to) return [];
  if (!q.q || q.sort !== 'relevance') return [{ tier: 'all', offset: from, limit: to - from, matches: counts.total }];
  const t = counts.title;
  const parts: Part[] = [];
  if (from < t) parts.push({ tier: 'title', offset: from, limit: Math.min(to, t) - from, matches: t });
  if (to > t)
    parts.push({
      tier: 'rest',
      offset: Math.max(from - t, 0),
      limit: to - Math.max(from, t),
      matches: counts.total - t,
    });
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

async function partRows(
  db: Executor,
  q: ListQuery,
  s: SearchText,
  domain: number | null,
  part: Part,
): Promise<OwnRow[]> {
  const walk = domain !== null && part.matches > 0 && ((part.offset + part.limit) * domain) / part.matches <= WALK_ROWS;
  const where = [audienceCondition(PUBLIC), ...filterConditions({ ...filtersOf(q), q: undefined })];
  const text = tierCondition(part.tier, s, walk);
  if (text) where.push(text);
  return queryRows<OwnRow>(
    db,
    sql`select ${ownColumns} from models m where ${sql.join(where, sql` and `)}
    order by ${orderOf(q)} limit ${part.limit} offset ${part.offset}`,
  );
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
  const domain = sql.join([audienceCondition(PUBLIC), ...filterConditions({ ...f, q: undefined })], sql` and `);
  const tier: Tier = s.tsq && q.sort === 'relevance' ? 'title' : 'all';
  const text = tierCondition(tier, s, true);
  const conds = countConditions(f, kind, [], true);
  let rows: SQL;
  if (!text) {
    rows = sql`select ${ownColumns} from models m where ${domain} order by ${orderOf(q)} limit ${q.limit} offset ${from}`;
  } else if (from + q.limit <= FIRST_WALK_ROWS) {
    rows = sql`select ${ownColumns} from (select ${ownColumns}, m.title_folded, m.search_vector from models m where ${domain}
      order by ${orderOf(q)} limit ${FIRST_WALK_ROWS}) m where ${text} order by ${orderOf(q)} limit ${q.limit} offset ${from}`;
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

/** One page of approved models (see listModels, which is how callers ask for it). */
export async function publicPage(db: Executor, q: ListQuery): Promise<{ items: PublicModelSummary[]; total: number }> {
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
    db,
    s,
    first.query,
    (r) => r.length > 0 && r[0].qid !== null,
  );
  const counts: MatchCounts = { total: Number(result[0].n), title: Number(result[0].t), domain: Number(result[0].d) };
  const found = result.filter((r) => r.id !== null);
  const parts = pageParts(q, counts);
  // The first attempt covers the first part when it found all of it (always, without words).
  const covered = parts.length > 0 && parts[0].tier === first.tier && found.length >= parts[0].limit;
  const rest = await Promise.all((covered ? parts.slice(1) : parts).map((p) => partRows(db, q, s, counts.domain, p)));
  const rows = [...(covered ? found.slice(0, parts[0].limit) : []), ...rest.flat()];
  return { items: await summaries(db, rows), total: counts.total };
}
