// A fake S3 (s3rver) on loopback, one per test process, with a fresh bucket for each test that asks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { S3Settings } from '../../src/config/config.js';

/** Set to run the evidence tests on the S3 store instead of the local disk (see .ci/run). */
export const s3FileStore = process.env.TEST_FILE_STORE === 's3';

let running: Promise<{ endpoint: string; stop: () => Promise<void> }> | null = null;

function server() {
  running ??= (async () => {
    // Loaded on first use: most test processes never need it.
    const { default: S3rver } = await import('s3rver');
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-s3rver-'));
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
    const { port } = await s3.run();
    return {
      endpoint: `http://127.0.0.1:${port}`,
      stop: async () => {
        await s3.close();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  })();
  return running;
}

/** Stops the fake S3 if this process started it (a root hook, test/setup.ts). */
export async function stopS3(): Promise<void> {
  if (!running) return;
  const s = await running;
  running = null;
  await s.stop();
}

/** A new empty bucket on the fake S3: its settings, and the same as environment variables for the app. */
export async function freshBucket(): Promise<{ settings: S3Settings; env: Record<string, string> }> {
  const { endpoint } = await server();
  const bucket = `dvk-${randomBytes(6).toString('hex')}`;
  const settings: S3Settings = {
    endpoint,
    region: 'us-east-1',
    bucket,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
  };
  const { CreateBucketCommand, S3Client } = await import('@aws-sdk/client-s3');
  const client = new S3Client({ ...settings, endpoint, credentials: settings.credentials! });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return {
    settings,
    env: {
      FILE_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: settings.region,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
  };
}
