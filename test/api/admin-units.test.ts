import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';

describe('administrative units', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
  });
  after(async () => {
    await database.close();
  });

  it('loads the current and former units with their mapping', async () => {
    const [counts] = await queryRows<Record<string, number>>(
      database.db,
      sql`select
      (select count(*)::int from provinces) as provinces, (select count(*)::int from communes) as communes,
      (select count(*)::int from former_provinces) as former_provinces, (select count(*)::int from former_communes) as former_communes,
      (select count(*)::int from former_commune_successors) as successors`,
    );
    expect(counts).to.deep.equal({
      provinces: 34,
      communes: 3321,
      former_provinces: 63,
      former_communes: 10035,
      successors: 10565,
    });
    const merged = await queryRows<{ former: string; current: string }>(
      database.db,
      sql`select fp.name as former, p.name as current
      from former_provinces fp join provinces p on p.code = fp.merged_into_province_code
      where fp.name in ('Quảng Bình', 'Thái Bình', 'Bắc Kạn', 'Hà Tĩnh') order by fp.name`,
    );
    expect(merged).to.deep.equal([
      { former: 'Bắc Kạn', current: 'Thái Nguyên' },
      { former: 'Hà Tĩnh', current: 'Hà Tĩnh' },
      { former: 'Quảng Bình', current: 'Quảng Trị' },
      { former: 'Thái Bình', current: 'Hưng Yên' },
    ]);
  });

  it('lists provinces with the former provinces merged into them', async () => {
    const res = await request(app).get('/api/v1/provinces');
    expect(res.status).to.equal(200);
    expect(res.body).to.have.length(34);
    const quangTri = res.body.find((p: { code: string }) => p.code === '44');
    expect(quangTri.name).to.equal('Quảng Trị');
    expect(quangTri.formerProvinces.map((p: { name: string }) => p.name)).to.have.members(['Quảng Bình', 'Quảng Trị']);
    const hungYen = res.body.find((p: { code: string }) => p.code === '33');
    expect(hungYen.formerProvinces.map((p: { name: string }) => p.name)).to.include('Thái Bình');
  });

  it("lists a province's communes in Vietnamese order with their former communes", async () => {
    const res = await request(app).get('/api/v1/provinces/19/communes');
    expect(res.status).to.equal(200);
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from communes where province_code = '19'`,
    );
    expect(res.body).to.have.length(n);
    const names = res.body.map((c: { name: string }) => c.name);
    expect(names).to.deep.equal([...names].sort(new Intl.Collator('vi', { numeric: true }).compare));
    expect(res.body.some((c: { formerCommunes: unknown[] }) => c.formerCommunes.length > 1)).to.equal(true);
    expect((await request(app).get('/api/v1/provinces/99/communes')).status).to.equal(404);
    expect((await request(app).get('/api/v1/provinces/x/communes')).status).to.equal(400);
    expect((await request(app).get('/api/v1/provinces?x=1')).status).to.equal(400);
  });

  it('keeps every successor of a split former commune and shows them all', async () => {
    const [split] = await queryRows<{ code: string; former_province_code: string; province: string; n: number }>(
      database.db,
      sql`
      select fc.code, fc.former_province_code, fp.merged_into_province_code as province, count(*)::int as n
      from former_communes fc join former_commune_successors s on s.former_code = fc.code
      join former_provinces fp on fp.code = fc.former_province_code
      where fc.merge_type = 'split' group by fc.code, fc.former_province_code, fp.merged_into_province_code order by fc.code limit 1`,
    );
    expect(split.n).to.be.greaterThan(1);
    const { id } = await insertModel(database, {
      title: 'Mô hình ở xã đã chia tách',
      provinceCode: split.province,
      formerProvinceCode: split.former_province_code,
      communeCode: null,
      formerCommuneCode: split.code,
    });
    const res = await request(app).get(`/api/v1/models/${id}`);
    expect(res.body.currentCommunes).to.have.length(split.n);
    expect(res.body.communeCode).to.equal(null);
    for (const c of res.body.currentCommunes) {
      expect(res.body.placeLabel).to.contain(c.fullName.charAt(0).toLowerCase() + c.fullName.slice(1));
      const byCommune = await request(app).get(`/api/v1/models?commune=${c.code}`);
      expect(byCommune.body.items.map((i: { id: number }) => i.id)).to.include(id);
    }
  });
});
