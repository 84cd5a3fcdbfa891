/**
 * The benchmark's PostgreSQL database: BENCH_DATABASE_URL as given (kept), or a throw-away
 * database created on the local server and dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  /** Drops the database if this run created it. */
  dispose(): Promise<void>;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const admin = await openDatabase({ databaseUrl: LOCAL_SERVER, poolSize: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

export async function benchDatabase(): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, dispose: async () => {} };
  const name = `dvk_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await onServer((admin) => admin.db.execute(sql.raw(`create database "${name}"`)));
  let disposed = false;
  return {
    url: withDatabase(LOCAL_SERVER, name),
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await onServer((admin) => admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`)));
    },
  };
}

export async function serverVersion(db: Database): Promise<string> {
  const [row] = await queryRows<{ v: string }>(db.db, sql`select current_setting('server_version') as v`);
  return row.v;
}

export async function modelCount(db: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from models`);
  return Number(row.n);
}
