import 'dotenv/config';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { DataDirLocked } from '../src/db/data-dir-lock.js';
import { bootstrapDatabase } from '../src/bootstrap.js';
import { seedBulk } from '../src/demo/bulk.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' } } });
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 10_000_000) {
  console.error('--count phải là số nguyên từ 1 đến 10000000');
  process.exit(2);
}
const config = loadConfig(process.env, { serves: false });
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
}).catch((err: unknown) => {
  // The app (or another script) has the embedded database open: one line, not a stack trace.
  if (!(err instanceof DataDirLocked)) throw err;
  console.error(err.message);
  process.exit(1);
});
try {
  await bootstrapDatabase(database);
  console.log(`Thêm ${count} mô hình tổng hợp (đã công nhận, đánh dấu demo) vào ${database.description}…`);
  const result = await seedBulk(database.db, count, (done) => console.log(`  ${done}/${count}`));
  console.log(`Xong: ${result.inserted} mô hình trong ${result.seconds.toFixed(1)} s.`);
} finally {
  await database.close();
}
