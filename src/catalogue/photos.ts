import { Router } from 'express';
import type { AppContext } from '../context.js';
import { NotFound } from '../http/errors.js';
import { baseUrl } from '../http/hosts.js';
import { getPublicModel } from './detail.js';
import { publicGallery } from '../evidence/queries.js';
import { fileUrl } from '../evidence/downloads.js';
import { modelPath } from './params.js';

/**
 * One public photo of a model at a time, with its caption and links to the previous and next ones:
 * the gallery's thumbnails open it, and it needs no JavaScript.
 */
export function photoPages(ctx: AppContext): Router {
  const router = Router();
  router.get('/mo-hinh/:slug/anh/:n', async (req, res) => {
    const slug = String(req.params.slug);
    const n = /^[1-9]\d{0,3}$/.test(String(req.params.n)) ? Number(req.params.n) : 0;
    const model = slug.length <= 120 && n ? await getPublicModel(ctx.db, slug) : null;
    const images = model ? (await publicGallery(ctx.db, model.id)).images : [];
    const image = images[n - 1];
    if (!model || !image) throw new NotFound('Không tìm thấy ảnh này. Có thể ảnh đã được chuyển thành nội bộ.');
    const at = (i: number) => `${modelPath(model.slug)}/anh/${i}`;
    const site = baseUrl(req, ctx.config);
    res.render('catalogue/photo', {
      title: `Ảnh ${n}/${images.length} – ${model.title}`,
      description: image.caption || model.summary,
      canonical: site + at(n),
      model,
      image,
      n,
      count: images.length,
      src: fileUrl(image, 'view'),
      prev: n > 1 ? at(n - 1) : null,
      next: n < images.length ? at(n + 1) : null,
      modelHref: modelPath(model.slug),
    });
  });
  return router;
}
