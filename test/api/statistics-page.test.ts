import { expect } from 'chai';
import request from 'supertest';
import type { Database } from '../../src/db/client.js';
import { formatNumber } from '../../src/text/numbers.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import {
  buildWorld,
  expectedFigures,
  nonZero,
  pageTables,
  parseCsv,
  type Filters,
  type PageRow,
} from '../helpers/statistics-world.js';

const FIGURES = ['province', 'field', 'type', 'year', 'movement', 'level', 'recognition'];

const query = (f: Filters) =>
  new URLSearchParams(Object.entries(f).map(([k, v]) => [k, String(v)] as [string, string])).toString();

describe('statistics page (/thong-ke): every figure equals the rows counted independently', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    database = await freshDatabase();
    await buildWorld(database);
    app = testApp(database);
  });
  after(async () => {
    await database.close();
  });

  async function tables(f: Filters): Promise<Record<string, PageRow[]>> {
    const res = await request(app).get(`/thong-ke?${query(f)}`);
    expect(res.status, res.text.slice(0, 300)).to.equal(200);
    return pageTables(res.text);
  }

  async function expectFigures(f: Filters) {
    const [page, expected] = await Promise.all([tables(f), expectedFigures(database, f)]);
    expect(Object.keys(page).sort()).to.deep.equal([...FIGURES].sort());
    for (const fig of FIGURES) {
      expect(nonZero(page[fig]), `${fig} under ${JSON.stringify(f)}`).to.deep.equal(expected[fig]);
      for (const r of page[fig]) expect(r.text, `${fig} ${r.key}`).to.equal(formatNumber(r.count));
    }
    return { page, expected };
  }

  it('without filters: folded provinces, approved entries only, every figure', async () => {
    const { page, expected } = await expectFigures({});
    // The world has entries in every status and in former communes: the figures must not be trivial.
    expect(expected.recognition.get('approved')).to.equal(30);
    expect(expected.recognition.get('commended')).to.equal(4);
    expect(expected.recognition.get('replicated')).to.equal(3);
    expect(expected.level.get('central')).to.equal(4);
    expect(expected.level.get('commune')).to.equal(5);
    // Hưng Yên holds the model registered in a commune of the former Thái Bình.
    expect(page.province.find((r) => r.key === '33')!.count).to.equal(expected.province.get('33'));
    // Every current province is listed, with zeros; the draft movement is not.
    expect(page.province).to.have.length(34);
    expect(page.movement.map((r) => r.key)).to.deep.equal(['dan-van-kheo', 'thi-dua-thai-nguyen']);
    expect(page.province.reduce((a, r) => a + r.count, 0)).to.equal(30);
    expect(page.type.reduce((a, r) => a + r.count, 0)).to.equal(30);
    expect(page.level.reduce((a, r) => a + r.count, 0)).to.equal(30);
  });

  it('each filter changes the figures as the rows say', async () => {
    const cases: Filters[] = [
      { province: '33' },
      { province: '44' },
      { field: 'xay-dung-dang' },
      { type: 'individual' },
      { movement: 'thi-dua-thai-nguyen' },
      { movement: 'dan-van-kheo', province: '19' },
      { yearFrom: 2020 },
      { yearTo: 2021 },
      { yearFrom: 2019, yearTo: 2022, type: 'collective' },
      { province: '01', field: 'kinh-te', yearFrom: 2018, movement: 'dan-van-kheo' },
    ];
    const totals = new Set<number>();
    for (const f of cases) {
      const { expected } = await expectFigures(f);
      totals.add(expected.recognition.get('approved') ?? 0);
    }
    // Filters that changed nothing would prove nothing.
    expect(totals.size).to.be.greaterThan(4);
  });

  it('keeps the filters in the URL: the form shows them, links carry them, the same URL gives the same page', async () => {
    const f = {
      province: '19',
      field: 'kinh-te',
      type: 'collective',
      movement: 'dan-van-kheo',
      yearFrom: 2018,
      yearTo: 2024,
    };
    const res = await request(app).get(`/thong-ke?${query(f)}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.match(/<option value="19" selected>/);
    expect(res.text).to.match(/<option value="kinh-te" selected>/);
    expect(res.text).to.match(/<option value="collective" selected>/);
    expect(res.text).to.match(/<option value="dan-van-kheo" selected>/);
    expect(res.text).to.match(/name="yearFrom"[^>]*value="2018"/);
    expect(res.text).to.match(/name="yearTo"[^>]*value="2024"/);
    const csvLinks = [...res.text.matchAll(/href="(\/thong-ke\.csv\?[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(csvLinks).to.have.length(FIGURES.length);
    for (const link of csvLinks) {
      const params = Object.fromEntries(new URLSearchParams(link.split('?')[1]));
      const { 'bieu-do': figure, ...rest } = params;
      expect(FIGURES).to.include(figure);
      expect(rest).to.deep.equal(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)])));
    }
    expect(res.text).to.include(`href="/mo-hinh?${query(f).replace(/&/g, '&amp;')}"`);
    // Submitting the form as a browser does (empty fields included) gives the same figures.
    const form = await request(app).get(`/thong-ke?${query(f)}&utm_source=zalo`);
    expect(pageTables(form.text)).to.deep.equal(pageTables(res.text));
    const empty = await request(app).get('/thong-ke?province=&field=&type=&movement=&yearFrom=&yearTo=');
    expect(pageTables(empty.text)).to.deep.equal(await tables({}));
  });

  it('refuses bad parameters with 400 and a Vietnamese message, page and CSV alike', async () => {
    const bad: [string, string][] = [
      ['province=99', 'không có tỉnh, thành phố mã 99'],
      ['province=abc', 'mã tỉnh gồm 2 chữ số'],
      ['field=vu-tru', 'lĩnh vực là một trong'],
      ['type=robot', 'loại là collective hoặc individual'],
      ['movement=khong-co', 'không có phong trào mã khong-co'],
      ['movement=Sai%20Ma', 'mã phong trào'],
      ['yearFrom=1800', 'năm là số nguyên từ 1945 đến 2100'],
      ['yearFrom=2022&yearTo=2020', 'yearTo không được nhỏ hơn yearFrom'],
      ['yearTo=hai-nghin', 'năm là số nguyên'],
      ['q=hien+dat', 'trang thống kê không lọc theo tham số này'],
      ['commune=05500', 'trang thống kê không lọc theo tham số này'],
      ['province=19&province=22', 'Tham số'],
    ];
    for (const [qs, message] of bad) {
      for (const path of ['/thong-ke', '/thong-ke.csv']) {
        const res = await request(app).get(`${path}?${qs}${path.endsWith('.csv') ? '&bieu-do=field' : ''}`);
        expect(res.status, `${path}?${qs}`).to.equal(400);
        expect(res.text, `${path}?${qs}`).to.include(message);
      }
    }
    for (const figure of ['', 'tinh', '<script>']) {
      const res = await request(app).get(`/thong-ke.csv?bieu-do=${encodeURIComponent(figure)}`);
      expect(res.status, figure).to.equal(400);
      expect(res.text).to.include('Tham số &#34;bieu-do&#34; không hợp lệ');
    }
  });

  it('gives each figure as CSV: BOM, header, plain digits, the same rows as the table', async () => {
    for (const f of [{}, { province: '33', yearFrom: 2019 }, { movement: 'thi-dua-thai-nguyen' }] as Filters[]) {
      const page = await tables(f);
      for (const figure of FIGURES) {
        const res = await request(app)
          .get(`/thong-ke.csv?${query(f)}&bieu-do=${figure}`)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        expect(res.status).to.equal(200);
        expect(res.headers['content-type']).to.match(/^text\/csv; charset=utf-8/);
        expect(res.headers['content-disposition']).to.equal(`attachment; filename=thong-ke-${figure}.csv`);
        const body = res.body as Buffer;
        expect([...body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
        const [header, ...rows] = parseCsv(body.toString('utf8').slice(1));
        expect(header).to.have.length(3);
        expect(header[0]).to.equal('Mã');
        expect(header[2]).to.equal('Số mô hình');
        for (const r of rows) expect(r[2]).to.match(/^\d+$/);
        expect(rows.map((r) => ({ key: r[0], label: r[1], count: Number(r[2]) }))).to.deep.equal(
          page[figure].map((r) => ({ key: r.key, label: r.label, count: r.count })),
        );
      }
    }
  });

  it('serves Chart.js from the app and links it with its page script, no other host', async () => {
    const res = await request(app).get('/thong-ke');
    const src = res.text.match(/<script src="(\/static\/vendor\/chart\.umd\.js\?v=[0-9a-f]{10})"/)?.[1];
    expect(src, 'chart script').to.be.a('string');
    expect(res.text).to.match(/<script src="\/static\/js\/stats-charts\.js\?v=[0-9a-f]+" defer>/);
    expect(res.text).not.to.match(/<script(?![^>]*src="\/static\/)/);
    const js = await request(app).get(src!);
    expect(js.status).to.equal(200);
    expect(js.headers['content-type']).to.match(/javascript/);
    expect(js.headers['cache-control']).to.include('immutable');
    expect(js.text).to.include('Chart.js v4.6.1');
    // The site navigation leads here.
    expect((await request(app).get('/')).text).to.include('<a href="/thong-ke">Thống kê</a>');
  });

  it('is kept by the public page cache until the catalogue changes', async () => {
    // One origin (host and port) for both requests: it is part of the cache key.
    const server = app.listen(0, '127.0.0.1');
    try {
      const first = await request(server).get('/thong-ke?type=collective');
      const again = await request(server).get('/thong-ke?type=collective');
      expect(first.headers['x-cache']).to.equal('miss');
      expect(again.headers['x-cache']).to.equal('hit');
      expect(again.text).to.equal(first.text);
    } finally {
      server.close();
    }
  });
});
