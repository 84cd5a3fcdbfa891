// What `npm run backup` writes and `npm run restore` reads: one .tar.gz holding manifest.json, the
// database dump under database/ and the evidence files under uploads/.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../src/db/client.js';
import { projectRoot } from '../src/paths.js';

export const FORMAT = 'dvk-backup';
export const FORMAT_VERSION = 1;
export type Engine = 'pglite' | 'postgresql';
/** The dump's name inside the archive, by engine: the two cannot be restored into each other. */
export const DUMP_FILE: Record<Engine, string> = {
  pglite: 'database/pglite-datadir.tar',
  postgresql: 'database/postgresql.pgdump',
};

export interface FileEntry {
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  app: { name: string; version: string };
  engine: Engine;
  serverVersion: string;
  migrations: { applied: number; lastAppliedAt: number | null };
  /** Rows per table, "schema.table". */
  tables: Record<string, number>;
  database: { file: string } & FileEntry;
  /** Every evidence file, by its path inside the archive ("uploads/…"). */
  files: Record<string, FileEntry>;
}

export function appInfo(): Manifest['app'] {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return { name: pkg.name, version: pkg.version };
}

export async function fileEntry(file: string): Promise<FileEntry> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Every regular file under UPLOAD_DIR, relative to it; uploads in progress (.tmp) are not evidence. */
export function uploadFiles(uploadDir: string): string[] {
  if (!fs.existsSync(uploadDir)) return [];
  return fs
    .readdirSync(uploadDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(uploadDir, path.join(e.parentPath, e.name)))
    .filter((rel) => rel.split(path.sep)[0] !== '.tmp')
    .sort();
}

export async function tableCounts(db: Executor): Promise<Record<string, number>> {
  const tables = await queryRows<{ schema: string; name: string }>(
    db,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(t.schema)}.${sql.identifier(t.name)}`,
    );
    counts[`${t.schema}.${t.name}`] = row.n;
  }
  return counts;
}

export async function migrationLevel(db: Executor): Promise<Manifest['migrations']> {
  const [table] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  // A database the app never started on has no migrations yet; it is still backed up as it is.
  if (!table.present) return { applied: 0, lastAppliedAt: null };
  const [row] = await queryRows<{ applied: number; last: string | number | null }>(
    db,
    sql`select count(*)::int as applied, max(created_at) as last from drizzle.__drizzle_migrations`,
  );
  return { applied: row.applied, lastAppliedAt: row.last === null ? null : Number(row.last) };
}

/**
 * The libpq environment for a DATABASE_URL: pg_dump and pg_restore get the password this way, never
 * on their command line (which every user of the machine can read).
 */
export function libpqEnvironment(databaseUrl: string): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  const set = (name: string, value: string | null | undefined) => {
    if (value) env[name] = value;
    else delete env[name];
  };
  set('PGHOST', decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1'));
  set('PGPORT', url.port);
  set('PGUSER', decodeURIComponent(url.username));
  set('PGPASSWORD', decodeURIComponent(url.password));
  set('PGDATABASE', decodeURIComponent(url.pathname.replace(/^\//, '')));
  set('PGSSLMODE', url.searchParams.get('sslmode'));
  return env;
}

/** Runs pg_dump or pg_restore; only its last error line is shown. */
export function runTool(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (err) => reject(new BackupFailure(`Không chạy được ${program}: ${err.message}`)));
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupFailure(`${program} thất bại (mã ${code}): ${stderr.trim().split('\n').pop() ?? ''}`)),
    );
  });
}

/** A one-line failure for the operator; the scripts print it and exit non-zero. */
export class BackupFailure extends Error {}
