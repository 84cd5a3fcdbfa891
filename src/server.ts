import 'dotenv/config';
import { ConfigError, loadConfig } from './config/config.js';
import { boot } from './boot.js';
import { createLogger } from './web/logging.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config);
  const started = Date.now();
  const running = await boot(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    // A second Ctrl-C while closing means "now": the lock of an embedded database is taken over later.
    if (stopping) {
      console.error(`Nhận ${signal} lần nữa: dừng ngay.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`Nhận ${signal}: đang đóng máy chủ và cơ sở dữ liệu…`);
    const timer = setTimeout(() => {
      console.error('Đóng quá 10 s, buộc dừng.');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await running.close();
    console.log('Đã dừng an toàn.');
    process.exit(0);
  };
  // Listening before "Sẵn sàng" is printed: whoever reads it may signal at once.
  // Kept while closing (not `once`): with no listener left, a loader's own handler (tsx) or Node's
  // default would end the process by the signal before the database is closed.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  console.log(`Dân vận khéo: ${running.url}`);
  console.log(`Cơ sở dữ liệu: ${running.database.description}`);
  if (running.demoAccounts.length) {
    console.log('Tài khoản demo:');
    for (const line of running.demoAccounts) console.log(`  ${line}`);
  }
  console.log(`Sẵn sàng sau ${((Date.now() - started) / 1000).toFixed(1)} s. Nhấn Ctrl-C để dừng.`);
}

main().catch((err) => {
  console.error(`Không khởi động được: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
