// The one list query of models. The public catalogue (approved models only) and the internal lists
// (a user's scope, any status) share the filters (filters.ts), the orders (order.ts) and these entry
// points: one page with its total (listModels), or every row in batches (streamModels, for exports).
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import type { ModelStatus } from '../db/schema.js';
import {
  PUBLIC,
  whereClause,
  type Audience,
  type InternalAudience,
  type InternalFilters,
  type ListQuery,
  type ModelFilters,
  type PublicAudience,
  type SortOrder,
} from './filters.js';
import { columnOrder, orderClause, ordering, segments, tierConditions, type ListSort, type Resume } from './order.js';
import { filtersOf, publicPage } from './public-page.js';
import {
  internalColumns,
  internalSummaries,
  ownColumns,
  summaries,
  type InternalModelSummary,
  type InternalRow,
  type OwnRow,
  type PublicModelSummary,
} from './summaries.js';

export { internalAudience, PUBLIC, type Audience } from './filters.js';
export type { ListSort } from './order.js';
export {
  publicSummariesByIds,
  rowText,
  summaryColumns,
  summaryJoins,
  toSummary,
  type InternalModelSummary,
  type PublicModelSummary,
} from './summaries.js';

export interface PublicListRequest {
  audience: PublicAudience;
  filters: ModelFilters;
  sort: SortOrder;
}
export interface InternalListRequest {
  audience: InternalAudience;
  filters: InternalFilters;
  sort: ListSort;
}
export type ListRequest = PublicListRequest | InternalListRequest;
export interface Paging {
  page: number;
  limit: number;
}
export interface ModelPage<T> {
  items: T[];
  total: number;
}

const isPublic = <T extends ListRequest>(q: T): q is T & PublicListRequest => q.audience.kind === 'public';

/** The public request of the API's and the browse page's parameters. */
export function publicList(q: ListQuery): PublicListRequest & Paging {
  return { audience: PUBLIC, filters: filtersOf(q), sort: q.sort, page: q.page, limit: q.limit };
}

/**
 * One page of a list and the number of models in all its pages. The public one keeps to the
 * maintained counts and index walks (public-page.ts); an internal one counts its scope plainly
 * (drafts and entries under review are not in the maintained counts).
 */
export function listModels(db: Executor, q: PublicListRequest & Paging): Promise<ModelPage<PublicModelSummary>>;
export function listModels(db: Executor, q: InternalListRequest & Paging): Promise<ModelPage<InternalModelSummary>>;
export async function listModels(
  db: Executor,
  q: ListRequest & Paging,
): Promise<ModelPage<PublicModelSummary | InternalModelSummary>> {
  if (isPublic(q)) return publicPage(db, { ...q.filters, sort: q.sort, page: q.page, limit: q.limit });
  const where = whereClause(q.filters, [], q.audience);
  const [rows, [count]] = await Promise.all([
    queryRows<InternalRow>(
      db,
      sql`select ${internalColumns} from models m where ${where}
      order by ${orderClause(ordering(q.sort, q.filters.q))} limit ${q.limit} offset ${(q.page - 1) * q.limit}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from models m where ${where}`),
  ]);
  return { items: await internalSummaries(db, rows), total: Number(count.n) };
}

const STREAM_BATCH = 500;

/**
 * Every model of a list, in the order of its pages, read in batches so that memory stays flat
 * however long the list: `for await (const m of streamModels(db, request)) …`.
 *
 * Each batch is its own statement that resumes after the last row read (a row comparison on the
 * order's column and the id, which an index walk starts from), tier by tier. No transaction or
 * connection is held between batches: a slow reader cannot block the embedded database's single
 * connection, nor keep a pool connection. The price: a model changed while the stream runs is read
 * as it is when its batch is read.
 */
export function streamModels(
  db: Executor,
  q: PublicListRequest,
  o?: { batchSize?: number },
): AsyncGenerator<PublicModelSummary>;
export function streamModels(
  db: Executor,
  q: InternalListRequest,
  o?: { batchSize?: number },
): AsyncGenerator<InternalModelSummary>;
export async function* streamModels(
  db: Executor,
  q: ListRequest,
  { batchSize = STREAM_BATCH } = {},
): AsyncGenerator<PublicModelSummary | InternalModelSummary> {
  const where = whereClause(q.filters, [], q.audience);
  const order = ordering(q.sort, q.filters.q);
  const columns = isPublic(q) ? ownColumns : internalColumns;
  for (const tier of tierConditions(order)) {
    for (const segment of segments(order)) {
      let after: Resume | null = null;
      for (;;) {
        const rows: (OwnRow & InternalRow & { sort_key: string | null })[] = await queryRows(
          db,
          sql`select ${columns},
            (${order.column})::text as sort_key
          from models m where ${where} and ${tier} and ${segment.where} and ${after ? segment.after(after) : sql`true`}
          order by ${columnOrder(order)} limit ${batchSize}`,
        );
        if (rows.length > 0) yield* isPublic(q) ? await summaries(db, rows) : await internalSummaries(db, rows);
        if (rows.length < batchSize) break;
        const last = rows[rows.length - 1];
        after = { key: last.sort_key, id: last.id };
      }
    }
  }
}

/** How many models of each status the audience holds under the filters (plain counts, as above). */
export async function statusCounts(
  db: Executor,
  audience: Audience,
  filters: InternalFilters = {},
): Promise<Partial<Record<ModelStatus, number>>> {
  const rows = await queryRows<{ status: ModelStatus; n: number }>(
    db,
    sql`select m.status, count(*)::int as n
    from models m where ${whereClause(filters, [], audience)} group by m.status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
