import type { Config } from './config/config.js';
import type { Database, Db } from './db/client.js';
import type { Logger } from 'pino';
import type { FileStore } from './evidence/storage.js';

/** What every module's routes are built with. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  /** Evidence file storage, opened at start from FILE_STORE (src/evidence/file-store.ts); the local disk under UPLOAD_DIR when not given. */
  files?: FileStore;
}
