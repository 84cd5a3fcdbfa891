/**
 * Mixed load: `npm run bench:load` (options: --models 100000 --connections 64 --duration 60).
 * The built app runs in its own process against a PostgreSQL database grown to --models with the
 * bulk seeder. autocannon sends, on every connection, a repeating sequence of browse pages, text
 * searches, model pages, statistics and a sign-in (login page, then the form posted with its token),
 * each connection from its own client address through a trusted proxy hop. Meanwhile a province
 * reviewer approves one submitted entry every second through the real route.
 * Progress goes to stderr; the last line on stdout is one JSON object.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.js';
import { bootstrapDatabase } from '../src/bootstrap.js';
import { seedBulk } from '../src/demo/bulk.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/accounts.js';
import { projectRoot } from '../src/paths.js';
import { benchDatabase, modelCount, serverVersion } from './lib/database.js';
import { freePort, peakRssMb, signIn, waitFor, type Client } from './lib/client.js';
import { mixedLoad, type MixedPlan } from './lib/mixed.js';

/** The `--…` options of package.json's start script, which runs the server in the node process it starts. */
function startScriptNodeArgs(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts.start.match(/(?<=^node )(--\S+ )+/)?.[0] ?? '').trim();
}

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '60' },
    // Node options for the app's process; by default those `npm start` gives it (its heap limit).
    'node-args': { type: 'string', default: startScriptNodeArgs() },
    // glibc's malloc arenas for the app (the README's service unit sets 2); 0 leaves glibc's default.
    'arena-max': { type: 'string', default: '2' },
  },
});
const models = Number(values.models);
const connections = Number(values.connections);
const duration = Number(values.duration);
if (![models, connections, duration].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('--models, --connections and --duration take positive whole numbers');
  process.exit(2);
}
const nodeArgs = values['node-args']!.split(' ').filter(Boolean);
const arenaMax = Number(values['arena-max']);
const log = (msg: string) => process.stderr.write(`${msg}\n`);

// Thái Nguyên (19): the demo cadre registers there and the demo province admin vets it.
const CADRE = 'xa.demo';
const REVIEWER = 'tinh.demo';
const SEARCHES = ['hien dat', 'an ninh', 'thoat ngheo', 'Dân vận khéo', 'rác thải', 'khuyen hoc', 'chuyển đổi số'];
const FIELDS = ['kinh-te', 'van-hoa-xa-hoi', 'quoc-phong-an-ninh', 'xay-dung-dang'];
const STAT_DIMENSIONS = ['province', 'field', 'year', 'type', 'movement'];

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
  holderName: 'Chi hội phụ nữ thôn',
  checkedSimilar: '1',
  intent: 'submit',
};

/** Registers and submits `count` entries as the cadre; returns their ids. */
async function fillQueue(cadre: Client, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const form = await cadre.get('/quan-ly/mo-hinh/moi');
    const sent = await cadre.post('/quan-ly/mo-hinh', {
      _csrf: form.token,
      ...ENTRY,
      title: `Mô hình chờ duyệt trong đo tải số ${i + 1}`,
    });
    const id = Number(/\/quan-ly\/mo-hinh\/(\d+)/.exec(sent.location)?.[1]);
    if (!id) throw new Error(`registering entry ${i + 1} answered ${sent.status}`);
    ids.push(id);
  }
  return ids;
}

/** Approves one entry as a reviewer would: open it, then send the approval with its version. */
async function approve(reviewer: Client, id: number): Promise<boolean> {
  const page = await reviewer.get(`/quan-ly/mo-hinh/${id}`);
  const version = /name="version" value="(\d+)"/.exec(page.text)?.[1];
  if (page.status !== 200 || !version) return false;
  const sent = await reviewer.post(`/quan-ly/mo-hinh/${id}/thao-tac`, {
    _csrf: page.token,
    action: 'approve',
    version,
    year: String(new Date().getFullYear()),
    level: 'province',
    grade: 'tot',
    comment: '',
  });
  return sent.status === 303;
}

