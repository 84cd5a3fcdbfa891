import { Router } from 'express';
import type { AppContext } from '../context.js';
import { cachedCommunes, cachedProvinces } from '../admin-units/queries.js';
import { listMovements, type MovementRow } from '../movements/queries.js';
import { parseListQuery, type ListQuery } from '../listing/filters.js';
import { listModels, publicList } from '../listing/query.js';
import { relatedModels } from './related.js';
import { modelCard } from './presenters.js';
import { facetCounts } from '../listing/counts.js';
import { consultationNote, getPublicModel } from './detail.js';
import { publicGallery } from '../evidence/queries.js';
import { fileUrl } from '../evidence/downloads.js';
import { formatBytes, typeLabel } from '../evidence/rules.js';
import { browseQuery, modelPath, pageParams, parseAndCheckListQuery } from './params.js';
import {
  FIELDS,
  MODEL_TYPE_LABELS,
  RECOGNITION_GRADES,
  RECOGNITION_LEVELS,
  recognitionLine,
} from '../reference/vocabulary.js';
import { NotFound } from '../http/errors.js';
import { baseUrl } from '../http/hosts.js';

const PAGE_SIZE = 20;

/** Page numbers to show: first, last, and two either side of the current one. */
export function pageNumbers(current: number, last: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= last; p++) {
    if (p === 1 || p === last || Math.abs(p - current) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/** A browse state carried in a model link's `back`, re-parsed so that only known filters return. */
function backState(raw: unknown): Partial<ListQuery> | null {
  if (typeof raw !== 'string' || raw.length > 600) return null;
  const parsed = parseListQuery(pageParams(Object.fromEntries(new URLSearchParams(raw))));
  return 'error' in parsed ? null : parsed.value;
}

/**
 * The movement filter's options, kept while the catalogue version (which movements are under)
 * stays the same; without a version (a signed-in user's request) they are read afresh.
 */
function movementOptions(ctx: AppContext): (version: unknown) => Promise<MovementRow[]> {
  let kept: { version: number; list: Promise<MovementRow[]> } | null = null;
  return (version) => {
    if (typeof version !== 'number') return listMovements(ctx.db);
    // An older version may take a newer list: newer is never stale.
    if (!kept || version > kept.version) {
      const list = listMovements(ctx.db);
      kept = { version, list };
      list.catch(() => {
        if (kept?.list === list) kept = null;
      });
    }
    return kept.list;
  };
}

// The public full-size copy is fitted inside this square (src/evidence/inspect.ts deriveImages).
const DISPLAY_MAX = 1600;

/** The model's first public picture, as shared-link previews want it: absolute, with its size. */
function shareImage(
  site: string,
  image: { id: number; width: number | null; height: number | null; caption: string | null } | undefined,
) {
  if (!image?.width || !image.height) return null;
  const scale = Math.min(1, DISPLAY_MAX / Math.max(image.width, image.height));
  return {
    url: site + fileUrl(image, 'view'),
    width: Math.round(image.width * scale),
    height: Math.round(image.height * scale),
    alt: image.caption || 'Ảnh hoạt động của mô hình',
  };
}

const YEAR = /^\d{4}$/;
const FIRST_YEAR = 1945;
const LAST_YEAR = 2100;

/** What is wrong with the form's year range, in Vietnamese, or null. */
function yearRangeProblem(params: Record<string, unknown>): string | null {
  const from = params.yearFrom;
  const to = params.yearTo;
  if (from === undefined && to === undefined) return null;
  for (const v of [from, to]) {
    if (v === undefined) continue;
    const n = Number(v);
    if (typeof v !== 'string' || !YEAR.test(v) || n < FIRST_YEAR || n > LAST_YEAR)
      return `Năm phải là số từ ${FIRST_YEAR} đến ${LAST_YEAR}; đang hiện kết quả của mọi năm.`;
  }
  if (from !== undefined && to !== undefined && Number(to) < Number(from))
    return `“Đến năm” (${to}) không được trước “Từ năm” (${from}); đang hiện kết quả của mọi năm.`;
  return null;
}

export function cataloguePages(ctx: AppContext): Router {
  const router = Router();
  const movementsAt = movementOptions(ctx);

  router.get('/mo-hinh', async (req, res) => {
    const params = pageParams(req.query as Record<string, unknown>);
    // A year range typed wrongly on the form still shows results, with the reason beside the field.
    const yearError = yearRangeProblem(params);
    if (yearError) {
      delete params.yearFrom;
      delete params.yearTo;
    }
    const q = await parseAndCheckListQuery(ctx, { ...params, limit: PAGE_SIZE });
    const { limit: _limit, ...state } = q;
    const [result, facets, provinces, movements, communes] = await Promise.all([
      listModels(ctx.db, publicList(q)),
      facetCounts(ctx.db, q),
      cachedProvinces(ctx.db),
      movementsAt(res.locals.catalogueVersion),
      q.province ? cachedCommunes(ctx.db, q.province) : Promise.resolve([]),
    ]);
    const lastPage = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const here = browseQuery(state).slice(1);
    const active = (
      [
        'q',
        'province',
        'commune',
        'year',
        'yearFrom',
        'yearTo',
        'field',
        'type',
        'movement',
        'commendedAt',
        'replica',
      ] as const
    ).filter((k) => q[k] !== undefined && q[k] !== '');
    res.render('catalogue/browse', {
      // Public pages people share: their preview carries the registry's image (views/partials/top.ejs).
      shareable: true,
      title: q.q ? `Tìm “${q.q}” – Tra cứu mô hình` : 'Tra cứu mô hình',
      state,
      facets,
      provinces,
      movements,
      communes,
      fields: FIELDS,
      typeLabels: MODEL_TYPE_LABELS,
      total: result.total,
      lastPage,
      pages: pageNumbers(q.page, lastPage),
      items: result.items.map((m) => modelCard(m, { q: q.q, back: here })),
      years: Object.keys(facets.year)
        .map(Number)
        .sort((a, b) => b - a),
      active,
      yearError,
      link: (change: Record<string, string | number | undefined>) =>
        `/mo-hinh${browseQuery(state, { page: undefined, ...change })}`,
      pageLink: (page: number) => `/mo-hinh${browseQuery(state, { page })}`,
      exportLink: (format: 'csv' | 'xlsx') => `/mo-hinh.${format}${browseQuery(state, { page: undefined })}`,
    });
  });

  router.get('/mo-hinh/:slug', async (req, res) => {
    const slug = String(req.params.slug);
    if (slug.length > 120) throw new NotFound('Không tìm thấy mô hình này.');
    const model = await getPublicModel(ctx.db, slug);
    if (!model)
      throw new NotFound('Không tìm thấy mô hình này. Có thể mô hình chưa được công nhận hoặc đã được thu hồi.');
    const back = backState(req.query.back);
    const [related, gallery, consultation] = await Promise.all([
      relatedModels(ctx.db, model, 4),
      publicGallery(ctx.db, model.id),
      consultationNote(ctx.db, model.id),
    ]);
    res.render('catalogue/model', {
      title: model.title,
      description: model.summary,
      model,
      consultation,
      recognitionLine,
      related,
      gallery,
      fileUrl,
      typeLabel,
      formatBytes,
      backHref: `/mo-hinh${back ? browseQuery(back) : ''}`,
      typeLabels: MODEL_TYPE_LABELS,
      levels: RECOGNITION_LEVELS,
      grades: RECOGNITION_GRADES,
      canonical: baseUrl(req, ctx.config) + modelPath(model.slug),
      ogImage: shareImage(baseUrl(req, ctx.config), gallery.images[0]),
      photoHref: (n: number) => `${modelPath(model.slug)}/anh/${n}`,
    });
  });

  return router;
}
