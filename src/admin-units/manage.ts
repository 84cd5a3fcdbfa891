import { Router } from 'express';
import Joi from 'joi';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { can } from '../policy/policy.js';
import { requireLogin } from '../http/guards.js';
import { listProvinces } from './queries.js';
import { NotFound, Forbidden } from '../http/errors.js';
import { flash } from '../http/flash.js';

const bodySchema = Joi.object({
  reviewingBodyName: Joi.string()
    .trim()
    .min(5)
    .max(200)
    .required()
    .messages({ '*': 'Tên cơ quan thẩm định dài từ 5 đến 200 ký tự.' }),
  _csrf: Joi.string().allow(''),
});

/** Reference data the central admin keeps: each province's reviewing body, whose name changes with reorganisations. */
export function adminUnitManagement(ctx: AppContext): Router {
  const router = Router();
  const guard = requireLogin;
  const render = async (
    res: import('express').Response,
    status: number,
    extra: { error?: string; code?: string; typed?: string } = {},
  ) =>
    res.status(status).render('admin-units/bodies', {
      title: 'Cơ quan thẩm định các tỉnh',
      provinces: await listProvinces(ctx.db),
      error: null,
      code: null,
      typed: null,
      ...extra,
    });

  router.get('/quan-ly/co-quan-tham-dinh', guard, async (req, res) => {
    if (!can(req.user, 'manageReferenceData'))
      throw new Forbidden('Chỉ quản trị Trung ương được sửa dữ liệu danh mục.');
    await render(res, 200);
  });

  router.post('/quan-ly/co-quan-tham-dinh/:code', guard, async (req, res) => {
    if (!can(req.user, 'manageReferenceData'))
      throw new Forbidden('Chỉ quản trị Trung ương được sửa dữ liệu danh mục.');
    const code = String(req.params.code);
    const { value, error } = bodySchema.validate(req.body ?? {}, { stripUnknown: true });
    if (error)
      return render(res, 400, {
        error: error.details[0].message,
        code,
        typed: String(req.body?.reviewingBodyName ?? ''),
      });
    const updated = await ctx.db.execute(
      sql`update provinces set reviewing_body_name = ${value.reviewingBodyName} where code = ${code} returning code`,
    );
    if ((updated as unknown as { rows: unknown[] }).rows.length === 0)
      throw new NotFound('Không có tỉnh, thành phố này.');
    flash(req, 'Đã lưu tên cơ quan thẩm định.');
    res.redirect(303, '/quan-ly/co-quan-tham-dinh');
  });
  return router;
}
