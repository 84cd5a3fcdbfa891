import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { badParameter, baseUrl, HttpError, onlyParams } from '../api/http.js';
import { communeExists, provinceExists } from '../admin-units/queries.js';
import { movementExists } from '../movements/queries.js';
import { parseListQuery, type ListQuery } from './filters.js';
import { listPublicModels, type PublicModelSummary } from './queries.js';
import { getPublicModel } from './detail.js';
import { FIELDS } from './reference-data.js';

export const modelPath = (slug: string) => `/mo-hinh/${encodeURIComponent(slug)}`;

/** Parses list parameters and checks that named codes exist, so a typo is a 400, not an empty list. */
export async function parseAndCheckListQuery(ctx: AppContext, raw: Record<string, unknown>): Promise<ListQuery> {
  const parsed = parseListQuery(raw);
  if ('error' in parsed) throw badParameter(parsed.error);
  const q = parsed.value;
  if (q.province && !(await provinceExists(ctx.db, q.province))) throw badParameter({ parameter: 'province', message: `không có tỉnh, thành phố mã ${q.province}` });
  if (q.commune && !(await communeExists(ctx.db, q.commune))) throw badParameter({ parameter: 'commune', message: `không có xã, phường mã ${q.commune}` });
  if (q.movement && !(await movementExists(ctx.db, q.movement))) throw badParameter({ parameter: 'movement', message: `không có phong trào mã ${q.movement}` });
  return q;
}

function withUrl(req: Request, ctx: AppContext, m: PublicModelSummary) {
  return { ...m, url: baseUrl(req, ctx.config.publicBaseUrl) + modelPath(m.slug) };
}

export function catalogueApi(ctx: AppContext): Router {
  const router = Router();

  router.get('/models', async (req, res) => {
    const q = await parseAndCheckListQuery(ctx, req.query as Record<string, unknown>);
    const { items, total } = await listPublicModels(ctx.db, q);
    res.json({ items: items.map((m) => withUrl(req, ctx, m)), total, page: q.page, limit: q.limit });
  });

  router.get('/models/:id', onlyParams(), async (req, res) => {
    const id = String(req.params.id);
    if (!/^[1-9]\d{0,8}$/.test(id)) throw new HttpError(400, 'Mã mô hình phải là số nguyên dương', 'id');
    const model = await getPublicModel(ctx.db, Number(id));
    if (!model) throw new HttpError(404, 'Không tìm thấy mô hình đã được công nhận với mã này');
    res.json({
      ...withUrl(req, ctx, model),
      replicates: model.replicates.map((m) => withUrl(req, ctx, m)),
      replicatedBy: model.replicatedBy.map((m) => withUrl(req, ctx, m)),
    });
  });

  router.get('/fields', onlyParams(), (_req, res) => {
    res.json(FIELDS.map((f) => ({ code: f.code, name: f.name, description: f.description })));
  });

  return router;
}
