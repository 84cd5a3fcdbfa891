import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/app.js';
import { CAPABILITIES } from '../../src/capabilities.js';
import type { Capability } from '../../src/http/capability.js';
import type { Database } from '../../src/db/client.js';
import type { FileStore } from '../../src/evidence/storage.js';
import { createLogger } from '../../src/web/logging.js';

export function testApp(
  database: Database,
  env: Record<string, string> = {},
  options: { logger?: Logger; capabilities?: readonly Capability[]; files?: FileStore } = {},
) {
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/dvk-test-unused', ...env });
  return createApp(
    { config, database, db: database.db, logger: options.logger ?? pino({ level: 'silent' }), files: options.files },
    options.capabilities ?? CAPABILITIES,
  );
}

/** The app's own logger (redaction, serializers) writing JSON lines into memory. */
export function capturedLog(level = 'info') {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ logLevel: level, logFormat: 'json' }, sink);
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
