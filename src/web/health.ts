// Probes for a load balancer or an orchestrator. /healthz: the process answers. /readyz: it can do
// its work: the database answers, every migration is applied, UPLOAD_DIR takes a file, the object store
// (if one is configured) answers and qpdf runs.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { migrationsDir } from '../paths.js';
import { pdfCheckerRuns } from '../evidence/pdf-check.js';

const expectedMigrations = (): number =>
  (JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] })
    .entries.length;

type Check = { ok: true } | { ok: false; reason: string };

async function databaseCheck(ctx: AppContext, expected: number): Promise<Check> {
  try {
    const [row] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const applied = Number(row.n);
    return applied >= expected
      ? { ok: true }
      : { ok: false, reason: `còn ${expected - applied} bản chuyển đổi cơ sở dữ liệu chưa áp dụng` };
  } catch {
    // The cause stays in the server's own log; a probe's answer says only what is wrong.
    return { ok: false, reason: 'cơ sở dữ liệu không trả lời' };
  }
}

async function uploadDirCheck(dir: string): Promise<Check> {
  const probe = path.join(dir, `.readyz-${randomBytes(6).toString('hex')}`);
  try {
    await fs.promises.writeFile(probe, 'ok');
    await fs.promises.rm(probe, { force: true });
    return { ok: true };
  } catch {
    return { ok: false, reason: 'thư mục tệp minh chứng (UPLOAD_DIR) không ghi được' };
  }
}

// An object store (FILE_STORE=s3) must answer too: without it no file can be stored or served.
async function fileStoreCheck(ctx: AppContext): Promise<Check> {
  if (!ctx.files?.check) return { ok: true };
  try {
    await ctx.files.check();
    return { ok: true };
  } catch {
    return { ok: false, reason: 'kho lưu trữ tệp minh chứng (S3_BUCKET) không trả lời' };
  }
}

// Without qpdf no PDF can be checked, so every PDF upload is refused until it is installed.
const pdfCheck = async (qpdfPath: string): Promise<Check> =>
  (await pdfCheckerRuns(qpdfPath))
    ? { ok: true }
    : { ok: false, reason: 'công cụ kiểm tra tệp PDF (qpdf) không chạy được' };

const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  const expected = expectedMigrations();
  router.get('/healthz', (_req, res) => {
    noStore(res).json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await Promise.all([
      databaseCheck(ctx, expected),
      uploadDirCheck(ctx.config.uploadDir),
      fileStoreCheck(ctx),
      pdfCheck(ctx.config.uploads.qpdfPath),
    ]);
    const problems = checks.flatMap((c) => (c.ok ? [] : [c.reason]));
    noStore(res);
    if (problems.length === 0) return res.json({ status: 'ready' });
    res.status(503).set('Retry-After', '5').json({ status: 'not ready', problems });
  });
  return router;
}
