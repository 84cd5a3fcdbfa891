// Import jobs: the row in import_jobs is the truth about a run. A job is claimed atomically, runs in
// the server process after the upload's answer, beats its heartbeat while it runs, and is marked
// failed when its process died (a running job whose heartbeat is old, or, on the embedded database
// that only one process can open, any running job this process does not run).
import fsp from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { queryRows, type Database, type Executor } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { findUserById } from '../accounts/users.js';
import { FileProblem, runFile, type RunSummary } from './run.js';
import type { ImportFormat } from './reader.js';

export interface ImportJob {
  id: number;
  created_by: number | null;
  province_code: string | null;
  file_name: string;
  storage_path: string;
  format: ImportFormat;
  mode: 'dry_run' | 'import';
  target_status: 'approved' | 'submitted';
  state: 'queued' | 'running' | 'done' | 'failed';
  total_rows: number | null;
  processed_rows: number;
  summary: RunSummary | null;
  failure: string | null;
  heartbeat_at: string | Date | null;
  dry_run_id: number | null;
  created_at: string | Date;
  finished_at: string | Date | null;
}

const STALE_AFTER = '2 minutes';
const HEARTBEAT_MS = 10_000;
const CRASHED =
  'Lần chạy bị dừng giữa chừng (máy chủ khởi động lại hoặc gặp sự cố). Không có dữ liệu nào được ghi; hãy chạy lại.';

/** The jobs this process runs now, with their progress (the embedded database is busy during an import). */
const running = new Map<number, { processed: number }>();

export const liveProgress = (id: number) => running.get(id)?.processed;

export async function findJob(db: Executor, id: number): Promise<ImportJob | null> {
  const [job] = await queryRows<ImportJob>(db, sql`select * from import_jobs where id = ${id}`);
  return job ?? null;
}

export async function createJob(
  db: Executor,
  j: Pick<
    ImportJob,
    'created_by' | 'province_code' | 'file_name' | 'storage_path' | 'format' | 'mode' | 'target_status'
  > & {
    dry_run_id?: number | null;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into import_jobs (created_by, province_code, file_name, storage_path, format, mode, target_status, dry_run_id)
    values (${j.created_by}, ${j.province_code}, ${j.file_name}, ${j.storage_path}, ${j.format}, ${j.mode}, ${j.target_status}, ${j.dry_run_id ?? null})
    returning id`,
  );
  return Number(row.id);
}

/** Marks as failed the running jobs whose process is gone. */
export async function failAbandoned(database: Database): Promise<void> {
  const mine = [...running.keys()];
  const notMine = mine.length
    ? sql`and not (id in (${sql.join(
        mine.map((id) => sql`${id}::int`),
        sql`, `,
      )}))`
    : sql``;
  const gone =
    database.driver === 'pglite'
      ? sql`true`
      : sql`(heartbeat_at is null or heartbeat_at < now() - ${STALE_AFTER}::interval)`;
  await database.db.execute(sql`update import_jobs set state = 'failed', failure = ${CRASHED}, finished_at = now()
    where state = 'running' and ${gone} ${notMine}`);
}

/** A failed job goes back to the queue; false when it is not failed (already rerun, or never failed). */
export async function requeue(db: Executor, id: number): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`update import_jobs set state = 'queued', failure = null, processed_rows = 0, summary = null,
      started_at = null, finished_at = null, heartbeat_at = null
    where id = ${id} and state = 'failed' returning id`,
  );
  return rows.length > 0;
}

/** Claims the queued job and runs it to its end; another process or request that claimed it first wins. */
export async function runJob(database: Database, logger: Logger, id: number): Promise<void> {
  const db = database.db;
  const [job] = await queryRows<ImportJob>(
    db,
    sql`update import_jobs set state = 'running', started_at = now(), heartbeat_at = now(), processed_rows = 0
    where id = ${id} and state = 'queued' returning *`,
  );
  if (!job) return;
  const progress = { processed: 0 };
  running.set(id, progress);
  // The embedded database has one connection, held by the import's transaction: beat only on a server.
  const beats = job.mode === 'dry_run' || database.driver === 'pg';
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (!beats) return;
    beating = db
      .execute(
        sql`update import_jobs set heartbeat_at = now(), processed_rows = ${progress.processed} where id = ${id} and state = 'running'`,
      )
      .catch((err: unknown) => logger.warn({ err, job: id }, 'import heartbeat failed'));
  }, HEARTBEAT_MS);
  try {
    const user = job.created_by ? await findUserById(db, job.created_by) : null;
    if (!user || user.disabled) throw new FileProblem('Tài khoản tạo lần nhập này không còn hoạt động.');
    const options = {
      file: job.storage_path,
      format: job.format,
      fileName: job.file_name,
      provinceCode: job.province_code,
      targetStatus: job.target_status,
      user,
      onProgress: (n: number) => {
        progress.processed = n;
      },
    };
    const summary =
      job.mode === 'import' ? await inTransaction(db, (tx) => runFile(tx, options, tx)) : await runFile(db, options);
    clearInterval(timer);
    await beating;
    await db.execute(sql`update import_jobs set state = 'done', summary = ${JSON.stringify(summary)}::jsonb,
      total_rows = ${progress.processed}, processed_rows = ${progress.processed}, finished_at = now(), heartbeat_at = now()
      where id = ${id}`);
    // The file waits for the confirmation after a dry run; once imported it is no longer needed.
    if (job.mode === 'import') await fsp.rm(job.storage_path, { force: true });
  } catch (err) {
    clearInterval(timer);
    await beating;
    const message =
      err instanceof FileProblem
        ? err.message
        : 'Không đọc được tệp hoặc có lỗi khi ghi dữ liệu; không có dữ liệu nào được ghi. Hãy kiểm tra tệp rồi chạy lại.';
    if (!(err instanceof FileProblem)) logger.error({ err, job: id }, 'import job failed');
    await db
      .execute(sql`update import_jobs set state = 'failed', failure = ${message}, finished_at = now() where id = ${id}`)
      .catch((e: unknown) => logger.error({ err: e, job: id }, 'could not record the failed import'));
  } finally {
    running.delete(id);
  }
}

/** Starts the job once the current request's answer is on its way. */
export function startJob(database: Database, logger: Logger, id: number): void {
  setImmediate(() => {
    runJob(database, logger, id).catch((err: unknown) => logger.error({ err, job: id }, 'import job crashed'));
  });
}
