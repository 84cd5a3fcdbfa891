import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type express from 'express';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from './db.js';
import { testApp } from './app.js';
import { signInPeople, type People } from './people.js';

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
  close(): Promise<void>;
}

export async function fileWorld(env: Record<string, string> = {}): Promise<FileWorld> {
  const database = await freshDatabase();
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-files-'));
  const app = testApp(database, { UPLOAD_DIR: uploadDir, ...env });
  const people = await signInPeople(database, app);
  return {
    database,
    app,
    people,
    uploadDir,
    close: async () => {
      await database.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
