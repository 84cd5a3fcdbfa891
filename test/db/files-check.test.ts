import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { LocalDiskStore, newKey } from '../../src/evidence/storage.js';
import { checkFiles } from '../../src/evidence/consistency.js';
import { freshDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';
import { insertModel } from '../helpers/fixtures.js';
import { signInPeople, upload } from '../helpers/people.js';
import * as sample from '../helpers/sample-files.js';

describe('files:check: files without rows and rows without files', function () {
  this.timeout(60000);
  let database: Database;
  let uploadDir: string;
  let store: LocalDiskStore;

  before(async () => {
    database = await freshDatabase();
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-files-check-'));
    store = new LocalDiskStore(uploadDir);
  });
  after(async () => {
    await database.close();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  it('finds orphans, interrupted uploads and missing bytes; --fix removes only orphans older than an hour', async () => {
    const app = testApp(database, { UPLOAD_DIR: uploadDir });
    const people = await signInPeople(database, app);
    const m = await insertModel(database, {
      title: 'Mô hình kiểm tra tệp',
      status: 'draft',
      communeCode: people.commune,
    });
    expect(
      (
        await upload(people.agents.cadre, m.id, [
          ['a.png', await sample.png()],
          ['b.pdf', sample.pdf()],
        ])
      ).status,
    ).to.equal(303);
    expect(await checkFiles(database, store)).to.deep.include({
      orphanFiles: [],
      temporaryFiles: [],
      missingFiles: [],
    });

    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    const put = async (age: Date) => {
      const key = newKey();
      const tmp = path.join(store.tempDir, `x-${key}`);
      fs.writeFileSync(tmp, 'orphan');
      await store.put(key, tmp);
      fs.utimesSync(path.join(uploadDir, 'files', key.slice(0, 2), key), age, age);
      return key;
    };
    const oldOrphan = await put(hoursAgo(2));
    const youngOrphan = await put(hoursAgo(0.1));
    const oldTemp = path.join(store.tempDir, newKey());
    fs.writeFileSync(oldTemp, 'partial upload');
    fs.utimesSync(oldTemp, hoursAgo(3), hoursAgo(3));
    const [pdf] = await queryRows<{ id: number; storage_key: string }>(
      database.db,
      sql`select id, storage_key from evidence_files where original_name = 'b.pdf'`,
    );
    await store.delete(pdf.storage_key);

    const report = await checkFiles(database, store);
    expect(report.orphanFiles.map((o) => o.key).sort()).to.deep.equal([oldOrphan, youngOrphan].sort());
    expect(report.temporaryFiles.map((t) => t.path)).to.deep.equal([oldTemp]);
    expect(report.missingFiles).to.deep.equal([
      { fileId: pdf.id, modelId: m.id, key: pdf.storage_key, originalName: 'b.pdf' },
    ]);
    expect(report.removed).to.deep.equal([]);
    expect(await store.stat(oldOrphan)).not.to.equal(null);

    const fixed = await checkFiles(database, store, { fix: true });
    expect(fixed.removed.sort()).to.deep.equal([oldOrphan, oldTemp].sort());
    expect(await store.stat(oldOrphan)).to.equal(null);
    expect(await store.stat(youngOrphan), 'a young file may belong to an upload in progress').not.to.equal(null);
    expect(fs.existsSync(oldTemp)).to.equal(false);
    expect(await queryRows(database.db, sql`select id from evidence_files where model_id = ${m.id}`)).to.have.length(2);
  });
});
