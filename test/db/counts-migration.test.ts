import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { COUNT_KINDS } from '../../src/db/schema.js';
import { migrationsDir } from '../../src/paths.js';
import { countApprovedBy } from '../../src/statistics/queries.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';

/** A copy of the migrations folder holding only the first `n` migrations. */
function firstMigrations(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8'));
  journal.entries = journal.entries.slice(0, n);
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries)
    fs.copyFileSync(path.join(migrationsDir, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

const countRows = (db: Database['db']) =>
  queryRows<Record<string, unknown>>(
    db,
    sql`select q.key, c.kind::text as kind, c.movement_id,
    c.province_code, c.commune_code, c.former_commune_code, c.field_code, c.type, c.year, c.count, c.title_count
  from search_counts c join search_queries q on q.id = c.query_id where c.count <> 0 or c.title_count <> 0`,
  );

describe('migrating the maintained counts of an existing database (0008 to 0009)', function () {
  this.timeout(120000);
  let database: Database;
  let folder: string;
  before(async () => {
    database = serverUrl
      ? await openDatabase({ databaseUrl: databaseUrl(await createEmptyServerDatabase()) })
      : await openDatabase({});
    folder = firstMigrations(9);
  });
  after(async () => {
    await database.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps every count, with the kinds named, and the statistics public_counts gave', async () => {
    const db = database.db;
    await runMigrations(database, folder);
    await db.execute(sql`insert into provinces (code, name, full_name, type, name_folded) values
      ('19', 'Thái Nguyên', 'Tỉnh Thái Nguyên', 'tinh', 'thai nguyen'), ('42', 'Hà Tĩnh', 'Tỉnh Hà Tĩnh', 'tinh', 'ha tinh')`);
    await db.execute(
      sql`insert into fields (code, name, position) values ('kinh-te', 'Kinh tế', 1), ('van-hoa-xa-hoi', 'Văn hóa - xã hội', 2)`,
    );
    await db.execute(
      sql`insert into movements (code, name, level, issuing_body, start_year) values ('dan-van-kheo', 'Dân vận khéo', 'central', 'TW', 2009)`,
    );
    await db.execute(sql`insert into models (slug, type, title, field_code, province_code, started_year, recognised_year, summary,
        holder_name, status, title_folded, search_folded, published_at)
      select 'm-' || g, case when g % 3 = 0 then 'individual' else 'collective' end, 'Hiến đất ' || g,
        case when g % 2 = 0 then 'kinh-te' else 'van-hoa-xa-hoi' end, case when g % 5 = 0 then '42' else '19' end, 2020,
        case when g % 7 = 0 then null else 2018 + g % 4 end, 'S', 'H', case when g % 7 = 0 then 'draft' else 'approved' end,
        case when g % 4 = 0 then 'hien dat ' || g else 'lam duong' end, 'dan van', now()
      from generate_series(1, 60) g`);
    await db.execute(
      sql`insert into model_movements (model_id, movement_id) select m.id, mv.id from models m, movements mv where m.id % 3 = 0`,
    );
    await db.execute(
      sql`select search_query_ensure('hien:*', to_tsquery('simple', 'hien:*'), to_tsquery('simple', 'hien:*A'), 200)`,
    );

    const old = await countRows(db);
    const stats = await queryRows<{ province_code: string; n: number }>(
      db,
      sql`select province_code, sum(count)::int as n
      from public_counts group by 1 order by 1`,
    );
    const byYear = await queryRows<{ year: number; n: number }>(
      db,
      sql`select year, sum(count)::int as n
      from public_counts group by 1 having sum(count) > 0 order by 1`,
    );
    expect(old.map((r) => r.kind)).to.include.members(['0', '1', '2', '3']);

    await runMigrations(database);
    const named = await countRows(db);
    const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(named)).to.deep.equal(sorted(old.map((r) => ({ ...r, kind: COUNT_KINDS[Number(r.kind)] }))));
    expect((await countApprovedBy(db, 'province')).map((r) => ({ province_code: r.key, n: r.count }))).to.deep.equal(
      stats,
    );
    expect((await countApprovedBy(db, 'year')).map((r) => ({ year: Number(r.key), n: r.count }))).to.deep.equal(byYear);
    const gone = await queryRows(db, sql`select 1 from information_schema.tables where table_name = 'public_counts'`);
    expect(gone).to.have.length(0);

    // Still maintained after the migration.
    await db.execute(sql`update models set status = 'approved', recognised_year = 2025 where status = 'draft'`);
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`select count as n from search_counts where query_id = 0 and kind = 'total'`,
    );
    expect(n).to.equal(60);
  });
});
