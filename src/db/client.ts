import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import * as schema from './schema.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

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
  /** A dump to start an embedded database from (tests, restore). */
  loadDataDir?: Blob;
  /** The data directory's lock, when the caller already holds it (restore); otherwise it is taken here. */
  dataDirLock?: DataDirLock;
  poolSize?: number;
  /** Longest a statement may run, and may wait for a lock (ms); unset: no limit (migrations, scripts). */
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  /** Told of errors on idle pooled connections (a server restart ends them); they never end the process. */
  onConnectionError?: (err: Error) => void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    // Loaded only for a server: the embedded start-up does not pay for the pg driver.
    const { default: pg } = await import('pg');
    const { drizzle: drizzlePg } = await import('drizzle-orm/node-postgres');
    // bigint comes back as a string from pg; keep int8 counts as JS numbers, as on PGlite.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A database that does not answer gives a 503 within seconds, not a request that hangs.
      connectionTimeoutMillis: 5000,
      statement_timeout: options.statementTimeoutMs,
      lock_timeout: options.lockTimeoutMs,
    });
    // Without a listener, an idle connection ended by the server would crash the process.
    pool.on('error', (err) => options.onConnectionError?.(err));
    // The pool listens only while a connection is idle: one ended while checked out between two
    // statements (inside a transaction) would crash the process too. Its next statement fails instead.
    pool.on('connect', (client) => client.on('error', (err) => options.onConnectionError?.(err)));
    await pool.query('select 1');
    const url = new URL(options.databaseUrl);
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    // One drizzle handle per pooled connection, made once: transactions run on it (see openTransaction).
    const onClient = new WeakMap<pg.PoolClient, Db>();
    transactionSources.set(db, {
      connect: async () => {
        const client = await pool.connect();
        let handle = onClient.get(client);
        if (!handle) onClient.set(client, (handle = drizzlePg({ client, schema }) as unknown as Db));
        return { db: handle, release: () => client.release() };
      },
    });
    return {
      db,
      driver: 'pg',
      description: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
      client: pool,
      close: () => pool.end(),
    };
  }
  // Before anything touches the directory: a second process must leave it exactly as it found it.
  const ownLock = options.dataDir && !options.dataDirLock ? lockDataDir(options.dataDir) : null;
  let client: PGlite;
  try {
    if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
    client = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm },
    });
    await limitEmbeddedStatements(client, options);
  } catch (err) {
    ownLock?.release();
    throw err;
  }
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    driver: 'pglite',
    description: options.dataDir ? `PGlite (embedded) in ${options.dataDir}` : 'PGlite (embedded, in memory)',
    client,
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        ownLock?.release();
      }
    },
  };
}

/** The embedded database has one connection: its limits are settings of that session. */
async function limitEmbeddedStatements(
  client: PGlite,
  limits: Pick<OpenOptions, 'statementTimeoutMs' | 'lockTimeoutMs'>,
) {
  const settings = [
    ['statement_timeout', limits.statementTimeoutMs],
    ['lock_timeout', limits.lockTimeoutMs],
  ] as const;
  for (const [name, ms] of settings) {
    if (ms !== undefined) await client.query('select set_config($1, $2, false)', [name, `${ms}ms`]);
  }
}

/**
 * Puts the statement and lock limits on an open database: on the embedded one as session settings; a
 * server's pool takes them only when it is opened, so it is opened again with them.
 */
export async function withStatementLimits(
  database: Database,
  options: OpenOptions & Required<Pick<OpenOptions, 'statementTimeoutMs' | 'lockTimeoutMs'>>,
): Promise<Database> {
  if (database.driver === 'pglite') {
    await limitEmbeddedStatements(database.client as PGlite, options);
    return database;
  }
  await database.close();
  return openDatabase(options);
}

interface TransactionSource {
  connect(): Promise<{ db: Db; release(): void }>;
}
const transactionSources = new WeakMap<Db, TransactionSource>();

/**
 * Runs a transaction. On a server the connection is checked out here and always given back: drizzle's
 * own pool transaction never releases its connection when BEGIN fails (the server ended it), so each
 * such failure would lose one connection of the pool for good. A connection that broke is dropped.
 */
export async function openTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const source = transactionSources.get(db);
  if (!source) return db.transaction(work);
  const connection = await source.connect();
  try {
    return await connection.db.transaction(work);
  } finally {
    connection.release();
  }
}

/** Rows of a raw query, the same shape on both drivers. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
