// A movement's launch document: uploaded by whoever manages the movement, checked by content as
// evidence files are (src/evidence/inspect.ts), kept in the same storage, and public with the movement.
import { Router, type Request, type Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { can } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import { AppError, Forbidden, Invalid, NotFound, Unavailable } from '../http/errors.js';
import { flash } from '../http/flash.js';
import { inspectUpload } from '../evidence/inspect.js';
import { PdfCheckerMissing } from '../evidence/pdf-check.js';
import { receiveFiles, removeTemporary, uploadedFiles } from '../evidence/upload.js';
import { newKey, storageFailure, type FileStore } from '../evidence/storage.js';
import { findMovement } from './queries.js';
import { setDocument } from './store.js';
import { MANAGE_PATH, managePath, renderManagePage } from './manage.js';

const CODE = /^[a-z0-9-]{1,64}$/;
const NOT_DOCUMENT = 'Văn bản phát động phải là tài liệu PDF, DOCX, XLSX hoặc ODT.';

export function movementDocuments(ctx: AppContext, store: FileStore): Router {
  const router = Router();
  const limits = ctx.config.uploads;
  const receive = receiveFiles(store, limits);

  router.post(`${MANAGE_PATH}/:code/van-ban`, requireLogin, async (req: Request, res: Response) => {
    const code = String(req.params.code);
    const m = CODE.test(code) ? await findMovement(ctx.db, code) : null;
    // Permission before a single byte is written to disk.
    if (!m || !can(req.user, 'manageMovement', { level: m.level, provinceCode: m.provinceCode })) {
      req.resume();
      throw new NotFound('Không tìm thấy phong trào trong phạm vi quản lý của tài khoản.');
    }
    const temporary: string[] = [];
    let replaced: string | null = null;
    try {
      await new Promise<void>((resolve, reject) =>
        receive(req, res, (err?: unknown) => (err ? reject(err) : resolve())),
      );
      const files = uploadedFiles(req);
      temporary.push(...files.map((f) => f.path));
      if (files.length !== 1) throw new Invalid('Hãy chọn một tệp văn bản phát động.');
      const inspected = await inspectUpload(files[0], limits).catch((err: unknown) => {
        throw storageFailure(err);
      });
      if (inspected.kind !== 'document') throw new Invalid(NOT_DOCUMENT, { status: 415 });
      const key = newKey();
      await store.put(key, files[0].path);
      try {
        replaced = await inTransaction(ctx.db, (tx) =>
          setDocument(
            tx,
            req.user!.id,
            m.code,
            Number(req.body?.version),
            { key, name: inspected.name, mime: inspected.mime, size: inspected.size },
            (r) => {
              if (!can(req.user, 'manageMovement', r))
                throw new Forbidden('Tài khoản không có quyền quản lý phong trào này.');
            },
          ),
        );
      } catch (err) {
        await store.delete(key).catch(() => undefined);
        throw err;
      }
    } catch (err) {
      if (err instanceof PdfCheckerMissing)
        req.log?.warn({ qpdfPath: limits.qpdfPath }, 'qpdf does not run: every PDF upload is refused');
      const storage = err instanceof Unavailable;
      if (!(err instanceof AppError) || (err.status >= 500 && !storage) || err.status === 404) throw err;
      await removeTemporary(temporary.splice(0));
      res.set('Connection', 'close');
      req.resume();
      // A 4xx with the reason on the movement's own page, as every refused form here.
      return renderManagePage(
        ctx,
        req,
        res,
        err.status,
        (await findMovement(ctx.db, m.code)) ?? m,
        `Chưa lưu văn bản phát động: ${err.message}`,
      );
    } finally {
      await removeTemporary(temporary);
    }
    if (replaced)
      await store.delete(replaced).catch((err: unknown) => req.log?.warn({ err }, 'old document not removed'));
    flash(req, 'Đã lưu văn bản phát động.');
    res.redirect(303, managePath(m.code));
  });

  router.get('/phong-trao/:code/van-ban', async (req: Request, res: Response) => {
    const code = String(req.params.code);
    const m = CODE.test(code) ? await findMovement(ctx.db, code) : null;
    const notFound = new NotFound('Không tìm thấy văn bản phát động của phong trào này.');
    if (!m || !m.document || !m.documentStorageKey) throw notFound;
    // A draft's document is its owner's until the movement is published.
    const isPublic = m.status !== 'draft';
    if (!isPublic && !can(req.user, 'manageMovement', { level: m.level, provinceCode: m.provinceCode })) throw notFound;
    const stat = await store.stat(m.documentStorageKey);
    if (!stat) throw new NotFound('Tệp này hiện không có trên máy chủ. Hãy báo quản trị viên.');
    res.set({
      'Content-Type': m.document.mimeType,
      'Content-Disposition': contentDisposition(m.document.name, { type: 'attachment' }),
      'Content-Length': String(stat.size),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': isPublic ? 'public, no-cache' : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    const stream = await store.get(m.documentStorageKey);
    await new Promise<void>((resolve) => {
      stream.on('error', (err) => {
        req.log?.error({ err }, 'movement document read failed');
        res.destroy(err);
        resolve();
      });
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res);
    });
  });

  return router;
}
