import 'dotenv/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tar from 'tar';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { DataDirLocked, lockDataDir, type DataDirLock } from '../src/db/data-dir-lock.js';
import { migrationsDir } from '../src/paths.js';
import {
  BackupFailure,
  DUMP_FILE,
  FORMAT,
  FORMAT_VERSION,
  fileEntry,
  libpqEnvironment,
  runTool,
  tableCounts,
  uploadFiles,
  type Engine,
  type FileEntry,
  type Manifest,
} from './backup-archive.js';

const ENGINE_NAME: Record<Engine, string> = { pglite: 'cơ sở dữ liệu nhúng (PGlite)', postgresql: 'PostgreSQL' };

async function extract(archive: string, into: string): Promise<Manifest> {
  if (!fs.existsSync(archive)) throw new BackupFailure(`Không thấy tệp sao lưu ${archive}.`);
  try {
    // Plain files and folders only: an archive is data, never links that could point outside.
    await tar.x({
      file: archive,
      cwd: into,
      strict: true,
      filter: (_p, e) => 'type' in e && ['File', 'Directory'].includes(e.type),
    });
    return JSON.parse(fs.readFileSync(path.join(into, 'manifest.json'), 'utf8')) as Manifest;
  } catch (err) {
    throw new BackupFailure(`Tệp sao lưu ${archive} hỏng hoặc không phải bản sao lưu (${(err as Error).message}).`);
  }
}

function checkManifest(manifest: Manifest, engine: Engine): void {
  if (manifest?.format !== FORMAT || typeof manifest.formatVersion !== 'number')
    throw new BackupFailure('Tệp này không phải bản sao lưu của ứng dụng (thiếu manifest.json hợp lệ).');
  const safePath = (p: string) =>
    /^uploads(?:\/[^/\\]+)+$/.test(p) && !p.split('/').some((seg) => seg === '.' || seg === '..');
  const described = (e: unknown) =>
    Boolean(e) && typeof (e as FileEntry).sha256 === 'string' && typeof (e as FileEntry).size === 'number';
  // The manifest decides where files are written: a path leaving UPLOAD_DIR is refused, not written.
  if (
    typeof manifest.migrations?.applied !== 'number' ||
    !manifest.tables ||
    typeof manifest.tables !== 'object' ||
    !manifest.files ||
    typeof manifest.files !== 'object' ||
    !Object.entries(manifest.files).every(([p, e]) => safePath(p) && described(e)) ||
    !Object.values(DUMP_FILE).includes(manifest.database?.file) ||
    !described(manifest.database)
  )
    throw new BackupFailure('manifest.json của bản sao lưu không hợp lệ: không khôi phục gì.');
  if (manifest.formatVersion > FORMAT_VERSION)
    throw new BackupFailure(`Bản sao lưu dùng định dạng ${manifest.formatVersion}, mới hơn phiên bản ứng dụng này.`);
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  if (manifest.migrations.applied > journal.entries.length)
    throw new BackupFailure(
      `Bản sao lưu có ${manifest.migrations.applied} bước chuyển đổi dữ liệu, ứng dụng này chỉ biết ` +
        `${journal.entries.length}: hãy cập nhật ứng dụng (bản sao lưu từ phiên bản ${manifest.app?.version ?? '?'}) trước.`,
    );
  if (manifest.engine !== engine)
    throw new BackupFailure(
      `Bản sao lưu là của ${ENGINE_NAME[manifest.engine]}, cấu hình hiện tại dùng ${ENGINE_NAME[engine]}: ` +
        'không khôi phục chéo giữa hai loại.',
    );
}

/** Every byte of the archive against the manifest, before anything in the installation is touched. */
async function verifyExtracted(manifest: Manifest, dir: string): Promise<void> {
  const expected: Record<string, { size: number; sha256: string }> = {
    ...manifest.files,
    [manifest.database.file]: manifest.database,
  };
  const present = new Set(uploadFiles(path.join(dir, 'uploads')).map((r) => path.posix.join('uploads', r)));
  const bad: string[] = [...present].filter((p) => !(p in expected)).map((p) => `${p} (không có trong manifest)`);
  for (const [rel, want] of Object.entries(expected)) {
    const file = path.join(dir, ...rel.split('/'));
    if (!fs.existsSync(file)) bad.push(`${rel} (thiếu)`);
    else if ((await fileEntry(file)).sha256 !== want.sha256) bad.push(rel);
  }
  if (bad.length)
    throw new BackupFailure(
      `Tệp sao lưu bị hỏng: ${bad.length} tệp không khớp tổng kiểm tra SHA-256 (${bad.slice(0, 3).join(', ')}` +
        `${bad.length > 3 ? ', …' : ''}); không khôi phục gì.`,
    );
}

