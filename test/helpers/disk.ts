import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type express from 'express';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from './db.js';
import { testApp } from './app.js';
import { signInPeople, type People } from './people.js';
import { freshBucket, s3FileStore } from './s3.js';
import { loadConfig } from '../../src/config/config.js';
import { openFileStore } from '../../src/evidence/file-store.js';
import type { FileStore } from '../../src/evidence/storage.js';

/** Every file under the upload folder, relative, so tests can say exactly what was added or removed. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(dir, p)).isFile())
    .sort();
}

/** A test database, an app on its own upload folder and one signed-in agent per kind of user; close() removes it all. */
export interface FileWorld {
  database: Database;
  app: express.Express;
  people: People;
  uploadDir: string;
  files: FileStore;
  /** The keys in the store, sorted. */
  stored(): Promise<string[]>;
  /** Every file under uploadDir and, on S3, every object as s3/<key>: what an upload added or a removal took. */
  everything(): Promise<string[]>;
  /** The stored bytes of a key. */
  readStored(key: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * With TEST_FILE_STORE=s3 the files go to a fresh bucket on s3rver (test/helpers/s3.ts) and only the
 * temporary uploads stay under uploadDir; `stored()` tells the stored keys either way.
 */
export async function fileWorld(env: Record<string, string> = {}): Promise<FileWorld> {
  const database = await freshDatabase();
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-files-'));
  const fullEnv = { UPLOAD_DIR: uploadDir, ...(s3FileStore ? (await freshBucket()).env : {}), ...env };
  const files = await openFileStore(loadConfig({ DATA_DIR: '/tmp/dvk-test-unused', ...fullEnv }));
  const app = testApp(database, fullEnv, { files });
  const people = await signInPeople(database, app);
  const stored = async () => {
    const keys: string[] = [];
    for await (const o of files.list()) keys.push(o.key);
    return keys.sort();
  };
  return {
    database,
    app,
    people,
    uploadDir,
    files,
    stored,
    everything: async () => [...filesUnder(uploadDir), ...(s3FileStore ? (await stored()).map((k) => `s3/${k}`) : [])],
    readStored: async (key) => {
      const chunks: Buffer[] = [];
      for await (const c of await files.get(key)) chunks.push(Buffer.from(c as Buffer));
      return Buffer.concat(chunks);
    },
    close: async () => {
      await database.close();
      files.close?.();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
