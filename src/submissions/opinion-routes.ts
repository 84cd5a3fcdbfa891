// The reviewer's side of a consultation on the staff entry page: hide an abusive opinion or show it again,
// and publish a short summary. The rules and the writing are src/consultations/moderation.ts's.
import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { requireLogin } from '../http/guards.js';
import { AppError, NotFound } from '../http/errors.js';
import { flash } from '../http/flash.js';
import { modelResource } from '../policy/resources.js';
import { setOpinionHidden, setSummary } from '../consultations/moderation.js';
import { findInternalModel } from './queries.js';
import { entryPage } from './entry-page.js';

const idParam = (req: Request, name: string) => {
  const v = String(req.params[name]);
  if (!/^[1-9]\d{0,8}$/.test(v)) throw new NotFound('Không tìm thấy mô hình.');
  return Number(v);
};

export function opinionRoutes(ctx: AppContext): Router {
  const router = Router();
  const renderEntry = entryPage(ctx);
  const base = '/quan-ly/mo-hinh/:id/y-kien';

  for (const [suffix, hidden] of [
    ['an', true],
    ['hien', false],
  ] as const) {
    router.post(`${base}/:opinionId/${suffix}`, requireLogin, async (req, res) => {
      const id = idParam(req, 'id');
      const opinionId = idParam(req, 'opinionId');
      await inTransaction(ctx.db, (tx) => setOpinionHidden(tx, req.user!, id, opinionId, hidden));
      flash(req, hidden ? 'Đã ẩn ý kiến; ý kiến vẫn được lưu và không được tính.' : 'Đã hiện lại ý kiến.');
      res.redirect(303, `/quan-ly/mo-hinh/${id}#y-kien`);
    });
  }

  router.post(`${base}/tom-tat`, requireLogin, async (req, res) => {
    const id = idParam(req, 'id');
    const typed = req.body?.summary;
    try {
      const done = await inTransaction(ctx.db, (tx) => setSummary(tx, req.user!, id, typed));
      flash(req, done === 'published' ? 'Đã công bố tóm tắt ý kiến nhân dân.' : 'Đã gỡ tóm tắt ý kiến nhân dân.');
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      const m = (await findInternalModel(ctx.db, id))!;
      return renderEntry(req, res, 400, m, await modelResource(ctx.db, m), {
        consultationError: err.message,
        typedSummary: typeof typed === 'string' ? typed : '',
      });
    }
    res.redirect(303, `/quan-ly/mo-hinh/${id}#y-kien`);
  });
  return router;
}
