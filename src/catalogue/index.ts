import type { Capability, CacheRule } from '../http/capability.js';
import type { AppContext } from '../context.js';
import { noteSearchUsed } from '../listing/counts.js';
import { homeRoutes } from './home.js';
import { cataloguePages } from './pages.js';
import { provincePages } from './province.js';
import { photoPages } from './photos.js';
import { movementPages } from './movement-pages.js';
import { catalogueApi, catalogueApiPaths } from './api.js';
import { exportPages } from './exports.js';

// A list answered from the cache still counts as a search made, for the stored searches' statistics.
const listRule = (path: RegExp, ctx: AppContext): CacheRule => ({
  path,
  onHit: (req) => noteSearchUsed(ctx.db, req.query.q),
});

/** The public site (home, browse and search, a model's page, a province's page) and the models API. */
export const catalogue: Capability = {
  name: 'catalogue',
  pages: (ctx) => [
    homeRoutes(ctx),
    cataloguePages(ctx),
    photoPages(ctx),
    provincePages(ctx),
    movementPages(ctx),
    exportPages(ctx),
  ],
  api: (ctx) => catalogueApi(ctx),
  // A model's own page is not kept: it also shows recognitions, commendations and evidence,
  // which the catalogue version does not follow.
  cacheRules: (ctx) => [
    { path: /^\/$/ },
    listRule(/^\/mo-hinh\/?$/, ctx),
    { path: /^\/tinh\/\d{2}\/?$/ },
    listRule(/^\/api\/v1\/models\/?$/, ctx),
    // Movements, their phases and approved models: all raise the catalogue version.
    { path: /^\/phong-trao\/?$/ },
    listRule(/^\/phong-trao\/[a-z0-9-]{1,64}\/?$/, ctx),
  ],
  openapi: catalogueApiPaths,
};
