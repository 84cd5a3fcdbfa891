import express from 'express';
import compression from 'compression';
import type { AppContext } from './context.js';
import type { Capability } from './http/capability.js';
import { CAPABILITIES } from './capabilities.js';
import { apiRouter } from './api/router.js';
import { apiErrors } from './api/errors.js';
import { publicDir, viewsDir } from './paths.js';
import { assetUrl } from './web/assets.js';
import { publicPageCache } from './web/page-cache.js';
import { pageErrors, pageNotFound } from './web/errors.js';
import { healthRoutes } from './web/health.js';
import { httpLogger } from './web/logging.js';
import { securityHeaders } from './web/headers.js';
import { baseUrl, hostGuard } from './http/hosts.js';
import { statusLabel } from './reference/vocabulary.js';
import { inputGate } from './http/input.js';
import { formatDate, formatDateTime, formatNumber } from './text/numbers.js';

/** The app: the capabilities of src/capabilities.ts, mounted in their order (tests may add one). */
export function createApp(ctx: AppContext, capabilities: readonly Capability[] = CAPABILITIES): express.Express {
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  // Compiled templates are kept; restart to see a changed view.
  app.set('view cache', true);
  app.set('trust proxy', ctx.config.trustProxy);
  app.disable('x-powered-by');
  // JSON answers write <, > and & as \u escapes: text echoed from a request can never read as markup.
  app.set('json escape', true);
  app.use(httpLogger(ctx.logger));
  app.use(securityHeaders());
  // Malformed addresses, headers and form bodies stop here, before any route reads them.
  app.use(inputGate(capabilities.flatMap((c) => c.multiValuedFields ?? [])));
  // Before sessions and caches: a probe neither opens a session nor reads a cached page.
  app.use(healthRoutes(ctx));
  // Before the cache and every page: links are built from the Host only once it is known to be ours.
  app.use(hostGuard(ctx.config));
  // Absolute links in pages (shared-link previews) start here, never at a Host of someone's choosing.
  // A request refused before this point (the input gate) gets its error page with the configured base.
  app.locals.siteUrl = ctx.config.publicBaseUrl ?? '';
  app.use((req, res, next) => {
    res.locals.siteUrl = baseUrl(req, ctx.config);
    next();
  });
  // Before compression: stored pages keep their compressed copies instead of compressing each hit.
  app.use(
    publicPageCache(
      ctx,
      capabilities.flatMap((c) => c.cacheRules?.(ctx) ?? []),
    ),
  );
  app.use(compression());
  app.use('/static', express.static(publicDir, { maxAge: '365d', immutable: true, index: false }));
  // Browsers ask for it by this name whatever the page says.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, assetUrl('img/icon-32.png')));
  app.locals.asset = assetUrl;
  app.locals.statusLabel = statusLabel;
  // Every number and date a page shows goes through these: "1.250", "2,8", "02/12/2026".
  app.locals.num = formatNumber;
  app.locals.day = formatDate;
  app.locals.dayTime = formatDateTime;
  app.locals.demoNotice =
    'Dữ liệu trình diễn (demo): các mô hình, địa danh cụ thể và số liệu do hệ thống tạo ra để minh họa.';

  app.use('/api/v1', apiRouter(ctx, capabilities));
  // Every capability's middleware before any page: pages rely on what it sets (the session, req.user).
  for (const c of capabilities) if (c.middleware) app.use(c.middleware(ctx));
  for (const c of capabilities) for (const pages of c.pages?.(ctx) ?? []) app.use(pages);

  app.use(pageNotFound);
  // An /api/ request's error, wherever it arose, is answered in JSON; every other one as a page.
  app.use('/api', apiErrors);
  app.use(pageErrors);
  return app;
}
