import express from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
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
import { statusLabel } from './reference/vocabulary.js';
import { inputGate } from './http/input.js';

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
  app.use(
    pinoHttp({
      logger: ctx.logger,
      // Query strings may carry search text; contact details never travel in URLs.
      // A set-password link is a credential: its token never reaches the log.
      serializers: {
        req: (req) => ({
          method: req.method,
          url: String(req.url)
            .replace(/\/dat-mat-khau\/[^/?#]+/, '/dat-mat-khau/[token]')
            .replace(/([?&]_csrf=)[^&#]*/, '$1[token]'),
        }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      // Static assets and the probes (every few seconds) would drown the lines that matter.
      autoLogging: { ignore: (req) => /^\/(static\/|healthz$|readyz$)/.test(req.url ?? '') },
    }),
  );
  app.use(helmet());
  // Malformed addresses, headers and form bodies stop here, before any route reads them.
  app.use(inputGate(capabilities.flatMap((c) => c.multiValuedFields ?? [])));
  // Before sessions and caches: a probe neither opens a session nor reads a cached page.
  app.use(healthRoutes(ctx));
  // Before compression: stored pages keep their compressed copies instead of compressing each hit.
  app.use(
    publicPageCache(
      ctx,
      capabilities.flatMap((c) => c.cacheRules?.(ctx) ?? []),
    ),
  );
  app.use(compression());
  app.use('/static', express.static(publicDir, { maxAge: '365d', immutable: true, index: false }));
  app.locals.asset = assetUrl;
  app.locals.statusLabel = statusLabel;
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
