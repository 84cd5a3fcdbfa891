import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import type { Capability } from '../http/capability.js';
import { CAPABILITIES } from '../capabilities.js';
import { openApiDocument, openApiDocumentFor } from './openapi.js';
import { onlyParams } from '../http/params.js';
import { apiNotFound } from './errors.js';
import { openDataHeaders } from './headers.js';

export function apiRouter(ctx: AppContext, capabilities: readonly Capability[] = CAPABILITIES): Router {
  const router = Router();
  const document = capabilities === CAPABILITIES ? openApiDocument : openApiDocumentFor(capabilities);
  // Open data: any site may read it from a browser.
  router.use((_req: Request, res: Response, next: NextFunction) => {
    openDataHeaders(res);
    next();
  });
  router.get('/openapi.json', onlyParams(), (_req, res) => {
    res.json(document);
  });
  for (const c of capabilities) if (c.api) router.use(c.api(ctx));
  router.use(apiNotFound);
  return router;
}
