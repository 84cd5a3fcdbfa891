/**
 * Cold start (empty data directory, demo data seeded) and warm restart of `npm start`,
 * timed from spawn until the home page answers. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/paths.js';

async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = process.hrtime.bigint();
  // Its own process group, so the signal reaches node behind npm.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: projectRoot,
    stdio: 'ignore',
    detached: true,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      UPLOAD_DIR: path.join(dataDir, 'uploads'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (res.ok) return Number(process.hrtime.bigint() - started) / 1e9;
      } catch {
        /* not listening yet */
      }
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGINT');
    });
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-start-'));
const port = 3900 + Math.floor(Math.random() * 50);
try {
  const cold = await timeStart(dataDir, port);
  const warmRuns: number[] = [];
  for (let i = 0; i < 5; i++) warmRuns.push(await timeStart(dataDir, port));
  const warm = warmRuns.sort((a, b) => a - b)[2];
  console.log(
    JSON.stringify({
      cold_start_s: Number(cold.toFixed(2)),
      warm_restart_s: Number(warm.toFixed(2)),
      cpus: os.cpus().length,
      node: process.version,
    }),
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
