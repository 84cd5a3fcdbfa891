import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';
import { startServer as start, stopServer as stop } from '../helpers/processes.js';

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
