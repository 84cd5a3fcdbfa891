// The statistics page's tests: rows in every status, former communes of merged provinces, second
// levels of recognition, commendations and replication links; the expected counts computed from
// those rows with plain SQL of their own; and readers of the page's tables and CSV.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { insertModel } from './fixtures.js';

const STATUSES = ['approved', 'draft', 'submitted', 'consultation', 'returned', 'rejected', 'withdrawn'] as const;
const PROVINCES = ['19', '22', '01', '44', '33', '96'];
const FIELDS = ['kinh-te', 'van-hoa-xa-hoi', 'quoc-phong-an-ninh', 'xay-dung-dang'];

export interface World {
  ids: Record<string, number>;
}

/** Inserts the rows every statistics test reads (before any request: the page cache keeps answers). */
export async function buildWorld(database: Database): Promise<World> {
  const db = database.db;
  const ids: Record<string, number> = {};
  await db.execute(sql`insert into movements (code, name, level, issuing_body, start_year, province_code, status)
    values ('thi-dua-thai-nguyen', 'Thi đua “Dân vận khéo” tỉnh Thái Nguyên', 'province', 'Tỉnh ủy Thái Nguyên', 2021, '19', 'in_force'),
           ('nhap', 'Phong trào còn nháp', 'province', 'Tỉnh ủy Thái Nguyên', 2025, '19', 'draft')`);
  for (let i = 0; i < 42; i++) {
    const status = i < 28 ? 'approved' : STATUSES[(i % 6) + 1];
    const movementCodes = i % 3 === 0 ? ['dan-van-kheo'] : i % 3 === 1 ? ['dan-van-kheo', 'thi-dua-thai-nguyen'] : [];
    const m = await insertModel(database, {
      title: `Mô hình thống kê ${i}`,
      status,
      provinceCode: PROVINCES[i % PROVINCES.length],
      fieldCode: FIELDS[(i * 7) % FIELDS.length],
      type: i % 5 < 3 ? 'collective' : 'individual',
      year: 2018 + (i % 7),
      movementCodes,
    });
    ids[`m${i}`] = m.id;
  }
  // Registered under a former commune of a merged province: Thái Bình (34) is now in Hưng Yên (33),
  // Quảng Bình (45) in Quảng Trị (44).
  for (const [key, former, year] of [
    ['thaiBinh', '34', 2019],
    ['quangBinh', '45', 2022],
    ['thaiBinhWithdrawn', '34', 2020],
  ] as const) {
    const [fc] = await queryRows<{ code: string; merged: string }>(
      db,
      sql`select fc.code, fp.merged_into_province_code as merged from former_communes fc
      join former_provinces fp on fp.code = fc.former_province_code where fc.former_province_code = ${former}
      order by fc.code limit 1`,
    );
    ids[key] = (
      await insertModel(database, {
        title: `Mô hình xã cũ ${key}`,
        status: key === 'thaiBinhWithdrawn' ? 'withdrawn' : 'approved',
        provinceCode: fc.merged,
        formerProvinceCode: former,
        communeCode: null,
        formerCommuneCode: fc.code,
        fieldCode: 'xay-dung-dang',
        year,
        movementCodes: ['dan-van-kheo'],
      })
    ).id;
  }
  // Recognition levels: the fixture recognises at province level; some only at commune level, some
  // later at central level too, and the withdrawn entries once had a central recognition.
  const id = (k: string) => ids[k];
  await db.execute(sql`update recognitions set level = 'commune'
    where model_id in (${id('m1')}, ${id('m2')}, ${id('m3')}, ${id('m7')}, ${id('m11')}, ${id('thaiBinh')})`);
  for (const [k, year, level] of [
    ['m2', 2025, 'central'],
    ['m4', 2024, 'central'],
    ['m5', 2025, 'commune'],
    ['m9', 2026, 'central'],
    ['quangBinh', 2024, 'central'],
    ['m29', 2024, 'central'],
    ['thaiBinhWithdrawn', 2021, 'central'],
  ] as const)
    await db.execute(
      sql`insert into recognitions (model_id, year, level, grade) values (${id(k)}, ${year}, ${level}, 'tot')`,
    );
  // Commendations: standing, revoked, twice on one model, on entries the public does not see.
  const commend = (k: string, n: string, revoked = false) =>
    db.execute(sql`insert into commendations (model_id, form, issuing_body, level, decision_number, revoked_at, revoked_reason)
      values (${id(k)}, 'bang_khen', 'UBND tỉnh', 'province', ${n},
        ${revoked ? '2025-01-02' : null}::date, ${revoked ? 'Quyết định bị hủy' : null})`);
  await commend('m0', '1/QĐ');
  await commend('m0', '2/QĐ');
  await commend('m6', '3/QĐ');
  await commend('m8', '4/QĐ', true);
  await commend('m13', '5/QĐ');
  await commend('m13', '6/QĐ', true);
  await commend('thaiBinh', '7/QĐ');
  await commend('m29', '8/QĐ');
  await commend('thaiBinhWithdrawn', '9/QĐ');
  // Replications "replica replicates source": only a link whose replica is approved counts.
  const replicate = (source: string, replica: string) =>
    db.execute(
      sql`insert into replications (source_model_id, replica_model_id) values (${id(source)}, ${id(replica)})`,
    );
  await replicate('m0', 'm1');
  await replicate('m0', 'm2');
  await replicate('m3', 'm5');
  await replicate('m10', 'm29');
  await replicate('thaiBinhWithdrawn', 'm4');
  await replicate('quangBinh', 'thaiBinh');
  await replicate('m12', 'thaiBinhWithdrawn');
  return { ids };
}