async function serverTables(databaseUrl: string, clear: boolean): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`,
    );
    if (clear && rows[0].n > 0)
      await client.query('drop schema if exists drizzle cascade; drop schema public cascade; create schema public');
    return rows[0].n;
  } finally {
    await client.end();
  }
}

const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const config: Config = loadConfig(process.env, { serves: false });
const engine: Engine = config.databaseUrl ? 'postgresql' : 'pglite';
const pgliteDir = path.join(config.dataDir, 'pglite');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-restore-'));
let lock: DataDirLock | null = null;
try {
  if (positionals.length !== 1) throw new BackupFailure('Cách dùng: npm run restore -- TỆP_SAO_LƯU [--force]');
  const archive = path.resolve(positionals[0]);
  const manifest = await extract(archive, work);
  checkManifest(manifest, engine);
  await verifyExtracted(manifest, work);

  // The embedded database is locked first: a running app must not see its data directory replaced.
  if (!config.databaseUrl) lock = lockDataDir(pgliteDir);
  const hasData = config.databaseUrl
    ? (await serverTables(config.databaseUrl, false)) > 0
    : fs.existsSync(pgliteDir) && fs.readdirSync(pgliteDir).length > 0;
  const hasFiles = uploadFiles(config.uploadDir).length > 0;
  if ((hasData || hasFiles) && !values.force)
    throw new BackupFailure(
      `Nơi khôi phục chưa trống (${[
        hasData && 'cơ sở dữ liệu đã có dữ liệu',
        hasFiles && `${config.uploadDir} đã có tệp`,
      ]
        .filter(Boolean)
        .join(', ')}): chỉ khôi phục vào bản cài đặt trống, hoặc thêm --force để xóa và ghi đè.`,
    );
  if (hasFiles)
    for (const entry of fs.readdirSync(config.uploadDir))
      if (entry !== '.tmp') fs.rmSync(path.join(config.uploadDir, entry), { recursive: true, force: true });

  const dump = path.join(work, ...manifest.database.file.split('/'));
  if (config.databaseUrl) {
    await serverTables(config.databaseUrl, values.force);
    const env = libpqEnvironment(config.databaseUrl);
    await runTool(
      process.env.PG_RESTORE_PATH || 'pg_restore',
      ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${env.PGDATABASE}`, dump],
      env,
    );
  } else fs.rmSync(pgliteDir, { recursive: true, force: true });

  for (const rel of Object.keys(manifest.files)) {
    const target = path.join(config.uploadDir, ...rel.split('/').slice(1));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(work, ...rel.split('/')), target);
  }

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : pgliteDir,
    loadDataDir: config.databaseUrl ? undefined : new Blob([fs.readFileSync(dump)]),
    dataDirLock: lock ?? undefined,
  });
  let counts: Record<string, number>;
  try {
    counts = await tableCounts(database.db);
  } finally {
    await database.close();
  }
  const wrongTables = [...new Set([...Object.keys(counts), ...Object.keys(manifest.tables)])].filter(
    (t) => counts[t] !== manifest.tables[t],
  );
  const wrongFiles: string[] = [];
  for (const [rel, want] of Object.entries(manifest.files)) {
    const got = await fileEntry(path.join(config.uploadDir, ...rel.split('/').slice(1)));
    if (got.sha256 !== want.sha256) wrongFiles.push(rel);
  }
  if (wrongTables.length || wrongFiles.length)
    throw new BackupFailure(
      `Kiểm tra sau khi khôi phục không khớp: ${wrongTables.length} bảng sai số dòng ` +
        `(${wrongTables.slice(0, 3).join(', ')}), ${wrongFiles.length} tệp sai tổng kiểm tra.`,
    );
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `Đã khôi phục bản sao lưu ngày ${manifest.createdAt} (ứng dụng ${manifest.app.version}) vào ` +
      `${ENGINE_NAME[engine]} và ${config.uploadDir}.`,
  );
  console.log(
    `Đã kiểm tra: ${Object.keys(counts).length} bảng khớp số dòng (${rows} dòng), ` +
      `${Object.keys(manifest.files).length} tệp khớp SHA-256.`,
  );
} catch (err) {
  const known = err instanceof BackupFailure || err instanceof DataDirLocked;
  console.error(`Không khôi phục được: ${known ? err.message : `lỗi bất ngờ: ${(err as Error).message}`}`);
  process.exitCode = 1;
} finally {
  lock?.release();
  fs.rmSync(work, { recursive: true, force: true });
}
