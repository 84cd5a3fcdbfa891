import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { loadDemoData } from '../../src/demo/load.js';
import { facetCounts, matchCounts } from '../../src/listing/counts.js';
import { listModels, PUBLIC, type PublicModelSummary } from '../../src/listing/query.js';
import { whereClause, type ModelFilters } from '../../src/listing/filters.js';
import { foldedWords } from '../../src/text/fold.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';

/** Every maintained row of a stored search, against the same counts taken from the models table. */
async function drift(database: Database, key: string): Promise<{ stored: string[]; counted: string[] }> {
  const rows = (q: ReturnType<typeof sql>) =>
    queryRows<Record<string, unknown>>(database.db, q).then((r) => r.map((x) => Object.values(x).join('|')).sort());
  const counted = await rows(sql`with q as (select * from search_queries where key = ${key}),
    m as (select m.*, (q.title_tsq is not null and m.search_vector @@ q.title_tsq)::int as ts from models m, q
      where m.status = 'approved' and (q.tsq is null or m.search_vector @@ q.tsq)),
    r as (
      select 'place' as kind, 0 as movement_id, province_code, '' as commune_code, '' as former_commune_code, field_code, type, recognised_year::int as year, ts from m
      union all select 'movement', mm.movement_id, province_code, '', '', field_code, type, recognised_year, ts from m join model_movements mm on mm.model_id = m.id
      union all select 'commune', 0, province_code, coalesce(commune_code, ''), coalesce(former_commune_code, ''), field_code, '', 0, ts from m
      union all select 'total', 0, '', '', '', '', '', 0, ts from m)
    select kind, movement_id, province_code, commune_code, former_commune_code, field_code, type, year, count(*)::int, sum(ts)::int
    from r group by 1, 2, 3, 4, 5, 6, 7, 8`);
  const stored =
    await rows(sql`select c.kind, c.movement_id, c.province_code, c.commune_code, c.former_commune_code, c.field_code,
      c.type, c.year::int, c.count, c.title_count from search_counts c join search_queries q on q.id = c.query_id
    where q.key = ${key} and (c.count <> 0 or c.title_count <> 0)`);
  return { stored, counted };
}

