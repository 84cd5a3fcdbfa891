import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { EVERY_MODEL_SEARCH } from '../db/maintained.js';
import { countConditions, whereClause, type ModelFilters } from '../listing/filters.js';
import { cachedProvinces } from '../admin-units/queries.js';
import { FIELDS, MODEL_TYPE_LABELS, RECOGNITION_LEVELS } from '../reference/vocabulary.js';
import type { StatRow } from './queries.js';

/** The filters the statistics page takes: the browse page's, those the maintained counts carry. */
export type StatsFilters = Pick<ModelFilters, 'province' | 'field' | 'type' | 'movement' | 'yearFrom' | 'yearTo'>;

export const FIGURES = ['province', 'field', 'type', 'year', 'movement', 'level', 'recognition'] as const;
export type FigureKey = (typeof FIGURES)[number];

export interface Statistics {
  total: number;
  figures: Record<FigureKey, StatRow[]>;
}

// Highest level first: a model recognised at several levels counts once, at its highest.
const LEVEL_RANK = { central: 3, province: 2, commune: 1 } as const;

const query0 = sql.raw(String(EVERY_MODEL_SEARCH));

/**
 * Province, field, type and year from the maintained counts of every approved model: 'place' rows,
 * or one movement's rows when a movement is chosen. Nothing is read from the models table.
 */
async function dimensionCounts(db: Executor, f: StatsFilters) {
  const kind = f.movement ? 'movement' : 'place';
  return queryRows<{ dim: string; key: string; n: number }>(
    db,
    sql`with c as materialized (
      select c.province_code, c.field_code, c.type, c.year, c.count from search_counts c
      where c.query_id = ${query0} and ${countConditions(f, kind)} and c.count > 0)
    select 'province' as dim, province_code as key, sum(count)::int as n from c group by 2
    union all select 'field', field_code, sum(count)::int from c group by 2
    union all select 'type', type, sum(count)::int from c group by 2
    union all select 'year', year::text, sum(count)::int from c group by 2`,
  );
}

/**
 * Every public movement with its approved models under the other filters (a model counts in each of
 * its movements), the movement filter aside, as the browse page's facets: the maintained rows count
 * each movement's models, not those of two movements at once.
 */
function movementCounts(db: Executor, { movement: _movement, ...f }: StatsFilters) {
  return queryRows<{ key: string; label: string; n: number }>(
    db,
    sql`select mv.code as key, mv.name as label,
      coalesce((select sum(c.count) from search_counts c where c.query_id = ${query0}
        and ${countConditions(f, 'movement')} and c.movement_id = mv.id), 0)::int as n
    from movements mv where mv.status <> 'draft' order by mv.level = 'central' desc, mv.start_year, mv.id`,
  );
}

/**
 * What the maintained counts do not hold, driven from the small tables: models recognised above the
 * commune level (the commune count is the rest: approving a model writes its recognition), models
 * with a standing commendation, and models an approved model replicates. Each joins models by key.
 */
async function recordCounts(db: Executor, f: StatsFilters) {
  const where = whereClause(f);
  const [row] = await queryRows<{ central: number; province: number; commended: number; replicated: number }>(
    db,
    sql`with top as (
      select r.model_id, max(case r.level when 'central' then ${LEVEL_RANK.central}::int else ${LEVEL_RANK.province}::int end) as rank
      from recognitions r join models m on m.id = r.model_id
      where r.level <> 'commune' and ${where} group by r.model_id)
    select
      (select count(*) from top where rank = ${LEVEL_RANK.central}::int)::int as central,
      (select count(*) from top where rank = ${LEVEL_RANK.province}::int)::int as province,
      (select count(distinct cm.model_id) from commendations cm join models m on m.id = cm.model_id
        where cm.revoked_at is null and ${where})::int as commended,
      (select count(distinct rr.source_model_id) from replications rr
        join models rm on rm.id = rr.replica_model_id and rm.status = 'approved'
        join models m on m.id = rr.source_model_id where ${where})::int as replicated`,
  );
  return {
    central: Number(row.central),
    province: Number(row.province),
    commended: Number(row.commended),
    replicated: Number(row.replicated),
  };
}

/** Every figure of the statistics page under the filters: approved models only, former provinces folded in. */
export async function statistics(db: Executor, f: StatsFilters): Promise<Statistics> {
  const [dims, movements, records, provinces] = await Promise.all([
    dimensionCounts(db, f),
    movementCounts(db, f),
    recordCounts(db, f),
    cachedProvinces(db),
  ]);
  const of = (dim: string) => new Map(dims.filter((d) => d.dim === dim).map((d) => [String(d.key), Number(d.n)]));
  const byType = of('type');
  const total = [...byType.values()].reduce((a, b) => a + b, 0);
  const byProvince = of('province');
  const byField = of('field');
  const byYear = of('year');
  const years = [...byYear.keys()].map(Number);
  // Every year between the first and the last, so a chart's axis has no silent gaps.
  const yearRows: StatRow[] = [];
  if (years.length > 0)
    for (let y = Math.min(...years); y <= Math.max(...years); y++)
      yearRows.push({ key: String(y), label: String(y), count: byYear.get(String(y)) ?? 0 });
  const commune = total - records.central - records.province;
  return {
    total,
    figures: {
      province: provinces.map((p) => ({ key: p.code, label: p.name, count: byProvince.get(p.code) ?? 0 })),
      field: FIELDS.map((x) => ({ key: x.code, label: x.name, count: byField.get(x.code) ?? 0 })),
      type: Object.entries(MODEL_TYPE_LABELS).map(([key, label]) => ({ key, label, count: byType.get(key) ?? 0 })),
      year: yearRows,
      movement: movements.map((m) => ({ key: String(m.key), label: String(m.label), count: Number(m.n) })),
      level: [
        { key: 'central', label: RECOGNITION_LEVELS.central, count: records.central },
        { key: 'province', label: RECOGNITION_LEVELS.province, count: records.province },
        { key: 'commune', label: RECOGNITION_LEVELS.commune, count: commune },
      ],
      recognition: [
        { key: 'approved', label: 'Đã được công nhận', count: total },
        { key: 'commended', label: 'Được khen thưởng', count: records.commended },
        { key: 'replicated', label: 'Được nhân rộng', count: records.replicated },
      ],
    },
  };
}
