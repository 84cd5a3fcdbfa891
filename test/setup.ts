import { dropCreatedDatabases, engine } from './helpers/db.js';
import { s3FileStore, stopS3 } from './helpers/s3.js';

process.env.LOG_LEVEL ??= 'silent';
// The pinned AWS SDK runs on Node 20; its warning is about later releases (README, "Scaling out").
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const mochaHooks = {
  beforeAll(this: Mocha.Context) {
    console.log(`  database engine under test: ${engine}${s3FileStore ? ', evidence files on S3 (s3rver)' : ''}`);
  },
  async afterAll() {
    await dropCreatedDatabases();
    await stopS3();
  },
};
