import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, type People } from '../helpers/people.js';
import { csvRecords, csvRows, getBinary, xlsxRows } from '../helpers/exports.js';
import { CELL_LIMIT, CUT_MARKER, PUBLIC_MODEL_COLUMNS, STAFF_MODEL_COLUMNS } from '../../src/listing/export-columns.js';

const HIDDEN = 'Nguyễn Thị Kín Đáo';
const SECRET_PHONE = '0912 345 678';
const LONG = 'Dài '.repeat(10_000);
const INJECTIONS = ['=1+2', '+cmd', '-2+3', '@SUM(A1)', '\tTab đầu', '\rCR đầu'];
const PUBLIC_HEADERS = PUBLIC_MODEL_COLUMNS.map((c) => c.header);
const INTERNAL_HEADERS = STAFF_MODEL_COLUMNS.map((c) => c.header).filter((h) => !PUBLIC_HEADERS.includes(h));

describe('exports: the browse, API and dashboard selections as CSV and XLSX', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let people: People;
  const ids: Record<string, number> = {};

  before(async () => {
    database = await freshDatabase();
    app = testApp(database, { EXPORTS_PER_HOUR: '3' });
    people = await signInPeople(database, app);
    ids.road = (await insertModel(database, { title: 'Hiến đất mở đường', provinceCode: '19', year: 2022 })).id;
    ids.hidden = (
      await insertModel(database, {
        title: 'Nuôi heo đất giúp bạn',
        type: 'individual',
        holderName: HIDDEN,
        holderRole: 'Hội viên phụ nữ',
        publishConsent: false,
        summary: `Bà ${HIDDEN} vận động các hộ cùng làm.`,
        provinceCode: '19',
      })
    ).id;
    ids.contact = (
      await insertModel(database, { title: 'Tổ hòa giải', provinceCode: '19', contactPhone: SECRET_PHONE })
    ).id;
    ids.haTinh = (await insertModel(database, { title: 'Mô hình Hà Tĩnh', provinceCode: '42' })).id;
    ids.draft = (await insertModel(database, { title: 'Bản nháp', provinceCode: '19', status: 'draft' })).id;
    for (const [i, title] of INJECTIONS.entries())
      ids[`inject${i}`] = (await insertModel(database, { title, provinceCode: '22', holderName: '-Chi hội' })).id;
    ids.long = (await insertModel(database, { title: 'Văn bản dài', provinceCode: '22', summary: LONG })).id;
  });
  beforeEach(() => database.db.execute(sql`delete from login_counters where username = '*export'`));
  after(() => database.close());

  const anon = () => request(app);

  describe('public exports equal the API for the same filters', () => {
    const api = async (query: string) => (await anon().get(`/api/v1/models${query}`).expect(200)).body.items;
    const expectSameAsApi = (records: Record<string, unknown>[], items: Record<string, any>[]) => {
      expect(records.map((r) => Number(r['Mã số']))).to.deep.equal(items.map((m) => m.id));
      records.forEach((r, i) => {
        const m = items[i];
        expect(r['Tên mô hình']).to.equal(m.title);
        expect(r['Chủ thể']).to.equal(m.holder);
        expect(r['Tóm tắt']).to.equal(m.summary);
        expect(r['Địa bàn']).to.equal(m.placeLabel);
        expect(r['Mã tỉnh']).to.equal(m.provinceCode);
        // Each supertest request has its own port: the path is what must agree.
        expect(new URL(String(r['Đường dẫn'])).pathname).to.equal(new URL(m.url).pathname);
        expect(Number(r['Số mô hình nhân rộng'])).to.equal(m.replicationCount);
      });
    };

    for (const query of ['?province=19', '?province=19&sort=title', '?q=hien%20dat', '?type=individual']) {
      it(`CSV of /mo-hinh.csv${query} and /api/v1/models.csv${query}`, async () => {
        const items = await api(query);
        expect(items.length, query).to.be.greaterThan(0);
        for (const url of [`/mo-hinh.csv${query}`, `/api/v1/models.csv${query}`]) {
          const res = await anon().get(url).expect(200);
          expect(res.headers['content-type']).to.match(/^text\/csv; charset=utf-8/);
          expect(res.headers['content-disposition']).to.match(
            /^attachment; filename="?mo-hinh-\d{4}-\d{2}-\d{2}\.csv"?$/,
          );
          expect(csvRows(res.text)[0]).to.deep.equal(PUBLIC_HEADERS);
          const records = csvRecords(res.text);
          expectSameAsApi(records, items);
          for (const r of records) expect(r['Ngày công bố']).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        }
      });
    }

    it('XLSX of /mo-hinh.xlsx: the same rows, real dates, Vietnamese headers', async () => {
      const items = await api('?province=19&sort=title');
      const res = await getBinary(anon(), '/mo-hinh.xlsx?province=19&sort=title').expect(200);
      expect(res.headers['content-type']).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const [header, ...rows] = await xlsxRows(res.body);
      expect(header).to.deep.equal(PUBLIC_HEADERS);
      const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? ''])));
      expectSameAsApi(records, items);
      for (const r of records) {
        expect(r['Ngày công bố']).to.be.instanceOf(Date);
        expect(typeof r['Năm công nhận']).to.equal('number');
      }
      const published = items.map((m: { publishedAt: string }) => m.publishedAt);
      expect(records.map((r) => (r['Ngày công bố'] as Date).toISOString())).to.deep.equal(published);
    });

    it('the browse page links the export of its own selection; the open-data page replaces the OpenAPI link', async () => {
      const page = await anon().get('/mo-hinh?province=19&field=kinh-te').expect(200);
      expect(page.text).to.contain('href="/mo-hinh.csv?province=19&amp;field=kinh-te"');
      expect(page.text).to.contain('href="/mo-hinh.xlsx?province=19&amp;field=kinh-te"');
      expect(page.text).to.contain('<a href="/du-lieu-mo">Dữ liệu mở</a>');
    });

    it('refuses a bad parameter with a Vietnamese 400, before any file starts', async () => {
      const res = await anon().get('/mo-hinh.csv?province=99').expect(400);
      expect(res.text).to.contain('không có tỉnh, thành phố mã 99');
      expect((await anon().get('/api/v1/models.csv?type=nobody').expect(400)).body.error.parameter).to.equal('type');
    });
  });

  describe('safety of the cells', () => {
    it('neutralises = + - @ tab and CR at the start of a cell, in CSV and in XLSX', async () => {
      const csv = csvRecords((await anon().get('/mo-hinh.csv?province=22').expect(200)).text);
      const xlsx = await xlsxRows((await getBinary(anon(), '/mo-hinh.xlsx?province=22').expect(200)).body);
      const titleAt = PUBLIC_HEADERS.indexOf('Tên mô hình');
      const holderAt = PUBLIC_HEADERS.indexOf('Chủ thể');
      for (const title of INJECTIONS) {
        const row = csv.find((r) => r['Mã số'] === String(ids[`inject${INJECTIONS.indexOf(title)}`]))!;
        expect(row['Tên mô hình'], JSON.stringify(title)).to.equal(`'${title}`);
        expect(row['Chủ thể']).to.equal("'-Chi hội");
        const cells = xlsx.find((r) => r[0] === ids[`inject${INJECTIONS.indexOf(title)}`])!;
        // XML reading turns a raw CR into LF; the quote in front is what matters.
        expect(String(cells[titleAt]).replace(/\n/g, '\r'), JSON.stringify(title)).to.equal(`'${title}`);
        expect(cells[holderAt]).to.equal("'-Chi hội");
      }
      for (const row of xlsx.slice(1))
        for (const v of row) if (v !== null && typeof v === 'object') expect(v).to.not.have.property('formula');
    });

    it("cuts text longer than Excel's cell limit, with a marker", async () => {
      const csv = csvRecords((await anon().get('/mo-hinh.csv?province=22').expect(200)).text);
      const summary = csv.find((r) => r['Mã số'] === String(ids.long))!['Tóm tắt'];
      expect(LONG.length).to.be.greaterThan(CELL_LIMIT);
      expect(summary.length).to.equal(CELL_LIMIT);
      expect(summary.endsWith(CUT_MARKER)).to.equal(true);
      expect(LONG.startsWith(summary.slice(0, -CUT_MARKER.length))).to.equal(true);
      const xlsx = await xlsxRows((await getBinary(anon(), '/mo-hinh.xlsx?province=22').expect(200)).body);
      const cell = xlsx.find((r) => r[0] === ids.long)![PUBLIC_HEADERS.indexOf('Tóm tắt')] as string;
      expect(cell).to.equal(summary);
    });
  });

  describe('privacy and scope', () => {
    it('an anonymous export has no internal column and no unconsented name', async () => {
      const csv = (await anon().get('/mo-hinh.csv').expect(200)).text;
      const xlsx = await xlsxRows((await getBinary(anon(), '/mo-hinh.xlsx').expect(200)).body);
      for (const h of INTERNAL_HEADERS) {
        expect(csvRows(csv)[0]).to.not.include(h);
        expect(xlsx[0]).to.not.include(h);
      }
      const text = csv + JSON.stringify(xlsx);
      for (const secret of [SECRET_PHONE, 'lienhe@example.vn', 'Người liên hệ', HIDDEN, 'Kín Đáo', 'Bản nháp'])
        expect(text, secret).to.not.contain(secret);
      const hidden = csvRecords(csv).find((r) => r['Mã số'] === String(ids.hidden))!;
      expect(hidden['Chủ thể']).to.equal('Hội viên phụ nữ');
      expect(hidden['Tóm tắt']).to.contain('[tên được giữ kín]');
    });

    it("the dashboard's export: internal columns, only the user's scope", async () => {
      const res = await people.agents.reviewer.get('/quan-ly/mo-hinh.csv').expect(200);
      expect(res.headers['cache-control']).to.equal('private, no-store');
      expect(csvRows(res.text)[0]).to.deep.equal(STAFF_MODEL_COLUMNS.map((c) => c.header));
      const rows = csvRecords(res.text);
      expect(rows.length).to.be.greaterThan(2);
      expect(rows.every((r) => r['Mã tỉnh'] === '19')).to.equal(true);
      expect(rows.find((r) => r['Mã số'] === String(ids.contact))!['Điện thoại liên hệ']).to.equal(SECRET_PHONE);
      expect(rows.find((r) => r['Mã số'] === String(ids.road))!['Trạng thái']).to.equal('Đã công nhận');

      const other = csvRecords(
        (await people.agents.reviewerOtherProvince.get('/quan-ly/mo-hinh.csv').expect(200)).text,
      );
      expect(other.map((r) => r['Mã số'])).to.deep.equal([String(ids.haTinh)]);
      expect(JSON.stringify(other)).to.not.contain(SECRET_PHONE);

      const xlsx = await xlsxRows(
        (await getBinary(people.agents.centralAdmin, '/quan-ly/mo-hinh.xlsx?province=42').expect(200)).body,
      );
      expect(xlsx.slice(1).map((r) => r[0])).to.deep.equal([ids.haTinh]);
      expect(xlsx[1][STAFF_MODEL_COLUMNS.findIndex((c) => c.header === 'Ngày tạo')]).to.be.instanceOf(Date);
    });

    it("the dashboard links its export with the queue's filters; refuses bad ones; anonymous goes to login", async () => {
      const page = await people.agents.reviewer.get('/dashboard?status=approved&sort=ten').expect(200);
      expect(page.text).to.contain('href="/quan-ly/mo-hinh.csv?status=approved&amp;sort=ten"');
      const filtered = csvRecords(
        (await people.agents.reviewer.get('/quan-ly/mo-hinh.csv?status=approved&sort=ten').expect(200)).text,
      );
      expect(filtered.every((r) => r['Trạng thái'] === 'Đã công nhận')).to.equal(true);
      expect(filtered.map((r) => r['Tên mô hình'])).to.deep.equal(
        filtered.map((r) => r['Tên mô hình']).sort((a, b) => a.localeCompare(b, 'vi')),
      );
      const bad = await people.agents.reviewer.get('/quan-ly/mo-hinh.csv?status=unknown').expect(400);
      expect(bad.text).to.contain('Trạng thái không có trong danh sách');
      const refused = await anon().get('/quan-ly/mo-hinh.csv').expect(303);
      expect(refused.headers.location).to.match(/^\/login\?next=/);
    });
  });

  describe('the hourly allowance of an address', () => {
    it('refuses anonymous exports past the limit with 429, Retry-After and a Vietnamese message', async () => {
      for (let i = 0; i < 3; i++)
        await anon()
          .get(i % 2 ? '/mo-hinh.xlsx' : '/mo-hinh.csv')
          .expect(200);
      const page = await anon().get('/mo-hinh.csv').expect(429);
      expect(page.headers['retry-after']).to.match(/^\d+$/);
      expect(Number(page.headers['retry-after'])).to.be.within(1, 3600);
      expect(page.text).to.contain('Vui lòng thử lại sau');
      const api = await anon().get('/api/v1/models.csv').expect(429);
      expect(api.body.error.message).to.contain('tải quá 3 tệp');
      expect(api.headers['retry-after']).to.match(/^\d+$/);
    });

    it('does not limit signed-in staff, and a bad request counts nothing', async () => {
      for (let i = 0; i < 5; i++) await people.agents.reviewer.get('/mo-hinh.csv').expect(200);
      for (let i = 0; i < 5; i++) await people.agents.reviewer.get('/quan-ly/mo-hinh.csv').expect(200);
      for (let i = 0; i < 5; i++) await anon().get('/mo-hinh.csv?province=99').expect(400);
      await anon().get('/mo-hinh.csv').expect(200);
    });
  });
});
