import { Router } from 'express';
import type { AppContext } from '../context.js';
import { listCommunes, listProvinces, provinceExists } from './queries.js';
import { NotFound, Invalid } from '../http/errors.js';
import { onlyParams } from '../http/params.js';

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
