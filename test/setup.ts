import { dropCreatedDatabases, engine } from './helpers/db.js';

process.env.LOG_LEVEL ??= 'silent';

export const mochaHooks = {
  beforeAll(this: Mocha.Context) {
    console.log(`  database engine under test: ${engine}`);
  },
  async afterAll() {
    await dropCreatedDatabases();
  },
};