describe('maintained search counts', function () {
  this.timeout(120000);
  let database: Database;
  const keys = ['', 'hien:* & dat:*', 'dan:* & van:*'];
  const expectExact = async (when: string) => {
    for (const key of keys) {
      const { stored, counted } = await drift(database, key);
      expect(stored, `${when}: ${key || '(every model)'}`).to.deep.equal(counted);
    }
  };

  before(async () => {
    database = await freshDatabase();
    const [c1, c2] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '42' order by code limit 2`,
    );
    const [former] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from former_communes where former_province_code = '44' order by code limit 1`,
    );
    await insertModel(database, {
      title: 'Hiến đất làm đường',
      provinceCode: '42',
      communeCode: c1.code,
      fieldCode: 'kinh-te',
      year: 2020,
      movementCodes: ['dan-van-kheo'],
    });
    await insertModel(database, {
      title: 'Dân vận khéo xây trường',
      summary: 'Bà con hiến đất xây trường.',
      provinceCode: '42',
      communeCode: c2.code,
      fieldCode: 'van-hoa-xa-hoi',
      year: 2021,
      type: 'individual',
    });
    await insertModel(database, {
      title: 'Nồi cháo dân vận',
      provinceCode: '44',
      formerProvinceCode: '44',
      communeCode: null,
      formerCommuneCode: former.code,
      year: 2022,
    });
    await insertModel(database, {
      title: 'Hiến đất chưa duyệt',
      provinceCode: '42',
      communeCode: c1.code,
      status: 'submitted',
      movementCodes: ['dan-van-kheo'],
    });
  });
  after(async () => {
    await database.close();
  });

  it('stores a search on first use, counts it, and keeps every search exact through every kind of write', async () => {
    for (const q of ['hien dat', 'dân vận']) await matchCounts(database.db, { q });
    expect(
      (await queryRows(database.db, sql`select key from search_queries order by id`)).map(
        (r) => (r as { key: string }).key,
      ),
    ).to.deep.equal(keys);
    await expectExact('stored');
    const db = database.db;
    await db.execute(
      sql`update models set status = 'approved', recognised_year = 2023, published_at = now() where status = 'submitted'`,
    );
    await expectExact('approved');
    await db.execute(sql`update models set title_folded = 'lam duong' where title = 'Hiến đất làm đường'`);
    await expectExact('title changed');
    await db.execute(
      sql`update models set field_code = 'xay-dung-dang', province_code = '22', type = 'individual' where title like 'Dân vận%'`,
    );
    await expectExact('moved');
    await db.execute(sql`update models set version = version + 1`);
    await expectExact('unrelated update');
    await db.execute(sql`insert into model_movements (model_id, movement_id)
      select m.id, mv.id from models m, movements mv where m.title like 'Nồi%' and mv.code = 'dan-van-kheo'`);
    await expectExact('joined a movement');
    await db.execute(
      sql`delete from model_movements where model_id in (select id from models where title like 'Hiến đất chưa%')`,
    );
    await expectExact('left a movement');
    await db.execute(sql`update models set status = 'withdrawn' where title like 'Nồi%'`);
    await expectExact('withdrawn');
    await db.execute(sql`delete from models where title = 'Hiến đất làm đường'`);
    await expectExact('deleted with its movements');
    await db.execute(sql`insert into models (slug, type, title, field_code, province_code, started_year, recognised_year, summary,
        holder_name, status, title_folded, search_folded, published_at)
      select 'bulk-' || g, 'collective', 'Hiến đất ' || g, 'kinh-te', '19', 2020, 2020 + g % 3, 'S', 'H',
        case when g % 4 = 0 then 'draft' else 'approved' end, 'hien dat ' || g, 'dan van', now()
      from generate_series(1, 40) g`);
    await expectExact('bulk insert');
  });

  it('keeps only the most recently used searches', async () => {
    const ensure = (w: string) =>
      queryRows<{ id: number }>(
        database.db,
        sql`select search_query_ensure(${`${w}:*`},
      to_tsquery('simple', ${`${w}:*`}), to_tsquery('simple', ${`${w}:*A`}), 2) as id`,
      );
    for (const w of ['mot', 'hai', 'ba']) await ensure(w);
    const left = await queryRows<{ key: string }>(database.db, sql`select key from search_queries order by id`);
    expect(left.map((r) => r.key)).to.deep.equal(['', 'hai:*', 'ba:*']);
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from search_counts c
      where not exists (select 1 from search_queries q where q.id = c.query_id)`,
    );
    expect(n).to.equal(0);
  });
});

describe('counts and lists on the demo data', function () {
  this.timeout(120000);
  let database: Database;
  let commune: string;
  let formerSuccessor: string;
  before(async () => {
    database = await freshDatabase();
    await loadDemoData(database.db);
    [{ commune }] = await queryRows<{ commune: string }>(
      database.db,
      sql`select commune_code as commune from models
      where status = 'approved' and commune_code is not null group by 1 order by count(*) desc limit 1`,
    );
    [{ formerSuccessor }] = await queryRows<{ formerSuccessor: string }>(
      database.db,
      sql`select s.commune_code as "formerSuccessor"
      from models m join former_commune_successors s on s.former_code = m.former_commune_code
      where m.status = 'approved' and m.commune_code is null group by 1 order by count(*) desc limit 1`,
    );
  });
  after(async () => {
    await database.close();
  });

  const direct = async (f: ModelFilters) =>
    (
      await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from models m
    where ${whereClause(f)}`,
      )
    )[0].n;

  it('gives the totals and facet counts that counting the models table gives, for every kind of filter', async () => {
    const cases: ModelFilters[] = [
      {},
      { q: 'dan van' },
      { q: 'hien dat', province: '19' },
      { province: '44' },
      { province: '44', q: 'dan' },
      { field: 'kinh-te', type: 'collective', yearFrom: 2020, yearTo: 2023 },
      { movement: 'dan-van-kheo', q: 'dan van' },
      { commune },
      { commune, q: 'dan' },
      { commune: formerSuccessor },
      { commune, year: 2024 },
      { commune, movement: 'dan-van-kheo' },
      { province: '19', commune, field: 'kinh-te' },
      { year: 2022, q: 'an ninh', type: 'individual' },
    ];
    for (const f of cases) {
      const label = JSON.stringify(f);
      expect((await matchCounts(database.db, f)).total, label).to.equal(await direct(f));
      expect(
        (
          await listModels(database.db, {
            audience: PUBLIC,
            filters: f,
            sort: f.q ? 'relevance' : 'newest',
            page: 1,
            limit: 5,
          })
        ).total,
        label,
      ).to.equal(await direct(f));
      const facets = await facetCounts(database.db, f);
      for (const [province, n] of Object.entries(facets.province))
        expect(n, `${label} province ${province}`).to.equal(await direct({ ...f, province, commune: undefined }));
      for (const [field, n] of Object.entries(facets.field))
        expect(n, `${label} field ${field}`).to.equal(await direct({ ...f, field }));
      for (const [type, n] of Object.entries(facets.type))
        expect(n, `${label} type ${type}`).to.equal(await direct({ ...f, type: type as 'collective' }));
      for (const [year, n] of Object.entries(facets.year)) {
        expect(n, `${label} year ${year}`).to.equal(
          await direct({ ...f, year: Number(year), yearFrom: undefined, yearTo: undefined }),
        );
      }
      for (const [movement, n] of Object.entries(facets.movement))
        expect(n, `${label} movement ${movement}`).to.equal(await direct({ ...f, movement }));
      for (const [c, n] of Object.entries(facets.commune))
        expect(n, `${label} commune ${c}`).to.equal(await direct({ ...f, commune: c }));
      if (f.province) expect(Object.keys(facets.commune).length, label).to.be.greaterThan(0);
    }
  });

  it('pages through a relevance list: every word in the title first, newest first in each tier, nothing twice', async () => {
    const pages = async (limit: number) => {
      const out: PublicModelSummary[] = [];
      for (let page = 1; ; page++) {
        const { items, total } = await listModels(database.db, {
          audience: PUBLIC,
          filters: { q: 'dan van' },
          sort: 'relevance',
          page,
          limit,
        });
        out.push(...items);
        if (page * limit >= total) return { items: out, total };
      }
    };
    const all = await pages(100);
    const paged = await pages(7);
    expect(paged.items.map((m) => m.id)).to.deep.equal(all.items.map((m) => m.id));
    expect(new Set(paged.items.map((m) => m.id)).size).to.equal(all.total);
    const inTitle = (t: string) => ['dan', 'van'].every((w) => foldedWords(t).some((tw) => tw.startsWith(w)));
    const tiers = all.items.map((m) => (inTitle(m.title) ? 0 : 1));
    expect(tiers).to.deep.equal([...tiers].sort());
    expect(tiers).to.include(0).and.to.include(1);
    for (const tier of [0, 1]) {
      const dates = all.items.filter((_, i) => tiers[i] === tier).map((m) => m.publishedAt);
      expect(dates).to.deep.equal([...dates].sort().reverse());
    }
  });
});
