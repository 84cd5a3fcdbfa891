import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { seedBulk } from '../../src/demo/bulk.js';
import { searchColumns } from '../../src/listing/search-document.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';

describe('bulk seeding (npm run seed:bulk)', function () {
  this.timeout(120000);
  let database: Database;
  before(async () => {
    database = await freshDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('adds approved, recognised models of the main movement, stored as registration stores them', async () => {
    const app = testApp(database);
    // A stored search is dropped before the flood, and recounted on its next use.
    await request(app)
      .get(`/api/v1/models?q=${encodeURIComponent('hien dat')}`)
      .expect(200);
    expect((await queryRows(database.db, sql`select 1 from search_queries where id <> 0`)).length).to.be.greaterThan(0);

    const progress: number[] = [];
    const result = await seedBulk(database.db, 25, (done) => progress.push(done));
    expect(result.inserted).to.equal(25);
    expect(progress).to.deep.equal([25]);
    expect(await queryRows(database.db, sql`select 1 from search_queries where id <> 0`)).to.deep.equal([]);

    const rows = await queryRows<Record<string, unknown>>(
      database.db,
      sql`select m.*, c.name as commune_name, p.name as province_name,
        (select count(*)::int from recognitions r where r.model_id = m.id and r.year = m.recognised_year and r.level = 'commune' and r.grade = 'tot') as recognitions,
        (select count(*)::int from model_movements mm join movements mv on mv.id = mm.movement_id where mm.model_id = m.id and mv.code = 'dan-van-kheo') as main_movement
      from models m join communes c on c.code = m.commune_code join provinces p on p.code = m.province_code order by m.id`,
    );
    expect(rows).to.have.length(25);
    expect(new Set(rows.map((r) => r.slug)).size).to.equal(25);
    for (const r of rows) {
      expect(r).to.include({
        status: 'approved',
        is_demo: true,
        recognitions: 1,
        main_movement: 1,
        publish_consent: true,
      });
      expect(String(r.slug)).to.match(new RegExp(`-${r.id}$`));
      const expected = searchColumns(
        {
          type: String(r.type),
          title: String(r.title),
          summary: String(r.summary),
          holderName: String(r.holder_name),
          holderRole: String(r.holder_role),
          publishConsent: true,
        },
        [String(r.commune_name), String(r.province_name)],
      );
      expect({ titleFolded: r.title_folded, searchFolded: r.search_folded }).to.deep.equal(expected);
      expect(r.published_at).to.not.equal(null);
    }
    expect(new Set(rows.map((r) => r.type))).to.deep.equal(new Set(['collective', 'individual']));

    // The maintained counts saw every row: the public list and a search count them.
    const list = await request(app).get('/api/v1/models?limit=1').expect(200);
    expect(list.body.total).to.equal(25);
    const search = await request(app)
      .get(`/api/v1/models?limit=1&q=${encodeURIComponent('hien dat')}`)
      .expect(200);
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from models where search_vector @@ to_tsquery('simple', 'hien:* & dat:*')`,
    );
    expect(n).to.be.greaterThan(0);
    expect(search.body.total).to.equal(n);
  });
});
