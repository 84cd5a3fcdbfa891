import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { boot, type Running } from '../../src/boot.js';
import { loadConfig } from '../../src/config/config.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';

const READS = ['/api/v1/models?limit=5', '/mo-hinh', '/api/v1/stats?by=province', '/tinh/19'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Connections are ended by the server itself (pg_terminate_backend), as in a restart or failover:
// the embedded database has no connections to end, so this runs on PostgreSQL only.
describe('the database goes away and comes back (PostgreSQL)', function () {
  let running: Running;
  let name: string;
  let admin: pg.Client;
  let dir: string;

  before(async function () {
    if (!serverUrl) this.skip(); // the embedded database has no server connections to end
    name = await createEmptyServerDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-outage-'));
    const config = loadConfig({
      DATABASE_URL: databaseUrl(name),
      PUBLIC_BASE_URL: 'http://127.0.0.1',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DATA_DIR: path.join(dir, 'data'),
      UPLOAD_DIR: path.join(dir, 'uploads'),
      DB_LOCK_TIMEOUT_MS: '500',
      DB_STATEMENT_TIMEOUT_MS: '3000',
    });
    running = await boot(config, pino({ level: 'silent' }));
    admin = new pg.Client({ connectionString: databaseUrl(name) });
    await admin.connect();
  });

  after(async () => {
    await admin?.end();
    await running?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (p: string) => fetch(running.url + p, { headers: { 'cache-control': 'no-cache' } });

  async function endAppConnections(): Promise<number> {
    const r = await admin.query(
      `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()) t`,
    );
    return r.rows[0].n;
  }

  it('answers 200 or 503 (never 500) while its connections are ended, and recovers by itself', async () => {
    const statuses = new Map<number, number>();
    let ended = 0;
    let stop = false;
    const killer = (async () => {
      while (!stop) {
        ended += await endAppConnections();
        await sleep(100);
      }
    })();
    const started = Date.now();
    while (Date.now() - started < 4000) {
      const answers = await Promise.all(READS.flatMap((p) => [get(p), get(p)]));
      for (const a of answers) {
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        if (a.status === 503) {
          expect(a.headers.get('retry-after')).to.match(/^\d+$/);
          expect(await a.text()).to.contain('Vui lòng thử lại');
        } else await a.arrayBuffer();
      }
    }
    stop = true;
    await killer;
    expect(ended, 'connections ended by the server').to.be.greaterThan(0);
    expect(
      [...statuses.keys()].every((s) => s === 200 || s === 503),
      JSON.stringify([...statuses]),
    ).to.equal(true);

    // Back without a restart: within a few seconds every page answers 200 again.
    const deadline = Date.now() + 5000;
    let last: number[] = [];
    while (Date.now() < deadline) {
      last = await Promise.all(READS.map(async (p) => (await get(p)).status));
      if (last.every((s) => s === 200)) break;
      await sleep(200);
    }
    expect(last).to.deep.equal(READS.map(() => 200));
  });

  it('answers a stalled database with a 503 within seconds (lock timeout), then 200 again', async () => {
    const locker = new pg.Client({ connectionString: databaseUrl(name) });
    await locker.connect();
    try {
      await locker.query('begin');
      // A list reads the models table; a lock held on it stalls the request as a busy server would.
      await locker.query('lock table models in access exclusive mode');
      const t0 = Date.now();
      const stalled = await get('/api/v1/models?limit=5');
      expect(stalled.status).to.equal(503);
      expect(stalled.headers.get('retry-after')).to.match(/^\d+$/);
      const body = await stalled.json();
      expect(body.error.message).to.contain('cơ sở dữ liệu');
      expect(JSON.stringify(body)).to.not.match(/select|models|lock/i);
      expect(Date.now() - t0).to.be.lessThan(5000);
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
    expect((await get('/api/v1/models?limit=5')).status).to.equal(200);
  });
});
