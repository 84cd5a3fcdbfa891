import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { MODEL_TYPE_LABELS } from '../reference/vocabulary.js';

export const STAT_DIMENSIONS = ['province', 'field', 'type', 'year', 'movement'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];
export interface StatRow { key: string; label: string; count: number }

/**
 * Approved models counted by one dimension. Former provinces are already folded in:
 * every model carries its current province.
 */
export async function countApprovedBy(db: Executor, by: StatDimension): Promise<StatRow[]> {
  let rows: { key: string | number; label: string; count: number }[];
  switch (by) {
    case 'province':
      rows = await queryRows(db, sql`select p.code as key, p.name as label, coalesce(sum(pc.count), 0)::int as count
        from provinces p left join public_counts pc on pc.province_code = p.code group by p.code, p.name order by p.code`);
      break;
    case 'field':
      rows = await queryRows(db, sql`select f.code as key, f.name as label, coalesce(sum(pc.count), 0)::int as count
        from fields f left join public_counts pc on pc.field_code = f.code group by f.code, f.name, f.position order by f.position`);
      break;
    case 'type': {
      const counts = await queryRows<{ type: string; count: number }>(db, sql`select type, sum(count)::int as count
        from public_counts group by type`);
      rows = Object.entries(MODEL_TYPE_LABELS).map(([key, label]) => ({
        key, label, count: Number(counts.find((c) => c.type === key)?.count ?? 0),
      }));
      break;
    }
    case 'year':
      rows = await queryRows(db, sql`select year::text as key, year::text as label, sum(count)::int as count
        from public_counts group by year having sum(count) > 0 order by year`);
      break;
    case 'movement':
      rows = await queryRows(db, sql`select mv.code as key, mv.name as label,
          coalesce((select sum(c.count) from search_counts c
            where c.query_id = 0 and c.kind = 1 and c.movement_id = mv.id), 0)::int as count
        from movements mv order by mv.level = 'central' desc, mv.start_year, mv.id`);
      break;
  }
  return rows.map((r) => ({ key: String(r.key), label: String(r.label), count: Number(r.count) }));
}
