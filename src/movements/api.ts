import { Router } from 'express';
import type { AppContext } from '../context.js';
import { listMovements } from './queries.js';
import { onlyParams } from '../http/params.js';

export function movementsApi(ctx: AppContext): Router {
  const router = Router();
  router.get('/movements', onlyParams(), async (_req, res) => { res.json(await listMovements(ctx.db)); });
  return router;
}
