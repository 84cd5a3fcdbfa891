import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';

describe('API /api/v1/models', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  const ids: Record<string, number> = {};
  let quangBinhCommune: { code: string; full_name: string; successor: string };

  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    [quangBinhCommune] = await queryRows(
      database.db,
      sql`select fc.code, fc.full_name, min(s.commune_code) as successor
      from former_communes fc join former_commune_successors s on s.former_code = fc.code
      where fc.former_province_code = '44' and fc.merge_type = 'whole' group by fc.code, fc.full_name order by fc.code limit 1`,
    );
    const [thaiBinhCommune] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from former_communes
      where former_province_code = '34' order by code limit 1`,
    );
    const [tnCommune] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' order by code offset 3 limit 1`,
    );

    ids.road = (
      await insertModel(database, {
        title: 'Dân vận khéo trong hiến đất mở đường liên thôn',
        fieldCode: 'kinh-te',
        provinceCode: '19',
        communeCode: tnCommune.code,
        year: 2023,
        movementCodes: ['dan-van-kheo'],
      })
    ).id;
    ids.summaryOnly = (
      await insertModel(database, {
        title: 'Chung sức làm đường bê tông',
        summary: 'Một cách làm dân vận khéo của thôn Làng Mới.',
        fieldCode: 'kinh-te',
        provinceCode: '19',
        year: 2021,
      })
    ).id;
    ids.border = (
      await insertModel(database, {
        title: 'Tổ tự quản đường biên, mốc giới',
        fieldCode: 'quoc-phong-an-ninh',
        provinceCode: '22',
        year: 2020,
        type: 'collective',
      })
    ).id;
    ids.quangBinh = (
      await insertModel(database, {
        title: 'Nồi cháo tình thương',
        fieldCode: 'van-hoa-xa-hoi',
        provinceCode: '44',
        formerProvinceCode: '44',
        communeCode: null,
        formerCommuneCode: quangBinhCommune.code,
        year: 2022,
      })
    ).id;
    ids.thaiBinh = (
      await insertModel(database, {
        title: 'Đảng viên kèm cặp mười hộ',
        summary: 'Ông Nguyễn Văn Khiêm vận động mười hộ cùng làm.',
        fieldCode: 'xay-dung-dang',
        provinceCode: '33',
        formerProvinceCode: '34',
        communeCode: null,
        formerCommuneCode: thaiBinhCommune.code,
        year: 2019,
        type: 'individual',
        holderName: 'Nguyễn Văn Khiêm',
        holderRole: 'Bí thư Chi bộ thôn Đông',
        publishConsent: false,
      })
    ).id;
    for (const status of ['draft', 'submitted', 'returned', 'rejected', 'withdrawn'] as const) {
      ids[status] = (
        await insertModel(database, {
          title: `Mô hình bảomật ${status} hiến đất`,
          status,
          fieldCode: 'kinh-te',
          provinceCode: '19',
          communeCode: tnCommune.code,
          movementCodes: ['dan-van-kheo'],
        })
      ).id;
    }
  });
  after(async () => {
    await database.close();
  });

  const list = (query: string) => request(app).get(`/api/v1/models${query}`);
  const titles = (res: request.Response) => res.body.items.map((i: { title: string }) => i.title);

  it('lists approved models with the documented shape, newest first', async () => {
    const res = await list('');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ total: 5, page: 1, limit: 20 });
    const item = res.body.items.find((i: { id: number }) => i.id === ids.road);
    for (const key of [
      'id',
      'slug',
      'title',
      'type',
      'field',
      'provinceCode',
      'provinceName',
      'communeCode',
      'communeName',
      'year',
      'summary',
      'url',
    ]) {
      expect(item, key).to.have.property(key);
    }
    expect(item.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/mo-hinh\//);
    expect(item).to.include({
      provinceCode: '19',
      provinceName: 'Thái Nguyên',
      year: 2023,
      field: 'kinh-te',
      type: 'collective',
    });
    const dates = res.body.items.map((i: { publishedAt: string }) => i.publishedAt);
    expect(dates).to.deep.equal([...dates].sort().reverse());
  });

  it('filters by each parameter alone', async () => {
    expect(titles(await list('?province=22'))).to.deep.equal(['Tổ tự quản đường biên, mốc giới']);
    expect((await list('?field=kinh-te')).body.total).to.equal(2);
    expect(titles(await list('?type=individual'))).to.deep.equal(['Đảng viên kèm cặp mười hộ']);
    expect(titles(await list('?year=2022'))).to.deep.equal(['Nồi cháo tình thương']);
    expect((await list('?yearFrom=2021')).body.total).to.equal(3);
    expect((await list('?yearTo=2020')).body.total).to.equal(2);
    expect((await list('?yearFrom=2020&yearTo=2021')).body.total).to.equal(2);
    expect(titles(await list('?movement=dan-van-kheo'))).to.deep.equal([
      'Dân vận khéo trong hiến đất mở đường liên thôn',
    ]);
  });

  it('combines filters', async () => {
    expect((await list('?province=19&field=kinh-te&yearFrom=2022')).body.total).to.equal(1);
    expect((await list('?province=19&field=quoc-phong-an-ninh')).body.total).to.equal(0);
    expect((await list('?province=19&q=lang moi')).body.items.map((i: { id: number }) => i.id)).to.deep.equal([
      ids.summaryOnly,
    ]);
  });

  it('finds models registered under a former province through the current one, showing both', async () => {
    const res = await list('?province=44');
    expect(res.body.total).to.equal(1);
    const item = res.body.items[0];
    expect(item).to.include({
      provinceCode: '44',
      provinceName: 'Quảng Trị',
      formerProvinceCode: '44',
      formerProvinceName: 'Quảng Bình',
    });
    expect(item.provinceLabel).to.equal('Quảng Bình (nay thuộc tỉnh Quảng Trị)');
    expect(item.placeLabel)
      .to.contain(quangBinhCommune.full_name)
      .and.contain('tỉnh Quảng Bình (nay thuộc tỉnh Quảng Trị)');
    expect(item.communeCode).to.equal(quangBinhCommune.successor);
    expect(titles(await list('?province=33'))).to.deep.equal(['Đảng viên kèm cặp mười hộ']);
    expect((await list('?province=34')).status).to.equal(400);
  });

  it("finds a former commune's model through its current commune", async () => {
    const res = await list(`?commune=${quangBinhCommune.successor}`);
    expect(res.body.items.map((i: { id: number }) => i.id)).to.deep.equal([ids.quangBinh]);
  });

  it('searches accent- and case-insensitively, both ways', async () => {
    for (const q of ['dan van kheo', 'DÂN VẬN KHÉO', 'Dân Vận Khéo', 'dân van khéo']) {
      const res = await list(`?q=${encodeURIComponent(q)}`);
      expect(
        res.body.items.map((i: { id: number }) => i.id),
        q,
      ).to.have.members([ids.road, ids.summaryOnly]);
    }
    expect(titles(await list(`?q=${encodeURIComponent('noi chao')}`))).to.deep.equal(['Nồi cháo tình thương']);
    expect(titles(await list(`?q=${encodeURIComponent('NỒI CHÁO TÌNH THƯƠNG')}`))).to.deep.equal([
      'Nồi cháo tình thương',
    ]);
    expect(titles(await list(`?q=${encodeURIComponent('moc gioi')}`))).to.deep.equal([
      'Tổ tự quản đường biên, mốc giới',
    ]);
    expect((await list(`?q=${encodeURIComponent('đ')}`)).body.total).to.be.greaterThan(0);
  });

  it('ranks a title match above a summary match', async () => {
    const res = await list(`?q=${encodeURIComponent('dân vận khéo')}&sort=relevance`);
    expect(res.body.items.map((i: { id: number }) => i.id)).to.deep.equal([ids.road, ids.summaryOnly]);
    const byDefault = await list(`?q=${encodeURIComponent('dân vận khéo')}`);
    expect(byDefault.body.items[0].id).to.equal(ids.road);
  });

  it('sorts by title and by year', async () => {
    const byTitle = titles(await list('?sort=title'));
    expect(byTitle[0]).to.equal('Chung sức làm đường bê tông');
    expect(byTitle[byTitle.length - 1]).to.equal('Tổ tự quản đường biên, mốc giới');
    const years = (await list('?sort=year')).body.items.map((i: { year: number }) => i.year);
    expect(years).to.deep.equal([2023, 2022, 2021, 2020, 2019]);
  });

  it('pages', async () => {
    const p1 = await list('?limit=2&page=1&sort=year');
    const p3 = await list('?limit=2&page=3&sort=year');
    expect(p1.body).to.include({ total: 5, page: 1, limit: 2 });
    expect(p1.body.items).to.have.length(2);
    expect(p3.body.items.map((i: { year: number }) => i.year)).to.deep.equal([2019]);
  });

  it('never shows an unapproved model, whatever the filter', async () => {
    const queries = [
      '',
      '?province=19',
      '?field=kinh-te',
      '?q=bao%20mat',
      '?q=baomat',
      '?movement=dan-van-kheo',
      '?year=2024',
      '?limit=100',
      '?sort=title',
    ];
    for (const q of queries) {
      const res = await list(q);
      expect(JSON.stringify(res.body), q).not.to.contain('mật');
    }
    for (const status of ['draft', 'submitted', 'returned', 'rejected', 'withdrawn']) {
      const res = await request(app).get(`/api/v1/models/${ids[status]}`);
      expect(res.status, status).to.equal(404);
      expect(res.body.error.message).to.be.a('string');
    }
    const stats = await request(app).get('/api/v1/stats?by=province');
    expect(stats.body.find((r: { key: string }) => r.key === '19').count).to.equal(2);
    const movementStats = await request(app).get('/api/v1/stats?by=movement');
    expect(movementStats.body.find((r: { key: string }) => r.key === 'dan-van-kheo').count).to.equal(1);
  });

  it('shows an individual without consent by role, never by name, and never contact details', async () => {
    const res = await request(app).get(`/api/v1/models/${ids.thaiBinh}`);
    expect(res.status).to.equal(200);
    const body = JSON.stringify(res.body);
    expect(body).not.to.contain('Nguyễn Văn Khiêm');
    expect(res.body.holder).to.equal('Bí thư Chi bộ thôn Đông');
    expect(res.body.summary).to.equal('Ông [tên được giữ kín] vận động mười hộ cùng làm.');
    expect((await list(`?q=${encodeURIComponent('Khiêm')}`)).body.total).to.equal(0);
    const all = JSON.stringify((await list('?limit=100')).body) + body;
    expect(all).not.to.contain('0900 000 111');
    expect(all).not.to.contain('example.vn');
  });

  it('returns one approved model with its story, indicators and recognitions', async () => {
    const res = await request(app).get(`/api/v1/models/${ids.road}`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ id: ids.road, title: 'Dân vận khéo trong hiến đất mở đường liên thôn' });
    expect(res.body.indicators).to.deep.equal([{ kind: 'households', name: 'Số hộ tham gia', value: 56, unit: 'hộ' }]);
    expect(res.body.recognitions[0]).to.include({ year: 2023, level: 'province', grade: 'tot' });
    expect(res.body.story).to.have.keys(
      'situation',
      'goals',
      'beneficiaries',
      'activities',
      'leadBodies',
      'partnerBodies',
      'results',
      'sustainability',
    );
    expect((await request(app).get('/api/v1/models/999999')).status).to.equal(404);
    expect((await request(app).get('/api/v1/models/abc')).status).to.equal(400);
  });

  it('refuses unknown and invalid parameters with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['?foo=1', 'foo'],
      ['?province=1', 'province'],
      ['?province=99', 'province'],
      ['?commune=abc', 'commune'],
      ['?commune=99999', 'commune'],
      ['?year=20x4', 'year'],
      ['?year=1800', 'year'],
      ['?yearFrom=2024&yearTo=2020', 'yearTo'],
      ['?field=kinh-doanh', 'field'],
      ['?type=group', 'type'],
      ['?movement=khong-co', 'movement'],
      ['?sort=random', 'sort'],
      ['?page=0', 'page'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?q=' + 'a'.repeat(201), 'q'],
      ['?province=19&province=22', 'province'],
    ];
    for (const [query, parameter] of cases) {
      const res = await list(query);
      expect(res.status, query).to.equal(400);
      expect(res.body.error.parameter, query).to.equal(parameter);
      expect(res.body.error.message, query).to.contain(parameter);
    }
  });
});
