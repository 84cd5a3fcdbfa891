import { Router } from 'express';
import type { AppContext } from '../context.js';
import { countApprovedBy, STAT_DIMENSIONS, type StatDimension } from './queries.js';
import { Invalid } from '../http/errors.js';
import { onlyParams } from '../http/params.js';

export function statisticsApi(ctx: AppContext): Router {
  const router = Router();
  router.get('/stats', onlyParams('by'), async (req, res) => {
    const by = req.query.by;
    if (typeof by !== 'string' || !STAT_DIMENSIONS.includes(by as StatDimension)) {
      throw new Invalid(`Tham số "by" không hợp lệ: là một trong ${STAT_DIMENSIONS.join(', ')}`, { parameter: 'by' });
    }
    res.json(await countApprovedBy(ctx.db, by as StatDimension));
  });
  return router;
}
