import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import * as tar from 'tar';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { bootstrapDatabase } from '../../src/bootstrap.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, upload } from '../helpers/people.js';
import { runToEnd } from '../helpers/processes.js';
import * as sample from '../helpers/sample-files.js';

interface Installation {
  env: Record<string, string>;
  uploadDir: string;
  dataDir: string;
  open(): Promise<Database>;
}

// The test server trusts local connections and ignores it; the scripts must never print it.
const PASSWORD = 'mat-khau-bi-mat-42';
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
}

/** An empty installation: a new DATA_DIR, or a new database of its own on the test server. */
async function emptyInstallation(root: string, name: string): Promise<Installation> {
  const dataDir = path.join(root, name, 'data');
  const uploadDir = path.join(root, name, 'uploads');
  fs.mkdirSync(uploadDir, { recursive: true });
  const url = serverUrl ? withPassword(databaseUrl(await createEmptyServerDatabase())) : '';
  return {
    env: { DATABASE_URL: url, DATA_DIR: dataDir, UPLOAD_DIR: uploadDir },
    uploadDir,
    dataDir,
    open: () => openDatabase(url ? { databaseUrl: url, poolSize: 2 } : { dataDir: path.join(dataDir, 'pglite') }),
  };
}

/** Each table's row count and a hash of its rows in a fixed order. */
async function tableHashes(database: Database): Promise<Record<string, string>> {
  const tables = await queryRows<{ s: string; t: string }>(
    database.db,
    sql`select table_schema as s, table_name as t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const out: Record<string, string> = {};
  for (const { s, t } of tables) {
    const [row] = await queryRows<{ n: number; h: string }>(
      database.db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(r::text, E'\n' order by r::text), '')) as h
          from ${sql.identifier(s)}.${sql.identifier(t)} r`,
    );
    out[`${s}.${t}`] = `${row.n} ${row.h}`;
  }
  return out;
}

function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(e.parentPath, e.name);
    if (!e.isFile() || path.relative(dir, full).startsWith('.tmp')) continue;
    out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

