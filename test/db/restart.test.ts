import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the real server the way `npm start` does and waits until it says it is ready. */
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
      if (m) resolve({ child, url: m[1], output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function stop(s: Started, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    s.child.once('exit', (code) => resolve(code));
    s.child.kill(signal);
  });
}

describe('start, stop with a signal, and restart', function () {
  this.timeout(120000);
  let dataDir: string;
  let env: Record<string, string>;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-restart-'));
    env = serverUrl
      ? {
          DATABASE_URL: databaseUrl(await createEmptyServerDatabase()),
          PUBLIC_BASE_URL: 'http://127.0.0.1',
          SEED_DEMO: 'true',
          UPLOAD_DIR: path.join(dataDir, 'uploads'),
        }
      : { DATA_DIR: dataDir, UPLOAD_DIR: path.join(dataDir, 'uploads') };
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('seeds on first start, prints what it uses, closes cleanly and finds the data intact', async () => {
    const first = await start(env);
    expect(first.output()).to.contain(serverUrl ? 'Cơ sở dữ liệu: PostgreSQL' : 'Cơ sở dữ liệu: PGlite (embedded)');
    expect(first.output()).to.contain('xa.demo / demo12345');
    const before = (await (await fetch(`${first.url}/api/v1/models?limit=1`)).json()) as { total: number };
    expect(before.total).to.be.at.least(240);
    expect(await stop(first, 'SIGINT')).to.equal(0);
    expect(first.output()).to.contain('Đã dừng an toàn');

    const second = await start(env);
    const after = (await (await fetch(`${second.url}/api/v1/models?limit=1`)).json()) as { total: number };
    expect(after.total).to.equal(before.total);
    expect(second.output()).to.contain('admin.demo / demo12345');
    expect(await stop(second, 'SIGTERM')).to.equal(0);
  });
});
