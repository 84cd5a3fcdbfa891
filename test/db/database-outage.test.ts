import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import type express from 'express';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';
import { boot, type Running } from '../../src/boot.js';
import { loadConfig } from '../../src/config/config.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';
import { csrfFrom, signInPeople, type People } from '../helpers/people.js';

const READS = ['/api/v1/models?limit=5', '/mo-hinh', '/api/v1/stats?by=province', '/tinh/19'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TITLE = 'Mô hình ghi giữa lúc mất kết nối';
const ENTRY = {
  type: 'collective',
  fieldCode: 'van-hoa-xa-hoi',
  startedYear: '2024',
  summary: 'Tóm tắt.',
  situation: 'Thực trạng.',
  goals: 'Mục tiêu.',
  beneficiaries: 'Đối tượng.',
  activities: 'Cách làm.',
  leadBodies: 'Chi bộ.',
  results: 'Kết quả.',
  sustainability: 'Duy trì.',
  holderName: 'Chi hội phụ nữ',
  checkedSimilar: '1',
  intent: 'submit',
};

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
    running = await boot(config, pino({ level: process.env.DEBUG_OUTAGE ?? 'silent' }));
    admin = new pg.Client({ connectionString: databaseUrl(name) });
    await admin.connect();
  });

  after(async () => {
    await admin?.end();
    await running?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (p: string) => fetch(running.url + p, { headers: { 'cache-control': 'no-cache' } });

  /** Ends the app's connections every 100 ms until the returned function is called. */
  function keepEndingConnections(): () => Promise<number> {
    let ended = 0;
    let stop = false;
    const killer = (async () => {
      while (!stop) {
        ended += await endAppConnections();
        await sleep(100);
      }
    })();
    return async () => {
      stop = true;
      await killer;
      return ended;
    };
  }

  async function endAppConnections(): Promise<number> {
    const r = await admin.query(
      `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()) t`,
    );
    return r.rows[0].n;
  }

  it('answers 200 or 503 (never 500) while its connections are ended, and recovers by itself', async () => {
    const statuses = new Map<number, number>();
    const stopEnding = keepEndingConnections();
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
    const ended = await stopEnding();
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

  it('leaves every write whole or absent: registrations and approvals made while connections are ended', async function () {
    this.timeout(120_000);
    // The test's own connections are ended too: a lost one is simply replaced.
    const database: Database = await openDatabase({
      databaseUrl: databaseUrl(name),
      poolSize: 2,
      onConnectionError: () => undefined,
    });
    try {
      const people: People = await signInPeople(database, running.server as unknown as express.Express);
      const cadre = people.agents.cadre;
      const reviewer = people.agents.reviewer;
      const answers: { title: string; status: number }[] = [];
      const approvals: { id: number; status: number }[] = [];
      const created: number[] = [];
      const stopEnding = keepEndingConnections();
      const started = Date.now();
      for (let i = 0; Date.now() - started < 5000; i++) {
        const title = `${TITLE} ${i}`;
        const form = await cadre.get('/quan-ly/mo-hinh/moi');
        if (form.status !== 200) {
          expect(form.status).to.equal(503);
          continue;
        }
        const sent = await cadre
          .post('/quan-ly/mo-hinh')
          .type('form')
          .send({ _csrf: csrfFrom(form.text), ...ENTRY, title });
        expect([303, 503], `registering: ${sent.status}`).to.include(sent.status);
        answers.push({ title, status: sent.status });
        const id = Number(/\/quan-ly\/mo-hinh\/(\d+)/.exec(sent.headers.location ?? '')?.[1]);
        if (id) created.push(id);
        // The reviewer approves the entry registered before this one.
        const target = created.length > 1 ? created[created.length - 2] : 0;
        if (!target) continue;
        const page = await reviewer.get(`/quan-ly/mo-hinh/${target}`);
        const version = /name="version" value="(\d+)"/.exec(page.text)?.[1];
        if (page.status !== 200 || !version) {
          expect([200, 503]).to.include(page.status);
          continue;
        }
        const approved = await reviewer
          .post(`/quan-ly/mo-hinh/${target}/thao-tac`)
          .type('form')
          .send({
            _csrf: csrfFrom(page.text),
            action: 'approve',
            version,
            year: '2025',
            level: 'province',
            grade: 'tot',
          });
        // 403: the page's form token was not kept, its session write having met an ended connection
        // (the person is asked to reload the form).
        expect([303, 403, 503], `approving: ${approved.status}`).to.include(approved.status);
        approvals.push({ id: target, status: approved.status });
      }
      expect(await stopEnding()).to.be.greaterThan(0);
      expect(answers.filter((a) => a.status === 303).length, 'registrations that went through').to.be.greaterThan(0);

      const rows = await queryRows<{
        id: number;
        title: string;
        status: string;
        submits: number;
        approves: number;
        recognitions: number;
      }>(
        database.db,
        sql`select m.id, m.title, m.status,
              (select count(*)::int from status_history h where h.model_id = m.id and h.action = 'submit') as submits,
              (select count(*)::int from status_history h where h.model_id = m.id and h.action = 'approve') as approves,
              (select count(*)::int from recognitions r where r.model_id = m.id) as recognitions
            from models m where m.title like ${TITLE + ' %'}`,
      );
      const byTitle = new Map(rows.map((r) => [r.title, r]));
      // Every 303 is on record; a 503 may have committed (its answer lost) or not, never in part.
      for (const a of answers.filter((x) => x.status === 303)) expect(byTitle.has(a.title), a.title).to.equal(true);
      for (const r of rows) {
        expect(r.submits, `model ${r.id}: one submission`).to.equal(1);
        if (r.status === 'approved') {
          expect([r.approves, r.recognitions], `model ${r.id}: approval and recognition`).to.deep.equal([1, 1]);
        } else {
          expect(r.status, `model ${r.id}`).to.equal('submitted');
          expect([r.approves, r.recognitions], `model ${r.id}: no approval`).to.deep.equal([0, 0]);
        }
      }
      for (const a of approvals.filter((x) => x.status === 303))
        expect(rows.find((r) => r.id === a.id)?.status, `approved ${a.id}`).to.equal('approved');
      // The maintained count of approved models agrees with the rows.
      const [count] = await queryRows<{ stored: number; actual: number }>(
        database.db,
        sql`select (select coalesce(sum(count), 0)::int from search_counts where query_id = 0 and kind = 'total') as stored,
                   (select count(*)::int from models where status = 'approved') as actual`,
      );
      expect(count.stored).to.equal(count.actual);
    } finally {
      await database.close();
    }
  });
});
