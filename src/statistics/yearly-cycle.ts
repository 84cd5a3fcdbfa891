// The yearly cycle's figures for one year: models registered (first sent for review), recognised for the
// first time, recognised again, and dropped at the re-evaluation; per province or per commune. Each count
// walks an index (models by province and first submission or first recognition year, recognitions by
// year, evaluations by province and year), never the status history.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';

export interface YearlyCycleRow {
  /** The province's or the commune's code; null for models without a commune. */
  code: string | null;
  name: string;
  registered: number;
  recognisedFirst: number;
  recognisedAgain: number;
  dropped: number;
}

export interface YearlyCycleRequest {
  year: number;
  provinceCode?: string;
  by: 'province' | 'commune';
}

type Figure = Exclude<keyof YearlyCycleRow, 'code' | 'name'>;
const FIGURES: Figure[] = ['registered', 'recognisedFirst', 'recognisedAgain', 'dropped'];

/** The figures per group (groups with nothing to count are left out), ordered by code, and their total. */
export async function yearlyCycleCounts(
  db: Executor,
  q: YearlyCycleRequest,
): Promise<{ rows: YearlyCycleRow[]; total: Omit<YearlyCycleRow, 'code' | 'name'> }> {
  const column = sql.identifier(q.by === 'province' ? 'province_code' : 'commune_code');
  const group = (alias: string) => sql`${sql.identifier(alias)}.${column}`;
  const inProvince = (alias: string): SQL =>
    q.provinceCode ? sql`${sql.identifier(alias)}.province_code = ${q.provinceCode}` : sql`true`;
  // The year as Vietnam counts it, as a range of instants, so that the index on first_submitted_at serves.
  const from = sql`(make_date(${q.year}::int, 1, 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
  const to = sql`(make_date(${q.year + 1}::int, 1, 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
  const parts: Record<Figure, SQL> = {
    registered: sql`select ${group('m')} as code, count(*)::int as n from models m
      where ${inProvince('m')} and m.first_submitted_at >= ${from} and m.first_submitted_at < ${to} group by 1`,
    recognisedFirst: sql`select ${group('m')} as code, count(*)::int as n from models m
      where ${inProvince('m')} and m.recognised_year = ${q.year} group by 1`,
    recognisedAgain: sql`select ${group('m')} as code, count(distinct r.model_id)::int as n
      from recognitions r join models m on m.id = r.model_id
      where r.year = ${q.year} and m.recognised_year < ${q.year} and ${inProvince('m')} group by 1`,
    // Where the model stood when it was dropped: the snapshot, not where it is now.
    dropped: sql`select ${group('e')} as code, count(*)::int as n from evaluations e
      where ${inProvince('e')} and e.year = ${q.year} and e.decision = 'ineffective' group by 1`,
  };
  const byCode = new Map<string | null, YearlyCycleRow>();
  const total = { registered: 0, recognisedFirst: 0, recognisedAgain: 0, dropped: 0 };
  for (const figure of FIGURES) {
    for (const r of await queryRows<{ code: string | null; n: number }>(db, parts[figure])) {
      const code = r.code ?? null;
      let row = byCode.get(code);
      if (!row) {
        row = { code, name: '', registered: 0, recognisedFirst: 0, recognisedAgain: 0, dropped: 0 };
        byCode.set(code, row);
      }
      row[figure] = Number(r.n);
      total[figure] += Number(r.n);
    }
  }
  const codes = [...byCode.keys()].filter((c): c is string => c !== null);
  if (codes.length) {
    const names = await queryRows<{ code: string; name: string }>(
      db,
      q.by === 'province'
        ? sql`select code, name from provinces where code in (${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )})`
        : sql`select code, full_name as name from communes where code in (${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )})`,
    );
    for (const n of names) byCode.get(n.code)!.name = n.name;
  }
  const none = byCode.get(null);
  if (none) none.name = 'Chưa rõ xã, phường';
  const rows = [...byCode.values()].sort((a, b) =>
    a.code === null ? 1 : b.code === null ? -1 : a.code.localeCompare(b.code),
  );
  return { rows, total };
}
