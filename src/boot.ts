import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { openDatabase, withStatementLimits, type Database } from './db/client.js';
import { bootstrapDatabase } from './bootstrap.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoDataPresent } from './demo/accounts.js';
import { createApp } from './app.js';
import { createLogger } from './web/logging.js';
import { pdfCheckerRuns } from './evidence/pdf-check.js';
import { answerMalformedRequests } from './http/input.js';
import { openFileStore } from './evidence/file-store.js';

export interface Running {
  server: http.Server;
  database: Database;
  url: string;
  demoAccounts: string[];
  close(): Promise<void>;
}

/** Opens the database, migrates, loads reference and demo data, and listens. */
export async function boot(config: Config, logger: Logger = createLogger(config)): Promise<Running> {
  fs.mkdirSync(config.uploadDir, { recursive: true });
  const where = {
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
    // The logger's error serializer keeps a database error's code, never its message or the connection's parameters.
    onConnectionError: (err: Error) => logger.warn({ err }, 'database connection lost'),
  };
  let database = await openDatabase(where);
  try {
    const { referenceLoaded, demoModels } = await bootstrapDatabase(database, { seedDemo: config.seedDemo });
    if (referenceLoaded) logger.info('reference data loaded (administrative units, fields, main movement)');
    if (demoModels) logger.info({ models: demoModels }, 'demo data loaded');
    // Migrations and the first data load may take long; requests may not.
    database = await withStatementLimits(database, { ...where, ...config.database });
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
  const demoAccounts = (await demoDataPresent(database.db))
    ? DEMO_ACCOUNTS.map((a) => `${a.username} / ${DEMO_PASSWORD} (${a.description})`)
    : [];

  if (!(await pdfCheckerRuns(config.uploads.qpdfPath)))
    logger.warn(
      { qpdfPath: config.uploads.qpdfPath },
      'qpdf does not run: PDF uploads are refused until it is installed',
    );
  const files = await openFileStore(config);
  if (files.check) {
    // Said at start rather than at the first upload; the error's name and status only, never the settings.
    await files.check().catch((err: unknown) => {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      logger.warn(
        { error: e?.name, status: e?.$metadata?.httpStatusCode },
        'the evidence file store does not answer: uploads and downloads fail until it does',
      );
    });
  }
  const app = createApp({ config, database, db: database.db, logger, files });
  const server = http.createServer(app);
  // Idle keep-alive connections are closed by the client or the reverse proxy first (nginx keeps its
  // upstream ones 60 s): a server closing at 5 s races their next request into a "socket hang up".
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  answerMalformedRequests(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      files.close?.();
    })();
    return closing;
  };
  return { server, database, url, demoAccounts, close };
}
