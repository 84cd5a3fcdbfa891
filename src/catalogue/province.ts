import { Router } from 'express';
import type { AppContext } from '../context.js';
import { facetCounts } from '../listing/counts.js';
import { listModels, PUBLIC } from '../listing/query.js';
import { modelCard } from './presenters.js';
import { FIELDS, MODEL_TYPE_LABELS } from '../reference/vocabulary.js';
import { cachedCommunes, cachedProvinces } from '../admin-units/queries.js';
import { NotFound } from '../http/errors.js';

export function provincePages(ctx: AppContext): Router {
  const router = Router();
  router.get('/tinh/:code', async (req, res) => {
    const code = String(req.params.code);
    const province = /^\d{2}$/.test(code) ? (await cachedProvinces(ctx.db)).find((p) => p.code === code) : undefined;
    if (!province) throw new NotFound('Không có tỉnh, thành phố này.');
    const [facets, communes, newest] = await Promise.all([
      facetCounts(ctx.db, { province: code }),
      cachedCommunes(ctx.db, code),
      listModels(ctx.db, { audience: PUBLIC, filters: { province: code }, sort: 'newest', page: 1, limit: 8 }),
    ]);
    const total = facets.province[code] ?? 0;
    res.render('catalogue/province', {
      // Public pages people share: their preview carries the registry's image (views/partials/top.ejs).
      shareable: true,
      title: `${province.fullName} – mô hình “Dân vận khéo”`,
      description: `${total} mô hình “Dân vận khéo” đã được công nhận ở ${province.fullName}.`,
      province,
      total,
      facets,
      fields: FIELDS,
      typeLabels: MODEL_TYPE_LABELS,
      communes: communes
        .filter((c) => (facets.commune[c.code] ?? 0) > 0)
        .map((c) => ({ ...c, count: facets.commune[c.code] })),
      newest: newest.items.map((m) => modelCard(m)),
    });
  });
  return router;
}