export interface Filters {
  province?: string;
  field?: string;
  type?: string;
  movement?: string;
  yearFrom?: number;
  yearTo?: number;
}

/**
 * The expected figures, from the rows alone: a model's province is its registered (maybe former)
 * one folded into today's, its year the first of its recognitions, its level the highest of them.
 */
export async function expectedFigures(database: Database, f: Filters): Promise<Record<string, Map<string, number>>> {
  const db = database.db;
  const province = sql`coalesce((select fp.merged_into_province_code from former_provinces fp
    where fp.code = m.former_province_code), m.province_code)`;
  const firstYear = sql`(select min(r.year) from recognitions r where r.model_id = m.id)`;
  const cond: SQL[] = [sql`m.status = 'approved'`];
  if (f.province) cond.push(sql`${province} = ${f.province}`);
  if (f.field) cond.push(sql`m.field_code = ${f.field}`);
  if (f.type) cond.push(sql`m.type = ${f.type}`);
  if (f.movement)
    cond.push(sql`m.id in (select mm.model_id from model_movements mm join movements mv on mv.id = mm.movement_id
      where mv.code = ${f.movement})`);
  if (f.yearFrom) cond.push(sql`${firstYear} >= ${f.yearFrom}`);
  if (f.yearTo) cond.push(sql`${firstYear} <= ${f.yearTo}`);
  const chosen = sql`(select m.* , ${province} as folded, ${firstYear} as first_year from models m where ${sql.join(cond, sql` and `)})`;
  const group = async (q: SQL) => {
    const rows = await queryRows<{ k: string; n: number }>(db, q);
    return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [String(r.k), Number(r.n)]));
  };
  return {
    province: await group(sql`select folded as k, count(*) as n from ${chosen} x group by 1`),
    field: await group(sql`select field_code as k, count(*) as n from ${chosen} x group by 1`),
    type: await group(sql`select type as k, count(*) as n from ${chosen} x group by 1`),
    year: await group(sql`select first_year::text as k, count(*) as n from ${chosen} x group by 1`),
    // Each movement under the other filters (as the browse page's facets): the chosen movement's own
    // models are in other movements too, which the maintained counts do not pair up.
    movement: f.movement
      ? (await expectedFigures(database, { ...f, movement: undefined })).movement
      : await group(sql`select mv.code as k, count(*) as n from ${chosen} x
      join model_movements mm on mm.model_id = x.id join movements mv on mv.id = mm.movement_id group by 1`),
    level: await group(sql`select top as k, count(*) as n from (select x.id,
        (array['commune', 'province', 'central'])[max(case r.level when 'central' then 3 when 'province' then 2 else 1 end)] as top
      from ${chosen} x join recognitions r on r.model_id = x.id group by x.id) t group by 1`),
    recognition: await group(sql`select 'approved' as k, count(*) as n from ${chosen} x
      union all select 'commended', count(*) from ${chosen} x
        where exists (select 1 from commendations c where c.model_id = x.id and c.revoked_at is null)
      union all select 'replicated', count(*) from ${chosen} x
        where exists (select 1 from replications r join models rm on rm.id = r.replica_model_id
          where r.source_model_id = x.id and rm.status = 'approved')`),
  };
}

export interface PageRow {
  key: string;
  label: string;
  count: number;
  text: string;
}

/** The rows of each figure's table (`<table id="table-…">`), as the page prints them. */
export function pageTables(html: string): Record<string, PageRow[]> {
  const out: Record<string, PageRow[]> = {};
  for (const t of html.matchAll(/<table id="table-([a-z]+)"[^>]*>([\s\S]*?)<\/table>/g)) {
    out[t[1]] = [
      ...t[2].matchAll(
        /<tr data-key="([^"]*)"><th scope="row">([^<]*)<\/th><td class="num" data-value="(\d+)">([^<]*)<\/td><\/tr>/g,
      ),
    ].map((r) => ({ key: r[1], label: r[2], count: Number(r[3]), text: r[4] }));
  }
  return out;
}

/** Non-zero counts, keyed, for comparing with the expected figures. */
export const nonZero = (rows: { key: string; count: number }[]): Map<string, number> =>
  new Map(rows.filter((r) => r.count > 0).map((r) => [r.key, r.count]));

/** A CSV of quoted or plain cells (RFC 4180), rows split on CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      ((row = []), (cell = ''), i++);
    } else cell += ch;
  }
  if (cell !== '' || row.length) (row.push(cell), rows.push(row));
  return rows;
}
