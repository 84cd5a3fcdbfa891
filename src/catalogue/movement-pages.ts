// The public movement pages: the catalogue of movements, and one movement with its figures and its
// approved models, listed and filtered through the same list query as /mo-hinh.
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { cachedCommunes, cachedProvinces } from '../admin-units/queries.js';
import { getPublicMovement, listMovements, movementFigures } from '../movements/queries.js';
import { KIND_LABELS, levelLabel, period } from '../movements/labels.js';
import { listModels, publicList } from '../listing/query.js';
import { facetCounts } from '../listing/counts.js';
import { browseQuery, pageParams, parseAndCheckListQuery } from './params.js';
import { modelCard } from './presenters.js';
import { pageNumbers } from './pages.js';
import { FIELDS, MODEL_TYPE_LABELS } from '../reference/vocabulary.js';
import { NotFound } from '../http/errors.js';

const PAGE_SIZE = 20;
const CODE = /^[a-z0-9-]{1,64}$/;
const movementPath = (code: string) => `/phong-trao/${encodeURIComponent(code)}`;

export function movementPages(ctx: AppContext): Router {
  const router = Router();
  const names = async () => {
    const provinces = await cachedProvinces(ctx.db);
    return (code: string) => provinces.find((p) => p.code === code)?.name ?? code;
  };

  router.get('/phong-trao', async (_req, res) => {
    const [all, name] = await Promise.all([listMovements(ctx.db), names()]);
    const shaped = all.map((m) => ({
      ...m,
      href: movementPath(m.code),
      levelText: levelLabel(m, name),
      kindText: KIND_LABELS[m.kind] ?? m.kind,
      periodText: period(m),
    }));
    res.render('movements/index', {
      shareable: true,
      title: 'Phong trào thi đua',
      inForce: shaped.filter((m) => m.status === 'in_force'),
      ended: shaped.filter((m) => m.status === 'ended'),
      period,
    });
  });

  router.get('/phong-trao/:code', async (req, res) => {
    const code = String(req.params.code);
    const m = CODE.test(code) ? await getPublicMovement(ctx.db, code) : null;
    if (!m) throw new NotFound('Không tìm thấy phong trào thi đua này.');
    // The browse page's parameters, with the movement fixed to this one.
    const { movement: _fixed, ...params } = pageParams(req.query as Record<string, unknown>);
    const q = await parseAndCheckListQuery(ctx, { ...params, movement: code, limit: PAGE_SIZE });
    const { limit: _limit, movement: _m, ...state } = q;
    const [result, facets, provinces, communes, figures, name] = await Promise.all([
      listModels(ctx.db, publicList(q)),
      facetCounts(ctx.db, q),
      cachedProvinces(ctx.db),
      q.province ? cachedCommunes(ctx.db, q.province) : Promise.resolve([]),
      movementFigures(ctx.db, m.id),
      names(),
    ]);
    const here = movementPath(code);
    const lastPage = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const active = (['q', 'province', 'commune', 'year', 'field', 'type'] as const).filter(
      (k) => q[k] !== undefined && q[k] !== '',
    );
    res.render('movements/show', {
      shareable: true,
      title: m.name,
      description: m.description || undefined,
      m,
      levelText: levelLabel(m, name),
      kindText: KIND_LABELS[m.kind] ?? m.kind,
      periodText: period(m),
      figures: {
        year: figures.year,
        field: figures.field.map((f) => ({ ...f, label: FIELDS.find((x) => x.code === f.key)?.name ?? f.key })),
        province: figures.province.map((p) => ({ ...p, label: name(p.key) })),
      },
      here,
      state,
      active,
      facets,
      provinces,
      communes,
      fields: FIELDS,
      typeLabels: MODEL_TYPE_LABELS,
      years: Object.keys(facets.year)
        .map(Number)
        .sort((a, b) => b - a),
      total: result.total,
      lastPage,
      pages: pageNumbers(q.page, lastPage),
      items: result.items.map((x) =>
        modelCard(x, { q: q.q, back: browseQuery({ ...state, movement: code }).slice(1) }),
      ),
      browseAll: `/mo-hinh${browseQuery({ ...state, movement: code, page: 1 })}`,
      pageLink: (page: number) => `${here}${browseQuery(state, { page })}#mo-hinh`,
    });
  });

  return router;
}
