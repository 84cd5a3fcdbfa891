import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { catalogueApi } from '../catalogue/api.js';
import { adminUnitsApi } from '../admin-units/api.js';
import { movementsApi } from '../movements/api.js';
import { statisticsApi } from '../statistics/api.js';
import { openApiDocument } from './openapi.js';
import { NotFound } from '../http/errors.js';
import { onlyParams } from '../http/params.js';

export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  // Open data: any site may read it from a browser.
  router.use((_req: Request, res: Response, next: NextFunction) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Cache-Control', 'public, max-age=60');
    next();
  });
  router.get('/openapi.json', onlyParams(), (_req, res) => { res.json(openApiDocument); });
  router.use(catalogueApi(ctx));
  router.use(adminUnitsApi(ctx));
  router.use(movementsApi(ctx));
  router.use(statisticsApi(ctx));
  router.use((req: Request, _res: Response, next: NextFunction) => {
    next(new NotFound(`Không có địa chỉ API ${req.method} ${req.path}`));
  });
  return router;
}
