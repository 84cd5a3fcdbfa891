import { sql, type SQL } from 'drizzle-orm';
import { titleTsQueryText, type SortOrder } from './filters.js';
import { replicaSortSql } from './replicas.js';

/**
 * The orders of a model list. Public ones follow the indexes exactly; the internal ones are the
 * dashboard's queues: a commune's unfinished entries first (returned, drafts, submitted, newest
 * change first), a reviewer's submissions first (oldest submission first).
 */
type InternalSort = 'commune-work' | 'review-queue' | 'changed';
export type ListSort = SortOrder | InternalSort;

/**
 * Rows fall in the first tier whose condition they meet (conditions are never null), the rest last;
 * within a tier by one column, then m.id, both in `dir`. One column and the id are what a page
 * orders by and what a stream resumes from (see streamRows).
 */
export interface Ordering {
  tiers: SQL[];
  column: SQL;
  /** The column's type, to read back the text form of a value a batch ended on. */
  type: 'timestamptz' | 'smallint' | 'integer' | 'text';
  nullable: boolean;
  dir: 'asc' | 'desc';
  /** Where nulls of the column and of the id go: written out only when not the default, as the indexes are built. */
  nulls: 'first' | 'last';
  idNulls: 'first' | 'last';
}

const NEWEST: Ordering = {
  tiers: [],
  column: sql`m.published_at`,
  type: 'timestamptz',
  nullable: true,
  dir: 'desc',
  nulls: 'last',
  idNulls: 'last',
};
const ORDERS: Record<Exclude<ListSort, 'relevance'>, Ordering> = {
  newest: NEWEST,
  year: {
    tiers: [],
    column: sql`m.recognised_year`,
    type: 'smallint',
    nullable: true,
    dir: 'desc',
    nulls: 'first',
    idNulls: 'first',
  },
  title: {
    tiers: [],
    column: sql`m.title_folded`,
    type: 'text',
    nullable: false,
    dir: 'asc',
    nulls: 'last',
    idNulls: 'last',
  },
  // Most approved replicas first; equal counts newest id first, so pages never overlap.
  replicated: {
    tiers: [],
    column: replicaSortSql,
    type: 'integer',
    nullable: false,
    dir: 'desc',
    nulls: 'first',
    idNulls: 'first',
  },
  'commune-work': {
    tiers: [sql`m.status = 'returned'`, sql`m.status = 'draft'`, sql`m.status = 'submitted'`],
    column: sql`m.updated_at`,
    type: 'timestamptz',
    nullable: false,
    dir: 'desc',
    nulls: 'first',
    idNulls: 'first',
  },
  changed: {
    tiers: [],
    column: sql`m.updated_at`,
    type: 'timestamptz',
    nullable: false,
    dir: 'desc',
    nulls: 'first',
    idNulls: 'first',
  },
  'review-queue': {
    tiers: [sql`m.status = 'submitted'`],
    column: sql`m.submitted_at`,
    type: 'timestamptz',
    nullable: true,
    dir: 'asc',
    nulls: 'last',
    idNulls: 'last',
  },
};

/** The order of a list; relevance with words puts every model with all of them in its title first, each tier newest first. */
export function ordering(sort: ListSort, q?: string): Ordering {
  if (sort !== 'relevance') return ORDERS[sort];
  const title = q ? titleTsQueryText(q) : null;
  return title ? { ...NEWEST, tiers: [sql`(m.search_vector @@ to_tsquery('simple', ${title})) is true`] } : NEWEST;
}

// Keywords and casts as fixed fragments: an order is built from this table only, never from a request.
const DIRECTION = { asc: sql`asc`, desc: sql`desc` } as const;
const NULLS = { first: sql` nulls first`, last: sql` nulls last` } as const;
const CAST = {
  timestamptz: sql`timestamptz`,
  smallint: sql`smallint`,
  integer: sql`integer`,
  text: sql`text`,
} as const;
const nullsClause = (dir: 'asc' | 'desc', nulls: 'first' | 'last') =>
  (dir === 'desc') === (nulls === 'first') ? sql`` : NULLS[nulls];

/** The column and the id, without the tiers: what one tier (and every public page) orders by. */
export function columnOrder(o: Ordering): SQL {
  const dir = DIRECTION[o.dir];
  return sql`${o.column} ${dir}${nullsClause(o.dir, o.nulls)}, m.id ${dir}${nullsClause(o.dir, o.idNulls)}`;
}

/** ORDER BY of a page: the tiers, then the column and the id. */
export function orderClause(o: Ordering): SQL {
  if (o.tiers.length === 0) return columnOrder(o);
  const cases = o.tiers.map((t, i) => sql`when ${t} then ${sql.raw(String(i))}`);
  return sql`case ${sql.join(cases, sql` `)} else ${sql.raw(String(o.tiers.length))} end, ${columnOrder(o)}`;
}

/** Each tier's condition on its own: in it and in no tier before; the rest after the last. */
export function tierConditions(o: Ordering): SQL[] {
  if (o.tiers.length === 0) return [sql`true`];
  const before = (i: number) => (i === 0 ? sql`true` : sql`not (${sql.join(o.tiers.slice(0, i), sql` or `)})`);
  return [...o.tiers.map((t, i) => sql`${t} and ${before(i)}`), before(o.tiers.length)];
}

/** Where a batch stopped: the text form of the column (null for a null) and the id. */
export interface Resume {
  key: string | null;
  id: number;
}

/**
 * The segments of one tier in list order (a nullable column's nulls apart, where they sort), each
 * with the condition that resumes after a row: a row comparison, which an index walk can start from.
 */
export function segments(o: Ordering): { where: SQL; after: (r: Resume) => SQL }[] {
  const col = o.column;
  const op = o.dir === 'desc' ? sql`<` : sql`>`;
  const valued = {
    where: o.nullable ? sql`${col} is not null` : sql`true`,
    after: (r: Resume) => sql`(${col}, m.id) ${op} (${r.key}::${CAST[o.type]}, ${r.id})`,
  };
  if (!o.nullable) return [valued];
  const nulls = { where: sql`${col} is null`, after: (r: Resume) => sql`m.id ${op} ${r.id}` };
  return o.nulls === 'first' ? [nulls, valued] : [valued, nulls];
}
