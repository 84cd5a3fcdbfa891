import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { migrationsDir } from '../paths.js';
import type { Database } from './client.js';
import { ADVISORY_LOCKS, installLockFunctions } from './locks.js';

/** Runs `fn` while holding the server-wide start-up lock (the embedded database has one process). */
export async function withStartupLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  // Several app instances may start at once against one server: one prepares, the others wait.
  if (database.driver === 'pglite') return fn();
  const lockClient = await (database.client as pg.Pool).connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [ADVISORY_LOCKS.startup.id]);
    return await fn();
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [ADVISORY_LOCKS.startup.id]).catch(() => undefined);
    lockClient.release();
  }
}

export async function runMigrations(database: Database, migrationsFolder = migrationsDir): Promise<void> {
  // First: the migrations' functions take advisory locks through these.
  await installLockFunctions(database.db);
  if (database.driver === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
  await migratePg(database.db as never, { migrationsFolder });
}
