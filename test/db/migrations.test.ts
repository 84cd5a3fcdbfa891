import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';
import { bootstrapDatabase } from '../../src/bootstrap.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';

describe('migrations on an empty database', () => {
  let database: Database;
  before(async () => {
    database = serverUrl
      ? await openDatabase({ databaseUrl: databaseUrl(await createEmptyServerDatabase()) })
      : await openDatabase({});
  });
  after(async () => {
    await database.close();
  });

  it('creates the whole schema and loads the reference data once', async () => {
    const first = await bootstrapDatabase(database);
    expect(first.referenceLoaded).to.equal(true);
    const tables = (
      await queryRows<{ table_name: string }>(
        database.db,
        sql`select table_name from information_schema.tables
      where table_schema = 'public' order by table_name`,
      )
    ).map((t) => t.table_name);
    expect(tables).to.include.members([
      'provinces',
      'communes',
      'former_provinces',
      'former_communes',
      'former_commune_successors',
      'fields',
      'indicator_kinds',
      'users',
      'password_tokens',
      'session',
      'movements',
      'models',
      'model_movements',
      'model_indicators',
      'recognitions',
      'commendations',
      'replications',
      'status_history',
      'evidence_files',
      'notifications',
      'search_counts',
    ]);
    const ext = await queryRows(database.db, sql`select 1 from pg_extension where extname = 'pg_trgm'`);
    expect(ext).to.have.length(1);
    const second = await bootstrapDatabase(database);
    expect(second.referenceLoaded).to.equal(false);
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from provinces`);
    expect(n).to.equal(34);
    const [{ fields }] = await queryRows<{ fields: number }>(
      database.db,
      sql`select count(*)::int as fields from fields`,
    );
    expect(fields).to.equal(4);
  });

  it('keeps the approved counts exact through every kind of write', async () => {
    const db = database.db;
    const commune = (
      await queryRows<{ code: string }>(db, sql`select code from communes where province_code = '42' limit 1`)
    )[0].code;
    const insert = (status: string, year: number | null) =>
      db.execute(sql`insert into models (slug, type, title, field_code, province_code,
      commune_code, started_year, recognised_year, summary, holder_name, status, title_folded, search_folded)
      values (${'m-' + Math.random()}, 'collective', 'T', 'kinh-te', '42', ${commune}, 2020, ${year}, 'S', 'H', ${status}, 't', 's')`);
    const total = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select coalesce(sum(count), 0)::int as n from search_counts
      where query_id = 0 and kind = 'place' and province_code = '42'`,
        )
      )[0].n;
    const actual = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from models where province_code = '42' and status = 'approved'`,
        )
      )[0].n;
    await insert('approved', 2021);
    await insert('approved', 2022);
    await insert('submitted', null);
    expect(await total()).to.equal(2);
    await db.execute(
      sql`update models set status = 'approved', recognised_year = 2023 where status = 'submitted' and province_code = '42'`,
    );
    expect(await total()).to.equal(3);
    await db.execute(sql`update models set status = 'withdrawn' where recognised_year = 2021 and province_code = '42'`);
    expect(await total()).to.equal(2);
    await db.execute(sql`update models set field_code = 'xay-dung-dang' where province_code = '42'`);
    expect(await total()).to.equal(2);
    await db.execute(sql`delete from models where recognised_year = 2022 and province_code = '42'`);
    expect(await total()).to.equal(await actual());
    expect(await total()).to.equal(1);
  });

  it('uses the search indexes rather than scanning the table', async () => {
    const db = database.db;
    // Enough varied rows that the planner's choice is a real one.
    await db.execute(sql`insert into models (slug, type, title, field_code, province_code, commune_code, started_year,
        recognised_year, summary, holder_name, status, title_folded, search_folded, published_at)
      select 'plan-' || g, 'collective', 'Mô hình ' || g, 'kinh-te', '19', (select min(code) from communes where province_code = '19'),
        2020, 2021, 'S', 'H', 'approved', 'mo hinh so ' || g || ' ' || md5(g::text), md5(g::text) || ' thon ' || (g % 97), now()
      from generate_series(1, 5000) g`);
    await db.execute(sql`analyze models`);
    const plan = async (q: ReturnType<typeof sql>) =>
      (await queryRows<Record<string, string>>(db, sql`explain ${q}`)).map((r) => Object.values(r)[0]).join('\n');
    const search = await plan(
      sql`select id from models m where m.status = 'approved' and m.search_vector @@ to_tsquery('simple', 'mo:* & 4242:*')`,
    );
    expect(search).to.contain('models_public_search_idx');
    expect(search).not.to.match(/Seq Scan on models/);
    const similar = await plan(sql`select id from models m where m.title_folded % 'mo hinh so 4242'`);
    expect(similar).to.contain('models_title_trgm_idx');
    await db.execute(sql`delete from models where slug like 'plan-%'`);
  });
});
