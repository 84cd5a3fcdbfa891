import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { signInPeople, type People } from '../helpers/people.js';

describe('health checks and private pages', () => {
  let database: Database;
  let dir: string;
  let people: People;

  before(async () => {
    database = await freshDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-health-'));
    people = await signInPeople(database, testApp(database, { UPLOAD_DIR: dir }));
  });
  after(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says the process is up at /healthz, without a session cookie', async () => {
    const res = await request(testApp(database, { UPLOAD_DIR: dir })).get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
    expect(res.headers['set-cookie']).to.equal(undefined);
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('is ready when the database answers, every migration is applied and UPLOAD_DIR is writable', async () => {
    const res = await request(testApp(database, { UPLOAD_DIR: dir })).get('/readyz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ready' });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.readyz'))).to.deep.equal([]);
  });

  it('is not ready (503) when UPLOAD_DIR cannot take a file', async () => {
    // Running as root ignores permissions: the folder is swapped for a file once the app is up.
    const gone = path.join(dir, 'gone');
    fs.mkdirSync(gone);
    const app = testApp(database, { UPLOAD_DIR: gone });
    fs.rmSync(gone, { recursive: true });
    fs.writeFileSync(gone, 'x');
    try {
      const res = await request(app).get('/readyz');
      expect(res.status).to.equal(503);
      expect(res.headers['retry-after']).to.equal('5');
      expect(res.body.problems).to.deep.equal(['thư mục tệp minh chứng (UPLOAD_DIR) không ghi được']);
    } finally {
      fs.rmSync(gone);
    }
  });

  it('is not ready (503) while a migration is missing', async () => {
    const [last] = (
      (await database.db.execute(
        sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id desc limit 1`,
      )) as unknown as {
        rows: { id: number; hash: string; created_at: string }[];
      }
    ).rows;
    await database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last.id}`);
    try {
      const res = await request(testApp(database, { UPLOAD_DIR: dir })).get('/readyz');
      expect(res.status).to.equal(503);
      expect(res.body.problems[0]).to.match(/còn 1 bản chuyển đổi/);
    } finally {
      await database.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last.id}, ${last.hash}, ${last.created_at})`,
      );
    }
    expect((await request(testApp(database, { UPLOAD_DIR: dir })).get('/readyz')).status).to.equal(200);
  });

  it('sends Cache-Control: no-store on private pages', async () => {
    for (const url of ['/dashboard', '/thong-bao', '/quan-ly/mo-hinh/moi', '/tai-khoan/mat-khau']) {
      const res = await people.agents.cadre.get(url);
      expect(res.status, url).to.equal(200);
      expect(res.headers['cache-control'], url).to.equal('no-store');
    }
    const admin = await people.agents.provinceAdmin.get('/quan-ly/tai-khoan');
    expect(admin.status).to.equal(200);
    expect(admin.headers['cache-control']).to.equal('no-store');
  });
});
