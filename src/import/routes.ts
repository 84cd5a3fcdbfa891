import fsp from 'node:fs/promises';
import path from 'node:path';
import multer from 'multer';
import { Router, type Request, type Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { can } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import { positiveId } from '../http/params.js';
import { AppError, Forbidden, Invalid, NotFound } from '../http/errors.js';
import { csrf } from '../accounts/sessions.js';
import { newKey } from '../evidence/storage.js';
import { cachedCommunes, cachedProvinces } from '../admin-units/queries.js';
import { buildTemplate } from './template.js';
import { checkSheetFile } from './file-check.js';
import { createJob, failAbandoned, findJob, liveProgress, requeue, startJob, type ImportJob } from './jobs.js';
import { writeReport } from './report.js';
import { OUTCOME_LABELS, SHOWN } from './run.js';
import { findUserById } from '../accounts/users.js';

const BASE = '/quan-ly/nhap-du-lieu';
const MAX_BYTES = 40 * 1024 * 1024;
const REFUSED = 'Tài khoản không có quyền nhập dữ liệu mô hình từ tệp.';
const STATE_LABELS = { queued: 'Đang chờ', running: 'Đang xử lý', done: 'Xong', failed: 'Thất bại' } as const;

/** Import of models from a spreadsheet: the template, the dry run, the import, each asking the policy. */
export function importRoutes(ctx: AppContext): Router {
  const router = Router();
  // At start-up: the jobs a killed process left running are failed, so that they can be run again.
  failAbandoned(ctx.database).catch((err: unknown) => ctx.logger.warn({ err }, 'could not check abandoned imports'));
  router.use(BASE, requireLogin);
  const folder = path.join(ctx.config.dataDir, 'imports');
  const incoming = path.join(folder, 'incoming');
  const receive = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) =>
        void fsp.mkdir(incoming, { recursive: true }).then(
          () => cb(null, incoming),
          (err: Error) => cb(err, incoming),
        ),
      filename: (_req, _file, cb) => cb(null, newKey()),
    }),
    limits: { fileSize: MAX_BYTES, files: 1, fields: 10, fieldSize: 1024 },
    defParamCharset: 'utf8',
  }).single('file');

  const mayImport = (req: Request) => {
    if (!can(req.user, 'importModels')) throw new Forbidden(REFUSED);
  };
  /** The province the user imports into: a province admin's own; the centre's choice. */
  async function provinceOf(req: Request, chosen: unknown): Promise<string> {
    const code = req.user!.role === 'central_admin' ? String(chosen ?? '') : (req.user!.provinceCode ?? '');
    const provinces = await cachedProvinces(ctx.db);
    if (!provinces.some((p) => p.code === code)) throw new Invalid('Hãy chọn tỉnh, thành phố nhận dữ liệu.');
    if (!can(req.user, 'importModels', { provinceCode: code })) throw new Forbidden(REFUSED);
    return code;
  }
  async function scopedJob(req: Request): Promise<ImportJob> {
    mayImport(req);
    const job = await findJob(ctx.db, positiveId(req.params.id, 'Không tìm thấy lần nhập.'));
    if (!job || !job.province_code || !can(req.user, 'importModels', { provinceCode: job.province_code }))
      throw new NotFound('Không tìm thấy lần nhập này trong phạm vi của tài khoản.');
    if (job.state === 'running' && liveProgress(job.id) === undefined) {
      await failAbandoned(ctx.database);
      return (await findJob(ctx.db, job.id))!;
    }
    return job;
  }

  async function renderIndex(req: Request, res: Response, status: number, error?: string) {
    await failAbandoned(ctx.database);
    const user = req.user!;
    const provinces = await cachedProvinces(ctx.db);
    const jobs = await queryRows<ImportJob & { province_name: string }>(
      ctx.db,
      sql`select j.*, p.name as province_name from import_jobs j join provinces p on p.code = j.province_code
      where ${user.role === 'central_admin' ? sql`true` : sql`j.province_code = ${user.provinceCode}`}
      order by j.id desc limit 20`,
    );
    res.status(status).render('import/index', {
      title: 'Nhập mô hình từ tệp',
      error,
      jobs,
      stateLabels: STATE_LABELS,
      provinces: user.role === 'central_admin' ? provinces : provinces.filter((p) => p.code === user.provinceCode),
      chooseProvince: user.role === 'central_admin',
      typed: (req.body ?? {}) as Record<string, unknown>,
      uploadAction: `${BASE}?_csrf=${encodeURIComponent(csrf.generateToken(req))}`,
    });
  }

  router.get(BASE, async (req, res) => {
    mayImport(req);
    await renderIndex(req, res, 200);
  });

  router.get(`${BASE}/mau.xlsx`, async (req, res) => {
    mayImport(req);
    const code = await provinceOf(req, req.query.tinh ?? req.user!.provinceCode);
    const province = (await cachedProvinces(ctx.db)).find((p) => p.code === code)!;
    const file = await buildTemplate(province.fullName, await cachedCommunes(ctx.db, code));
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(`mau-nhap-mo-hinh-${code}.xlsx`),
    });
    res.send(file);
  });

  router.post(BASE, async (req, res) => {
    // Permission before a single byte is written to disk.
    if (!can(req.user, 'importModels')) {
      req.resume();
      throw new Forbidden(REFUSED);
    }
    let temp: string | null = null;
    try {
      await new Promise<void>((resolve, reject) =>
        receive(req, res, (err?: unknown) => {
          if (!err) return resolve();
          if (err instanceof multer.MulterError)
            return reject(
              new Invalid(
                err.code === 'LIMIT_FILE_SIZE'
                  ? 'Tệp vượt quá 40 MB. Hãy chia thành nhiều tệp nhỏ hơn.'
                  : 'Biểu mẫu tải tệp không hợp lệ. Hãy tải lại trang và chọn tệp lại.',
                { status: err.code === 'LIMIT_FILE_SIZE' ? 413 : 400 },
              ),
            );
          reject(err instanceof AppError ? err : new Invalid('Tệp tải lên không hoàn chỉnh. Hãy thử lại.'));
        }),
      );
      const file = req.file;
      temp = file?.path ?? null;
      if (!file) throw new Invalid('Hãy chọn tệp Excel (.xlsx) hoặc CSV để tải lên.');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const provinceCode = await provinceOf(req, body.provinceCode);
      const target = body.targetStatus === 'submitted' ? 'submitted' : 'approved';
      const name = path.basename(file.originalname.normalize('NFC')).slice(0, 200);
      const format = await checkSheetFile(file.path, name);
      const stored = path.join(folder, newKey());
      await fsp.rename(file.path, stored);
      temp = stored;
      const id = await createJob(ctx.db, {
        created_by: req.user!.id,
        province_code: provinceCode,
        file_name: name,
        storage_path: stored,
        format,
        mode: 'dry_run',
        target_status: target,
      });
      temp = null;
      startJob(ctx.database, ctx.logger, id);
      res.redirect(303, `${BASE}/${id}`);
    } catch (err) {
      if (temp) await fsp.rm(temp, { force: true });
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
      res.set('Connection', 'close');
      req.resume();
      await renderIndex(req, res, err.status, err.message);
    }
  });

  router.get(`${BASE}/:id`, async (req, res) => {
    const job = await scopedJob(req);
    const active = job.state === 'queued' || job.state === 'running';
    // Without a script the page reloads itself until the job is done.
    if (active) res.set('Refresh', '3');
    const imports = await queryRows<{ id: number; state: string }>(
      ctx.db,
      sql`select id, state from import_jobs where dry_run_id = ${job.id} order by id desc limit 1`,
    );
    const dryRun = job.dry_run_id ? await findJob(ctx.db, job.dry_run_id) : null;
    const fileKept = await fsp
      .access(job.storage_path)
      .then(() => true)
      .catch(() => false);
    const creator = job.created_by ? await findUserById(ctx.db, job.created_by) : null;
    res.render('import/job', {
      title: job.mode === 'dry_run' ? `Kiểm tra tệp ${job.file_name}` : `Nhập tệp ${job.file_name}`,
      job,
      active,
      processed: liveProgress(job.id) ?? job.processed_rows,
      importJob: imports[0] ?? null,
      dryRun,
      fileKept,
      creatorName: creator?.displayName ?? '',
      outcomeLabels: OUTCOME_LABELS,
      stateLabels: STATE_LABELS,
      shown: SHOWN,
      base: BASE,
    });
  });

  router.get(`${BASE}/:id/trang-thai`, async (req, res) => {
    const job = await scopedJob(req);
    res.json({
      state: job.state,
      processedRows: liveProgress(job.id) ?? job.processed_rows,
      totalRows: job.total_rows,
      done: job.state === 'done' || job.state === 'failed',
    });
  });

  router.post(`${BASE}/:id/nhap`, async (req, res) => {
    const job = await scopedJob(req);
    if (job.mode !== 'dry_run' || job.state !== 'done') throw new Invalid('Chỉ nhập được sau khi kiểm tra thử xong.');
    const [already] = await queryRows<{ id: number }>(
      ctx.db,
      sql`select id from import_jobs where dry_run_id = ${job.id} and state <> 'failed' order by id desc limit 1`,
    );
    if (already) return res.redirect(303, `${BASE}/${already.id}`);
    const exists = await fsp
      .access(job.storage_path)
      .then(() => true)
      .catch(() => false);
    if (!exists) throw new Invalid('Tệp của lần kiểm tra này không còn trên máy chủ. Hãy tải tệp lên lại.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = await createJob(ctx.db, {
      created_by: req.user!.id,
      province_code: job.province_code,
      file_name: job.file_name,
      storage_path: job.storage_path,
      format: job.format,
      mode: 'import',
      target_status: body.targetStatus === 'submitted' ? 'submitted' : 'approved',
      dry_run_id: job.id,
    });
    startJob(ctx.database, ctx.logger, id);
    res.redirect(303, `${BASE}/${id}`);
  });

  router.post(`${BASE}/:id/chay-lai`, async (req, res) => {
    const job = await scopedJob(req);
    if (await requeue(ctx.db, job.id)) startJob(ctx.database, ctx.logger, job.id);
    res.redirect(303, `${BASE}/${job.id}`);
  });

  router.get(`${BASE}/:id/loi`, async (req, res) => {
    const job = await scopedJob(req);
    const user = req.user!;
    const exists = await fsp
      .access(job.storage_path)
      .then(() => true)
      .catch(() => false);
    if (!exists) throw new NotFound('Tệp của lần nhập này không còn trên máy chủ (đã nhập xong).');
    const base = job.file_name.replace(/\.[^.]+$/, '');
    res.set({
      'Content-Type':
        job.format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(`${base}-loi.${job.format}`),
    });
    await writeReport(
      ctx.db,
      {
        file: job.storage_path,
        format: job.format,
        fileName: job.file_name,
        provinceCode: job.province_code,
        targetStatus: job.target_status,
        user,
      },
      res,
    );
  });

  return router;
}
