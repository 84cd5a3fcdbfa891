/**
 * Browse and search throughput on PostgreSQL at growing sizes: `npm run bench -- --sizes 10000,100000`.
 * For each size the database grows (seedBulk, the code behind `npm run seed:bulk`), the real app
 * starts in-process, and autocannon (in a worker thread) loads the browse list, a text search and,
 * as the ceiling, a bare node:http server sending the very bytes of the list response.
 * Repeated anonymous requests are answered by the public response cache (src/web/page-cache.ts);
 * the list and the search are also measured with `cache-control: no-cache`, which makes the app
 * render every request (`*_uncached`). The statistics page (/thong-ke, several filter sets) is timed
 * one request at a time, each rendered afresh (`stats_p95_ms`).
 * Progress goes to stderr; the last line on stdout is one JSON object.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { boot } from '../src/boot.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase, queryRows, type Database } from '../src/db/client.js';
import { bootstrapDatabase } from '../src/bootstrap.js';
import { seedBulk } from '../src/demo/bulk.js';
import { facetCounts } from '../src/listing/counts.js';
import { tsQueryText } from '../src/listing/filters.js';
import { benchDatabase, modelCount, serverVersion } from './lib/database.js';
import { load, percentile, type LoadResult } from './lib/load.js';

// The browse page; the API list with the same parameters is measured too (and stands in for the
// page should GET /mo-hinh?… not answer 200).
const PAGE_PATH = '/mo-hinh';
const API_LIST_PATH = '/api/v1/models';
// Thái Nguyên, economy, "hiến đất" typed without diacritics (a title and a summary of src/demo/bulk.ts).
const LIST_FILTERS = { province: '19', field: 'kinh-te', q: 'hien dat' };
// A text query alone: "an ninh" (security), in titles and summaries of src/demo/bulk.ts.
const SEARCH_Q = 'an ninh';
// The statistics page under several filter combinations (province Thái Nguyên, economy, collective,
// the main movement, year ranges), each rendered afresh.
const STATS_PATHS = [
  '/thong-ke',
  '/thong-ke?province=19',
  '/thong-ke?field=kinh-te&type=collective',
  '/thong-ke?movement=dan-van-kheo&yearFrom=2019&yearTo=2022',
  '/thong-ke?province=01&field=kinh-te&yearFrom=2020',
];
// A search nobody has made yet (its counts are not stored): "tu quan" (self-management), timed once.
const COLD_Q = 'tu quan';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
  },
});
const sizes = values.sizes!.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000_000)) {
  console.error('--sizes: comma-separated model counts between 1 and 10000000, e.g. 10000,100000');
  process.exit(2);
}
sizes.sort((a, b) => a - b);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const r2 = (x: number) => Math.round(x * 100) / 100;

interface SizeResult {
  models: number;
  list_path: string;
  list_matches: number;
  search_matches: number;
  cold_matches: number;
  list: LoadResult;
  /** The API list with the same filters (the same as `list` until the page exists). */
  api_list: LoadResult;
  search: LoadResult;
  /** The same two, rendered for every request (the response cache passed). */
  list_uncached: LoadResult;
  search_uncached: LoadResult;
  baseline: LoadResult;
  facets: { calls: number; p50_ms: number; p95_ms: number };
  /** The first request of a search whose counts are not stored yet. */
  search_cold_ms: number;
  /** The statistics page, one request at a time, every one rendered (`cache-control: no-cache`). */
  stats: { requests: number; p50_ms: number; p95_ms: number };
}

async function matches(db: Database, f: { province?: string; field?: string; q: string }): Promise<number> {
  const where = [sql`status = 'approved'`, sql`search_vector @@ to_tsquery('simple', ${tsQueryText(f.q)})`];
  if (f.province) where.push(sql`province_code = ${f.province}`);
  if (f.field) where.push(sql`field_code = ${f.field}`);
  const [row] = await queryRows<{ n: number }>(
    db.db,
    sql`select count(*)::int as n from models where ${sql.join(where, sql` and `)}`,
  );
  return Number(row.n);
}

