import { Router } from 'express';
import type { AppContext } from '../context.js';
import { countApprovedBy, STAT_DIMENSIONS, type StatDimension } from './queries.js';
import { Invalid } from '../http/errors.js';
import { onlyParams } from '../http/params.js';
import { readOperation, ref } from '../http/openapi.js';
import type { OpenApiPaths } from '../http/capability.js';

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

export const statisticsApiPaths: OpenApiPaths = {
  '/api/v1/stats': readOperation({
    operationId: 'getStatistics',
    tag: 'statistics',
    summary: 'Thống kê số mô hình / Model counts',
    description: [
      'Số mô hình đã được công nhận theo một chiều. / Recognised models counted by one dimension.',
      'province: mọi tỉnh hiện nay theo mã (kể cả 0; mô hình của tỉnh cũ tính vào tỉnh hiện nay); field: mọi lĩnh vực; type: collective, individual;',
      'year: chỉ các năm có mô hình, tăng dần, key là năm dạng chuỗi; movement: mọi phong trào. /',
      'province: every current province by code, zeros included, former provinces folded in; field: every field; type: both types;',
      'year: only years with models, ascending, key is the year as text; movement: every movement.',
    ].join(' '),
    parameters: [
      {
        name: 'by',
        in: 'query',
        required: true,
        example: 'province',
        description: 'Chiều thống kê (bắt buộc). / Dimension (required).',
        schema: { type: 'string', enum: [...STAT_DIMENSIONS] },
      },
    ],
    ok: 'Các dòng thống kê. / Statistics rows.',
    schema: { type: 'array', items: ref('StatRow') },
  }),
};
