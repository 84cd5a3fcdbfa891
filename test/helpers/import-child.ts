// Runs one import job in its own process, telling its progress, so that a test can kill -9 it mid-way.
import { pino } from 'pino';
import { openDatabase } from '../../src/db/client.js';
import { liveProgress, runJob } from '../../src/import/jobs.js';

const id = Number(process.argv[2]);
const database = await openDatabase(
  process.env.KILL_DATABASE_URL
    ? { databaseUrl: process.env.KILL_DATABASE_URL }
    : { dataDir: process.env.KILL_DATA_DIR },
);
const timer = setInterval(() => {
  const p = liveProgress(id);
  if (p !== undefined) console.log(`progress ${p}`);
}, 10);
await runJob(database, pino({ level: 'silent' }), id);
clearInterval(timer);
console.log('finished');
await database.close();
