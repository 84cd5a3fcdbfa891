/**
 * Upload benchmark: one 200 MB video through the real route (login, CSRF token, multipart, checks,
 * storage, row), against a bare node:http server that streams the same request body to disk, in
 * the same run. The app runs in its own process so that its resident memory can be watched.
 * The last line printed is one JSON object.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchDatabase } from './lib/database.js';
import { freePort, rssMb, tokenIn, waitFor } from './lib/client.js';
import { projectRoot } from '../src/paths.js';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '200' } } });
const MB = 1024 * 1024;
const uploadMb = Number(values.mb);
const BOUNDARY = 'dvk-bench-boundary';

/** An MP4 of exactly `bytes`: a real ftyp box, then media data the checks do not read. */
async function makeVideo(file: string, bytes: number): Promise<void> {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 24]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomavc1', 'latin1'),
  ]);
  const mdatHead = Buffer.alloc(8);
  mdatHead.writeUInt32BE(bytes - ftyp.length, 0);
  mdatHead.write('mdat', 4, 'latin1');
  const out = fs.createWriteStream(file);
  out.write(ftyp);
  out.write(mdatHead);
  const chunk = Buffer.alloc(MB, 0x5a);
  let left = bytes - ftyp.length - mdatHead.length;
  while (left > 0) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= part.length;
    if (!out.write(part)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
}

const partHead = (name: string) =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="visibility"\r\n\r\npublic\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
const partTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** Sends the multipart request, streaming the file from disk; resolves with status, headers and seconds. */
function send(
  port: number,
  pathname: string,
  file: string,
  size: number,
  cookie = '',
): Promise<{ status: number; location?: string; seconds: number }> {
  const head = partHead('phong-su.mp4');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        headers: {
          'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
          'Content-Length': head.length + size + partTail.length,
          Cookie: cookie,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
          }),
        );
      },
    );
    req.on('error', reject);
    req.write(head);
    const body = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    body.on('end', () => req.end(partTail));
    body.pipe(req, { end: false });
  });
}

async function request(port: number, method: string, pathname: string, cookie: string, form?: Record<string, string>) {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    redirect: 'manual',
    body,
    headers: { Cookie: cookie, ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
  });
  const setCookie = res.headers.get('set-cookie');
  return {
    status: res.status,
    location: res.headers.get('location') ?? '',
    text: await res.text(),
    cookie: setCookie ? setCookie.split(';')[0] : cookie,
  };
}
/** Samples a process's resident memory until stopped; returns the peak. */
function watchRss(pid: number) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      /* exited */
    }
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}

/** The bare ceiling: a node:http server that writes the request body to a file and answers. */
const BASELINE = `
const http = require('node:http'); const fs = require('node:fs'); const path = require('node:path');
let n = 0;
http.createServer((req, res) => {
  const out = fs.createWriteStream(path.join(process.argv[1], 'baseline-' + (n++)));
  req.pipe(out);
  out.on('finish', () => { res.writeHead(303, { Location: '/' }); res.end(); });
}).listen(Number(process.argv[2]), '127.0.0.1', () => process.send('ready'));`;

async function main() {
  execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'dvk-bench-upload-'));
  const video = path.join(work, 'video.mp4');
  const size = uploadMb * MB - 1024;
  await makeVideo(video, size);
  const db = await benchDatabase();
  const children: ChildProcess[] = [];
  try {
    const port = await freePort();
    const app = spawn(process.execPath, [path.join(projectRoot, 'dist', 'src', 'server.js')], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        SEED_DEMO: 'true',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        UPLOAD_DIR: path.join(work, 'uploads'),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(app);
    await waitFor(`http://127.0.0.1:${port}/api/v1/fields`, app);

    // Sign in as the demo commune cadre and register a draft to attach to.
    let page = await request(port, 'GET', '/login', '');
    page = await request(port, 'POST', '/login', page.cookie, {
      _csrf: tokenIn(page.text),
      username: 'xa.demo',
      password: 'demo12345',
      next: '/dashboard',
    });
    if (page.status !== 303) throw new Error(`login failed: ${page.status}`);
    const cookie = page.cookie;
    const form = await request(port, 'GET', '/quan-ly/mo-hinh/moi', cookie);
    const created = await request(port, 'POST', '/quan-ly/mo-hinh', cookie, {
      _csrf: tokenIn(form.text),
      type: 'collective',
      title: 'Mô hình đo tải video lớn',
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
      holderName: 'Chi hội',
      checkedSimilar: '1',
      intent: 'draft',
    });
    const id = /\/quan-ly\/mo-hinh\/(\d+)/.exec(created.location)?.[1];
    if (!id) throw new Error(`could not register the model: ${created.status}`);
    const filesPage = await request(port, 'GET', `/quan-ly/mo-hinh/${id}/tep`, cookie);
    const action = /action="(\/quan-ly\/mo-hinh\/\d+\/tep\?_csrf=[^"]+)"/
      .exec(filesPage.text)?.[1]
      ?.replace(/&amp;/g, '&');
    if (!action) throw new Error('no upload form');

    // Warm-up: a small upload loads the checking code, so the measurement is the big file only.
    const small = path.join(work, 'small.mp4');
    await makeVideo(small, MB);
    const warm = await send(port, action, small, MB, cookie);
    if (warm.status !== 303) throw new Error(`warm-up upload refused: ${warm.status}`);

    const baselinePort = await freePort();
    const baseline = spawn(process.execPath, ['-e', BASELINE, work, String(baselinePort)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(baseline);
    await new Promise((r) => baseline.once('message', r));
    await send(baselinePort, '/', small, MB);

    const rssBefore = rssMb(app.pid!);
    const watch = watchRss(app.pid!);
    const appRun = await send(port, action, video, size, cookie);
    const rssPeak = watch.stop();
    if (appRun.status !== 303) throw new Error(`the app refused the upload: ${appRun.status}`);
    const baseBefore = rssMb(baseline.pid!);
    const baseWatch = watchRss(baseline.pid!);
    const baseRun = await send(baselinePort, '/', video, size);
    const basePeak = baseWatch.stop();

    const uploadMbExact = size / MB;
    const result = {
      upload_mb: Number(uploadMbExact.toFixed(1)),
      app_seconds: Number(appRun.seconds.toFixed(2)),
      baseline_seconds: Number(baseRun.seconds.toFixed(2)),
      app_mb_per_s: Number((uploadMbExact / appRun.seconds).toFixed(1)),
      baseline_mb_per_s: Number((uploadMbExact / baseRun.seconds).toFixed(1)),
      throughput_vs_baseline: Number((baseRun.seconds / appRun.seconds).toFixed(2)),
      rss_before_mb: Number(rssBefore.toFixed(1)),
      rss_peak_mb: Number(rssPeak.toFixed(1)),
      rss_growth_mb: Number((rssPeak - rssBefore).toFixed(1)),
      // For scale: the bare server's growth is garbage-collection lag on the same stream of chunks.
      baseline_rss_growth_mb: Number((basePeak - baseBefore).toFixed(1)),
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? '',
    };
    console.log(JSON.stringify(result));
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db.dispose().catch(() => undefined);
    await fsp.rm(work, { recursive: true, force: true });
  }
}

await main();
