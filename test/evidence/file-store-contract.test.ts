// One contract for every FileStore: the local disk and the S3 store (on s3rver) must answer alike.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { expect } from 'chai';
import { LocalDiskStore, newKey, type FileStore } from '../../src/evidence/storage.js';
import { S3Store } from '../../src/evidence/s3-store.js';
import { openFileStore } from '../../src/evidence/file-store.js';
import { freshBucket } from '../helpers/s3.js';

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

const IMPLEMENTATIONS: { name: string; open: (dir: string) => Promise<FileStore> }[] = [
  { name: 'LocalDiskStore', open: async (dir) => new LocalDiskStore(dir) },
  { name: 'S3Store (s3rver)', open: async (dir) => new S3Store((await freshBucket()).settings, dir) },
];

for (const impl of IMPLEMENTATIONS) {
  describe(`FileStore contract: ${impl.name}`, function () {
    let dir: string;
    let store: FileStore;
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-contract-'));
      store = await impl.open(dir);
    });
    after(() => {
      store.close?.();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A finished temporary file, as an upload leaves it in tempDir. */
    const temp = (bytes: Buffer) => {
      const p = path.join(store.tempDir, `t-${randomBytes(4).toString('hex')}`);
      fs.writeFileSync(p, bytes);
      return p;
    };

    it('keeps what put is given, takes the temporary file, and gives the bytes, its size and age back', async () => {
      const bytes = randomBytes(100_000);
      const key = newKey();
      const p = temp(bytes);
      const before = Date.now();
      await store.put(key, p);
      expect(fs.existsSync(p), 'the temporary file is taken').to.equal(false);
      expect(await read(await store.get(key))).to.deep.equal(bytes);
      const s = await store.stat(key);
      expect(s).to.include({ key, size: bytes.length });
      expect(Math.abs(s!.modifiedAt.getTime() - before)).to.be.below(60_000);
    });

    it('gives inclusive byte ranges: a middle, the first byte, the last byte, from an offset to the end', async () => {
      const bytes = randomBytes(5000);
      const key = newKey();
      await store.put(key, temp(bytes));
      expect(await read(await store.get(key, { start: 100, end: 199 }))).to.deep.equal(bytes.subarray(100, 200));
      if (store instanceof S3Store) {
        // s3rver reads bytes=0-0 as "from 0 to the end" (S3 gives one byte): the store refuses the answer.
        const err = await store.get(key, { start: 0, end: 0 }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(String(err)).to.match(/answered 5000 bytes for range 0-0/);
      } else {
        expect(await read(await store.get(key, { start: 0, end: 0 }))).to.deep.equal(bytes.subarray(0, 1));
      }
      expect(await read(await store.get(key, { start: 0, end: 1 }))).to.deep.equal(bytes.subarray(0, 2));
      expect(await read(await store.get(key, { start: 4999, end: 4999 }))).to.deep.equal(bytes.subarray(4999));
      expect(await read(await store.get(key, { start: 4000, end: 4999 }))).to.deep.equal(bytes.subarray(4000));
    });

    it('keys derived copies beside the original and lists every object with its size', async () => {
      const key = newKey();
      await store.put(key, temp(Buffer.from('original')));
      await store.put(`${key}-thumb`, temp(Buffer.from('thumb')));
      await store.put(`${key}-display`, temp(Buffer.from('display!')));
      const listed = new Map<string, number>();
      for await (const o of store.list()) listed.set(o.key, o.size);
      expect(listed.get(key)).to.equal(8);
      expect(listed.get(`${key}-thumb`)).to.equal(5);
      expect(listed.get(`${key}-display`)).to.equal(8);
    });

    it('deletes, and deleting what is gone is not an error', async () => {
      const key = newKey();
      await store.put(key, temp(Buffer.from('bye')));
      await store.delete(key);
      expect(await store.stat(key)).to.equal(null);
      await store.delete(key);
      for await (const o of store.list()) expect(o.key).to.not.equal(key);
    });

    it('says null for a missing key, and refuses to read it', async () => {
      const key = newKey();
      expect(await store.stat(key)).to.equal(null);
      const err = await store.get(key).then(
        async (s) => read(s).then(() => null),
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(Error);
    });

    it('refuses keys that are not its own shape before touching the storage', async () => {
      for (const bad of [
        '../etc/passwd',
        'a/b',
        '',
        'ABCDEF0123456789abcdef0123456789',
        `${newKey()}-other`,
        `${newKey()}/`,
      ]) {
        const failures = await Promise.allSettled([
          store.stat(bad),
          store.get(bad),
          store.delete(bad),
          store.put(bad, temp(Buffer.from('x'))),
        ]);
        for (const f of failures) {
          expect(f.status, bad).to.equal('rejected');
          expect(String((f as PromiseRejectedResult).reason), bad).to.match(/invalid storage key/);
        }
      }
    });

    it('stores a file larger than one part whole (multipart on S3)', async function () {
      this.timeout(120_000);
      const bytes = randomBytes(17 * 1024 * 1024 + 123);
      const key = newKey();
      await store.put(key, temp(bytes));
      expect((await store.stat(key))!.size).to.equal(bytes.length);
      const back = await read(await store.get(key));
      expect(createHash('sha256').update(back).digest('hex')).to.equal(
        createHash('sha256').update(bytes).digest('hex'),
      );
      const tail = await read(await store.get(key, { start: bytes.length - 10, end: bytes.length - 1 }));
      expect(tail).to.deep.equal(bytes.subarray(bytes.length - 10));
    });

    it('keeps tempDir on the local disk, where uploads arrive', () => {
      expect(fs.statSync(store.tempDir).isDirectory()).to.equal(true);
    });
  });
}

describe('openFileStore', () => {
  it('opens the local disk by default and the S3 store with FILE_STORE=s3', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-open-'));
    try {
      expect(await openFileStore({ uploadDir: dir, files: { kind: 'local' } })).to.be.instanceOf(LocalDiskStore);
      const { settings } = await freshBucket();
      const s3 = await openFileStore({ uploadDir: dir, files: { kind: 's3', ...settings } });
      expect(s3.constructor.name).to.equal('S3Store');
      await s3.check!();
      s3.close?.();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
