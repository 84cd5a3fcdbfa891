import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { getPublicMovement, listMovements, type MovementRow } from './queries.js';
import { onlyParams } from '../http/params.js';
import { readOperation, ref } from '../http/openapi.js';
import { baseUrl } from '../http/hosts.js';
import { NotFound } from '../http/errors.js';
import type { OpenApiPaths } from '../http/capability.js';

const CODE = /^[a-z0-9-]{1,64}$/;

/** The public record with absolute links: its page and its launch document. */
function withUrls(req: Request, ctx: AppContext, m: MovementRow) {
  const site = baseUrl(req, ctx.config);
  return {
    ...m,
    url: `${site}/phong-trao/${encodeURIComponent(m.code)}`,
    document: m.document ? { ...m.document, url: site + m.document.url } : null,
  };
}

export function movementsApi(ctx: AppContext): Router {
  const router = Router();
  router.get('/movements', onlyParams(), async (req, res) => {
    res.json((await listMovements(ctx.db)).map((m) => withUrls(req, ctx, m)));
  });
  router.get('/movements/:code', onlyParams(), async (req, res) => {
    const code = String(req.params.code);
    const m = CODE.test(code) ? await getPublicMovement(ctx.db, code) : null;
    if (!m) throw new NotFound('Không tìm thấy phong trào thi đua với mã này');
    const { id: _id, version: _v, documentStorageKey: _k, ...record } = m;
    res.json(withUrls(req, ctx, record));
  });
  return router;
}

export const movementsApiPaths: OpenApiPaths = {
  '/api/v1/movements': readOperation({
    operationId: 'listMovements',
    tag: 'reference',
    summary: 'Phong trào thi đua / Movements',
    description:
      'Các phong trào đang triển khai và đã kết thúc (cấp Trung ương trước, rồi theo năm bắt đầu), với các giai đoạn và số mô hình đã công nhận. / Movements in force and ended, central first then by start year, with their phases and recognised model counts.',
    ok: 'Danh sách phong trào. / Movements.',
    schema: { type: 'array', items: ref('Movement') },
  }),
  '/api/v1/movements/{code}': readOperation({
    operationId: 'getMovement',
    tag: 'reference',
    summary: 'Một phong trào / One movement',
    description:
      'Một phong trào thi đua với giai đoạn, văn bản phát động và số mô hình đã công nhận. / One movement with its phases, launch document and recognised model counts.',
    parameters: [
      {
        name: 'code',
        in: 'path',
        required: true,
        example: 'dan-van-kheo',
        description: 'Mã phong trào. / Movement code.',
        schema: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
      },
    ],
    ok: 'Phong trào. / The movement.',
    schema: ref('Movement'),
    notFound: 'Không có phong trào công khai với mã này. / No public movement with this code.',
  }),
};
