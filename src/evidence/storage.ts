// Where evidence bytes live. Routes and the store see only this interface, so an S3-compatible
// object store (src/evidence/s3-store.ts) replaces the local disk without touching them.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError, Unavailable } from '../http/errors.js';

export interface ByteRange {
  start: number;
  end: number;
}
export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface FileStore {
  /** Takes ownership of a finished local temporary file and keeps it under `key`. */
  put(key: string, localPath: string): Promise<void>;
  /** The bytes, or an inclusive range of them. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** The object's size and age, or null when it does not exist. */
  stat(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing one that is gone is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored object, for the consistency check. */
  list(): AsyncIterable<StoredObject>;
  /** A local folder for uploads in progress (on the local disk store's volume, so that `put` is a rename). */
  readonly tempDir: string;
  /** Whether a remote store answers with these settings (the local disk needs no check). */
  check?(): Promise<void>;
  /** Lets go of connections, if the store holds any. */
  close?(): void;
}

const KEY = /^[0-9a-f]{32}(?:-(?:thumb|display))?$/;

/** A fresh random key; derived objects (thumbnail, public copy) share its stem. */
export const newKey = () => randomBytes(16).toString('hex');

export const isStorageKey = (key: string) => KEY.test(key);

export function checkKey(key: string): string {
  // Keys come from the database, but a path or an object name is built from them: refuse anything else outright.
  if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  return key;
}

/** Files under UPLOAD_DIR/files/<first two characters>/<key>; uploads in progress under UPLOAD_DIR/.tmp. */
export class LocalDiskStore implements FileStore {
  readonly tempDir: string;
  private readonly filesDir: string;

  constructor(root: string) {
    this.filesDir = path.join(root, 'files');
    this.tempDir = path.join(root, '.tmp');
    fs.mkdirSync(this.filesDir, { recursive: true });
    fs.mkdirSync(this.tempDir, { recursive: true });
  }

  /** Where a key's bytes are on this disk (the migration to an object store reads them there). */
  pathOf(key: string): string {
    checkKey(key);
    return path.join(this.filesDir, key.slice(0, 2), key);
  }

  async put(key: string, localPath: string): Promise<void> {
    const target = this.pathOf(key);
    try {
      // On disk before the row that points to it commits, so a power cut cannot leave a row on empty bytes.
      await syncPath(localPath, 'r+');
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(localPath, target);
      await syncPath(path.dirname(target), 'r');
    } catch (err) {
      throw storageFailure(err);
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await fsp.open(this.pathOf(key), 'r');
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const s = await fsp.stat(this.pathOf(key));
      return { key, size: s.size, modifiedAt: s.mtime };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<StoredObject> {
    for (const shard of await fsp.readdir(this.filesDir).catch(() => [] as string[])) {
      for (const name of await fsp.readdir(path.join(this.filesDir, shard)).catch(() => [] as string[])) {
        const s = await fsp.stat(path.join(this.filesDir, shard, name)).catch(() => null);
        if (s?.isFile()) yield { key: name, size: s.size, modifiedAt: s.mtime };
      }
    }
  }
}

async function syncPath(p: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await fsp.open(p, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// What a write to the upload folder can run into that is the server's state, not the request's fault.
const FULL = new Set(['ENOSPC', 'EDQUOT']);
const NOT_WRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * The one place where a failed write to the storage becomes an answer: a full disk is a 507, a folder
 * that cannot be written a 503, both in Vietnamese and without the path; anything else stays as it is.
 */
export function storageFailure(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: unknown; message?: unknown } | null;
  // libvips (sharp) says it in words only.
  const said = typeof e?.message === 'string' ? e.message : '';
  const code =
    typeof e?.code === 'string'
      ? e.code
      : /No space left on device|Disk quota exceeded/.test(said)
        ? 'ENOSPC'
        : /Read-only file system/.test(said)
          ? 'EROFS'
          : '';
  if (FULL.has(code))
    return new Unavailable(
      'Máy chủ đã hết dung lượng lưu trữ tệp nên chưa nhận được tệp này. Không có tệp nào được lưu; hãy thử lại sau hoặc báo quản trị viên.',
      300,
      507,
    );
  if (NOT_WRITABLE.has(code))
    return new Unavailable(
      'Kho lưu trữ tệp của máy chủ tạm thời không ghi được. Không có tệp nào được lưu; hãy thử lại sau hoặc báo quản trị viên.',
      60,
    );
  return err;
}

/** Temporary files of uploads, with their age: the check removes those an interrupted upload left. */
export async function listTemporary(store: FileStore): Promise<{ path: string; modifiedAt: Date }[]> {
  const out: { path: string; modifiedAt: Date }[] = [];
  for (const name of await fsp.readdir(store.tempDir).catch(() => [] as string[])) {
    const p = path.join(store.tempDir, name);
    const s = await fsp.stat(p).catch(() => null);
    if (s?.isFile()) out.push({ path: p, modifiedAt: s.mtime });
  }
  return out;
}
