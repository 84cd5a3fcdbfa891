import { Router } from 'express';
import type { AppContext } from '../context.js';
import { listMovements } from './queries.js';
import { onlyParams } from '../http/params.js';
import { readOperation, ref } from '../http/openapi.js';
import type { OpenApiPaths } from '../http/capability.js';

export function movementsApi(ctx: AppContext): Router {
  const router = Router();
  router.get('/movements', onlyParams(), async (_req, res) => {
    res.json(await listMovements(ctx.db));
  });
  return router;
}

export const movementsApiPaths: OpenApiPaths = {
  '/api/v1/movements': readOperation({
    operationId: 'listMovements',
    tag: 'reference',
    summary: 'Phong trào thi đua / Movements',
    description:
      'Các phong trào (cấp Trung ương trước, rồi theo năm bắt đầu) với số mô hình đã công nhận. / Movements, central first then by start year, with their recognised model counts.',
    ok: 'Danh sách phong trào. / Movements.',
    schema: { type: 'array', items: ref('Movement') },
  }),
};