async function main() {
  execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'dvk-bench-load-'));
  const target = await benchDatabase();
  const children: ChildProcess[] = [];
  try {
    const db = await openDatabase({ databaseUrl: target.url, poolSize: 4 });
    let slugs: string[];
    let pgVersion: string;
    try {
      await bootstrapDatabase(db, { seedDemo: true });
      pgVersion = await serverVersion(db);
      const have = await modelCount(db);
      if (have < models) {
        log(`growing ${have} → ${models} models…`);
        const { seconds } = await seedBulk(db.db, models - have, (done) => log(`  +${done}`));
        log(`  added in ${seconds.toFixed(1)} s`);
      }
      await db.db.execute(sql`analyze`);
      const rows = await queryRows<{ slug: string }>(
        db.db,
        sql`select slug from models where status = 'approved' order by random() limit 2000`,
      );
      slugs = rows.map((r) => r.slug);
    } finally {
      await db.close();
    }

    const port = await freePort();
    const app = spawn(process.execPath, [...nodeArgs, path.join(projectRoot, 'dist', 'src', 'server.js')], {
      env: {
        ...process.env,
        DATABASE_URL: target.url,
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        SEED_DEMO: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        // Each connection stands for a client behind one reverse proxy, as in production.
        TRUST_PROXY: '1',
        UPLOAD_DIR: path.join(work, 'uploads'),
        ...(arenaMax > 0 ? { MALLOC_ARENA_MAX: String(arenaMax) } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(app);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/readyz`, app);

    const cadre = await signIn(base, CADRE, DEMO_PASSWORD, '10.200.0.1');
    const reviewer = await signIn(base, REVIEWER, DEMO_PASSWORD, '10.200.0.2');
    const queue = await fillQueue(cadre, duration + 15);
    log(`${models} models, ${queue.length} entries waiting for review; ${connections} connections for ${duration} s`);

    const plan: MixedPlan = {
      base,
      connections,
      duration,
      slugs,
      searches: SEARCHES,
      fields: FIELDS,
      provinces: ['19', '42', '01', '79', '48', '31'],
      statDimensions: STAT_DIMENSIONS,
      // Many people sign in at once, not one account 64 times over (its own limit would refuse that).
      logins: DEMO_ACCOUNTS.map((a) => ({ username: a.username, password: DEMO_PASSWORD })),
    };
    let approvals = 0;
    let approvalErrors = 0;
    let stopApprovals = false;
    const approving = (async () => {
      let next = performance.now();
      while (!stopApprovals && queue.length) {
        next += 1000;
        const ok = await approve(reviewer, queue.shift()!).catch(() => false);
        if (ok) approvals++;
        else approvalErrors++;
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
      }
    })();
    const result = await mixedLoad(plan);
    stopApprovals = true;
    await approving;
    const peak = peakRssMb(app.pid!);
    log(
      `  ${result.requests} requests (${result.rps} req/s), errors ${result.errors}, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms; approvals ${approvals} (${approvalErrors} failed); peak RSS ${peak} MB`,
    );
    for (const [kind, k] of Object.entries(result.by_kind))
      log(`    ${kind.padEnd(8)} ${k.requests} requests  p99 ${k.p99_ms} ms  errors ${k.errors}`);
    const cpus = os.cpus();
    console.log(
      JSON.stringify({
        models,
        connections,
        duration_s: duration,
        app_node_args: nodeArgs.join(' '),
        app_malloc_arena_max: arenaMax || null,
        approvals,
        approval_errors: approvalErrors,
        by_kind: result.by_kind,
        rps: result.rps,
        machine: { cpus: cpus.length, model: cpus[0]?.model ?? 'unknown', node: process.version, postgres: pgVersion },
        requests: result.requests,
        errors: result.errors + approvalErrors,
        p99_ms: result.p99_ms,
        peak_rss_mb: peak,
      }),
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await target.dispose().catch(() => undefined);
    await fsp.rm(work, { recursive: true, force: true });
    if (fs.existsSync(work)) log(`could not remove ${work}`);
  }
}

await main();
