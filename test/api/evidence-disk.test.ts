import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, upload, type People } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';
import { filesUnder } from '../helpers/disk.js';

/** A real little filesystem for the upload folder, when this process may mount one (root in CI). */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const remount = (dir: string, mode: 'ro' | 'rw') =>
  execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'ignore' });

describe('evidence uploads on a full or read-only upload folder', function () {
  this.timeout(60000);
  const isRoot = process.getuid?.() === 0;
  let database: Database;
  let root: string;
  let dir: string;
  let mounted = false;
  let people: People;

  before(async () => {
    database = await freshDatabase();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-disk-'));
    dir = path.join(root, 'uploads');
    fs.mkdirSync(dir);
    // A 1 MB filesystem: a real full disk, and (remounted read-only) a real read-only one.
    mounted = isRoot && mountTmpfs(dir, '1m');
    people = await signInPeople(database, testApp(database, { UPLOAD_DIR: dir }));
  });
  after(async () => {
    if (mounted) execFileSync('umount', [dir], { stdio: 'ignore' });
    await database.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const draft = async (title: string) =>
    (await insertModel(database, { title, status: 'draft', communeCode: people.commune })).id;
  const rowsOf = (modelId: number) =>
    queryRows<{ id: number }>(database.db, sql`select id from evidence_files where model_id = ${modelId}`);

  it('answers a full disk with a 507 on the form, in Vietnamese, and leaves no row and no stray file', async function () {
    if (!mounted) this.skip();
    const modelId = await draft('Mô hình trên đĩa đầy');
    // A PDF of 2 MB: within the size limit, larger than the whole filesystem.
    const big = Buffer.concat([sample.pdf(), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    const res = await upload(people.agents.cadre, modelId, [['bao-cao-lon.pdf', big]], { caption: 'Báo cáo năm' });
    expect(res.status).to.equal(507);
    expect(res.headers['content-type']).to.match(/text\/html/);
    expect(res.headers['retry-after']).to.match(/^\d+$/);
    expect(res.text).to.contain('Máy chủ đã hết dung lượng lưu trữ tệp').and.to.contain('Không có tệp nào được lưu');
    expect(res.text, 'what the user typed is kept').to.contain('Báo cáo năm');
    expect(res.text).not.to.contain(dir).and.not.to.contain('ENOSPC');
    expect(await rowsOf(modelId)).to.deep.equal([]);
    expect(filesUnder(dir), 'no partial file is left').to.deep.equal([]);

    // A file that fits still goes through.
    const ok = await upload(people.agents.cadre, modelId, [['bao-cao.pdf', sample.pdf()]]);
    expect(ok.status).to.equal(303);
    expect(await rowsOf(modelId)).to.have.length(1);
  });

  it('refuses a photo whose copies fill the disk, leaving none of them and no row', async function () {
    if (!mounted) this.skip();
    const modelId = await draft('Mô hình đầy đĩa giữa chừng');
    // Noise, so that neither the photo nor its copies compress to nothing.
    const photo = await sharp(randomBytes(900 * 600 * 3), { raw: { width: 900, height: 600, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const before = filesUnder(dir);
    // Room for the upload itself and a little more, not for its copies.
    const { bavail, bsize } = fs.statfsSync(dir);
    const filler = path.join(dir, 'filler');
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - photo.length - 64 * 1024)));
    try {
      const res = await upload(people.agents.cadre, modelId, [['anh-nhieu-hat.jpg', photo]]);
      // deriveImages (inspect.ts) still reports any failure of sharp as a damaged photo (415); once it
      // passes storage errors to storageFailure this is the 507 of a full disk.
      expect(res.status).to.equal(507);
      expect(res.text).to.match(/Máy chủ đã hết dung lượng lưu trữ tệp|không đọc được đến hết/);
      expect(await rowsOf(modelId)).to.deep.equal([]);
      expect(filesUnder(dir)).to.deep.equal([...before, 'filler'].sort());
    } finally {
      fs.rmSync(filler);
    }
  });

  it('answers a read-only upload folder with a 503 on the form and writes nothing', async function () {
    // Root ignores permission bits: there only a filesystem remounted read-only is the real thing.
    if (isRoot && !mounted) this.skip();
    const modelId = await draft('Mô hình trên đĩa chỉ đọc');
    const readOnly = (on: boolean) => {
      if (mounted) remount(dir, on ? 'ro' : 'rw');
      else for (const d of [dir, path.join(dir, '.tmp'), path.join(dir, 'files')]) fs.chmodSync(d, on ? 0o555 : 0o755);
    };
    const before = filesUnder(dir);
    readOnly(true);
    try {
      const res = await upload(people.agents.cadre, modelId, [['hop-dan.png', await sample.png()]]);
      expect(res.status).to.equal(503);
      expect(res.headers['retry-after']).to.match(/^\d+$/);
      expect(res.text).to.contain('Kho lưu trữ tệp của máy chủ tạm thời không ghi được');
      expect(res.text).not.to.contain('EROFS').and.not.to.contain('EACCES').and.not.to.contain(dir);
      expect(await rowsOf(modelId)).to.deep.equal([]);
    } finally {
      readOnly(false);
    }
    expect(filesUnder(dir)).to.deep.equal(before);
    const ok = await upload(people.agents.cadre, modelId, [['hop-dan.png', await sample.png()]]);
    expect(ok.status).to.equal(303);
    expect(await rowsOf(modelId)).to.have.length(1);
  });
});
