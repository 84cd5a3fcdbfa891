import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.js';

/** The number triggers raise with every write the public catalogue shows (see src/db/maintained.ts). */
export async function readCatalogueVersion(db: Executor): Promise<number> {
  const rows = await queryRows<{ version: number | string }>(
    db,
    sql`select version from catalogue_version where id = 1`,
  );
  if (rows.length === 0) throw new Error('catalogue_version has no row');
  return Number(rows[0].version);
}

/**
 * The catalogue version, read so that every caller gets a value read after it asked: a read
 * already under way may predate a write the caller has seen committed, so callers arriving during
 * one share the next read. Under load that is one tiny query per round trip, not one per request,
 * and it stays exact across instances sharing the database.
 */
export class CatalogueVersion {
  private running: Promise<number> | null = null;
  private following: Promise<number> | null = null;

  constructor(private readonly read: () => Promise<number>) {}

  current(): Promise<number> {
    if (!this.running) return this.start();
    this.following ??= this.running.then(settle, settle).then(() => {
      this.following = null;
      return this.start();
    });
    return this.following;
  }

  private start(): Promise<number> {
    const read = this.read();
    this.running = read;
    const clear = () => {
      if (this.running === read) this.running = null;
    };
    read.then(clear, clear);
    return read;
  }
}

const settle = () => undefined;