/** A bare node:http server answering every request with the given bytes. */
async function baselineServer(body: Buffer, contentType: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** facetCounts called back to back for `seconds` (after a few warm-up calls). */
async function timeFacets(db: Database, seconds: number) {
  const f = { ...LIST_FILTERS };
  for (let i = 0; i < 5; i++) await facetCounts(db.db, f);
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    await facetCounts(db.db, f);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { calls: times.length, p50_ms: r2(percentile(times, 50)), p95_ms: r2(percentile(times, 95)) };
}

/** The statistics pages requested one after another for `seconds`, past the response cache. */
async function timeStats(base: string, seconds: number) {
  const get = async (p: string) => {
    const res = await fetch(base + p, { headers: { 'cache-control': 'no-cache' } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
  };
  for (const p of STATS_PATHS) await get(p);
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const t = performance.now();
    await get(STATS_PATHS[i % STATS_PATHS.length]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { requests: times.length, p50_ms: r2(percentile(times, 50)), p95_ms: r2(percentile(times, 95)) };
}

async function measure(url: string, db: Database, models: number): Promise<SizeResult> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    DATABASE_URL: url,
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    DATA_DIR: path.join(os.tmpdir(), 'dvk-bench-unused'),
    UPLOAD_DIR: path.join(os.tmpdir(), 'dvk-bench-uploads'),
  });
  const app = await boot(config);
  try {
    const qs = new URLSearchParams(LIST_FILTERS).toString();
    const page = await fetch(`${app.url}${PAGE_PATH}?${qs}`);
    const listPath = page.status === 200 ? `${PAGE_PATH}?${qs}` : `${API_LIST_PATH}?${qs}`;
    await page.arrayBuffer();
    const listUrl = `${app.url}${listPath}`;
    const first = await fetch(listUrl);
    if (first.status !== 200) throw new Error(`${listPath} answered ${first.status}`);
    const body = Buffer.from(await first.arrayBuffer());
    const baseline = await baselineServer(body, first.headers.get('content-type') ?? 'application/octet-stream');
    try {
      const [listMatches, searchMatches, coldMatches] = [
        await matches(db, LIST_FILTERS),
        await matches(db, { q: SEARCH_Q }),
        await matches(db, { q: COLD_Q }),
      ];
      log(
        `  ${models} models: list ${listPath} (${listMatches} matches, ${body.length} bytes); search q=${SEARCH_Q} (${searchMatches} matches)`,
      );
      // Each search is stored and counted on its first use: do that before timing (the cold cost is timed apart).
      const searchUrl = `${app.url}${API_LIST_PATH}?${new URLSearchParams({ q: SEARCH_Q })}`;
      await (await fetch(searchUrl)).arrayBuffer();
      const opts = { connections, duration, warmup };
      // The list goes last: requests still running when a load stops would slow the next one down.
      const search = await load({ url: searchUrl, ...opts });
      log(
        `    search    ${search.rps} req/s  p50 ${search.p50_ms} ms  p95 ${search.p95_ms} ms  errors ${search.errors + search.non2xx}`,
      );
      const apiUrl = `${app.url}${API_LIST_PATH}?${qs}`;
      const apiList = listUrl === apiUrl ? null : await load({ url: apiUrl, ...opts });
      if (apiList)
        log(
          `    api list  ${apiList.rps} req/s  p50 ${apiList.p50_ms} ms  p95 ${apiList.p95_ms} ms  errors ${apiList.errors + apiList.non2xx}`,
        );
      // Every request rendered: what a new search or a first visit costs (the response cache passed).
      const uncached = { ...opts, headers: { 'cache-control': 'no-cache' } };
      const searchUncached = await load({ url: searchUrl, ...uncached });
      log(
        `    search    ${searchUncached.rps} req/s  p50 ${searchUncached.p50_ms} ms  p95 ${searchUncached.p95_ms} ms  errors ${searchUncached.errors + searchUncached.non2xx} (uncached)`,
      );
      const listUncached = await load({ url: listUrl, ...uncached });
      log(
        `    list      ${listUncached.rps} req/s  p50 ${listUncached.p50_ms} ms  p95 ${listUncached.p95_ms} ms  errors ${listUncached.errors + listUncached.non2xx} (uncached)`,
      );
      const base = await load({ url: baseline.url, ...opts });
      log(`    baseline  ${base.rps} req/s  p50 ${base.p50_ms} ms  p95 ${base.p95_ms} ms`);
      const facets = await timeFacets(db, Math.max(2, duration / 2));
      log(`    facets    ${facets.calls} calls  p50 ${facets.p50_ms} ms  p95 ${facets.p95_ms} ms`);
      await db.db.execute(sql`delete from search_queries where key = ${tsQueryText(COLD_Q)}`);
      const started = performance.now();
      const cold = await fetch(`${app.url}${API_LIST_PATH}?${new URLSearchParams({ q: COLD_Q })}`);
      await cold.arrayBuffer();
      const searchCold = r2(performance.now() - started);
      log(`    cold      q=${COLD_Q} (${coldMatches} matches): first request ${searchCold} ms`);
      const stats = await timeStats(app.url, Math.max(2, duration));
      log(
        `    stats     ${stats.requests} requests  p50 ${stats.p50_ms} ms  p95 ${stats.p95_ms} ms (uncached, one at a time)`,
      );
      const list = await load({ url: listUrl, ...opts });
      log(
        `    list      ${list.rps} req/s  p50 ${list.p50_ms} ms  p95 ${list.p95_ms} ms  errors ${list.errors + list.non2xx}`,
      );
      return {
        models,
        list_path: listPath,
        list_matches: listMatches,
        search_matches: searchMatches,
        cold_matches: coldMatches,
        list,
        api_list: apiList ?? list,
        search,
        list_uncached: listUncached,
        search_uncached: searchUncached,
        baseline: base,
        facets,
        search_cold_ms: searchCold,
        stats,
      };
    } finally {
      await baseline.close();
    }
  } finally {
    log('    (waiting for the requests still running)');
    await app.close();
  }
}

const target = await benchDatabase();
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  log('interrupted: finishing the current step, then dropping the database');
});
try {
  const db = await openDatabase({ databaseUrl: target.url, poolSize: 4 });
  try {
    await bootstrapDatabase(db);
    const pgVersion = await serverVersion(db);
    log(
      `PostgreSQL ${pgVersion}, sizes ${sizes.join(', ')}, ${connections} connections, ${warmup} s warm-up + ${duration} s each`,
    );
    const results: SizeResult[] = [];
    for (const size of sizes) {
      if (interrupted) break;
      const have = await modelCount(db);
      if (have < size) {
        log(`growing ${have} → ${size} models…`);
        const { seconds } = await seedBulk(db.db, size - have, (done) => log(`  +${done}`));
        log(`  ${size - have} models added in ${seconds.toFixed(1)} s`);
      } else if (have > size) {
        log(`the database already holds ${have} models (more than ${size}); measuring at ${have}`);
      }
      if (interrupted) break;
      results.push(await measure(target.url, db, await modelCount(db)));
    }
    if (results.length === 0) throw new Error('nothing measured');
    const first = results[0];
    const last = results[results.length - 1];
    const cpus = os.cpus();
    console.log(
      JSON.stringify({
        list_rps: last.list.rps,
        baseline_rps: last.baseline.rps,
        list_vs_baseline: r2(last.list.rps / last.baseline.rps),
        p50_ms_by_size: Object.fromEntries(results.map((r) => [r.models, r.list.p50_ms])),
        growth: r2(last.list.p50_ms / first.list.p50_ms),
        search_p95_ms: last.search.p95_ms,
        facets_p95_ms: last.facets.p95_ms,
        stats_p95_ms: last.stats.p95_ms,
        stats_p95_ms_by_size: Object.fromEntries(results.map((r) => [r.models, r.stats.p95_ms])),
        stats_paths: STATS_PATHS,
        sizes: results.map((r) => r.models),
        list_path: last.list_path,
        search_path: `${API_LIST_PATH}?q=${encodeURIComponent(SEARCH_Q)}`,
        api_list_rps: last.api_list.rps,
        api_list_vs_baseline: r2(last.api_list.rps / last.baseline.rps),
        api_list_p50_ms_by_size: Object.fromEntries(results.map((r) => [r.models, r.api_list.p50_ms])),
        api_list_growth: r2(last.api_list.p50_ms / first.api_list.p50_ms),
        search_p95_ms_by_size: Object.fromEntries(results.map((r) => [r.models, r.search.p95_ms])),
        list_uncached_rps: last.list_uncached.rps,
        list_uncached_vs_baseline: r2(last.list_uncached.rps / last.baseline.rps),
        list_uncached_p50_ms_by_size: Object.fromEntries(results.map((r) => [r.models, r.list_uncached.p50_ms])),
        list_uncached_growth: r2(last.list_uncached.p50_ms / first.list_uncached.p50_ms),
        search_uncached_p95_ms: last.search_uncached.p95_ms,
        search_uncached_p95_ms_by_size: Object.fromEntries(results.map((r) => [r.models, r.search_uncached.p95_ms])),
        search_cold_ms: last.search_cold_ms,
        matches_by_size: Object.fromEntries(
          results.map((r) => [
            r.models,
            {
              list: r.list_matches,
              search: r.search_matches,
              cold_search: r.cold_matches,
            },
          ]),
        ),
        by_size: Object.fromEntries(
          results.map((r) => [
            r.models,
            {
              list: r.list,
              api_list: r.api_list,
              search: r.search,
              list_uncached: r.list_uncached,
              search_uncached: r.search_uncached,
              baseline: r.baseline,
              facets: r.facets,
              search_cold_ms: r.search_cold_ms,
              stats: r.stats,
            },
          ]),
        ),
        connections,
        duration_s: duration,
        warmup_s: warmup,
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
    await db.close();
  }
} finally {
  await target.dispose();
}
