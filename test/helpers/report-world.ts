// The summing-up report's tests: a small world (two provinces, two communes, every kind of row the report
// counts), the expected figures computed from those rows with plain SQL of their own, and a reader of
// the page's tables.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { insertModel } from './fixtures.js';

export interface ReportWorld {
  ids: Record<string, number>;
  a: string;
  b: string;
  h: string;
  phaseId: number;
}

/** Area of a report, as the tests name it. */
export type Area = { provinceCode?: string; communeCode?: string };

export async function buildReportWorld(database: Database, a: string): Promise<ReportWorld> {
  const db = database.db;
  const [b] = await queryRows<{ code: string }>(
    db,
    sql`select code from communes where province_code = '19' and code <> ${a} order by code limit 1`,
  );
  const [h] = await queryRows<{ code: string }>(
    db,
    sql`select code from communes where province_code = '42' order by code limit 1`,
  );
  const ids: Record<string, number> = {};
  const add = async (key: string, f: Parameters<typeof insertModel>[1], submitted?: string) => {
    ids[key] = (await insertModel(database, f)).id;
    if (submitted)
      await db.execute(sql`update models set first_submitted_at = ${submitted}::timestamptz,
        submitted_at = ${submitted}::timestamptz where id = ${ids[key]}`);
  };
  await add('m1', { title: 'Mô hình một', communeCode: a, year: 2024 }, '2024-03-01T08:00:00+07');
  await add(
    'm2',
    {
      title: 'Mô hình hai của bà Nguyễn Thị Hoa',
      communeCode: a,
      year: 2025,
      type: 'individual',
      fieldCode: 'van-hoa-xa-hoi',
      holderName: 'Nguyễn Thị Hoa',
      publishConsent: false,
    },
    '2025-02-01T08:00:00+07',
  );
  await add('m3', { title: 'Mô hình ba', communeCode: b.code, year: 2024 }, '2023-12-31T23:30:00+07');
  await add('m4', { title: 'Mô hình bốn', communeCode: a, year: 2025 }, '2025-01-01T00:30:00+07');
  await add('m5', { title: 'Mô hình năm', communeCode: a, status: 'submitted' }, '2025-06-01T08:00:00+07');
  await add('m6', { title: 'Mô hình sáu', communeCode: b.code, status: 'consultation' }, '2025-01-10T08:00:00+07');
  await add('m7', { title: 'Mô hình bảy', communeCode: a, status: 'draft' });
  await add(
    'm8',
    { title: 'Mô hình tám', provinceCode: '42', communeCode: h.code, year: 2025 },
    '2025-03-01T08:00:00+07',
  );
  await add(
    'm9',
    { title: 'Mô hình chín', provinceCode: '42', communeCode: h.code, status: 'submitted' },
    '2025-04-01T08:00:00+07',
  );
  await add(
    'm10',
    { title: 'Mô hình mười', communeCode: b.code, year: 2025, fieldCode: 'van-hoa-xa-hoi' },
    '2024-11-01T08:00:00+07',
  );
  // Grades and levels: khá for m2 and m4, a re-recognition of m3 (central) and of m1 (commune, khá) in 2025.
  await db.execute(sql`update recognitions set grade = 'kha' where model_id in (${ids.m2}, ${ids.m4})`);
  await db.execute(sql`insert into recognitions (model_id, year, level, grade) values
    (${ids.m3}, 2025, 'central', 'tot'), (${ids.m1}, 2025, 'commune', 'kha'), (${ids.m10}, 2025, 'commune', 'kha')`);
  // m4 dropped at the 2025 re-evaluation, then withdrawn: its recognition stays on record.
  await db.execute(sql`insert into evaluations (model_id, year, decision, province_code, commune_code, field_code, reason)
    values (${ids.m4}, 2025, 'ineffective', '19', ${a}, 'kinh-te', 'Không còn duy trì.'),
           (${ids.m1}, 2025, 'effective', '19', ${a}, 'kinh-te', '')`);
  await db.execute(sql`update models set status = 'withdrawn' where id = ${ids.m4}`);
  // "replica replicates source".
  for (const [source, replica] of [
    ['m1', 'm3'],
    ['m1', 'm8'],
    ['m3', 'm2'],
    ['m1', 'm5'],
  ])
    await db.execute(
      sql`insert into replications (source_model_id, replica_model_id) values (${ids[source]}, ${ids[replica]})`,
    );
  const commend = (k: string, form: string, level: string, n: string, date: string, revoked = false) =>
    db.execute(sql`insert into commendations (model_id, form, issuing_body, level, decision_number, decision_date,
      revoked_at, revoked_reason) values (${ids[k]}, ${form}, 'UBND', ${level}, ${n}, ${date}::date,
      ${revoked ? '2025-12-01' : null}::date, ${revoked ? 'Hủy' : null})`);
  await commend('m1', 'bang_khen', 'province', '1/QĐ', '2025-05-01');
  await commend('m2', 'giay_khen', 'commune', '2/QĐ', '2025-06-01');
  await commend('m3', 'bang_khen', 'province', '3/QĐ', '2025-06-01', true);
  await commend('m8', 'bang_khen', 'central', '4/QĐ', '2025-07-01');
  await commend('m1', 'giay_khen', 'commune', '5/QĐ', '2024-07-01');
  const [mv] = await queryRows<{ id: number }>(
    db,
    sql`insert into movements (code, name, level, issuing_body, start_year, status)
      values ('bao-cao-thu', 'Phong trào thử của báo cáo', 'central', 'Ban Dân vận', 2024, 'in_force') returning id`,
  );
  const [phase] = await queryRows<{ id: number }>(
    db,
    sql`insert into movement_phases (movement_id, name, start_year, end_year) values (${mv.id}, 'Giai đoạn 2024–2025', 2024, 2025) returning id`,
  );
  return { ids, a, b: b.code, h: h.code, phaseId: Number(phase.id) };
}

