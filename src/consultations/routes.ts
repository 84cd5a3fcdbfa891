// The public pages of the consultation: the list of entries under consultation, an entry's public record, and
// its opinion form. Search engines are told not to index them, and the response cache never keeps them.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context.js';
import { cachedProvinces } from '../admin-units/queries.js';
import { pageNumbers } from '../catalogue/pages.js';
import { addressKey } from '../accounts/login-limits.js';
import { inTransaction } from '../db/transaction.js';
import { flash } from '../http/flash.js';
import { NotFound } from '../http/errors.js';
import { MODEL_TYPE_LABELS } from '../reference/vocabulary.js';
import { formatNumber } from '../text/numbers.js';
import { checkOpinion, giveOpinion, HONEYPOT_FIELD, OPINION_LIMITS } from './opinions.js';
import { openConsultations, publicConsultation, PUBLIC_PAGE_SIZE, type PublicConsultationPage } from './queries.js';

const LIST_PATH = '/lay-y-kien';
const THANKS = 'Cảm ơn bạn đã góp ý. Ý kiến của bạn đã được gửi tới cơ quan thẩm định.';

/** Not for search engines: the entry is not recognised, and its page goes away after the decision. */
const noIndex: RequestHandler = (_req, res, next) => {
  res.set('X-Robots-Tag', 'noindex');
  res.locals.noindex = true;
  next();
};

const modelIdOf = (req: Request) => {
  const id = String(req.params.id);
  if (!/^[1-9]\d{0,8}$/.test(id)) throw new NotFound('Không tìm thấy mô hình đang lấy ý kiến nhân dân.');
  return Number(id);
};

export function consultationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(LIST_PATH, noIndex);

  router.get(LIST_PATH, async (req, res) => {
    const provinces = await cachedProvinces(ctx.db);
    const notes: string[] = [];
    const rawProvince = typeof req.query.tinh === 'string' && req.query.tinh !== '' ? req.query.tinh : undefined;
    const province = rawProvince && provinces.some((p) => p.code === rawProvince) ? rawProvince : undefined;
    if (rawProvince && !province) notes.push('Tỉnh, thành phố này không có trong danh sách; đang hiện mọi tỉnh.');
    const rawPage = typeof req.query.trang === 'string' ? req.query.trang : undefined;
    let page = rawPage && /^[1-9]\d{0,4}$/.test(rawPage) ? Number(rawPage) : 1;
    if (rawPage !== undefined && page === 1 && rawPage !== '1') notes.push('Số trang là số nguyên dương, ví dụ 2.');
    let list = await openConsultations(ctx.db, { province, page });
    const lastPage = Math.max(1, Math.ceil(list.total / PUBLIC_PAGE_SIZE));
    if (page > lastPage) {
      notes.push(`Danh sách chỉ có ${formatNumber(lastPage)} trang; đang hiện trang cuối.`);
      page = lastPage;
      list = await openConsultations(ctx.db, { province, page });
    }
    const link = (p: { tinh?: string; trang?: number }) => {
      const q = new URLSearchParams();
      if (p.tinh) q.set('tinh', p.tinh);
      if (p.trang && p.trang > 1) q.set('trang', String(p.trang));
      const s = q.toString();
      return LIST_PATH + (s ? `?${s}` : '');
    };
    res.render('consultations/list', {
      title: 'Lấy ý kiến nhân dân',
      description: 'Các mô hình “Dân vận khéo” đang được lấy ý kiến nhân dân trước khi công nhận.',
      items: list.items,
      total: list.total,
      provinces: provinces.map((p) => ({ code: p.code, name: p.name })),
      province: province ?? '',
      notes,
      page,
      lastPage,
      pages: pageNumbers(page, lastPage),
      pageLink: (n: number) => link({ tinh: province, trang: n }),
      typeLabels: MODEL_TYPE_LABELS,
    });
  });

  const render = (
    res: Response,
    status: number,
    found: PublicConsultationPage,
    form: { values?: Record<string, unknown>; errors?: Record<string, string>; refusal?: string } = {},
  ) =>
    res.status(status).render('consultations/show', {
      title: `Lấy ý kiến nhân dân: ${found.model.title}`,
      description: found.model.summary,
      ...found,
      typeLabels: MODEL_TYPE_LABELS,
      limits: OPINION_LIMITS,
      honeypot: HONEYPOT_FIELD,
      values: form.values ?? {},
      errors: form.errors ?? {},
      refusal: form.refusal ?? null,
    });

  /** The entry's public page, or the approved model's once decided; 404 for anything else. */
  const load = async (req: Request, res: Response): Promise<PublicConsultationPage | null> => {
    const found = await publicConsultation(ctx.db, modelIdOf(req));
    if (found && 'moved' in found) {
      res.redirect(302, `/mo-hinh/${encodeURIComponent(found.moved)}`);
      return null;
    }
    if (!found)
      throw new NotFound('Không tìm thấy mô hình đang lấy ý kiến nhân dân. Có thể đợt lấy ý kiến đã kết thúc.');
    return found;
  };

  router.get(`${LIST_PATH}/:id`, async (req, res) => {
    const found = await load(req, res);
    if (found) render(res, 200, found);
  });

  router.post(`${LIST_PATH}/:id`, async (req, res) => {
    const found = await load(req, res);
    if (!found) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    // What was typed comes back on a refusal; the hidden field never does.
    const { [HONEYPOT_FIELD]: _trap, _csrf, ...values } = body;
    if (!found.open)
      return render(res, 410, found, {
        values,
        refusal: 'Đợt lấy ý kiến nhân dân về mô hình này đã kết thúc; không nhận thêm ý kiến.',
      });
    const checked = checkOpinion(body);
    if ('errors' in checked)
      return render(res, 400, found, {
        values,
        errors: checked.errors,
        refusal: 'Chưa gửi được ý kiến: hãy sửa các ô được đánh dấu rồi gửi lại.',
      });
    if (checked.trap)
      return render(res, 400, found, {
        values,
        refusal:
          'Chưa gửi được ý kiến: ô “Trang web” phải để trống (ô này dành để chặn thư rác). Hãy xóa nội dung ô đó rồi gửi lại.',
      });
    const given = await inTransaction(ctx.db, (tx) =>
      giveOpinion(tx, found.model.id, addressKey(req.ip), checked.value),
    );
    if (!given.ok) {
      // The page may have changed meanwhile (closed, or the cap reached): show it as it is now.
      const now = await publicConsultation(ctx.db, found.model.id);
      return render(res, given.status, now && !('moved' in now) ? now : found, { values, refusal: given.message });
    }
    flash(req, THANKS);
    res.redirect(303, `${LIST_PATH}/${found.model.id}#gop-y`);
  });

  return router;
}
