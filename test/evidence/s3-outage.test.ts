// An object store that does not answer: uploads and downloads say so in Vietnamese (503), nothing is half-written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { S3Store } from '../../src/evidence/s3-store.js';
import { newKey } from '../../src/evidence/storage.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, upload, type People } from '../helpers/people.js';
import { filesUnder } from '../helpers/disk.js';
import * as sample from '../helpers/sample-files.js';

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('evidence files when the object store does not answer', function () {
  this.timeout(60000);
  let database: Database;
  let dir: string;
  let store: S3Store;
  let people: People;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    database = await freshDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-s3-down-'));
    store = new S3Store(
      {
        endpoint: `http://127.0.0.1:${await closedPort()}`,
        region: 'us-east-1',
        bucket: 'dvk-down',
        credentials: { accessKeyId: 'k', secretAccessKey: 's' },
        forcePathStyle: true,
      },
      dir,
    );
    app = testApp(database, { UPLOAD_DIR: dir, UPLOAD_MAX_FILES: '1' }, { files: store });
    people = await signInPeople(database, app);
  });
  after(async () => {
    store.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an upload with a 503 on the form, what was typed kept, no row and no temporary file left', async () => {
    const m = await insertModel(database, {
      title: 'Mô hình khi kho tệp ngừng',
      status: 'draft',
      communeCode: people.commune,
    });
    const res = await upload(people.agents.cadre, m.id, [['anh.png', await sample.png()]], { caption: 'Ảnh buổi họp' });
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('60');
    expect(res.text).to.contain('Kho lưu trữ tệp của máy chủ tạm thời không ghi được').and.contain('Ảnh buổi họp');
    const rows = await queryRows(database.db, sql`select id from evidence_files where model_id = ${m.id}`);
    expect(rows).to.deep.equal([]);
    expect(filesUnder(dir)).to.deep.equal([]);
  });

  it('refuses an upload that cannot fit the entry before sending a byte to the store', async () => {
    const m = await insertModel(database, {
      title: 'Mô hình đã đủ tệp',
      status: 'draft',
      communeCode: people.commune,
    });
    await database.db.execute(
      sql`insert into evidence_files (model_id, storage_key, original_name, mime_type, kind, size_bytes, caption, position, is_public)
      values (${m.id}, ${newKey()}, 'co-san.pdf', 'application/pdf', 'document', 10, '', 1, true)`,
    );
    const res = await upload(people.agents.cadre, m.id, [['anh.png', await sample.png()]]);
    // The limit, not the store's outage: nothing was sent.
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('Mỗi mô hình có tối đa 1 tệp');
    expect(filesUnder(dir)).to.deep.equal([]);
  });

  it('is not ready (/readyz) while the store does not answer', async () => {
    const res = await request(app).get('/readyz');
    expect(res.status).to.equal(503);
    expect(res.body.problems).to.deep.equal(['kho lưu trữ tệp minh chứng (S3_BUCKET) không trả lời']);
  });

  it('answers a download with a 503 in Vietnamese, not a 500', async () => {
    const m = await insertModel(database, {
      title: 'Mô hình có tệp khi kho ngừng',
      status: 'draft',
      communeCode: people.commune,
    });
    const [f] = await queryRows<{ id: number }>(
      database.db,
      sql`insert into evidence_files (model_id, storage_key, original_name, mime_type, kind, size_bytes, caption, position, is_public)
      values (${m.id}, ${newKey()}, 'bao-cao.pdf', 'application/pdf', 'document', 10, '', 1, true) returning id`,
    );
    const res = await people.agents.cadre.get(`/tep/${f.id}/tai-ve`);
    expect(res.status).to.equal(503);
    expect(res.text).to.contain('Kho lưu trữ tệp của máy chủ tạm thời không đọc được');
  });
});
