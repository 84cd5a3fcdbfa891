import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/paths.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';
import { filesUnder } from '../helpers/disk.js';
import * as sample from '../helpers/sample-files.js';

interface Started {
  child: ChildProcess;
  url: string;
}

/** The real server, started the way `npm start` does; resolves once it says it is ready. */
function start(env: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: projectRoot,
      env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Dân vận khéo: (http:\/\/localhost:\d+)[\s\S]*Sẵn sàng/.exec(out);
      if (m) resolve({ child, url: m[1] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function stop(s: Started, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill(signal);
  });
}

/** A cookie jar of one: the session cookie the server sets. */
class Browser {
  private cookie = '';
  constructor(readonly base: string) {}
  async get(p: string): Promise<string> {
    const res = await fetch(this.base + p, { headers: { cookie: this.cookie }, redirect: 'manual' });
    this.keep(res);
    return res.text();
  }
  async post(p: string, form: Record<string, string>): Promise<number> {
    const res = await fetch(this.base + p, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      redirect: 'manual',
    });
    this.keep(res);
    return res.status;
  }
  get cookieHeader() {
    return this.cookie;
  }
  private keep(res: Response) {
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
  }
}

async function signIn(url: string): Promise<Browser> {
  const b = new Browser(url);
  const _csrf = /name="_csrf" value="([^"]+)"/.exec(await b.get('/login'))![1];
  expect(await b.post('/login', { _csrf, username: 'xa.demo', password: 'demo12345' })).to.equal(303);
  return b;
}

/** A fresh draft registered through the form, and its upload form's action (the CSRF token rides in it). */
async function newDraft(b: Browser, title: string): Promise<{ id: number; action: string }> {
  const _csrf = /name="_csrf" value="([^"]+)"/.exec(await b.get('/quan-ly/mo-hinh/moi'))![1];
  const res = await fetch(b.base + '/quan-ly/mo-hinh', {
    method: 'POST',
    headers: { cookie: b.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    // Titles like demo entries are asked about once; the user has looked.
    body: new URLSearchParams({ ...DRAFT, title, checkedSimilar: '1', _csrf }),
    redirect: 'manual',
  });
  expect(res.status, await res.text()).to.equal(303);
  const id = Number(/\/quan-ly\/mo-hinh\/(\d+)$/.exec(res.headers.get('location')!)![1]);
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(
    await b.get(`/quan-ly/mo-hinh/${id}/tep`),
  )![1];
  return { id, action: action.replace(/&amp;/g, '&') };
}

const DRAFT = {
  type: 'collective',
  fieldCode: 'kinh-te',
  startedYear: '2024',
  movementCodes: 'dan-van-kheo',
  summary: 'Nhân dân góp công làm 2 km đường bê tông.',
  situation: 'Đường đất lầy lội mùa mưa.',
  goals: 'Bê tông hóa đường thôn.',
  beneficiaries: '120 hộ của thôn.',
  activities: 'Họp dân, góp công, góp vật liệu.',
  leadBodies: 'Chi bộ thôn Đồng Tâm',
  partnerBodies: '',
  resourcesMoneyMillion: '200',
  resourcesWorkDays: '600',
  resourcesNonState: '',
  results: '2 km đường bê tông.',
  sustainability: 'Tổ tự quản duy tu.',
  holderName: 'Nhân dân thôn Đồng Tâm',
  holderRole: 'Tập thể',
  contactName: 'Trưởng thôn',
  contactPhone: '0900 123 456',
  contactEmail: '',
};

const run = promisify(execFile);
/** files:check as a separate process on the same folders, as an operator would run it. */
const filesCheck = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/files-check.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  }).then((r) => r.stdout);

