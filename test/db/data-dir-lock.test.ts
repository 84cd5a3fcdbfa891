import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processIdentity } from '../../src/db/data-dir-lock.js';
import { runToEnd, startServer, stopServer, type Started } from '../helpers/processes.js';

/** Every file under a folder with its size, modification time and checksum. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      const st = fs.statSync(full);
      const sum = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
      return `${path.relative(dir, full)} ${st.size} ${st.mtimeMs} ${sum}`;
    })
    .sort();
}

const LOCKED =
  /^Không khởi động được: Thư mục dữ liệu .+ đang được một tiến trình khác dùng \(pid \d+.*hãy dừng ứng dụng đó trước rồi chạy lại\.$/m;

describe('the DATA_DIR lock: one process at a time opens the embedded database', function () {
  this.timeout(180000);
  let dataDir: string;
  let env: Record<string, string>;
  let lockFile: string;
  const running: Started[] = [];
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-lock-'));
    lockFile = path.join(dataDir, 'pglite.lock');
    // The embedded database whatever the test run uses: the lock exists only for it.
    env = { DATABASE_URL: '', DATA_DIR: dataDir, UPLOAD_DIR: path.join(dataDir, 'uploads'), SEED_DEMO: 'false' };
  });
  after(async () => {
    for (const s of running) await stopServer(s, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server without touching DATA_DIR, and takes over the lock of a killed one', async () => {
    const first = await startServer(env);
    running.push(first);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).to.include({ pid: first.child.pid });
    const before = listing(dataDir);

    const second = await runToEnd(['src/server.ts'], env);
    expect(second.code).to.equal(1);
    expect(second.stderr.trim().split('\n')).to.have.length(1);
    expect(second.stderr).to.match(LOCKED);
    expect(second.stderr).to.contain(`pid ${first.child.pid}`);
    expect(listing(dataDir)).to.deep.equal(before);
    // The scripts that open the database go through the same lock.
    const check = await runToEnd(['scripts/files-check.ts'], env);
    expect(check.code).to.equal(1);
    expect(check.stderr.trim()).to.match(/^Thư mục dữ liệu .+ đang được một tiến trình khác dùng/);
    expect(listing(dataDir)).to.deep.equal(before);
    expect((await fetch(`${first.url}/api/v1/models?limit=1`)).status).to.equal(200);

    await stopServer(first, 'SIGKILL');
    expect(fs.existsSync(lockFile)).to.equal(true);
    const third = await startServer(env);
    running.push(third);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).to.include({ pid: third.child.pid });
    expect((await fetch(`${third.url}/api/v1/models?limit=1`)).status).to.equal(200);
    expect(await stopServer(third, 'SIGTERM')).to.equal(0);
    expect(fs.existsSync(lockFile), 'released on a normal stop').to.equal(false);
  });

  it('respects a lock held by another live process, and not one whose pid was reused', async () => {
    const alive = { ...processIdentity(process.pid), token: 'x', since: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(lockFile, JSON.stringify(alive));
    const before = listing(dataDir);
    const refused = await runToEnd(['src/server.ts'], env);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(LOCKED);
    expect(refused.stderr).to.contain(`pid ${process.pid}`);
    expect(listing(dataDir)).to.deep.equal(before);

    // The same pid, but a process started at another time: the one that wrote the lock is gone.
    fs.writeFileSync(lockFile, JSON.stringify({ ...alive, startTime: '1' }));
    const started = await startServer(env);
    running.push(started);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).to.include({ pid: started.child.pid });
    expect(await stopServer(started, 'SIGINT')).to.equal(0);
    expect(fs.existsSync(lockFile)).to.equal(false);
  });
});
