import { Router } from 'express';
import type { AppContext } from '../context.js';
import { listModels, PUBLIC } from '../listing/query.js';
import { modelCard } from './presenters.js';
import { FIELDS } from '../reference/vocabulary.js';
import { countApprovedBy } from '../statistics/queries.js';

export function homeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [byType, byProvince, byField, newest] = await Promise.all([
      countApprovedBy(ctx.db, 'type'),
      countApprovedBy(ctx.db, 'province'),
      countApprovedBy(ctx.db, 'field'),
      listModels(ctx.db, { audience: PUBLIC, filters: {}, sort: 'newest', page: 1, limit: 6 }),
    ]);
    res.render('catalogue/home', {
      // Public pages people share: their preview carries the registry's image (views/partials/top.ejs).
      shareable: true,
      title: 'Cơ sở dữ liệu mô hình “Dân vận khéo”',
      counts: {
        total: byType.reduce((s, r) => s + r.count, 0),
        collective: byType.find((r) => r.key === 'collective')?.count ?? 0,
        individual: byType.find((r) => r.key === 'individual')?.count ?? 0,
        provinces: byProvince.filter((r) => r.count > 0).length,
      },
      byProvince,
      byField,
      fields: FIELDS,
      newest: newest.items.map((m) => modelCard(m)),
    });
  });
  return router;
}