describe('an upload cut off by kill -9 of the server', function () {
  this.timeout(240000);
  let dataDir: string;
  let uploadDir: string;
  let env: Record<string, string>;
  let server: Started | undefined;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-upload-kill-'));
    uploadDir = path.join(dataDir, 'uploads');
    env = serverUrl
      ? {
          DATABASE_URL: databaseUrl(await createEmptyServerDatabase()),
          PUBLIC_BASE_URL: 'http://127.0.0.1',
          SEED_DEMO: 'true',
          UPLOAD_DIR: uploadDir,
        }
      : { DATA_DIR: dataDir, UPLOAD_DIR: uploadDir };
  });
  after(async () => {
    if (server) await stop(server, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no row and no stored file; files:check lists the temporary file and --fix removes it', async () => {
    server = await start(env);
    const browser = await signIn(server.url);
    const entry = await newDraft(browser, 'Thôn Đồng Tâm làm đường bê tông');
    const tmpDir = path.join(uploadDir, '.tmp');
    const before = filesUnder(uploadDir);

    // A 40 MB video announced, sent a chunk at a time until the server has written part of it.
    const boundary = 'dvk-kill-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="visibility"\r\n\r\npublic\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="video-cat-ngang.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    const total = head.length + 40 * 1024 * 1024;
    const { port } = new URL(server.url);
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: entry.action,
      method: 'POST',
      headers: {
        cookie: browser.cookieHeader,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(total),
      },
    });
    const ended = new Promise<string>((resolve) => {
      req.on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? err.message));
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
    });
    req.write(head);
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const partial = () =>
      fs.existsSync(tmpDir) && fs.readdirSync(tmpDir).some((n) => fs.statSync(path.join(tmpDir, n)).size > 0);
    // Until the server holds part of the body on disk; never the whole of it.
    for (let sent = 0; !partial(); sent += chunk.length) {
      expect(sent + chunk.length, 'the server wrote nothing of the body').to.be.below(total - head.length);
      await new Promise<void>((resolve) => req.write(chunk, () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await stop(server, 'SIGKILL');
    expect(await ended).to.match(/ECONNRESET|EPIPE|socket hang up/);
    const leftovers = fs.readdirSync(tmpDir).map((n) => path.join(tmpDir, n));
    expect(leftovers).to.have.length(1);
    expect(filesUnder(path.join(uploadDir, 'files')), 'nothing reached the final place').to.deep.equal(
      before.filter((p) => p.startsWith('files/')).map((p) => p.slice('files/'.length)),
    );

    // After a restart the entry has no such file, and nothing else is amiss.
    server = await start(env);
    const page = await (await signIn(server.url)).get(`/quan-ly/mo-hinh/${entry.id}/tep`);
    expect(page).to.contain('Tệp minh chứng').and.not.to.contain('video-cat-ngang');
    await stop(server, 'SIGTERM');
    server = undefined;

    const report = await filesCheck(env);
    expect(report).to.contain('Tệp trên đĩa không có bản ghi: 0');
    expect(report).to.contain('Tệp tạm của lần tải lên bị gián đoạn: 1').and.to.contain(leftovers[0]);
    expect(report).to.contain('Bản ghi không còn tệp: 0');
    expect(report).to.contain('--fix');

    // --fix leaves a young temporary file alone (it may be an upload still arriving), and removes an old one.
    expect(await filesCheck(env, '--fix')).to.contain('Đã xóa 0 tệp');
    expect(fs.existsSync(leftovers[0])).to.equal(true);
    // With the server stopped nothing can be in progress: the operator removes them all now.
    expect(await filesCheck(env, '--fix', '--older-than', '0')).to.contain('Đã xóa 1 tệp');
    expect(fs.readdirSync(tmpDir)).to.deep.equal([]);
    expect(await filesCheck(env)).to.contain('Tệp tạm của lần tải lên bị gián đoạn: 0');
  });

  it('is all or nothing when killed after the body arrived, while the file is checked or stored', async () => {
    server = await start(env);
    const browser = await signIn(server.url);
    const entry = await newDraft(browser, 'Thôn Tân Lập thắp sáng đường quê');
    const tmpDir = path.join(uploadDir, '.tmp');
    // A large photo: its check and re-encoding take long enough to be caught in the middle.
    const photo = await sample.jpegWithGps(6000, 4000);
    const boundary = 'dvk-kill-boundary-2';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="anh-cat-ngang.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const { port } = new URL(server.url);
    let answered = false;
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: entry.action,
      method: 'POST',
      headers: {
        cookie: browser.cookieHeader,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(body.length),
      },
    });
    req.on('error', () => undefined);
    req.on('response', (res) => {
      answered = true;
      res.resume();
    });
    await new Promise<void>((resolve) => req.end(body, () => resolve()));
    const received = () =>
      fs.existsSync(tmpDir) &&
      fs.readdirSync(tmpDir).some((n) => fs.statSync(path.join(tmpDir, n)).size >= photo.length);
    while (!answered && !received()) await new Promise((resolve) => setTimeout(resolve, 2));
    await stop(server, 'SIGKILL');

    server = await start(env);
    const page = await (await signIn(server.url)).get(`/quan-ly/mo-hinh/${entry.id}/tep`);
    await stop(server, 'SIGTERM');
    server = undefined;
    const report = await filesCheck(env);
    expect(report).to.contain('Bản ghi không còn tệp: 0');
    if (page.includes('anh-cat-ngang.jpg')) {
      // The kill came after the commit: the upload is whole, and nothing is left over.
      expect(report)
        .to.contain('Tệp trên đĩa không có bản ghi: 0')
        .and.to.contain('Tệp tạm của lần tải lên bị gián đoạn: 0');
      return;
    }
    // Before the commit: whatever was left (temporary files, or files moved but never recorded) is reported...
    const count = (label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(report)![1]);
    const leftOver = count('Tệp trên đĩa không có bản ghi') + count('Tệp tạm của lần tải lên bị gián đoạn');
    expect(leftOver, report).to.be.at.least(1);
    // ...and, once old enough that no upload can still own it, removed by --fix.
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    for (const p of filesUnder(uploadDir)) fs.utimesSync(path.join(uploadDir, p), twoHoursAgo, twoHoursAgo);
    expect(await filesCheck(env, '--fix')).to.contain(`Đã xóa ${leftOver} tệp`);
    const after = await filesCheck(env);
    expect(after)
      .to.contain('Tệp trên đĩa không có bản ghi: 0')
      .and.to.contain('Tệp tạm của lần tải lên bị gián đoạn: 0');
    expect(fs.readdirSync(tmpDir)).to.deep.equal([]);
  });
});
