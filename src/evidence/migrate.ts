// Copying an installation's evidence files from the local disk into an object store (npm run files:migrate):
// safe to run again, it skips what is already there with the same size, and proves every copy it makes.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { LocalDiskStore, StoredObject } from './storage.js';
import type { S3Store } from './s3-store.js';

export interface MigrationReport {
  copied: { key: string; size: number; verifiedBy: 'md5' | 'sha256' }[];
  /** Already in the store with the same size: a run that stopped half-way, resumed. */
  skipped: string[];
  failed: { key: string; reason: string }[];
}

// The read-back is done in ranges, so that a large video is never held in memory.
const READ_BACK_RANGE = 8 * 1024 * 1024;

async function digest(algorithm: 'md5' | 'sha256', stream: Readable): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The object's SHA-256 read back from the store, range by range. */
async function readBackSha256(target: S3Store, key: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  for (let start = 0; start < size; start += READ_BACK_RANGE) {
    const end = Math.min(size, start + READ_BACK_RANGE) - 1;
    for await (const chunk of await target.get(key, { start, end })) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * Proves a copy: the size first; then the ETag when it is the MD5 of the bytes (a single-part upload on
 * S3), otherwise (multipart, or a store with its own ETags) a SHA-256 of the bytes read back.
 */
async function verify(source: string, target: S3Store, object: StoredObject): Promise<'md5' | 'sha256'> {
  const stored = await target.stat(object.key);
  if (!stored) throw new Error('not in the store after the copy');
  if (stored.size !== object.size) throw new Error(`size ${stored.size} in the store, ${object.size} on disk`);
  if (/^[0-9a-f]{32}$/.test(stored.etag) && stored.etag === (await digest('md5', fs.createReadStream(source))))
    return 'md5';
  const [local, remote] = await Promise.all([
    digest('sha256', fs.createReadStream(source)),
    readBackSha256(target, object.key, object.size),
  ]);
  if (local !== remote) throw new Error('the bytes read back differ from the bytes on disk');
  return 'sha256';
}

export async function migrateFiles(
  from: LocalDiskStore,
  to: S3Store,
  onObject: (key: string, outcome: 'copied' | 'skipped' | 'failed') => void = () => undefined,
): Promise<MigrationReport> {
  const report: MigrationReport = { copied: [], skipped: [], failed: [] };
  for await (const object of from.list()) {
    try {
      const there = await to.stat(object.key);
      if (there && there.size === object.size) {
        report.skipped.push(object.key);
        onObject(object.key, 'skipped');
        continue;
      }
      const source = from.pathOf(object.key);
      await to.copyIn(object.key, source);
      try {
        report.copied.push({ key: object.key, size: object.size, verifiedBy: await verify(source, to, object) });
        onObject(object.key, 'copied');
      } catch (err) {
        // A copy that cannot be proven is not left to be skipped as "present" by the next run.
        await to.delete(object.key).catch(() => undefined);
        throw err;
      }
    } catch (err) {
      const e = err as { message?: string; cause?: { name?: string } };
      report.failed.push({ key: object.key, reason: e.cause?.name ?? e.message ?? String(err) });
      onObject(object.key, 'failed');
    }
  }
  return report;
}
