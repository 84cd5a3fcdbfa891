import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { migrationsDir } from '../paths.js';
import type { Database } from './client.js';

// Several app instances may start at once against one server: one prepares, the others wait.
const STARTUP_LOCK = 724_901;

/** Runs `fn` while holding the server-wide start-up lock (the embedded database has one process). */
export async function withStartupLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.driver === 'pglite') return fn();
  const lockClient = await (database.client as pg.Pool).connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await fn();
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    lockClient.release();
  }
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.driver === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: migrationsDir });
    return;
  }
  const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
  await migratePg(database.db as never, { migrationsFolder: migrationsDir });
}
