/**
 * Exports of 100,000 approved models on PostgreSQL through the real routes: `npm run bench:export`
 * (`-- --models 100000`). The server runs as a child process (`node --max-old-space-size=256 --import tsx
 * src/server.ts`, as `npm start` limits the heap), its RSS sampled from /proc every 50 ms; the client
 * reads each file as a stream and keeps only its size. For scale, the same rows are read with
 * `COPY (select … order by …) TO STDOUT WITH (FORMAT csv, HEADER)` through `pg` in the same run.
 * Progress goes to stderr; the last line on stdout is one JSON object.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.js';
import { bootstrapDatabase } from '../src/bootstrap.js';
import { seedBulk } from '../src/demo/bulk.js';
import { projectRoot } from '../src/paths.js';
import { benchDatabase, serverVersion } from './lib/database.js';

const { values } = parseArgs({ options: { models: { type: 'string', default: '100000' } } });
const wanted = Number(values.models);
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const r2 = (x: number) => Math.round(x * 100) / 100;
const MB = 1024 * 1024;

/** The rows the public export reads, in its order (newest first), as COPY sends them. */
const COPY_SELECT = `select m.id, m.slug, m.title, m.type, m.field_code, m.province_code, m.former_province_code,
  m.commune_code, m.former_commune_code, m.recognised_year, m.started_year, m.summary, m.holder_name,
  m.holder_role, m.publish_consent, m.published_at, m.is_demo
  from models m where m.status = 'approved' order by m.published_at desc, m.id desc`;

/** `COPY … TO STDOUT` as a pg submittable: counts the bytes the server sends, keeps none of them. */
function copyOut(client: pg.Client, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let failed: Error | null = null;
    const submittable = {
      submit: (connection: { query: (t: string) => void }) => connection.query(text),
      handleCopyData: (msg: { chunk: Buffer }) => {
        bytes += msg.chunk.length;
      },
      handleCommandComplete: () => {},
      handleError: (err: Error) => {
        failed = err;
      },
      handleReadyForQuery: () => (failed ? reject(failed) : resolve(bytes)),
    };
    client.query(submittable as never);
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value };
}

/** Reads a download to its end, keeping its size and its number of lines. */
async function download(url: string): Promise<{ bytes: number; lines: number }> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  return { bytes, lines };
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

const target = await benchDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-bench-export-'));
try {
  const db = await openDatabase({ databaseUrl: target.url, poolSize: 2 });
  let pgVersion: string;
  let approved: number;
  try {
    await bootstrapDatabase(db);
    pgVersion = await serverVersion(db);
    const count = async () =>
      Number(
        (await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from models where status = 'approved'`))[0]
          .n,
      );
    const have = await count();
    if (have < wanted) {
      log(`adding ${wanted - have} models…`);
      const { seconds } = await seedBulk(db.db, wanted - have, (done) => log(`  +${done}`));
      log(`  added in ${seconds.toFixed(1)} s`);
    }
    approved = await count();
  } finally {
    await db.close();
  }

  const port = 4100 + Math.floor(Math.random() * 500);
  const server = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: target.url,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      UPLOAD_DIR: path.join(dataDir, 'uploads'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      EXPORTS_PER_HOUR: '1000',
      DB_STATEMENT_TIMEOUT_MS: '600000',
    },
  });
  const site = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
      try {
        if ((await fetch(`${site}/readyz`)).ok) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Warm-up: the export code paths and exceljs loaded, a small selection each way.
    await download(`${site}/mo-hinh.csv?province=19`);
    await download(`${site}/mo-hinh.xlsx?province=19`);
    await new Promise((r) => setTimeout(r, 500));
    const baseline = rssOf(server.pid!);
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(server.pid!));
    }, 50);

    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const copyText = `COPY (${COPY_SELECT}) TO STDOUT WITH (FORMAT csv, HEADER)`;
    await copyOut(client, copyText); // the same pages in the server's cache for both
    log(`CSV of ${approved} models through /mo-hinh.csv…`);
    const csv = await timed(() => download(`${site}/mo-hinh.csv`));
    const csvPeak = peak;
    log(`  ${csv.seconds.toFixed(2)} s, ${(csv.value.bytes / MB).toFixed(1)} MB, ${csv.value.lines - 1} rows`);
    const copy = await timed(() => copyOut(client, copyText));
    log(`COPY TO STDOUT: ${copy.seconds.toFixed(2)} s, ${(copy.value / MB).toFixed(1)} MB`);
    await client.end();
    log('XLSX through /mo-hinh.xlsx…');
    const xlsx = await timed(() => download(`${site}/mo-hinh.xlsx`));
    log(`  ${xlsx.seconds.toFixed(2)} s, ${(xlsx.value.bytes / MB).toFixed(1)} MB`);
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(server.pid!));
    if (csv.value.lines - 1 !== approved) throw new Error(`the CSV has ${csv.value.lines - 1} rows, not ${approved}`);

    const cpus = os.cpus();
    console.log(
      JSON.stringify({
        rows: approved,
        csv_s: r2(csv.seconds),
        copy_s: r2(copy.seconds),
        csv_vs_copy: r2(copy.seconds / csv.seconds),
        xlsx_s: r2(xlsx.seconds),
        rss_growth_mb: r2((peak - baseline) / MB),
        rss_baseline_mb: r2(baseline / MB),
        rss_growth_csv_mb: r2((csvPeak - baseline) / MB),
        rss_peak_mb: r2(peak / MB),
        rss_measured: 'server child process, /proc VmRSS every 50 ms, from after a warm-up to the end of the XLSX',
        csv_mb: r2(csv.value.bytes / MB),
        copy_mb: r2(copy.value / MB),
        xlsx_mb: r2(xlsx.value.bytes / MB),
        machine: {
          cpus: cpus.length,
          model: cpus[0]?.model ?? 'unknown',
          memory_gib: r2(os.totalmem() / 2 ** 30),
          platform: `${os.platform()} ${os.release()}`,
        },
        node: process.version,
        postgres: pgVersion,
      }),
    );
  } finally {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGINT');
    });
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await target.dispose();
}
