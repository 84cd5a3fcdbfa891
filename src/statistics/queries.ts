import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { EVERY_MODEL_SEARCH } from '../db/maintained.js';
import { countConditions, type CountKind } from '../listing/filters.js';
import { MODEL_TYPE_LABELS } from '../reference/vocabulary.js';

export const STAT_DIMENSIONS = ['province', 'field', 'type', 'year', 'movement'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];
export interface StatRow {
  key: string;
  label: string;
  count: number;
}

/**
 * The maintained counts the facets read (src/listing/counts.ts), of the stored search of every
 * approved model, rows of one kind (alias c).
 */
const everyModel = (kind: CountKind): SQL =>
  sql`c.query_id = ${sql.raw(String(EVERY_MODEL_SEARCH))} and ${countConditions({}, kind)}`;

/**
 * Approved models counted by one dimension. Former provinces are already folded in:
 * every model carries its current province.
 */
export async function countApprovedBy(db: Executor, by: StatDimension): Promise<StatRow[]> {
  let rows: { key: string | number; label: string; count: number }[];
  switch (by) {
    case 'province':
      rows = await queryRows(
        db,
        sql`select p.code as key, p.name as label, coalesce(sum(c.count), 0)::int as count
        from provinces p left join search_counts c on ${everyModel('place')} and c.province_code = p.code
        group by p.code, p.name order by p.code`,
      );
      break;
    case 'field':
      rows = await queryRows(
        db,
        sql`select f.code as key, f.name as label, coalesce(sum(c.count), 0)::int as count
        from fields f left join search_counts c on ${everyModel('place')} and c.field_code = f.code
        group by f.code, f.name, f.position order by f.position`,
      );
      break;
    case 'type': {
      const counts = await queryRows<{ type: string; count: number }>(
        db,
        sql`select c.type, sum(c.count)::int as count
        from search_counts c where ${everyModel('place')} group by c.type`,
      );
      rows = Object.entries(MODEL_TYPE_LABELS).map(([key, label]) => ({
        key,
        label,
        count: Number(counts.find((c) => c.type === key)?.count ?? 0),
      }));
      break;
    }
    case 'year':
      rows = await queryRows(
        db,
        sql`select c.year::text as key, c.year::text as label, sum(c.count)::int as count
        from search_counts c where ${everyModel('place')} group by c.year having sum(c.count) > 0 order by c.year`,
      );
      break;
    case 'movement':
      rows = await queryRows(
        db,
        sql`select mv.code as key, mv.name as label,
          coalesce((select sum(c.count) from search_counts c where ${everyModel('movement')} and c.movement_id = mv.id), 0)::int as count
        from movements mv where mv.status <> 'draft' order by mv.level = 'central' desc, mv.start_year, mv.id`,
      );
      break;
  }
  return rows.map((r) => ({ key: String(r.key), label: String(r.label), count: Number(r.count) }));
}
