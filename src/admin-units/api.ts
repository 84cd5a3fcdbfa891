import { Router } from 'express';
import type { AppContext } from '../context.js';
import { listCommunes, listProvinces, provinceExists } from './queries.js';
import { NotFound, Invalid } from '../http/errors.js';
import { onlyParams } from '../http/params.js';
import { readOperation, ref } from '../http/openapi.js';
import type { OpenApiPaths } from '../http/capability.js';

export function adminUnitsApi(ctx: AppContext): Router {
  const router = Router();
  router.get('/provinces', onlyParams(), async (_req, res) => {
    const provinces = await listProvinces(ctx.db);
    res.json(provinces.map(({ reviewingBodyName: _body, ...p }) => p));
  });
  router.get('/provinces/:code/communes', onlyParams(), async (req, res) => {
    const code = String(req.params.code);
    if (!/^\d{2}$/.test(code)) throw new Invalid('Mã tỉnh gồm 2 chữ số, ví dụ 19', { parameter: 'code' });
    if (!(await provinceExists(ctx.db, code))) throw new NotFound(`Không có tỉnh, thành phố mã ${code}`);
    res.json(await listCommunes(ctx.db, code));
  });
  return router;
}

export const adminUnitsApiPaths: OpenApiPaths = {
  '/api/v1/provinces': readOperation({
    operationId: 'listProvinces',
    tag: 'reference',
    summary: 'Tỉnh, thành phố / Provinces',
    description:
      '34 tỉnh, thành phố hiện nay theo mã, kèm các tỉnh cũ đã hợp nhất. / The 34 current provinces by code, with the former provinces merged into each.',
    ok: 'Danh sách tỉnh. / Provinces.',
    schema: { type: 'array', items: ref('Province') },
  }),
  '/api/v1/provinces/{code}/communes': readOperation({
    operationId: 'listCommunes',
    tag: 'reference',
    summary: 'Xã, phường của một tỉnh / Communes of a province',
    description:
      'Xã, phường, đặc khu hiện nay của tỉnh, xếp theo tên tiếng Việt, kèm các xã cũ đã nhập vào. / Current communes of the province in Vietnamese name order, with their former communes.',
    parameters: [
      {
        name: 'code',
        in: 'path',
        required: true,
        example: '19',
        description: 'Mã tỉnh hiện nay (2 chữ số; khác → 400). / Current province code (2 digits, otherwise 400).',
        schema: { type: 'string', pattern: '^\\d{2}$' },
      },
    ],
    ok: 'Danh sách xã. / Communes.',
    schema: { type: 'array', items: ref('Commune') },
    notFound: 'Không có tỉnh với mã này. / No province with this code.',
  }),
};
