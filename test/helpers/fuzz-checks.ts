// What the fuzz test asserts of every request it sends, and how it runs a property reproducibly.
import { expect } from 'chai';
import fc from 'fast-check';
import type request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { filesUnder, type FileWorld } from './disk.js';
import { UNESCAPED_MARKERS } from './hostile.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261202;
const SCALE = process.env.FUZZ_SCALE ? Number(process.env.FUZZ_SCALE) : 1;

/** The tables a request could add rows to or remove rows from (sessions and search statistics aside). */
const TABLES = [
  'models',
  'model_movements',
  'model_indicators',
  'recognitions',
  'commendations',
  'replications',
  'evidence_files',
  'status_history',
  'notifications',
  'users',
  'password_tokens',
  'movements',
];

/** One fast-check property, `runs` times FUZZ_SCALE, seeded by FUZZ_SEED; a failure names the seed. */
export async function fuzzRun<T>(name: string, arb: fc.Arbitrary<T>, runs: number, send: (v: T) => Promise<void>) {
  try {
    await fc.assert(fc.asyncProperty(arb, send), { numRuns: Math.ceil(runs * SCALE), seed: SEED, endOnFailure: true });
  } catch (err) {
    // fast-check keeps the failing check's own error as the cause.
    const cause = (err as Error).cause;
    const why = cause instanceof Error ? `\n${cause.message}` : cause === undefined ? '' : `\n${String(cause)}`;
    throw new Error(`${name}: fuzz failed; rerun with FUZZ_SEED=${SEED}\n${(err as Error).message}${why}`);
  }
}

export class FuzzChecks {
  sent = 0;
  /** Answers by status, per family of requests (FUZZ_VERBOSE prints them). */
  readonly statuses: Record<string, Record<number, number>> = {};
  constructor(private readonly w: FileWorld) {}

  private async snapshot() {
    const [counts] = await queryRows<Record<string, number>>(
      this.w.database.db,
      sql`select ${sql.join(
        TABLES.map((t) => sql`(select count(*)::int from ${sql.identifier(t)}) as ${sql.identifier(t)}`),
        sql`, `,
      )}`,
    );
    const files = filesUnder(this.w.uploadDir);
    return {
      counts,
      stored: files.filter((f) => !f.startsWith('.tmp')).length,
      temporary: files.filter((f) => f.startsWith('.tmp')),
    };
  }

  /**
   * Sends one request and checks its answer and what it left behind: no 5xx; rows and stored files
   * unchanged unless it succeeded; no temporary file; no payload echoed unescaped; no redirect off the site.
   */
  async checked(family: string, label: string, send: () => Promise<request.Response>): Promise<void> {
    const before = await this.snapshot();
    const res = await send();
    this.sent++;
    const byStatus = (this.statuses[family] ??= {});
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    const after = await this.snapshot();
    const body = res.text ?? '';
    const page = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
    const why = `${family}: ${label} → ${res.status}: ${page.slice(0, 300)}`;
    expect(res.status, why).to.be.below(500);
    if (res.status >= 400) {
      expect(after.counts, `rows changed by a refused request: ${why}`).to.deep.equal(before.counts);
      expect(after.stored, `files changed by a refused request: ${why}`).to.equal(before.stored);
    }
    expect(after.temporary, `temporary files left: ${why}`).to.deep.equal([]);
    for (const marker of UNESCAPED_MARKERS) expect(body, `unescaped ${marker} in ${why}`).not.to.include(marker);
    const location = res.headers.location as string | undefined;
    if (location) expect(location, `redirect elsewhere: ${why}`).to.match(/^\/(?![/\\])/);
  }
}
