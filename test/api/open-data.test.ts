import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { csvRecords, csvRows, getBinary, zipEntries } from '../helpers/exports.js';
import { OPEN_DATA_TABLES } from '../../src/open-data/tables.js';
import { replications } from '../../src/db/schema.js';

const HIDDEN = 'Trần Văn Giấu Tên';
const ZIP = '/du-lieu-mo/danh-muc.zip';

describe('open data: the /du-lieu-mo page and the archive of the whole catalogue', () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let dataDir: string;
  const ids: Record<string, number> = {};
  const builds = () => fs.readdirSync(path.join(dataDir, 'open-data'));

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-open-data-'));
    database = await freshDatabase();
    app = testApp(database, { DATA_DIR: dataDir, DATA_LICENCE_NAME: 'CC BY-SA 4.0' });
    ids.a = (await insertModel(database, { title: 'Mô hình gốc', movementCodes: ['dan-van-kheo'] })).id;
    ids.hidden = (
      await insertModel(database, {
        title: 'Nhân rộng của cá nhân',
        type: 'individual',
        holderName: HIDDEN,
        holderRole: 'Đảng viên',
        publishConsent: false,
        summary: `Ông ${HIDDEN} học theo mô hình gốc.`,
      })
    ).id;
    ids.draft = (await insertModel(database, { title: 'Hồ sơ nháp không công bố', status: 'draft' })).id;
    await database.db.insert(replications).values([
      { sourceModelId: ids.a, replicaModelId: ids.hidden, note: `Ông ${HIDDEN} thêm quỹ.` },
      { sourceModelId: ids.a, replicaModelId: ids.draft, note: 'Liên kết tới bản nháp' },
    ]);
    await database.db.execute(sql`insert into commendations (model_id, form, issuing_body, level, decision_number,
      decision_date, revoked_at, revoked_reason) values
      (${ids.a}, 'giay_khen', 'UBND xã', 'commune', 'GK/1', '2024-05-01', null, null),
      (${ids.a}, 'bang_khen', 'UBND tỉnh', 'province', 'BK/THU-HOI', '2024-06-01', '2024-07-01', 'Sai sót')`);
  });
  after(async () => {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the page says what is published, under which licence, shows the API and links the downloads', async () => {
    const res = await request(app).get('/du-lieu-mo').expect(200);
    expect(res.text).to.contain('<h1>Dữ liệu mở</h1>');
    expect(res.text).to.contain('CC BY-SA 4.0');
    expect(res.text).to.contain(`href="${ZIP}"`);
    expect(res.text).to.contain('href="/mo-hinh.csv"').and.contain('href="/api/v1/openapi.json"');
    expect(res.text).to.contain('/api/v1/models.csv?field=kinh-te');
    for (const t of OPEN_DATA_TABLES) expect(res.text).to.contain(t.file);
    await request(app).get('/du-lieu-mo?x=1').expect(400);
  });

  it('holds one CSV per entity, a README describing every column with row counts and the date, and a LICENSE', async () => {
    const res = await getBinary(request(app), ZIP).expect(200);
    expect(res.headers['content-type']).to.equal('application/zip');
    expect(Number(res.headers['content-length'])).to.equal(res.body.length);
    expect(res.headers.etag).to.match(/^"[0-9a-f]+-v\d+-r\d+-\d+"$/);
    const entries = await zipEntries(res.body);
    expect([...entries.keys()]).to.deep.equal([...OPEN_DATA_TABLES.map((t) => t.file), 'README.md', 'LICENSE']);
    const readme = entries.get('README.md')!.toString('utf8');
    expect(readme).to.match(/Dữ liệu tại thời điểm \d{4}-\d{2}-\d{2}T/);
    expect(readme).to.contain('CC BY-SA 4.0');
    expect(entries.get('LICENSE')!.toString('utf8')).to.contain('CC BY-SA 4.0');
    for (const t of OPEN_DATA_TABLES) {
      const text = entries.get(t.file)!.toString('utf8');
      const [header, ...rows] = csvRows(text);
      expect(header, t.file).to.deep.equal(t.columns.map((c) => c.header));
      const section = readme.split(`## ${t.file}:`)[1].split('\n## ')[0];
      const documented = [...section.matchAll(/^\| (.+?) \| .+? \| .+? \|$/gm)].map((m) => m[1]).slice(1);
      expect(documented, `README columns of ${t.file}`).to.deep.equal(header);
      expect(section, t.file).to.contain(`Số dòng: ${rows.length.toLocaleString('vi-VN')}.`);
    }
    const models = csvRecords(entries.get('mo-hinh.csv')!.toString('utf8'));
    expect(models.map((m) => Number(m['Mã số'])).sort()).to.deep.equal([ids.a, ids.hidden].sort());
    const provinces = csvRecords(entries.get('tinh.csv')!.toString('utf8'));
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from provinces`);
    expect(provinces).to.have.length(Number(n));
    expect(csvRecords(entries.get('xa-cu-xa-moi.csv')!.toString('utf8')).length).to.be.greaterThan(1000);
  });

  it('publishes only public data: no draft, no revoked commendation, no unconsented name', async () => {
    const entries = await zipEntries((await getBinary(request(app), ZIP).expect(200)).body);
    const all = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
    for (const secret of [HIDDEN, 'Giấu Tên', 'Hồ sơ nháp', 'Liên kết tới bản nháp', 'BK/THU-HOI', 'lienhe@example.vn'])
      expect(all, secret).to.not.contain(secret);
    const links = csvRecords(entries.get('nhan-rong.csv')!.toString('utf8'));
    expect(links).to.deep.equal([
      {
        'Mã mô hình gốc': String(ids.a),
        'Mã mô hình nhân rộng': String(ids.hidden),
        'Ghi chú': 'Ông [tên được giữ kín] thêm quỹ.',
      },
    ]);
    const commendations = csvRecords(entries.get('khen-thuong.csv')!.toString('utf8'));
    expect(commendations.map((c) => c['Số quyết định'])).to.deep.equal(['GK/1']);
    const memberships = csvRecords(entries.get('mo-hinh-phong-trao.csv')!.toString('utf8'));
    expect(memberships).to.deep.include({ 'Mã mô hình': String(ids.a), 'Mã phong trào': 'dan-van-kheo' });
    const recognitions = csvRecords(entries.get('cong-nhan.csv')!.toString('utf8'));
    expect(recognitions.map((r) => Number(r['Mã mô hình'])).sort()).to.deep.equal([ids.a, ids.hidden].sort());
  });

  it('is rebuilt only when the catalogue changes; unchanged, the same file answers, and 304 to its ETag', async () => {
    const first = await getBinary(request(app), ZIP).expect(200);
    const [file] = builds();
    const mtime = fs.statSync(path.join(dataDir, 'open-data', file)).mtimeMs;
    const again = await getBinary(request(app), ZIP).expect(200);
    expect(again.headers.etag).to.equal(first.headers.etag);
    expect(builds()).to.deep.equal([file]);
    expect(fs.statSync(path.join(dataDir, 'open-data', file)).mtimeMs, 'not rebuilt').to.equal(mtime);
    await request(app).get(ZIP).set('If-None-Match', first.headers.etag).expect(304);

    // A model approved: the catalogue version rises, and the next request builds a new file in the old one's place.
    await insertModel(database, { title: 'Mô hình mới được công nhận' });
    const changed = await getBinary(request(app), ZIP).expect(200);
    expect(changed.headers.etag).to.not.equal(first.headers.etag);
    await request(app).get(ZIP).set('If-None-Match', first.headers.etag).expect(200);
    expect(builds()).to.have.length(1).and.not.include(file);
    const models = csvRecords((await zipEntries(changed.body)).get('mo-hinh.csv')!.toString('utf8'));
    expect(models.map((m) => m['Tên mô hình'])).to.include('Mô hình mới được công nhận');

    // A recognition added to an approved model is internal to the catalogue version, and still rebuilds it.
    await database.db.execute(
      sql`insert into recognitions (model_id, year, level, grade) values (${ids.a}, 2025, 'central', 'tot')`,
    );
    const recognised = await getBinary(request(app), ZIP).expect(200);
    expect(recognised.headers.etag).to.not.equal(changed.headers.etag);
  });

  it('builds once for concurrent first requests', async () => {
    await insertModel(database, { title: 'Thêm một mô hình nữa' });
    const answers = await Promise.all([1, 2, 3, 4].map(() => getBinary(request(app), ZIP).expect(200)));
    expect(new Set(answers.map((a) => a.headers.etag)).size).to.equal(1);
    expect(new Set(answers.map((a) => a.body.toString('base64'))).size, 'one build, byte for byte').to.equal(1);
    expect(builds()).to.have.length(1);
    expect(builds()[0]).to.match(/\.zip$/);
  });
});
