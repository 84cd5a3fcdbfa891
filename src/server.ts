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
  console.log(`Dân vận khéo: ${running.url}`);
  console.log(`Cơ sở dữ liệu: ${running.database.description}`);
  if (running.demoAccounts.length) {
    console.log('Tài khoản demo:');
    for (const line of running.demoAccounts) console.log(`  ${line}`);
  }
  console.log(`Sẵn sàng sau ${((Date.now() - started) / 1000).toFixed(1)} s. Nhấn Ctrl-C để dừng.`);

  const stop = async (signal: string) => {
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
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`Không khởi động được: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