const areaOf = (alias: string, x: Area): SQL => {
  if (x.communeCode) return sql`${sql.raw(alias)}.commune_code = ${x.communeCode}`;
  if (x.provinceCode) return sql`${sql.raw(alias)}.province_code = ${x.provinceCode}`;
  return sql`true`;
};

/** The report's totals for an area and years, each figure counted here again from the rows. */
export async function expectedTotals(database: Database, x: Area, from: number, to: number) {
  const m = areaOf('m', x);
  const e = areaOf('e', x);
  const [r] = await queryRows<Record<string, number>>(
    database.db,
    sql`select
      (select count(*) from models m where ${m} and extract(year from m.first_submitted_at at time zone 'Asia/Ho_Chi_Minh') between ${from} and ${to})::int as registered,
      (select count(*) from models m where ${m} and m.recognised_year between ${from} and ${to})::int as recognised,
      (select count(*) from models m where ${m} and m.recognised_year between ${from} and ${to}
        and m.id in (select model_id from recognitions where grade = 'tot' and year = m.recognised_year))::int as good,
      (select count(*) from models m where ${m} and m.recognised_year between ${from} and ${to}
        and m.id not in (select model_id from recognitions where grade = 'tot' and year = m.recognised_year))::int as fair,
      (select count(*) from models m where ${m} and m.recognised_year between ${from} and ${to} and m.type = 'collective')::int as collective,
      (select count(*) from models m where ${m} and m.recognised_year between ${from} and ${to} and m.type = 'individual')::int as individual,
      (select count(distinct r.model_id) from recognitions r join models m on m.id = r.model_id
        where ${m} and r.year between ${from} and ${to} and r.year <> m.recognised_year)::int as again,
      (select count(*) from evaluations e where ${e} and e.decision = 'ineffective' and e.year between ${from} and ${to})::int as dropped,
      (select count(distinct l.source_model_id) from replications l join models m on m.id = l.source_model_id
        join models rm on rm.id = l.replica_model_id where ${m} and rm.recognised_year between ${from} and ${to})::int as "replicatedModels",
      (select count(*) from replications l join models m on m.id = l.source_model_id
        join models rm on rm.id = l.replica_model_id where ${m} and rm.recognised_year between ${from} and ${to})::int as replicas,
      (select count(*) from commendations c join models m on m.id = c.model_id where ${m} and c.revoked_at is null
        and extract(year from c.decision_date) between ${from} and ${to})::int as commendations`,
  );
  return [
    r.registered,
    r.recognised,
    r.good,
    r.fair,
    r.collective,
    r.individual,
    r.again,
    r.dropped,
    r.replicatedModels,
    r.replicas,
    r.commendations,
  ].map(Number);
}

/** Every model of the area by status, as the queue counts them. */
export async function expectedQueue(database: Database, x: Area): Promise<Map<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(
    database.db,
    sql`select status, count(*)::int as n from models m where ${areaOf('m', x)} group by status`,
  );
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export interface TableRow {
  head: string;
  values: (number | null)[];
  cells: string[];
}

/** Each table of the page (`<table id="report-…">`): its row header, its counts (data-value) and its texts. */
export function reportTables(html: string): Record<string, TableRow[]> {
  const out: Record<string, TableRow[]> = {};
  for (const t of html.matchAll(/<table id="report-([a-zA-Z]+)"[^>]*>([\s\S]*?)<\/table>/g)) {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(t[2])?.[1] ?? '';
    out[t[1]] = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => ({
      head: /<th scope="row">([^<]*)<\/th>/.exec(r[1])?.[1] ?? '',
      values: [...r[1].matchAll(/<td class="num"(?: data-value="(-?\d+)")?>/g)].map((v) =>
        v[1] === undefined ? null : Number(v[1]),
      ),
      cells: [...r[1].matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((c) => c[1]),
    }));
  }
  return out;
}
