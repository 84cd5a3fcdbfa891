import 'dotenv/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tar from 'tar';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PGlite } from '@electric-sql/pglite';
import { loadConfig, type Config } from '../src/config/config.js';
import { openDatabase, queryRows, type Executor } from '../src/db/client.js';
import { DataDirLocked, lockDataDir } from '../src/db/data-dir-lock.js';
import { sql } from 'drizzle-orm';
import {
  BackupFailure,
  DUMP_FILE,
  FORMAT,
  FORMAT_VERSION,
  appInfo,
  fileEntry,
  libpqEnvironment,
  runTool,
  migrationLevel,
  tableCounts,
  uploadFiles,
  type Manifest,
} from './backup-archive.js';

type DatabasePart = Pick<Manifest, 'engine' | 'serverVersion' | 'migrations' | 'tables'>;

async function describe(db: Executor): Promise<Omit<DatabasePart, 'engine'>> {
  const [v] = await queryRows<{ version: string }>(db, sql`select version() as version`);
  return { serverVersion: v.version, migrations: await migrationLevel(db), tables: await tableCounts(db) };
}

/** The embedded database is dumped while this process holds its lock: the app must be stopped. */
async function dumpEmbedded(config: Config, target: string): Promise<DatabasePart> {
  const dataDir = path.join(config.dataDir, 'pglite');
  const lock = lockDataDir(dataDir);
  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION')))
      throw new BackupFailure(`Không có cơ sở dữ liệu nhúng trong ${config.dataDir}: không có gì để sao lưu.`);
    const database = await openDatabase({ dataDir, dataDirLock: lock });
    try {
      const part = await describe(database.db);
      const dump = await (database.client as PGlite).dumpDataDir('none');
      fs.writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
      return { engine: 'pglite', ...part };
    } finally {
      await database.close();
    }
  } finally {
    lock.release();
  }
}

/** pg_dump and the row counts read one snapshot, so the manifest describes exactly the dump. */
async function dumpServer(databaseUrl: string, target: string): Promise<DatabasePart> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const part = await describe(drizzle({ client }) as unknown as Executor);
    await runTool(
      process.env.PG_DUMP_PATH || 'pg_dump',
      ['--format=custom', `--snapshot=${rows[0].id}`, `--file=${target}`],
      libpqEnvironment(databaseUrl),
    );
    await client.query('commit');
    return { engine: 'postgresql', ...part };
  } finally {
    await client.end();
  }
}

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = loadConfig(process.env, { serves: false });
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const out = path.resolve(values.out ?? path.join('backups', `dvk-backup-${stamp}.tar.gz`));
const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-backup-'));
try {
  if (fs.existsSync(out)) throw new BackupFailure(`Tệp ${out} đã có: chọn tên khác (--out).`);
  const engine = config.databaseUrl ? 'postgresql' : 'pglite';
  const dumpFile = DUMP_FILE[engine];
  fs.mkdirSync(path.join(staging, 'database'));
  const dumpPath = path.join(staging, dumpFile);
  const part = config.databaseUrl
    ? await dumpServer(config.databaseUrl, dumpPath)
    : await dumpEmbedded(config, dumpPath);
  // Files after the database: a file uploaded meanwhile is only an orphan, which files:check reports.
  fs.symlinkSync(config.uploadDir, path.join(staging, 'uploads'));
  const files: Manifest['files'] = {};
  for (const rel of uploadFiles(config.uploadDir))
    files[path.posix.join('uploads', ...rel.split(path.sep))] = await fileEntry(path.join(config.uploadDir, rel));
  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    app: appInfo(),
    ...part,
    database: { file: dumpFile, ...(await fileEntry(dumpPath)) },
    files,
  };
  fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Under another name until complete: an interrupted backup never looks like a finished one.
  const partial = `${out}.partial`;
  await tar.c({ gzip: true, file: partial, cwd: staging, follow: true, portable: true }, [
    'manifest.json',
    dumpFile,
    ...Object.keys(files),
  ]);
  fs.renameSync(partial, out);
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  const bytes = Object.values(files).reduce((a, f) => a + f.size, 0);
  console.log(
    `Đã sao lưu ${engine === 'pglite' ? 'cơ sở dữ liệu nhúng' : 'PostgreSQL'}: ` +
      `${Object.keys(manifest.tables).length} bảng, ${rows} dòng, ${Object.keys(files).length} tệp (${bytes} byte).`,
  );
  console.log(`Tệp sao lưu: ${out}`);
  // The archive holds UPLOAD_DIR only: objects in a bucket are kept by the object store (versioning, replication).
  if (config.files.kind === 's3')
    console.log(
      `Lưu ý: FILE_STORE=s3, tệp minh chứng nằm trong bucket ${config.files.bucket} và không có trong bản sao lưu này; hãy bật versioning hoặc sao chép bucket ở nhà cung cấp.`,
    );
} catch (err) {
  // Our own failures are written for the operator; anything else is shown by its message only (no stack).
  const known = err instanceof BackupFailure || err instanceof DataDirLocked;
  console.error(`Không sao lưu được: ${known ? err.message : `lỗi bất ngờ: ${(err as Error).message}`}`);
  process.exitCode = 1;
  fs.rmSync(`${out}.partial`, { force: true });
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