async function withDatabase<T>(i: Installation, fn: (d: Database) => Promise<T>): Promise<T> {
  const d = await i.open();
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

describe('backup and restore: one archive, restored into an empty installation and verified', function () {
  this.timeout(300000);
  let root: string;
  let source: Installation;
  let tables: Record<string, string>;
  let files: Record<string, string>;
  let archive: string;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-backup-test-'));
    source = await emptyInstallation(root, 'source');
    archive = path.join(root, 'backup.tar.gz');
    await withDatabase(source, async (database) => {
      await bootstrapDatabase(database);
      const app = testApp(database, { UPLOAD_DIR: source.uploadDir });
      const people = await signInPeople(database, app);
      const m = await insertModel(database, { title: 'Mô hình sao lưu', status: 'draft', communeCode: people.commune });
      const res = await upload(people.agents.cadre, m.id, [
        ['ảnh.png', await sample.png()],
        ['văn bản.pdf', sample.pdf()],
      ]);
      expect(res.status).to.equal(303);
      tables = await tableHashes(database);
    });
    files = fileHashes(source.uploadDir);
    expect(Object.keys(files).length).to.be.at.least(2);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('backs up with the real command and restores every row and every byte', async () => {
    const backup = await runToEnd(['scripts/backup.ts', '--out', archive], source.env);
    expect(backup.code, backup.stderr).to.equal(0);
    expect(backup.stdout).to.contain('Đã sao lưu');
    expect(backup.stdout + backup.stderr).not.to.contain(PASSWORD);

    const listed: string[] = [];
    await tar.t({ file: archive, onReadEntry: (e) => listed.push(e.path) });
    expect(listed).to.include('manifest.json');
    expect(listed.filter((p) => p.startsWith('uploads/'))).to.have.length(Object.keys(files).length);

    const target = await emptyInstallation(root, 'target');
    const restore = await runToEnd(['scripts/restore.ts', archive], target.env);
    expect(restore.code, restore.stderr).to.equal(0);
    expect(restore.stdout + restore.stderr).not.to.contain(PASSWORD);
    expect(restore.stdout).to.contain(`${Object.keys(files).length} tệp khớp SHA-256`);
    expect(restore.stdout).to.match(/Đã kiểm tra: \d+ bảng khớp số dòng/);
    expect(await withDatabase(target, tableHashes)).to.deep.equal(tables);
    expect(fileHashes(target.uploadDir)).to.deep.equal(files);

    // Restoring again finds data there: refused, nothing changed; --force replaces it.
    const again = await runToEnd(['scripts/restore.ts', archive], target.env);
    expect(again.code).to.equal(1);
    expect(again.stderr.trim()).to.match(
      /^Không khôi phục được: Nơi khôi phục chưa trống \(cơ sở dữ liệu đã có dữ liệu, .* đã có tệp\)/,
    );
    expect(fileHashes(target.uploadDir)).to.deep.equal(files);
    fs.writeFileSync(path.join(target.uploadDir, 'files', 'stray'), 'not in the backup');
    const forced = await runToEnd(['scripts/restore.ts', archive, '--force'], target.env);
    expect(forced.code, forced.stderr).to.equal(0);
    expect(await withDatabase(target, tableHashes)).to.deep.equal(tables);
    expect(fileHashes(target.uploadDir)).to.deep.equal(files);
  });

  it('refuses a corrupted archive before touching the installation', async () => {
    const unpacked = path.join(root, 'unpacked');
    fs.mkdirSync(unpacked);
    await tar.x({ file: archive, cwd: unpacked });
    const victim = Object.keys(files)[0];
    const bytes = fs.readFileSync(path.join(unpacked, 'uploads', victim));
    bytes[bytes.length - 1] ^= 0xff;
    fs.writeFileSync(path.join(unpacked, 'uploads', victim), bytes);
    const corrupted = path.join(root, 'corrupted.tar.gz');
    await tar.c({ gzip: true, file: corrupted, cwd: unpacked }, fs.readdirSync(unpacked));

    const target = await emptyInstallation(root, 'corrupted-target');
    const result = await runToEnd(['scripts/restore.ts', corrupted], target.env);
    expect(result.code).to.equal(1);
    expect(result.stderr.trim()).to.match(
      /^Không khôi phục được: Tệp sao lưu bị hỏng: 1 tệp không khớp tổng kiểm tra SHA-256/,
    );
    expect(result.stderr).to.contain(victim.split(path.sep).join('/'));
    expect(fileHashes(target.uploadDir)).to.deep.equal({});
    if (serverUrl) expect(await withDatabase(target, async (d) => Object.keys(await tableHashes(d)))).to.deep.equal([]);
    else expect(fs.existsSync(target.dataDir)).to.equal(false);

    const truncated = path.join(root, 'truncated.tar.gz');
    fs.writeFileSync(truncated, fs.readFileSync(archive).subarray(0, 2000));
    const broken = await runToEnd(['scripts/restore.ts', truncated], target.env);
    expect(broken.code).to.equal(1);
    expect(broken.stderr.trim()).to.match(/^Không khôi phục được: Tệp sao lưu .* hỏng hoặc không phải bản sao lưu/);

    // A manifest naming a path outside UPLOAD_DIR, or the other engine's dump, is refused outright.
    const manifestFile = path.join(unpacked, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    const repack = async (changed: Record<string, unknown>, name: string) => {
      fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, ...changed }));
      await tar.c({ gzip: true, file: path.join(root, name), cwd: unpacked }, fs.readdirSync(unpacked));
      return runToEnd(['scripts/restore.ts', path.join(root, name)], target.env);
    };
    const escaping = await repack(
      { files: { ...(manifest.files as object), 'uploads/../../escaped': { size: 1, sha256: '00' } } },
      'escaping.tar.gz',
    );
    expect(escaping.code).to.equal(1);
    expect(escaping.stderr.trim()).to.equal(
      'Không khôi phục được: manifest.json của bản sao lưu không hợp lệ: không khôi phục gì.',
    );
    const other = await repack({ engine: serverUrl ? 'pglite' : 'postgresql' }, 'other-engine.tar.gz');
    expect(other.code).to.equal(1);
    expect(other.stderr.trim()).to.match(
      /^Không khôi phục được: Bản sao lưu là của .* không khôi phục chéo giữa hai loại\.$/,
    );
    expect(fileHashes(target.uploadDir)).to.deep.equal({});
  });

  it('refuses to back up an embedded database that a running app holds', async () => {
    const held = lockDataDir(path.join(source.dataDir, 'pglite'));
    try {
      const result = await runToEnd(['scripts/backup.ts', '--out', path.join(root, 'refused.tar.gz')], {
        ...source.env,
        DATABASE_URL: '',
      });
      expect(result.code).to.equal(1);
      expect(result.stderr.trim()).to.match(
        /^Không sao lưu được: Thư mục dữ liệu .* đang được một tiến trình khác dùng/,
      );
      expect(fs.existsSync(path.join(root, 'refused.tar.gz'))).to.equal(false);
    } finally {
      held.release();
    }
  });
});
