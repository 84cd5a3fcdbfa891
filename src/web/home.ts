import { Router } from 'express';
import type { AppContext } from '../context.js';
import { listPublicModels } from '../catalogue/queries.js';
import { countApprovedBy } from '../statistics/queries.js';

export function homeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [byType, byProvince, newest] = await Promise.all([
      countApprovedBy(ctx.db, 'type'),
      countApprovedBy(ctx.db, 'province'),
      listPublicModels(ctx.db, { sort: 'newest', page: 1, limit: 6 }),
    ]);
    res.render('pages/home', {
      title: 'Cơ sở dữ liệu mô hình “Dân vận khéo”',
      counts: {
        total: byType.reduce((s, r) => s + r.count, 0),
        collective: byType.find((r) => r.key === 'collective')?.count ?? 0,
        individual: byType.find((r) => r.key === 'individual')?.count ?? 0,
        provinces: byProvince.filter((r) => r.count > 0).length,
      },
      newest: newest.items,
    });
  });
  return router;
}
