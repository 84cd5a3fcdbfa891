import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';

describe('public pages', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let roadSlug: string;
  let formerCommune: { code: string; full_name: string };
  before(async () => {
    database = await freshDatabase();
    app = testApp(database);
    [formerCommune] = await queryRows(
      database.db,
      sql`select code, full_name from former_communes
      where former_province_code = '44' and merge_type = 'whole' order by code limit 1`,
    );
    roadSlug = (
      await insertModel(database, {
        title: 'Dân vận khéo trong hiến đất mở đường',
        provinceCode: '19',
        fieldCode: 'kinh-te',
        year: 2023,
      })
    ).slug;
    await insertModel(database, {
      title: 'Nồi cháo tình thương',
      provinceCode: '44',
      formerProvinceCode: '44',
      communeCode: null,
      formerCommuneCode: formerCommune.code,
      fieldCode: 'van-hoa-xa-hoi',
      year: 2022,
    });
    await insertModel(database, {
      title: 'Tổ tự quản đường biên',
      provinceCode: '22',
      fieldCode: 'quoc-phong-an-ninh',
      year: 2021,
    });
    await insertModel(database, {
      title: 'Hồ sơ nháp chưa gửi về hiến đất',
      provinceCode: '19',
      fieldCode: 'kinh-te',
      status: 'draft',
    });
    await insertModel(database, {
      title: 'Hồ sơ chờ duyệt về hiến đất',
      provinceCode: '19',
      fieldCode: 'kinh-te',
      status: 'submitted',
    });
    await insertModel(database, {
      title: 'Hồ sơ đã thu hồi về hiến đất',
      provinceCode: '19',
      fieldCode: 'kinh-te',
      status: 'withdrawn',
    });
  });
  after(async () => {
    await database.close();
  });

  const get = (url: string) => request(app).get(url);

  it('serves the home page with counts and the newest approved models only', async () => {
    const res = await get('/');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/text\/html/);
    expect(res.text).to.contain('<html lang="vi">').and.contain('Dân vận khéo trong hiến đất mở đường');
    expect(res.text).to.match(/<strong>3<\/strong> mô hình đã được công nhận/);
    expect(res.text).not.to.contain('Hồ sơ');
  });

  it('reflects filters in the form and the results', async () => {
    const res = await get('/mo-hinh?province=19&field=kinh-te');
    expect(res.status).to.equal(200);
    expect(res.text).to.match(/<option value="19" selected>Thái Nguyên \(1\)<\/option>/);
    expect(res.text).to.match(/value="kinh-te" checked/);
    expect(res.text).to.contain('Tìm thấy 1 mô hình');
    expect(res.text).to.contain('Dân vận khéo trong hiến đất mở đường');
    expect(res.text).not.to.contain('Tổ tự quản đường biên');
    expect(res.text).to.match(/<option value="22" disabled>Quảng Ninh \(0\)<\/option>/);
  });

  it("finds a former province's model under the current one and shows both names", async () => {
    const res = await get('/mo-hinh?province=44');
    expect(res.text).to.contain('Nồi cháo tình thương');
    expect(res.text).to.contain('tỉnh Quảng Bình (nay thuộc tỉnh Quảng Trị)');
  });

  it('searches without diacritics, marks the words and escapes the search text', async () => {
    const res = await get('/mo-hinh?q=' + encodeURIComponent('dan van'));
    expect(res.text).to.contain('<mark>Dân</mark> <mark>vận</mark> khéo');
    const evil = await get('/mo-hinh?q=' + encodeURIComponent('"><script>alert(1)</script>'));
    expect(evil.status).to.equal(200);
    expect(evil.text).not.to.contain('<script>alert(1)</script>');
    expect(evil.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evil.text).to.contain('Không tìm thấy mô hình nào');
  });

  it('never lists, counts or opens a model that is not approved', async () => {
    for (const url of ['/mo-hinh', '/mo-hinh?q=ho%20so', '/mo-hinh?province=19', '/tinh/19', '/mo-hinh?q=hien%20dat']) {
      const res = await get(url);
      expect(res.text, url).not.to.contain('Hồ sơ');
    }
    const [draft] = await queryRows<{ slug: string }>(
      database.db,
      sql`select slug from models where status <> 'approved' limit 1`,
    );
    expect((await get(`/mo-hinh/${draft.slug}`)).status).to.equal(404);
  });

  it('shows a model page with its story, meta tags and a back link that keeps the filters', async () => {
    const res = await get(`/mo-hinh/${roadSlug}?back=${encodeURIComponent('province=19&field=kinh-te&bogus=1')}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('<h1>Dân vận khéo trong hiến đất mở đường</h1>');
    expect(res.text).to.contain('<meta property="og:title" content="Dân vận khéo trong hiến đất mở đường">');
    expect(res.text).to.contain('href="/mo-hinh?province=19&amp;field=kinh-te"');
    expect(res.text).to.contain('Chỉ số kết quả');
    expect(res.text).not.to.contain('0900 000 111');
    const hostile = await get(`/mo-hinh/${roadSlug}?back=${encodeURIComponent('javascript:alert(1)')}`);
    expect(hostile.text).to.contain('href="/mo-hinh"');
  });

  it('shows a province page and proper 404 and 400 pages in Vietnamese', async () => {
    const province = await get('/tinh/44');
    expect(province.status).to.equal(200);
    expect(province.text).to.contain('<h1>Tỉnh Quảng Trị</h1>').and.contain('tỉnh Quảng Bình');
    for (const url of ['/tinh/99', '/tinh/abc', '/khong-co', '/mo-hinh/khong-co-mo-hinh-nay']) {
      const res = await get(url);
      expect(res.status, url).to.equal(404);
      expect(res.text)
        .to.contain('Mã lỗi: 404')
        .and.not.match(/at .*\.ts:\d+/);
    }
    const bad = await get('/mo-hinh?year=abc');
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('Tham số &#34;year&#34; không hợp lệ');
    expect((await get('/mo-hinh?utm_source=zalo')).status).to.equal(200);
  });

  it('answers a failure with the Vietnamese 500 page, never a stack trace', async () => {
    const broken = await freshDatabase();
    const brokenApp = testApp(broken);
    await broken.close();
    const res = await request(brokenApp).get('/mo-hinh');
    expect(res.status).to.equal(500);
    expect(res.text)
      .to.contain('Hệ thống đang gặp sự cố')
      .and.not.match(/Error:|at .*:\d+:\d+/);
    const api = await request(brokenApp).get('/api/v1/models');
    expect(api.status).to.equal(500);
    expect(api.body.error.message).to.equal('Hệ thống đang gặp sự cố. Vui lòng thử lại sau.');
  });

  it('serves versioned static assets with a long cache lifetime, compressed', async () => {
    const home = await get('/');
    const css = /href="(\/static\/css\/site\.css\?v=[0-9a-f]{10})"/.exec(home.text)![1];
    const res = await get(css).set('Accept-Encoding', 'gzip');
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.contain('max-age=31536000').and.contain('immutable');
    const page = await get('/mo-hinh').set('Accept-Encoding', 'gzip');
    expect(page.headers['content-encoding']).to.equal('gzip');
  });
});
