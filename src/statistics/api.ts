import { Router } from 'express';
import type { AppContext } from '../context.js';
import { HttpError, onlyParams } from '../api/http.js';
import { countApprovedBy, STAT_DIMENSIONS, type StatDimension } from './queries.js';

export function statisticsApi(ctx: AppContext): Router {
  const router = Router();
  router.get('/stats', onlyParams('by'), async (req, res) => {
    const by = req.query.by;
    if (typeof by !== 'string' || !STAT_DIMENSIONS.includes(by as StatDimension)) {
      throw new HttpError(400, `Tham số "by" không hợp lệ: là một trong ${STAT_DIMENSIONS.join(', ')}`, 'by');
    }
    res.json(await countApprovedBy(ctx.db, by as StatDimension));
  });
  return router;
}
