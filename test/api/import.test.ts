import { expect } from 'chai';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { signInPeople, type People } from '../helpers/people.js';
import { insertModel } from '../helpers/fixtures.js';
import {
  HEADERS,
  confirmImport,
  csvOf,
  dryRun,
  goodRow,
  modelCount,
  uploadSheet,
  xlsxOf,
} from '../helpers/import-files.js';

// Issue 16: the template, the dry run's exact errors, the import in one transaction, re-imports.
describe('import of models from spreadsheets', function () {
  this.timeout(180000);
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let people: People;
  let commune: { code: string; name: string };
  let other: { code: string; name: string };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-import-'));
  const thisYear = new Date().getFullYear();

  before(async () => {
    database = await freshDatabase();
    app = testApp(database, { DATA_DIR: dataDir });
    people = await signInPeople(database, app);
    [commune] = await queryRows(database.db, sql`select code, name from communes where code = ${people.commune}`);
    [other] = await queryRows(
      database.db,
      sql`select code, name from communes where province_code = '42' order by code limit 1`,
    );
  });

  it('gives a template with a guide, hidden lists and drop-downs of the province communes', async () => {
    const res = await people.agents.provinceAdmin
      .get('/quan-ly/nhap-du-lieu/mau.xlsx')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).to.equal(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).to.deep.equal(['Mô hình', 'Hướng dẫn', 'Danh mục']);
    expect(wb.getWorksheet('Danh mục')!.state).to.equal('hidden');
    const headers = (wb.getWorksheet('Mô hình')!.getRow(1).values as string[]).slice(1);
    expect(headers).to.include.members([
      'Mã tham chiếu',
      'Tên mô hình',
      'Xã, phường',
      'Chỉ số kết quả',
      'Nhân rộng từ mô hình',
    ]);
    const lists = wb.getWorksheet('Danh mục')!;
    const communes = lists.getColumn(6).values.slice(2) as string[];
    expect(communes).to.include(`${commune.code} – ${commune.name}`);
    expect(communes.some((c) => c.startsWith(other.code))).to.equal(false);
    const guide = wb.getWorksheet('Hướng dẫn')!;
    expect(guide.rowCount).to.be.greaterThan(20);
    const model = wb.getWorksheet('Mô hình')! as unknown as {
      dataValidations: { model: Record<string, { type: string }> };
    };
    expect(Object.values(model.dataValidations.model).filter((v) => v.type === 'list').length).to.be.at.least(5);
  });

  it('reports every kind of bad row with its row, column, value and reason, and writes nothing', async () => {
    const existing = await insertModel(database, {
      title: 'Mô hình đã có sẵn',
      provinceCode: '19',
      communeCode: commune.code,
    });
    void existing;
    const rows = [
      goodRow('OK-1', commune.code),
      goodRow('BAD-1', '99999'),
      goodRow('BAD-2', commune.code, { 'Năm bắt đầu': '1900' }),
      goodRow('BAD-3', commune.code, { 'Tên mô hình': '' }),
      goodRow('BAD-4', commune.code, { 'Kinh phí (triệu đồng)': '1.25' }),
      goodRow('BAD-5', commune.code, {
        Loại: 'Cá nhân',
        'Tên tập thể hoặc cá nhân': 'Nguyễn Văn An',
        'Tóm tắt': 'Ông Nguyễn Văn An vận động bà con hiến đất.',
        'Đồng ý công bố tên': 'Không',
      }),
      goodRow('BAD-6', commune.code, { 'Tên mô hình': 'Mô hình đã có sẵn' }),
      goodRow('BAD-7', other.code),
      goodRow('BAD-8', commune.code, { 'Năm công nhận': String(thisYear + 1) }),
    ];
    const before = await modelCount(database);
    const job = await dryRun(
      database,
      people.agents.provinceAdmin,
      'sai.xlsx',
      await xlsxOf(rows, [...HEADERS, 'Cột lạ']),
    );
    expect(job.state).to.equal('done');
    const s = job.summary!;
    expect(s.counts).to.deep.equal({ create: 1, update: 0, unchanged: 0, error: 8 });
    const p = (row: number) => s.problems.filter((x) => x.row === row).map((x) => [x.column, x.value, x.reason]);
    expect(p(3)).to.deep.equal([
      ['Xã, phường', '99999', 'Không tìm thấy xã, phường này (kể cả trong danh sách xã cũ trước sắp xếp).'],
    ]);
    expect(p(4)).to.deep.equal([['Năm bắt đầu', '1900', `Năm bắt đầu phải là năm từ 1945 đến ${thisYear}.`]]);
    expect(p(5)).to.deep.equal([['Tên mô hình', '', 'Nhập tên mô hình.']]);
    expect(p(6)[0].slice(0, 2)).to.deep.equal(['Kinh phí (triệu đồng)', '1.25']);
    expect(p(6)[0][2]).to.match(/^Số không hợp lệ/);
    expect(p(7)).to.have.length.at.least(1);
    expect(p(7)[0][0]).to.equal('Tóm tắt');
    expect(p(7)[0][2]).to.match(/^Nêu họ tên cá nhân chưa đồng ý công bố/);
    expect(p(8)).to.have.length(1);
    expect(p(8)[0].slice(0, 2)).to.deep.equal(['Tên mô hình', 'Mô hình đã có sẵn']);
    expect(p(8)[0][2]).to.match(/^Có thể trùng với mô hình đã có “Mô hình đã có sẵn”/);
    expect(p(9)).to.have.length(1);
    expect(p(9)[0][0]).to.equal('Xã, phường');
    expect(p(9)[0][2]).to.match(/thuộc .*Hà Tĩnh.*, không thuộc/);
    expect(p(10)).to.deep.equal([
      ['Năm công nhận', String(thisYear + 1), `Năm công nhận phải là năm từ 2020 đến ${thisYear}.`],
    ]);
    expect(s.warnings.map((w) => w.column)).to.deep.equal(['Cột lạ']);
    expect(await modelCount(database)).to.equal(before);
    // The page shows them apart; the whole list downloads as the file with an error column.
    const page = await people.agents.provinceAdmin.get(`/quan-ly/nhap-du-lieu/${job.id}`);
    expect(page.text).to.include('Cảnh báo (1)').and.include('Lỗi (');
    const report = await people.agents.provinceAdmin
      .get(`/quan-ly/nhap-du-lieu/${job.id}/loi`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.body);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).to.equal(rows.length + 1);
    const last = HEADERS.length + 2;
    expect(sheet.getRow(1).getCell(last).value).to.equal('Lỗi');
    expect(String(sheet.getRow(3).getCell(last).value)).to.match(/^Xã, phường: Không tìm thấy/);
    expect(sheet.getRow(2).getCell(last).value ?? '').to.equal('');
  });

  it('imports the valid rows as approved, then a re-import changes nothing and a changed row updates', async () => {
    const rows = [goodRow('TN-1', commune.code), goodRow('TN-2', commune.name), goodRow('TN-3', '99999')];
    const job = await dryRun(database, people.agents.provinceAdmin, 'tinh.xlsx', await xlsxOf(rows));
    expect(job.summary!.counts).to.deep.equal({ create: 2, update: 0, unchanged: 0, error: 1 });
    const done = await confirmImport(database, people.agents.provinceAdmin, job.id);
    expect(done.state, done.failure ?? '').to.equal('done');
    expect(done.summary!.counts.create).to.equal(2);
    const made = await queryRows<{
      id: number;
      status: string;
      external_ref: string;
      slug: string;
      resources_money_million: string;
    }>(
      database.db,
      sql`select id, status, external_ref, slug, resources_money_million from models where external_ref like 'TN-%' order by external_ref`,
    );
    expect(made.map((m) => [m.external_ref, m.status])).to.deep.equal([
      ['TN-1', 'approved'],
      ['TN-2', 'approved'],
    ]);
    expect(Number(made[0].resources_money_million)).to.equal(1250.5);
    const [history] = await queryRows<{ actor_id: number; comment: string; action: string }>(
      database.db,
      sql`select actor_id, comment, action from status_history where model_id = ${made[0].id}`,
    );
    expect(history).to.deep.equal({
      actor_id: people.users.provinceAdmin!.id,
      comment: 'Nhập từ tệp tinh.xlsx',
      action: 'approve',
    });
    const [rec] = await queryRows<{ year: number; level: string; grade: string; recognised_by: number }>(
      database.db,
      sql`select year, level, grade, recognised_by from recognitions where model_id = ${made[0].id}`,
    );
    expect(rec).to.deep.equal({
      year: 2022,
      level: 'province',
      grade: 'tot',
      recognised_by: people.users.provinceAdmin!.id,
    });
    // Public, with links on the result page.
    expect((await people.agents.anonymous.get(`/mo-hinh/${made[0].slug}`)).status).to.equal(200);
    expect((await people.agents.provinceAdmin.get(`/quan-ly/nhap-du-lieu/${done.id}`)).text).to.include(
      `/quan-ly/mo-hinh/${made[0].id}`,
    );

    // The same file again: nothing to do.
    const again = await dryRun(database, people.agents.provinceAdmin, 'tinh.xlsx', await xlsxOf(rows));
    expect(again.summary!.counts).to.deep.equal({ create: 0, update: 0, unchanged: 2, error: 1 });
    const versions = await queryRows(database.db, sql`select id, version, updated_at from models order by id`);
    const changed = [goodRow('TN-1', commune.code, { 'Tóm tắt': 'Tóm tắt đã sửa.' }), goodRow('TN-2', commune.name)];
    const update = await dryRun(database, people.agents.provinceAdmin, 'tinh-sua.csv', csvOf(changed));
    expect(update.summary!.counts).to.deep.equal({ create: 0, update: 1, unchanged: 1, error: 0 });
    expect(await queryRows(database.db, sql`select id, version, updated_at from models order by id`)).to.deep.equal(
      versions,
    );
    const updated = await confirmImport(database, people.agents.provinceAdmin, update.id);
    expect(updated.summary!.counts).to.deep.equal({ create: 0, update: 1, unchanged: 1, error: 0 });
    const [edit] = await queryRows<{ changes: Record<string, unknown> }>(
      database.db,
      sql`select changes from status_history where model_id = ${made[0].id} and action = 'edit'`,
    );
    expect(Object.keys(edit.changes)).to.deep.equal(['summary']);
  });

  it('imports a CSV with or without a BOM, as submitted, with headers in any case and order', async () => {
    const headers = HEADERS.map((h) => h.toUpperCase()).reverse();
    const rows = [goodRow('CSV-1', commune.code).reverse(), goodRow('CSV-2', commune.code).reverse()];
    for (const [bom, ref] of [
      [true, 'a'],
      [false, 'b'],
    ] as const) {
      const renamed = rows.map((r) =>
        r.map((v) =>
          String(v).startsWith('CSV-') ? `${v}${ref}` : String(v).startsWith('Mô hình nhập thử') ? `${v}${ref}` : v,
        ),
      );
      const job = await dryRun(database, people.agents.provinceAdmin, 'du-lieu.csv', csvOf(renamed, headers, bom), {
        targetStatus: 'submitted',
      });
      expect(job.summary!.counts, JSON.stringify(job.summary!.problems)).to.deep.equal({
        create: 2,
        update: 0,
        unchanged: 0,
        error: 0,
      });
      const done = await confirmImport(database, people.agents.provinceAdmin, job.id, 'submitted');
      expect(done.summary!.counts.create).to.equal(2);
    }
    const statuses = await queryRows<{ status: string }>(
      database.db,
      sql`select distinct status from models where external_ref like 'CSV-%'`,
    );
    expect(statuses).to.deep.equal([{ status: 'submitted' }]);
  });

  it('lets the centre import anywhere, but not reviewers, cadres, or a province admin into another province', async () => {
    for (const who of ['reviewer', 'cadre'] as const) {
      expect((await people.agents[who].get('/quan-ly/nhap-du-lieu')).status).to.equal(403);
      const res = await uploadSheet(people.agents[who], 'x.csv', csvOf([goodRow('R-1', commune.code)]));
      expect(res.status).to.equal(403);
    }
    const centre = await dryRun(database, people.agents.centralAdmin, 'ht.csv', csvOf([goodRow('HT-1', other.code)]), {
      provinceCode: '42',
    });
    expect(centre.summary!.counts.create).to.equal(1);
    // The province admin cannot see the centre's job of another province.
    expect((await people.agents.provinceAdmin.get(`/quan-ly/nhap-du-lieu/${centre.id}`)).status).to.equal(404);
  });
});
