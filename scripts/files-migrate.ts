import 'dotenv/config';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type S3Settings } from '../src/config/config.js';
import { LocalDiskStore } from '../src/evidence/storage.js';
import { S3Store } from '../src/evidence/s3-store.js';
import { migrateFiles } from '../src/evidence/migrate.js';

const { values } = parseArgs({ options: { to: { type: 'string' } } });
if (values.to !== 's3') {
  console.error(
    'Cách dùng: npm run files:migrate -- --to s3 (chép tệp minh chứng từ UPLOAD_DIR vào bucket S3_BUCKET).',
  );
  process.exit(2);
}
let config;
try {
  // The bucket's settings are read as if FILE_STORE were s3: the switch comes after the copy.
  config = loadConfig({ ...process.env, FILE_STORE: 's3' }, { serves: false });
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(78);
}
const settings = config.files as { kind: 's3' } & S3Settings;
const from = new LocalDiskStore(config.uploadDir);
const to = new S3Store(settings, config.uploadDir);
try {
  await to.check();
} catch (err) {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  console.error(
    `Không truy cập được bucket ${settings.bucket} (${e.name ?? 'lỗi'}${e.$metadata?.httpStatusCode ? `, HTTP ${e.$metadata.httpStatusCode}` : ''}). Kiểm tra S3_ENDPOINT, S3_BUCKET và khóa truy cập.`,
  );
  process.exit(1);
}
console.log(
  `Chép tệp minh chứng từ ${config.uploadDir} vào bucket ${settings.bucket}${settings.endpoint ? ` (${settings.endpoint})` : ''}…`,
);
let seen = 0;
const report = await migrateFiles(from, to, (key, outcome) => {
  seen += 1;
  if (outcome === 'failed') console.error(`  lỗi: ${key}`);
  else if (seen % 100 === 0) console.log(`  ${seen} tệp…`);
});
to.close();
const bytes = report.copied.reduce((s, c) => s + c.size, 0);
console.log(`Đã chép và kiểm tra: ${report.copied.length} tệp (${bytes} byte).`);
console.log(`Đã có sẵn trong bucket (cùng kích thước), bỏ qua: ${report.skipped.length} tệp.`);
console.log(`Lỗi: ${report.failed.length} tệp.`);
for (const f of report.failed) console.log(`  ${f.key}: ${f.reason}`);
if (report.failed.length) console.log('Chạy lại lệnh: các tệp đã chép sẽ được bỏ qua, chỉ chép lại các tệp lỗi.');
else console.log('Xong. Đặt FILE_STORE=s3 rồi khởi động lại các máy chủ.');
process.exitCode = report.failed.length ? 1 : 0;
