import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, type People } from '../helpers/people.js';

// The dashboard is the internal audience of the one list query: scope, queue order, counts and pages.
describe('the dashboard', function () {
  this.timeout(120000);
  let database: Database;
  let people: People;
  const rowIds = (html: string) =>
    [...html.matchAll(/<td><a href="\/quan-ly\/mo-hinh\/(\d+)">/g)].map((m) => Number(m[1]));

  before(async () => {
    database = await freshDatabase();
    people = await signInPeople(database, testApp(database));
    // More drafts than one page holds, a few entries in other states, one elsewhere in the province.
    for (let i = 0; i < 203; i++)
      await insertModel(database, {
        title: `Bản nháp số ${i}`,
        status: 'draft',
        provinceCode: '19',
        communeCode: people.commune,
      });
    for (const status of ['submitted', 'returned', 'approved'] as const) {
      await insertModel(database, {
        title: `Mô hình ${status}`,
        status,
        provinceCode: '19',
        communeCode: people.commune,
        fieldCode: 'quoc-phong-an-ninh',
      });
    }
    const [other] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' and code <> ${people.commune} order by code limit 1`,
    );
    await insertModel(database, {
      title: 'Mô hình xã bên cạnh',
      status: 'submitted',
      provinceCode: '19',
      communeCode: other.code,
    });
    await database.db
      .execute(sql`update models set updated_at = timestamptz '2025-01-01 00:00:00+00' + id * interval '1 minute',
      submitted_at = case when status <> 'draft' then timestamptz '2025-03-01 00:00:00+00' - id * interval '1 minute' end`);
  });
  after(async () => {
    await database.close();
  });

  it('shows a commune its entries 200 a page, returned first, with counts over the whole commune', async () => {
    const first = await people.agents.cadre.get('/dashboard');
    expect(first.status).to.equal(200);
    expect(first.text).to.contain('Mô hình của xã').and.contain('Bản nháp: 203').and.contain('Chờ thẩm định: 1');
    const ids = rowIds(first.text);
    expect(ids).to.have.length(200);
    const [returned] = await queryRows<{ id: number }>(
      database.db,
      sql`select id from models where status = 'returned'`,
    );
    expect(ids[0]).to.equal(returned.id);
    expect(first.text).to.contain('href="/dashboard?page=2"').and.not.contain('Mô hình xã bên cạnh');
    const second = await people.agents.cadre.get('/dashboard?page=2');
    const rest = rowIds(second.text);
    expect(rest).to.have.length(206 - 200);
    expect(new Set([...ids, ...rest]).size).to.equal(206);
    expect(second.text).to.contain('rel="prev"');
  });

  it('keeps the filters in the page links, and pages within them', async () => {
    const drafts = await people.agents.cadre.get('/dashboard?status=draft&field=kinh-te');
    expect(rowIds(drafts.text)).to.have.length(200);
    expect(drafts.text).to.contain('href="/dashboard?status=draft&amp;field=kinh-te&amp;page=2"');
    const last = await people.agents.cadre.get('/dashboard?status=draft&field=kinh-te&page=2');
    expect(rowIds(last.text)).to.have.length(3);
    const none = await people.agents.cadre.get('/dashboard?status=rejected');
    expect(none.text).to.contain('Không có mô hình nào khớp bộ lọc').and.not.contain('class="pagination"');
  });

  it("gives a reviewer the province's queue, oldest submission first; another province sees none of it", async () => {
    const queue = await people.agents.reviewer.get('/dashboard?status=submitted');
    expect(queue.text).to.contain('Mô hình của tỉnh');
    const submitted = await queryRows<{ id: number }>(
      database.db,
      sql`select id from models where status = 'submitted' order by submitted_at, id`,
    );
    expect(rowIds(queue.text)).to.deep.equal(submitted.map((r) => r.id));
    const all = await people.agents.reviewer.get('/dashboard');
    expect(rowIds(all.text).slice(0, 2)).to.deep.equal(submitted.map((r) => r.id));
    const far = await people.agents.reviewerOtherProvince.get('/dashboard');
    expect(rowIds(far.text)).to.deep.equal([]);
    expect(far.text).to.contain('Chưa có mô hình nào.');
    expect((await people.agents.centralAdmin.get('/dashboard')).text).to.contain('Mô hình toàn quốc');
  });
});
