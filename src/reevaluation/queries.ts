// The re-evaluation list of one province and year: its approved models recognised before that year,
// those first recognised that year (shown, nothing to decide), and those already decided for the year,
// the dropped ones included (they are withdrawn now). One page at a time, in a stable order.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';
import { recognitionLine } from '../reference/vocabulary.js';

/** Where a model stands for the year: to decide, kept, dropped, or first recognised that year. */
type YearState = 'pending' | 'kept' | 'dropped' | 'first';

export interface ReevaluationFilters {
  provinceCode: string;
  year: number;
  field?: string;
  commune?: string;
  /** The last year it was recognised before the year under review. */
  lastYear?: number;
  state?: 'pending' | 'decided';
}

export interface ReevaluationRow {
  id: number;
  title: string;
  version: number;
  status: string;
  communeName: string;
  state: YearState;
  /** The grade it was recognised again with, when kept. */
  grade: string | null;
  reason: string;
  recognitions: string;
}

/** The models of the list before paging, with the state of each for the year. */
function candidates(f: ReevaluationFilters): SQL {
  const where: SQL[] = [];
  if (f.field) where.push(sql`x.field_code = ${f.field}`);
  if (f.commune) where.push(sql`x.commune_code = ${f.commune}`);
  if (f.lastYear) where.push(sql`x.last_year = ${f.lastYear}`);
  if (f.state === 'pending') where.push(sql`x.state = 'pending'`);
  if (f.state === 'decided') where.push(sql`x.state in ('kept', 'dropped')`);
  return sql`(select * from (
      select m.id, m.title, m.version, m.status, m.commune_code, m.field_code, m.title_folded,
        e.decision, e.reason,
        (select max(r.year) from recognitions r where r.model_id = m.id and r.year < ${f.year}) as last_year,
        (select r.grade from recognitions r where r.model_id = m.id and r.year = ${f.year}
          order by r.id desc limit 1) as grade,
        case when e.decision = 'ineffective' then 'dropped'
          when e.decision = 'effective' then 'kept'
          when m.recognised_year = ${f.year} then 'first'
          when exists (select 1 from recognitions r where r.model_id = m.id and r.year = ${f.year}) then 'kept'
          else 'pending' end as state
      from models m
      left join evaluations e on e.model_id = m.id and e.year = ${f.year}
      where m.id in (
        select id from models where province_code = ${f.provinceCode} and status = 'approved'
          and (recognised_year is null or recognised_year <= ${f.year})
        union
        select model_id from evaluations where province_code = ${f.provinceCode} and year = ${f.year})
    ) x ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``})`;
}

/** One page of the list and the number of models in all its pages. */
export async function reevaluationPage(
  db: Executor,
  f: ReevaluationFilters,
  page: number,
  limit: number,
): Promise<{ rows: ReevaluationRow[]; total: number }> {
  const [{ total }] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from ${candidates(f)} c`,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.*, coalesce(co.full_name, '') as commune_name from ${candidates(f)} c
      left join communes co on co.code = c.commune_code
      order by c.commune_code nulls last, c.title_folded, c.id
      limit ${limit} offset ${(page - 1) * limit}`,
  );
  const lines = await recognitionLines(
    db,
    rows.map((r) => Number(r.id)),
  );
  return {
    total: Number(total),
    rows: rows.map((r) => toRow(r, lines)),
  };
}

/** The one-line recognition history of each model. */
async function recognitionLines(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ model_id: number; year: number; level: string; grade: string }>(
    db,
    sql`select model_id, year, level, grade from recognitions where model_id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) order by year, id`,
  );
  const grouped = new Map<number, { year: number; level: string; grade: string }[]>();
  for (const r of rows) {
    const list = grouped.get(Number(r.model_id)) ?? [];
    list.push({ year: Number(r.year), level: String(r.level), grade: String(r.grade) });
    grouped.set(Number(r.model_id), list);
  }
  return new Map([...grouped].map(([id, list]) => [id, recognitionLine(list)]));
}

/** One model of the list, for the page that decides it alone (null when it is not on the year's list). */
export async function reevaluationRow(
  db: Executor,
  provinceCode: string,
  year: number,
  id: number,
): Promise<ReevaluationRow | null> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.*, coalesce(co.full_name, '') as commune_name from ${candidates({ provinceCode, year })} c
      left join communes co on co.code = c.commune_code where c.id = ${id}`,
  );
  return rows.length ? toRow(rows[0], await recognitionLines(db, [id])) : null;
}

function toRow(r: Record<string, unknown>, lines: Map<number, string>): ReevaluationRow {
  return {
    id: Number(r.id),
    title: String(r.title),
    version: Number(r.version),
    status: String(r.status),
    communeName: String(r.commune_name),
    state: r.state as YearState,
    grade: r.grade === null ? null : String(r.grade),
    reason: r.reason === null ? '' : String(r.reason),
    recognitions: lines.get(Number(r.id)) ?? '',
  };
}

/** The province a model is in now, for the page that decides one model. */
export async function modelProvince(db: Executor, id: number): Promise<string | null> {
  const [row] = await queryRows<{ province_code: string }>(db, sql`select province_code from models where id = ${id}`);
  return row?.province_code ?? null;
}
