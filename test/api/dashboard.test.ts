import { expect } from 'chai';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { models } from '../../src/db/schema.js';
import { insertInChunks } from '../../src/db/bulk.js';
import { modelRow } from '../../src/submissions/model-row.js';
import { foldVietnamese } from '../../src/text/fold.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { signInPeople, type People } from '../helpers/people.js';

// The dashboard is the internal audience of the one list query: a queue of hundreds, paged, searched,
// filtered and sorted, with the whole state in the URL and the policy's scope deciding the rows.
describe('the dashboard queue', function () {
  this.timeout(180000);
  let database: Database;
  let people: People;
  let otherCommune: { code: string; name: string };
  const STATUSES = ['submitted', 'draft', 'returned', 'approved', 'submitted'] as const;
  const FIELD_CODES = ['kinh-te', 'van-hoa-xa-hoi', 'quoc-phong-an-ninh'];
  const rowIds = (html: string) =>
    [...html.matchAll(/<td data-label="Mô hình"><a href="\/quan-ly\/mo-hinh\/(\d+)">/g)].map((m) => Number(m[1]));
  const ids = (where: SQL, order: SQL = sql`id`) =>
    queryRows<{ id: number }>(database.db, sql`select id from models m where ${where} order by ${order}`).then((r) =>
      r.map((x) => x.id),
    );

  before(async () => {
    database = await freshDatabase();
    people = await signInPeople(database, testApp(database));
    [otherCommune] = await queryRows<{ code: string; name: string }>(
      database.db,
      sql`select code, name from communes where province_code = '19' and code <> ${people.commune}
      and code <> ${people.users.cadreOtherCommune!.communeCode} order by code limit 1`,
    );
    const [far] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '01' order by code limit 1`,
    );
    // 300 in the cadre's commune and 31 in another commune of the province: 331 for its reviewer.
    const rows = [];
    for (let i = 0; i < 336; i++) {
      const status = STATUSES[i % STATUSES.length];
      const place =
        i < 300
          ? { provinceCode: '19', communeCode: people.commune }
          : i < 331
            ? { provinceCode: '19', communeCode: otherCommune.code }
            : { provinceCode: '01', communeCode: far.code };
      const individual = i === 7;
      const submittedAt =
        status === 'draft' ? null : new Date(Date.UTC(i % 2 ? 2024 : 2025, i % 12, 1 + (i % 27), 3) + i * 60000);
      rows.push(
        modelRow(
          {
            type: individual || i % 4 === 1 ? 'individual' : 'collective',
            title: i === 5 ? 'Đường làng sáng đẹp' : `Mô hình hàng đợi số ${String(i).padStart(3, '0')}`,
            fieldCode: FIELD_CODES[i % 3],
            startedYear: 2020,
            summary: 'Tóm tắt.',
            holderName: individual ? 'Nguyễn Thị Hằng' : 'Chi hội Nông dân',
            holderRole: 'Hội viên',
            publishConsent: !individual,
          },
          { ...place, names: [] },
          {
            slugSuffix: i,
            status,
            recognisedYear: status === 'approved' ? 2024 : null,
            publishedAt: status === 'approved' ? new Date(Date.UTC(2024, 5, 1)) : null,
            submittedAt,
            updatedAt: new Date(Date.UTC(2025, 0, 1) + ((i * 7919) % 336) * 3600000),
          },
        ),
      );
    }
    await insertInChunks(database.db, models, rows);
  });
  after(async () => {
    await database.close();
  });

  it('pages the 331 entries of a province 50 at a time, with the total', async () => {
    const first = await people.agents.reviewer.get('/dashboard');
    expect(first.status).to.equal(200);
    expect(first.text).to.contain('1–50 trong 331 mô hình').and.contain('Mô hình của tỉnh');
    expect(rowIds(first.text)).to.have.length(50);
    expect(first.text).to.contain('href="/dashboard?page=7"');
    const last = await people.agents.reviewer.get('/dashboard?page=7');
    expect(last.text).to.contain('301–331 trong 331 mô hình');
    expect(rowIds(last.text)).to.have.length(31);
    const seen = new Set<number>();
    for (let p = 1; p <= 7; p++)
      for (const id of rowIds((await people.agents.reviewer.get(`/dashboard?page=${p}`)).text)) seen.add(id);
    expect(seen.size).to.equal(331);
  });

  it('puts the longest waiting submission first by default, and sorts by last change and by title', async () => {
    const inProvince = sql`m.province_code = '19'`;
    const waiting = await ids(
      inProvince,
      sql`case when m.status = 'submitted' then 0 else 1 end, m.submitted_at asc nulls last, m.id`,
    );
    const page = (await people.agents.reviewer.get('/dashboard')).text;
    expect(rowIds(page)).to.deep.equal(waiting.slice(0, 50));
    // Columns: commune, status, submitted date as dd/mm/yyyy, days waiting.
    expect(page).to.match(/<td data-label="Ngày gửi">\d{2}\/\d{2}\/\d{4}<\/td>/);
    expect(page).to.match(/<td data-label="Số ngày chờ" class="num">\d+<\/td>/);
    expect(page).to.contain('<td data-label="Trạng thái">Chờ thẩm định</td>');
    const changed = await ids(inProvince, sql`m.updated_at desc, m.id desc`);
    expect(rowIds((await people.agents.reviewer.get('/dashboard?sort=moi-thay-doi')).text)).to.deep.equal(
      changed.slice(0, 50),
    );
    const byTitle = await ids(inProvince, sql`m.title_folded, m.id`);
    expect(rowIds((await people.agents.reviewer.get('/dashboard?sort=ten&page=2')).text)).to.deep.equal(
      byTitle.slice(50, 100),
    );
  });

  it('filters by status, field, type, commune and year submitted', async () => {
    const cases: [string, SQL][] = [
      ['status=returned', sql`m.status = 'returned'`],
      ['field=van-hoa-xa-hoi', sql`m.field_code = 'van-hoa-xa-hoi'`],
      ['type=individual', sql`m.type = 'individual'`],
      [`commune=${otherCommune.code}`, sql`m.commune_code = ${otherCommune.code}`],
      ['nam=2024', sql`extract(year from m.submitted_at at time zone 'Asia/Ho_Chi_Minh') = 2024`],
      [
        'status=submitted&field=kinh-te&nam=2025',
        sql`m.status = 'submitted' and m.field_code = 'kinh-te'
        and extract(year from m.submitted_at at time zone 'Asia/Ho_Chi_Minh') = 2025`,
      ],
    ];
    for (const [query, where] of cases) {
      const expected = await ids(sql`m.province_code = '19' and ${where}`);
      expect(expected.length, query).to.be.greaterThan(0).and.lessThan(331);
      const res = await people.agents.reviewer.get(`/dashboard?${query}&sort=ten`);
      expect(res.status).to.equal(200);
      expect(res.text, query).to.contain(`trong ${expected.length} mô hình`);
      const shown = rowIds(res.text);
      expect(shown.length).to.equal(Math.min(50, expected.length));
      expect(expected).to.include.members(shown);
    }
  });

  it('searches without diacritics over title, holder and commune', async () => {
    const title = await people.agents.reviewer.get('/dashboard?q=duong+lang+sang');
    expect(title.text).to.contain('1–1 trong 1 mô hình').and.contain('Đường làng sáng đẹp');
    // The holder of an individual without consent: searchable inside, never in the public index.
    const holder = await people.agents.reviewer.get('/dashboard?q=NGUYEN+thi+hang');
    expect(holder.text).to.contain('1–1 trong 1 mô hình');
    expect(rowIds(holder.text)).to.deep.equal(await ids(sql`m.holder_name = 'Nguyễn Thị Hằng'`));
    const commune = await people.agents.reviewer.get(
      `/dashboard?q=${encodeURIComponent(foldVietnamese(otherCommune.name))}`,
    );
    expect(commune.text).to.contain('trong 31 mô hình');
    expect(rowIds(commune.text)).to.have.members((await ids(sql`m.commune_code = ${otherCommune.code}`)).slice(0, 31));
    const none = await people.agents.reviewer.get('/dashboard?q=khong+co+dau+ca');
    expect(none.text).to.contain('Không có mô hình nào khớp bộ lọc').and.contain('value="khong co dau ca"');
  });

  it('keeps to the scope: a cadre its commune, another province nothing, the central admin a province', async () => {
    const cadre = await people.agents.cadre.get('/dashboard');
    expect(cadre.text).to.contain('1–50 trong 300 mô hình').and.not.contain('id="f-commune"');
    const cadreAll = new Set<number>();
    for (let p = 1; p <= 6; p++)
      for (const id of rowIds((await people.agents.cadre.get(`/dashboard?page=${p}`)).text)) cadreAll.add(id);
    expect([...cadreAll].sort()).to.deep.equal((await ids(sql`m.commune_code = ${people.commune}`)).sort());
    const theirs = await people.agents.cadre.get(`/dashboard?commune=${otherCommune.code}`);
    expect(theirs.text).to.contain('Xã này không thuộc phạm vi của tài khoản').and.contain('trong 300 mô hình');
    const far = await people.agents.reviewerOtherProvince.get('/dashboard');
    expect(rowIds(far.text)).to.deep.equal([]);
    expect(far.text).to.contain('Chưa có mô hình nào.');
    const farSearch = await people.agents.reviewerOtherProvince.get('/dashboard?q=duong+lang');
    expect(rowIds(farSearch.text)).to.deep.equal([]);

    const central = await people.agents.centralAdmin.get('/dashboard');
    expect(central.text)
      .to.contain('trong 336 mô hình')
      .and.contain('id="f-province"')
      .and.contain('Mô hình toàn quốc');
    const province = await people.agents.centralAdmin.get('/dashboard?province=01');
    expect(province.text).to.contain('1–5 trong 5 mô hình').and.contain('id="f-commune"');
    expect(rowIds(province.text)).to.have.members(await ids(sql`m.province_code = '01'`));
    // Only the central admin filters by province; anyone else keeps the list with a message.
    const notHers = await people.agents.reviewer.get('/dashboard?province=01');
    expect(notHers.status).to.equal(200);
    expect(notHers.text).to.contain('Chỉ quản trị viên trung ương lọc theo tỉnh.').and.contain('trong 331 mô hình');
  });

  it('keeps the whole state in the page and sort links', async () => {
    const res = await people.agents.reviewer.get('/dashboard?q=mo+hinh&status=submitted&type=collective&sort=ten');
    expect(res.text).to.contain(
      'href="/dashboard?q=mo+hinh&amp;status=submitted&amp;type=collective&amp;sort=ten&amp;page=2"',
    );
    expect(res.text).to.contain(
      'href="/dashboard?q=mo+hinh&amp;status=submitted&amp;type=collective&amp;sort=cho-lau-nhat"',
    );
    expect(res.text).to.contain('<option value="submitted" selected>').and.contain('<option value="ten" selected>');
    const second = await people.agents.reviewer.get(
      '/dashboard?q=mo+hinh&status=submitted&type=collective&sort=ten&page=2',
    );
    expect(second.text).to.contain('rel="prev"').and.contain('51–');
  });

  it('renders bad parameters with a Vietnamese message beside the field and keeps the others', async () => {
    const res = await people.agents.reviewer.get('/dashboard?status=xyz&field=kinh-te&nam=20x4&sort=nope&page=0');
    expect(res.status).to.equal(200);
    expect(res.text)
      .to.contain('Trạng thái không có trong danh sách')
      .and.contain(`Năm gửi là số từ 2000 đến ${new Date().getFullYear()}`)
      .and.contain('Cách sắp xếp không có trong danh sách')
      .and.contain('Số trang là số nguyên dương')
      .and.contain('<option value="kinh-te" selected>');
    expect(res.text).to.contain(
      `trong ${(await ids(sql`m.province_code = '19' and m.field_code = 'kinh-te'`)).length} mô hình`,
    );
    const beyond = await people.agents.reviewer.get('/dashboard?page=99');
    expect(beyond.status).to.equal(200);
    expect(beyond.text).to.contain('Danh sách chỉ có 7 trang').and.contain('301–331 trong 331 mô hình');
    const long = await people.agents.reviewer.get(`/dashboard?q=${'a'.repeat(201)}`);
    expect(long.status).to.equal(200);
    expect(long.text).to.contain('Từ khóa tìm kiếm dài tối đa 200 ký tự.').and.contain('trong 331 mô hình');
  });
});
