import { expect } from 'chai';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { signInPeople, type People } from '../helpers/people.js';
import { HEADERS, confirmImport, csvOf, dryRun, goodRow, uploadSheet, xlsxOf } from '../helpers/import-files.js';

// Hostile uploads: refused by content with a Vietnamese reason, leaving no job and no file behind;
// formulas and formula-like text are only ever text.
describe('import: hostile files', function () {
  this.timeout(180000);
  let database: Database;
  let app: ReturnType<typeof testApp>;
  let people: People;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-import-hostile-'));
  const filesLeft = () => {
    const dir = path.join(dataDir, 'imports');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  };
  const jobs = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from import_jobs`))[0].n;

  before(async () => {
    database = await freshDatabase();
    app = testApp(database, { DATA_DIR: dataDir });
    people = await signInPeople(database, app);
  });

  async function refused(name: string, content: Buffer, message: RegExp) {
    const before = await jobs();
    const res = await uploadSheet(people.agents.provinceAdmin, name, content);
    expect(res.status, res.text.slice(0, 300)).to.be.oneOf([400, 413, 415]);
    expect(res.text).to.match(message);
    expect(await jobs()).to.equal(before);
    expect(filesLeft()).to.deep.equal([]);
  }

  it('refuses a zip bomb before parsing it', async () => {
    const good = unzipSync(await xlsxOf([goodRow('Z-1', people.commune)]));
    const bomb = Buffer.from(zipSync({ ...good, 'xl/media/fill.bin': new Uint8Array(40 * 1024 * 1024) }));
    expect(bomb.length).to.be.below(200 * 1024);
    await refused('bom.xlsx', bomb, /zip bomb/);
  });

  it('refuses macro-enabled workbooks, by name and by content', async () => {
    const good = await xlsxOf([goodRow('M-1', people.commune)]);
    await refused('macro.xlsm', good, /macro/);
    const withVba = Buffer.from(zipSync({ ...unzipSync(good), 'xl/vbaProject.bin': strToU8('VBA') }));
    await refused('an-macro.xlsx', withVba, /macro/);
  });

  it('refuses a CSV that is not UTF-8, telling to save it as CSV UTF-8', async () => {
    const latin = Buffer.from(HEADERS.join(',') + '\r\nA,Mô hình,Tập thể', 'latin1');
    await refused('ansi.csv', latin, /CSV UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADERS.join(','), 'utf16le')]);
    await refused('unicode.csv', utf16, /CSV UTF-8/);
  });

  it('refuses a file whose content is not what its name says', async () => {
    await refused('gia.xlsx', csvOf([goodRow('F-1', people.commune)]), /không phải là một bảng tính Excel/);
    await refused('anh.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), /Chỉ nhận tệp Excel/);
  });

  it('reads formula cells as their cached values and keeps =, +, - and @ text as text', async () => {
    const row = goodRow('FX-1', people.commune, { 'Tóm tắt': '=HYPERLINK("http://example.com","bấm")' });
    const formula = { formula: 'CONCATENATE("Mô hình ","công thức")', result: 'Mô hình công thức' };
    const rows = [
      [...row.slice(0, 1), formula, ...row.slice(2)],
      goodRow('FX-2', people.commune, { 'Tên mô hình': '+84 mô hình số điện thoại', 'Tóm tắt': '-giảm nghèo' }),
      goodRow('FX-3', people.commune, { 'Tên mô hình': '@mô hình nhắc tên', 'Tóm tắt': '@SUM(1,2)' }),
    ];
    const job = await dryRun(database, people.agents.provinceAdmin, 'cong-thuc.xlsx', await xlsxOf(rows));
    expect(job.summary!.counts, JSON.stringify(job.summary!.problems)).to.deep.equal({
      create: 3,
      update: 0,
      unchanged: 0,
      error: 0,
    });
    expect((await confirmImport(database, people.agents.provinceAdmin, job.id)).state).to.equal('done');
    const stored = await queryRows<{ title: string; summary: string }>(
      database.db,
      sql`select title, summary from models where external_ref like 'FX-%' order by external_ref`,
    );
    expect(stored).to.deep.equal([
      { title: 'Mô hình công thức', summary: '=HYPERLINK("http://example.com","bấm")' },
      { title: '+84 mô hình số điện thoại', summary: '-giảm nghèo' },
      { title: '@mô hình nhắc tên', summary: '@SUM(1,2)' },
    ]);
    // The import consumed the file: none is kept once it is done.
    expect(filesLeft()).to.deep.equal([]);
  });
});
