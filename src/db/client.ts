import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'pg';
  /** Human description for start-up logs, without credentials. */
  description: string;
  /** The underlying client, for libraries that need it (session store). */
  client: PGlite | pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | null;
  /** Embedded data directory; omitted means in memory. */
  dataDir?: string;
  /** A dump to start an embedded database from (tests). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    // Loaded only for a server: the embedded start-up does not pay for the pg driver.
    const { default: pg } = await import('pg');
    const { drizzle: drizzlePg } = await import('drizzle-orm/node-postgres');
    // bigint comes back as a string from pg; keep int8 counts as JS numbers, as on PGlite.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    await pool.query('select 1');
    const url = new URL(options.databaseUrl);
    return {
      db: drizzlePg({ client: pool, schema }) as unknown as Db,
      driver: 'pg',
      description: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
      client: pool,
      close: () => pool.end(),
    };
  }
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    driver: 'pglite',
    description: options.dataDir ? `PGlite (embedded) in ${options.dataDir}` : 'PGlite (embedded, in memory)',
    client,
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/** Rows of a raw query, the same shape on both drivers. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
