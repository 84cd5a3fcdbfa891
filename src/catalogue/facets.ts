import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { totalsConditions, whereClause, type FilterKey, type ModelFilters } from './filters.js';

export interface FacetCounts {
  province: Record<string, number>;
  commune: Record<string, number>;
  field: Record<string, number>;
  type: Record<string, number>;
  year: Record<string, number>;
  movement: Record<string, number>;
}

async function grouped(db: Executor, query: SQL): Promise<Record<string, number>> {
  const rows = await queryRows<{ key: string | number; n: number }>(db, query);
  return Object.fromEntries(rows.filter((r) => r.key !== null).map((r) => [String(r.key), Number(r.n)]));
}

/** Counts by one column, with every filter applied except the dimension's own. */
function byColumn(db: Executor, f: ModelFilters, omit: FilterKey[], column: 'province_code' | 'field_code' | 'type' | 'recognised_year') {
  const totals = totalsConditions(f, omit);
  if (totals) {
    const col = sql.raw(column === 'recognised_year' ? 'year' : column);
    return grouped(db, sql`select ${col} as key, sum(count)::int as n from public_counts where ${totals} group by ${col}`);
  }
  const col = sql.raw(`m.${column}`);
  return grouped(db, sql`select ${col} as key, count(*)::int as n from models m where ${whereClause(f, omit)} group by ${col}`);
}

/**
 * Beside every filter option, how many models it would give with the other filters applied.
 * Without text, commune or movement filters the maintained totals answer without touching models.
 */
export async function facetCounts(db: Executor, f: ModelFilters): Promise<FacetCounts> {
  const [province, field, type, year, movement, commune] = await Promise.all([
    byColumn(db, f, ['province', 'commune'], 'province_code'),
    byColumn(db, f, ['field'], 'field_code'),
    byColumn(db, f, ['type'], 'type'),
    byColumn(db, f, ['year', 'yearFrom', 'yearTo'], 'recognised_year'),
    grouped(db, sql`select mv.code as key, count(*)::int as n from models m
      join model_movements mm on mm.model_id = m.id join movements mv on mv.id = mm.movement_id
      where ${whereClause(f, ['movement'])} group by mv.code`),
    // A split former commune's model counts under each successor, as filtering finds it there.
    f.province
      ? grouped(db, sql`select coalesce(m.commune_code, s.commune_code) as key, count(*)::int as n from models m
          left join former_commune_successors s on m.commune_code is null and s.former_code = m.former_commune_code
          where ${whereClause(f, ['commune'])} group by 1`)
      : Promise.resolve({}),
  ]);
  return { province, commune, field, type, year, movement };
}
