// files:check against a bucket, and files:migrate from the local disk into one (s3rver on loopback).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { LocalDiskStore, newKey, type FileStore } from '../../src/evidence/storage.js';
import { S3Store } from '../../src/evidence/s3-store.js';
import { checkFiles } from '../../src/evidence/consistency.js';
import { migrateFiles } from '../../src/evidence/migrate.js';
import { freshDatabase } from '../helpers/db.js';
import { insertModel } from '../helpers/fixtures.js';
import { freshBucket } from '../helpers/s3.js';
import { runToEnd } from '../helpers/processes.js';

async function putBytes(store: FileStore, key: string, bytes: Buffer): Promise<void> {
  const p = path.join(store.tempDir, `t-${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(p, bytes);
  await store.put(key, p);
}

describe('files:check on the S3 store', function () {
  this.timeout(60000);
  let database: Database;
  let dir: string;
  let store: S3Store;
  before(async () => {
    database = await freshDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-s3-check-'));
    store = new S3Store((await freshBucket()).settings, dir);
  });
  after(async () => {
    store.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the bucket for orphans and missing objects; --fix removes only orphans older than an hour', async () => {
    const m = await insertModel(database, { title: 'Mô hình kiểm tra bucket', status: 'draft' });
    const kept = newKey();
    const missing = newKey();
    const orphan = newKey();
    await putBytes(store, kept, Buffer.from('kept'));
    await putBytes(store, orphan, Buffer.from('orphan'));
    for (const [key, name] of [
      [kept, 'co.pdf'],
      [missing, 'mat.pdf'],
    ])
      await database.db.execute(sql`
        insert into evidence_files (model_id, storage_key, original_name, mime_type, kind, size_bytes, caption, position, is_public)
        values (${m.id}, ${key}, ${name}, 'application/pdf', 'document', 4, '', 1, true)`);

    const report = await checkFiles(database, store);
    expect(report.orphanFiles.map((o) => o.key)).to.deep.equal([orphan]);
    expect(report.missingFiles.map((f) => [f.key, f.originalName])).to.deep.equal([[missing, 'mat.pdf']]);

    // The orphan was just written: an upload may still be in its transaction.
    expect((await checkFiles(database, store, { fix: true })).removed).to.deep.equal([]);
    expect(await store.stat(orphan)).to.not.equal(null);
    // Two hours on (the bucket's own LastModified cannot be set back): it goes, the object with a row stays.
    const later = new Date(Date.now() + 2 * 3600_000);
    expect((await checkFiles(database, store, { fix: true, now: later })).removed).to.deep.equal([orphan]);
    expect(await store.stat(orphan)).to.equal(null);
    expect(await store.stat(kept)).to.include({ size: 4 });
  });
});

describe('files:migrate --to s3', function () {
  this.timeout(120000);
  let dir: string;
  let local: LocalDiskStore;
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  let s3: S3Store;
  const files = new Map<string, Buffer>();
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-migrate-'));
    local = new LocalDiskStore(dir);
    bucket = await freshBucket();
    s3 = new S3Store(bucket.settings, path.join(dir, 'scratch'));
    const key = newKey();
    files.set(key, randomBytes(3000));
    files.set(`${key}-thumb`, randomBytes(200));
    // Larger than one part: a multipart upload, whose ETag is not an MD5.
    files.set(newKey(), randomBytes(9 * 1024 * 1024));
    for (const [k, bytes] of files) await putBytes(local, k, bytes);
  });
  after(() => {
    s3.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every file, proves each copy, and leaves the local files in place', async () => {
    const report = await migrateFiles(local, s3);
    expect(report.failed).to.deep.equal([]);
    expect(report.copied.map((c) => c.key).sort()).to.deep.equal([...files.keys()].sort());
    // s3rver gives even a multipart object its whole MD5 as ETag (S3 gives "<md5 of md5s>-<parts>").
    expect(report.copied.map((c) => c.verifiedBy)).to.deep.equal(['md5', 'md5', 'md5']);
    for (const [k, bytes] of files) {
      const chunks: Buffer[] = [];
      for await (const c of await s3.get(k)) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).equals(bytes), k).to.equal(true);
      expect(fs.existsSync(local.pathOf(k)), 'the local file stays').to.equal(true);
    }
  });

  it('skips what is already there with the same size, and copies again what differs (a cut-off run)', async () => {
    const [first, second] = [...files.keys()];
    await s3.delete(first);
    // A copy cut short: present, but not the same size.
    await putBytes(s3, second, Buffer.from('cut'));
    const report = await migrateFiles(local, s3);
    expect(report.copied.map((c) => c.key).sort()).to.deep.equal([first, second].sort());
    expect(report.skipped).to.have.length(files.size - 2);
    expect(await s3.stat(second)).to.include({ size: files.get(second)!.length });
  });

  /** The bucket as S3 itself answers multipart objects: an ETag that is not the bytes' MD5. */
  const asMultipart = (target: S3Store, corrupt = false): S3Store =>
    Object.assign(Object.create(target) as S3Store, {
      stat: async (key: string) => {
        const s = await target.stat(key);
        return s && { ...s, etag: `${s.etag.slice(0, 32)}-2` };
      },
      get: async (key: string, range?: { start: number; end: number }) => {
        const body = await target.get(key, range);
        if (!corrupt) return body;
        const chunks: Buffer[] = [];
        for await (const c of body) chunks.push(c as Buffer);
        const bytes = Buffer.concat(chunks);
        bytes[0] ^= 0xff;
        return Readable.from([bytes]);
      },
    });

  it('proves a copy whose ETag is not an MD5 by a SHA-256 of the bytes read back, in ranges', async () => {
    const [, , big] = [...files.keys()];
    await s3.delete(big);
    const report = await migrateFiles(local, asMultipart(s3));
    expect(report.copied).to.deep.equal([{ key: big, size: files.get(big)!.length, verifiedBy: 'sha256' }]);
  });

  it('removes a copy whose bytes read back differ, so that the next run copies it again', async () => {
    const [first] = [...files.keys()];
    await s3.delete(first);
    const report = await migrateFiles(local, asMultipart(s3, true));
    expect(report.failed).to.deep.equal([{ key: first, reason: 'the bytes read back differ from the bytes on disk' }]);
    expect(await s3.stat(first)).to.equal(null);
    expect((await migrateFiles(local, s3)).copied.map((c) => c.key)).to.deep.equal([first]);
  });

  it('runs as npm run files:migrate -- --to s3, again and again', async function () {
    this.timeout(120000);
    const env = { UPLOAD_DIR: dir, ...bucket.env, FILE_STORE: 'local' };
    const again = await runToEnd(['scripts/files-migrate.ts', '--to', 's3'], env);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.contain(`Đã có sẵn trong bucket (cùng kích thước), bỏ qua: ${files.size} tệp.`);
    expect(again.stdout).to.contain('Đặt FILE_STORE=s3');
    expect(again.stdout + again.stderr).to.not.contain('S3RVER');

    const usage = await runToEnd(['scripts/files-migrate.ts'], env);
    expect(usage.code).to.equal(2);
    const noBucket = await runToEnd(['scripts/files-migrate.ts', '--to', 's3'], {
      ...env,
      S3_BUCKET: 'khong-co-bucket',
    });
    expect(noBucket.code).to.equal(1);
    expect(noBucket.stderr).to.contain('Không truy cập được bucket khong-co-bucket');
  });
});
