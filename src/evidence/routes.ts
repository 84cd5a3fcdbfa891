import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { can, type ModelResource } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import { csrf } from '../accounts/sessions.js';
import { entryActions } from '../policy/actions.js';
import { modelResource } from '../policy/resources.js';
import { findFileOwner, listFiles, type FileOwner } from './queries.js';
import { ACCEPT_ATTRIBUTE, CAPTION_MAX_LENGTH, formatBytes, typeLabel } from './rules.js';
import { ALLOWED_SUMMARY } from './inspect.js';
import {
  attachFiles,
  checkEntryLimits,
  editFiles,
  FILE_REFUSALS,
  removeFile,
  restrictFile,
  storeUploads,
  type FileEdit,
} from './store.js';
import { PdfCheckerMissing } from './pdf-check.js';
import { prepareUploads, receiveFiles, removeTemporary, uploadOptions, uploadedFiles } from './upload.js';
import { fileUrl } from './downloads.js';
import type { FileStore } from './storage.js';
import { AppError, NotFound, Forbidden, Unavailable } from '../http/errors.js';
import { positiveId } from '../http/params.js';
import { flash } from '../http/flash.js';

/** The commune's and the reviewer's page for a model's evidence files: upload, caption, order, visibility. */
export function evidenceRoutes(ctx: AppContext, store: FileStore): Router {
  const router = Router();
  const limits = ctx.config.uploads;
  const receive = receiveFiles(store, limits);

  /** The model in the user's scope, or a 404 that says nothing about models outside it. */
  async function scoped(req: Request): Promise<{ m: FileOwner; resource: ModelResource }> {
    const m = await findFileOwner(ctx.db, positiveId(req.params.id, 'Không tìm thấy mô hình.'));
    const resource = m ? await modelResource(ctx.db, m) : null;
    if (!m || !resource || !can(req.user, 'viewInternal', resource))
      throw new NotFound('Không tìm thấy mô hình trong phạm vi của tài khoản.');
    return { m, resource };
  }

  async function render(
    req: Request,
    res: Response,
    status: number,
    m: FileOwner,
    resource: ModelResource,
    extra: { error?: string; typed?: { caption: string; visibility: string } } = {},
  ) {
    const files = await listFiles(ctx.db, m.id);
    const usedBytes = files.reduce((s, f) => s + f.sizeBytes, 0);
    res.status(status).render('evidence/manage', {
      title: `Tệp minh chứng: ${m.title}`,
      m,
      files,
      actions: entryActions(req.user, resource),
      accept: ACCEPT_ATTRIBUTE,
      allowed: ALLOWED_SUMMARY,
      captionMax: CAPTION_MAX_LENGTH,
      limits: {
        document: formatBytes(limits.maxDocumentBytes),
        video: formatBytes(limits.maxVideoBytes),
        files: limits.maxFilesPerEntry,
        entry: formatBytes(limits.maxEntryBytes),
        used: formatBytes(usedBytes),
        remaining: Math.max(0, limits.maxFilesPerEntry - files.length),
        megapixels: Math.round(limits.maxImagePixels / 1e6),
      },
      // The token rides in the URL: a multipart body is read only after the CSRF check.
      uploadAction: `/quan-ly/mo-hinh/${m.id}/tep?_csrf=${encodeURIComponent(csrf.generateToken(req))}`,
      fileUrl,
      typeLabel,
      formatBytes,
      individualWithoutConsent: m.type === 'individual' && !m.publish_consent,
      error: extra.error ?? null,
      typed: extra.typed ?? { caption: '', visibility: 'public' },
    });
  }

  router.get('/quan-ly/mo-hinh/:id/tep', requireLogin, async (req, res) => {
    const { m, resource } = await scoped(req);
    await render(req, res, 200, m, resource);
  });

  router.post('/quan-ly/mo-hinh/:id/tep', requireLogin, async (req, res) => {
    // Scope and permission before a single byte is written to disk.
    const { m, resource } = await scoped(req);
    if (!can(req.user, 'manageFiles', resource)) {
      req.resume();
      throw new Forbidden(FILE_REFUSALS.manageFiles);
    }
    const temporary: string[] = [];
    try {
      await new Promise<void>((resolve, reject) =>
        receive(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
      );
      temporary.push(...uploadedFiles(req).map((f) => f.path));
      const options = uploadOptions(req.body);
      const prepared = await prepareUploads(uploadedFiles(req), store, limits, options, temporary);
      // Refused before the transfer when it cannot fit; the transaction asks again under the lock.
      await checkEntryLimits(ctx.db, m.id, prepared, limits);
      await storeUploads(ctx.db, store, prepared, (tx, stored) => attachFiles(tx, req.user!, m.id, stored, limits));
    } catch (err) {
      if (err instanceof PdfCheckerMissing)
        req.log?.warn({ qpdfPath: limits.qpdfPath }, 'qpdf does not run: every PDF upload is refused');
      // A full or read-only storage is told on the form too, with what the user typed kept.
      const storage = err instanceof Unavailable;
      if (!(err instanceof AppError) || (err.status >= 500 && !storage) || err.status === 404) throw err;
      if (storage) res.set({ 'Retry-After': String(err.retryAfterSeconds), 'Cache-Control': 'no-store' });
      // Removed before answering, so that no part file outlives the refusal the user sees.
      await removeTemporary(temporary.splice(0));
      // The rest of a refused body is read and dropped, so the browser gets to show the answer.
      res.set('Connection', 'close');
      req.resume();
      // The fields that arrived before a refusal, shown again as typed.
      const body = (req.body ?? {}) as Record<string, unknown>;
      const typed = {
        caption: typeof body.caption === 'string' ? body.caption : '',
        visibility: body.visibility === 'internal' ? 'internal' : 'public',
      };
      return render(req, res, err.status, m, resource, { error: err.message, typed });
    } finally {
      await removeTemporary(temporary);
    }
    const count = uploadedFiles(req).length;
    flash(req, count === 1 ? 'Đã tải lên 1 tệp.' : `Đã tải lên ${count} tệp.`);
    res.redirect(303, `/quan-ly/mo-hinh/${m.id}/tep`);
  });

  router.post('/quan-ly/mo-hinh/:id/tep/sap-xep', requireLogin, async (req, res) => {
    const { m, resource } = await scoped(req);
    // Refused before the captions are checked, so an outsider is told no more than that.
    if (!can(req.user, 'manageFiles', resource)) throw new Forbidden(FILE_REFUSALS.manageFiles);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const ids = ([] as unknown[])
      .concat(body.ids ?? [])
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    const edits: FileEdit[] = [];
    for (const id of ids) {
      const caption = String(body[`caption_${id}`] ?? '')
        .normalize('NFC')
        .trim();
      if (caption.length > CAPTION_MAX_LENGTH) {
        return render(req, res, 400, m, resource, { error: `Chú thích tối đa ${CAPTION_MAX_LENGTH} ký tự.` });
      }
      edits.push({ id, caption, isPublic: body[`visibility_${id}`] === 'public' });
    }
    const move =
      typeof body.move === 'string' && /^\d{1,9}:(up|down)$/.test(body.move)
        ? { id: Number(body.move.split(':')[0]), by: body.move.endsWith(':up') ? (-1 as const) : (1 as const) }
        : undefined;
    await inTransaction(ctx.db, (tx) => editFiles(tx, req.user!, m.id, edits, move));
    flash(req, move ? 'Đã đổi thứ tự tệp.' : 'Đã lưu chú thích và chế độ hiển thị của các tệp.');
    res.redirect(303, `/quan-ly/mo-hinh/${m.id}/tep`);
  });

  // Scope and permission are asked by the store, inside the transaction that changes the file.
  router.post('/quan-ly/mo-hinh/:id/tep/:fileId/xoa', requireLogin, async (req, res) => {
    const id = positiveId(req.params.id, 'Không tìm thấy mô hình.');
    const fileId = positiveId(req.params.fileId, 'Không tìm thấy tệp.');
    await inTransaction(ctx.db, (tx) => removeFile(tx, store, req.user!, id, fileId));
    flash(req, 'Đã xóa tệp.');
    res.redirect(303, `/quan-ly/mo-hinh/${id}/tep`);
  });

  router.post('/quan-ly/mo-hinh/:id/tep/:fileId/noi-bo', requireLogin, async (req, res) => {
    const id = positiveId(req.params.id, 'Không tìm thấy mô hình.');
    const fileId = positiveId(req.params.fileId, 'Không tìm thấy tệp.');
    await inTransaction(ctx.db, (tx) => restrictFile(tx, req.user!, id, fileId));
    flash(req, 'Đã chuyển tệp sang chế độ nội bộ.');
    res.redirect(303, `/quan-ly/mo-hinh/${id}/tep`);
  });

  return router;
}
