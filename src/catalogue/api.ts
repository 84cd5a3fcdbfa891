import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { modelPath, parseAndCheckListQuery } from './params.js';
import { listPublicModels, type PublicModelSummary } from '../listing/query.js';
import { getPublicModel } from './detail.js';
import { FIELDS } from '../reference/vocabulary.js';
import { NotFound, Invalid } from '../http/errors.js';
import { baseUrl, onlyParams } from '../http/params.js';

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
    if (!/^[1-9]\d{0,8}$/.test(id)) throw new Invalid('Mã mô hình phải là số nguyên dương', { parameter: 'id' });
    const model = await getPublicModel(ctx.db, Number(id));
    if (!model) throw new NotFound('Không tìm thấy mô hình đã được công nhận với mã này');
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
