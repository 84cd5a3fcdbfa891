import { Router } from 'express';
import type { AppContext } from '../context.js';
import { listPublicModels } from '../listing/query.js';
import { modelPath } from './params.js';
import { FIELDS, MODEL_TYPE_LABELS } from '../reference/vocabulary.js';
import { countApprovedBy } from '../statistics/queries.js';
import { highlight } from '../text/highlight.js';

export function homeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [byType, byProvince, byField, newest] = await Promise.all([
      countApprovedBy(ctx.db, 'type'),
      countApprovedBy(ctx.db, 'province'),
      countApprovedBy(ctx.db, 'field'),
      listPublicModels(ctx.db, { sort: 'newest', page: 1, limit: 6 }),
    ]);
    res.render('catalogue/home', {
      title: 'Cơ sở dữ liệu mô hình “Dân vận khéo”',
      counts: {
        total: byType.reduce((s, r) => s + r.count, 0),
        collective: byType.find((r) => r.key === 'collective')?.count ?? 0,
        individual: byType.find((r) => r.key === 'individual')?.count ?? 0,
        provinces: byProvince.filter((r) => r.count > 0).length,
      },
      byProvince, byField, fields: FIELDS, typeLabels: MODEL_TYPE_LABELS,
      newest: newest.items.map((m) => ({ ...m, href: modelPath(m.slug), titleHtml: highlight(m.title, undefined), summaryHtml: highlight(m.summary, undefined) })),
    });
  });
  return router;
}
