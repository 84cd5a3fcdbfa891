import express, { type NextFunction, type Request, type Response } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context.js';
import { apiRouter } from './api/router.js';
import { publicDir, viewsDir } from './paths.js';
import { homeRoutes } from './catalogue/home.js';
import { cataloguePages } from './catalogue/pages.js';
import { adminUnitPages } from './catalogue/province.js';
import { adminUnitManagement } from './admin-units/manage.js';
import { assetUrl } from './web/assets.js';
import { publicPageCache } from './web/page-cache.js';
import { accountMiddleware, accountRoutes } from './accounts/routes.js';
import { accountAdminRoutes } from './accounts/admin.js';
import { submissionRoutes } from './submissions/routes.js';
import { evidenceRoutes } from './evidence/routes.js';
import { downloadRoutes } from './evidence/downloads.js';
import { LocalDiskStore } from './evidence/storage.js';
import { notificationRoutes, unreadCount } from './submissions/notifications.js';
import { AppError, NotFound } from './http/errors.js';

export function createApp(ctx: AppContext): express.Express {
  const app = express();
  const files = ctx.files ?? new LocalDiskStore(ctx.config.uploadDir);
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  // Compiled templates are kept; restart to see a changed view.
  app.set('view cache', true);
  app.set('trust proxy', ctx.config.trustProxy);
  app.disable('x-powered-by');
  app.use(pinoHttp({
    logger: ctx.logger,
    // Query strings may carry search text; contact details never travel in URLs.
    // A set-password link is a credential: its token never reaches the log.
    serializers: {
      req: (req) => ({ method: req.method, url: String(req.url).replace(/\/dat-mat-khau\/[^/?#]+/, '/dat-mat-khau/[token]').replace(/([?&]_csrf=)[^&#]*/, '$1[token]') }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/static/') },
  }));
  app.use(helmet());
  // Before compression: stored pages keep their compressed copies instead of compressing each hit.
  app.use(publicPageCache(ctx));
  app.use(compression());
  app.use('/static', express.static(publicDir, { maxAge: '365d', immutable: true, index: false }));
  app.locals.asset = assetUrl;
  app.locals.demoNotice = 'Dữ liệu trình diễn (demo): các mô hình, địa danh cụ thể và số liệu do hệ thống tạo ra để minh họa.';

  app.use('/api/v1', apiRouter(ctx));
  app.use(accountMiddleware(ctx));
  app.use(unreadCount(ctx));
  app.use(accountRoutes(ctx));
  app.use(accountAdminRoutes(ctx));
  app.use(submissionRoutes(ctx));
  app.use(evidenceRoutes(ctx, files));
  app.use(downloadRoutes(ctx, files));
  app.use(notificationRoutes(ctx));
  app.use(adminUnitManagement(ctx));
  app.use(homeRoutes(ctx));
  app.use(cataloguePages(ctx));
  app.use(adminUnitPages(ctx));

  app.use((_req: Request, _res: Response, next: NextFunction) => next(new NotFound('Không tìm thấy trang bạn yêu cầu.')));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = err instanceof AppError ? err : null;
    // body-parser and friends set a 4xx status on their own errors.
    const status = known?.status ?? (typeof (err as { status?: unknown })?.status === 'number' && (err as { status: number }).status < 500 ? (err as { status: number }).status : 500);
    const csrfRefused = (err as { code?: string })?.code === 'EBADCSRFTOKEN';
    const message = known?.message ?? (csrfRefused
      ? 'Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã bảo vệ). Vui lòng tải lại trang và thử lại.'
      : status < 500 ? 'Yêu cầu không hợp lệ.' : 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.');
    if (status >= 500) req.log?.error({ err }, 'request failed');
    if (res.headersSent) return;
    res.status(status);
    if (req.originalUrl.startsWith('/api/')) {
      res.json({ error: { status, message, ...(known?.parameter ? { parameter: known.parameter } : {}) } });
    } else {
      res.render('errors/error', { title: status === 404 ? 'Không tìm thấy trang' : 'Có lỗi xảy ra', status, message });
    }
  });
  return app;
}
