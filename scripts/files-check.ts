import 'dotenv/config';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { DataDirLocked } from '../src/db/data-dir-lock.js';
import { bootstrapDatabase } from '../src/bootstrap.js';
import { openFileStore } from '../src/evidence/file-store.js';
import { checkFiles, ORPHAN_MIN_AGE_MINUTES } from '../src/evidence/consistency.js';

const { values } = parseArgs({
  options: { fix: { type: 'boolean', default: false }, 'older-than': { type: 'string' } },
});
// Minutes: with every instance stopped no upload can be in progress, so 0 is safe then.
const given = values['older-than'];
if (given !== undefined && !/^\d{1,7}$/.test(given)) {
  console.error('--older-than phải là số phút nguyên, không âm (ví dụ --older-than 0 khi mọi máy chủ đã dừng).');
  process.exit(2);
}
const olderThan = given === undefined ? ORPHAN_MIN_AGE_MINUTES : Number(given);
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
  const store = await openFileStore(config);
  const report = await checkFiles(database, store, { fix: values.fix, minAgeMinutes: olderThan }).finally(() =>
    store.close?.(),
  );
  const where = config.files.kind === 's3' ? `bucket ${config.files.bucket}` : config.uploadDir;
  const age = (d: Date) => `${Math.round((Date.now() - d.getTime()) / 60000)} phút trước`;
  console.log(`Kiểm tra tệp minh chứng trong ${where} và ${database.description}`);
  console.log(
    `Tệp ${config.files.kind === 's3' ? 'trong bucket' : 'trên đĩa'} không có bản ghi: ${report.orphanFiles.length}`,
  );
  for (const o of report.orphanFiles) console.log(`  ${o.key}  ${o.size} byte  ${age(o.modifiedAt)}`);
  console.log(`Tệp tạm của lần tải lên bị gián đoạn: ${report.temporaryFiles.length}`);
  for (const t of report.temporaryFiles) console.log(`  ${t.path}  ${age(t.modifiedAt)}`);
  console.log(`Bản ghi không còn tệp: ${report.missingFiles.length}`);
  for (const m of report.missingFiles)
    console.log(`  tệp #${m.fileId} của mô hình #${m.modelId} (${m.originalName}): thiếu ${m.key}`);
  if (values.fix) console.log(`Đã xóa ${report.removed.length} tệp mồ côi cũ hơn ${olderThan} phút.`);
  else if (report.orphanFiles.length || report.temporaryFiles.length)
    console.log(
      `Chạy lại với --fix để xóa các tệp mồ côi cũ hơn ${olderThan} phút (--older-than 0 để xóa tất cả khi mọi máy chủ đã dừng).`,
    );
  process.exitCode = report.missingFiles.length ? 1 : 0;
} finally {
  await database.close();
}
