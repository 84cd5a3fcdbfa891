import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { bootstrapDatabase } from '../../src/bootstrap.js';

/**
 * Every test database starts from one migrated template holding the reference data:
 * a PGlite dump in memory, or a template database on the server named by TEST_DATABASE_URL.
 */
export const serverUrl = process.env.TEST_DATABASE_URL || null;
export const engine = serverUrl ? 'postgresql' : 'pglite';

const runId = `dvk_t_${process.pid}_${randomBytes(3).toString('hex')}`;
let pgliteTemplate: Blob | null = null;
let templateReady: Promise<void> | null = null;
const created: string[] = [];
let counter = 0;

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createEmptyServerDatabase(): Promise<string> {
  const name = `${runId}_${++counter}`;
  await admin((c) => c.query(`create database "${name}"`));
  created.push(name);
  return name;
}

async function buildTemplate(): Promise<void> {
  if (serverUrl) {
    const name = `${runId}_template`;
    await admin((c) => c.query(`create database "${name}"`));
    created.push(name);
    const db = await openDatabase({ databaseUrl: databaseUrl(name), poolSize: 2 });
    try {
      await bootstrapDatabase(db);
    } finally {
      await db.close();
    }
  } else {
    const db = await openDatabase({});
    await bootstrapDatabase(db);
    pgliteTemplate = await (db.client as import('@electric-sql/pglite').PGlite).dumpDataDir('none');
    await db.close();
  }
}

/** A new database with migrations and reference data, isolated from every other test. */
export async function freshDatabase(): Promise<Database> {
  templateReady ??= buildTemplate();
  await templateReady;
  if (serverUrl) {
    const name = `${runId}_${++counter}`;
    await admin((c) => c.query(`create database "${name}" template "${runId}_template"`));
    created.push(name);
    return openDatabase({ databaseUrl: databaseUrl(name), poolSize: 4 });
  }
  return openDatabase({ loadDataDir: pgliteTemplate! });
}

/** Removes every database this run created on the server. */
export async function dropCreatedDatabases(): Promise<void> {
  if (!serverUrl || created.length === 0) return;
  await admin(async (c) => {
    for (const name of created.reverse()) await c.query(`drop database if exists "${name}" with (force)`);
  });
}
