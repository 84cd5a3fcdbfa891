import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { can } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import { flash } from '../http/flash.js';
import { Conflict, Forbidden, NotFound } from '../http/errors.js';
import { listForms } from './queries.js';
import { addForm, deleteForm, parseFormInput, updateForm } from './forms.js';
import { FieldErrors } from './validation.js';

const PATH = '/quan-ly/hinh-thuc-khen-thuong';
const CODE = /^[a-z0-9_]{1,32}$/;

/** The list of commendation forms, which central admins keep (manageReferenceData). */
export function commendationFormRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(PATH, requireLogin, (req, _res, next) => {
    if (!can(req.user, 'manageReferenceData'))
      throw new Forbidden('Chỉ quản trị Trung ương được sửa danh mục hình thức khen thưởng.');
    next();
  });

  const render = async (
    res: Response,
    status: number,
    extra: {
      errors?: Record<string, string>;
      code?: string | null;
      values?: Record<string, unknown>;
      error?: string;
    } = {},
  ) =>
    res.status(status).render('commendations/forms', {
      title: 'Hình thức khen thưởng',
      forms: await listForms(ctx.db),
      errors: extra.errors ?? {},
      code: extra.code ?? null,
      values: extra.values ?? {},
      error: extra.error ?? null,
    });

  const codeOf = (req: Request) => {
    const code = String(req.params.code);
    if (!CODE.test(code)) throw new NotFound('Không có hình thức khen thưởng này.');
    return code;
  };

  router.get(PATH, async (_req, res) => {
    await render(res, 200);
  });

  router.post(PATH, async (req, res) => {
    try {
      await addForm(ctx.db, parseFormInput({ ...req.body, isActive: 'on' }));
    } catch (err) {
      if (!(err instanceof FieldErrors)) throw err;
      return render(res, 400, { errors: err.fields, code: '', values: req.body ?? {} });
    }
    flash(req, 'Đã thêm hình thức khen thưởng.');
    res.redirect(303, PATH);
  });

  router.post(`${PATH}/:code`, async (req, res) => {
    const code = codeOf(req);
    try {
      await updateForm(ctx.db, code, parseFormInput(req.body ?? {}));
    } catch (err) {
      if (!(err instanceof FieldErrors)) throw err;
      return render(res, 400, { errors: err.fields, code, values: req.body ?? {} });
    }
    flash(req, 'Đã lưu hình thức khen thưởng.');
    res.redirect(303, PATH);
  });

  router.post(`${PATH}/:code/xoa`, async (req, res) => {
    const code = codeOf(req);
    try {
      await deleteForm(ctx.db, code);
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      return render(res, 409, { error: err.message, code });
    }
    flash(req, 'Đã xóa hình thức khen thưởng.');
    res.redirect(303, PATH);
  });

  return router;
}
