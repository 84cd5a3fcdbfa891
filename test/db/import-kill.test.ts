import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { projectRoot } from '../../src/paths.js';
import { openDatabase, queryRows, type Database } from '../../src/db/client.js';
import { bootstrapDatabase } from '../../src/bootstrap.js';
import { users } from '../../src/db/schema.js';
import { createJob, failAbandoned, requeue, runJob } from '../../src/import/jobs.js';
import { createEmptyServerDatabase, databaseUrl, serverUrl } from '../helpers/db.js';
import { goodRow, xlsxOf } from '../helpers/import-files.js';

const ROWS = 4000;

// kill -9 in the middle of an import: the one transaction leaves no model behind, the job is found
// failed (old heartbeat, or on the embedded database any running job of a dead process), and reruns.
describe('import killed mid-way', function () {
  this.timeout(300000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-import-kill-'));
  const dataDir = path.join(dir, 'pgdata');
  let url: string | null = null;
  const open = () => openDatabase(url ? { databaseUrl: url, poolSize: 2 } : { dataDir });
  const count = async (db: Database, what: 'models' | 'recognitions') =>
    (await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from ${sql.identifier(what)}`))[0].n;

  it('writes nothing, is marked failed, and can be run again', async () => {
    if (serverUrl) url = databaseUrl(await createEmptyServerDatabase());
    let database = await open();
    await bootstrapDatabase(database);
    const [commune] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from communes where province_code = '19' order by code limit 1`,
    );
    const [admin] = await database.db
      .insert(users)
      .values({
        username: 'tinh',
        displayName: 'Quản trị tỉnh',
        role: 'province_admin',
        provinceCode: '19',
        passwordHash: 'x',
      })
      .returning();
    const file = path.join(dir, 'lon.xlsx');
    const rows = Array.from({ length: ROWS }, (_, i) => goodRow(`K-${i}`, commune.code));
    fs.writeFileSync(file, await xlsxOf(rows));
    const id = await createJob(database.db, {
      created_by: admin.id,
      province_code: '19',
      file_name: 'lon.xlsx',
      storage_path: file,
      format: 'xlsx',
      mode: 'import',
      target_status: 'approved',
    });
    await database.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/import-child.ts', String(id)], {
      cwd: projectRoot,
      env: { ...process.env, ...(url ? { KILL_DATABASE_URL: url } : { KILL_DATA_DIR: dataDir }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const seen = [...out.matchAll(/progress (\d+)/g)].map((m) => Number(m[1]));
        const last = seen.at(-1) ?? 0;
        if (last >= 1000 && last < ROWS) {
          child.kill('SIGKILL');
          resolve(last);
        }
      });
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', () => reject(new Error(`the import ended before it was killed: ${out}`)));
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    expect(killedAt).to.be.within(1000, ROWS - 1);

    database = await open();
    expect(await count(database, 'models')).to.equal(0);
    expect(await count(database, 'recognitions')).to.equal(0);
    const state = async () =>
      (
        await queryRows<{ state: string; failure: string | null }>(
          database.db,
          sql`select state, failure from import_jobs where id = ${id}`,
        )
      )[0];
    if (url) {
      // On a server another process may run it: only an old heartbeat says it is dead.
      await failAbandoned(database);
      expect((await state()).state).to.equal('running');
      await database.db.execute(
        sql`update import_jobs set heartbeat_at = now() - interval '3 minutes' where id = ${id}`,
      );
    }
    await failAbandoned(database);
    const failed = await state();
    expect(failed.state).to.equal('failed');
    expect(failed.failure).to.match(/Không có dữ liệu nào được ghi/);

    expect(await requeue(database.db, id)).to.equal(true);
    await runJob(database, pino({ level: 'silent' }), id);
    expect((await state()).state).to.equal('done');
    expect(await count(database, 'models')).to.equal(ROWS);
    expect(await count(database, 'recognitions')).to.equal(ROWS);
    await database.close();
  });
});
