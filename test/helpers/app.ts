import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';

export function testApp(database: Database, env: Record<string, string> = {}) {
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/dvk-test-unused', ...env });
  return createApp({ config, database, db: database.db, logger: pino({ level: 'silent' }) });
}
