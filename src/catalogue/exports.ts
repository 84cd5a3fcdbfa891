// The browse selection as a file: /mo-hinh.csv and /mo-hinh.xlsx take the browse page's parameters,
// GET /api/v1/models.csv the API's. Public columns only, streamed from the list query.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { pageParams, modelPath, parseAndCheckListQuery } from './params.js';
import { publicList, streamModels } from '../listing/query.js';
import { PUBLIC_MODEL_COLUMNS, type PublicExportRow } from '../listing/export-columns.js';
import { exportFileName, sendExport, type ExportFormat } from '../listing/export-response.js';
import { takeExportTurn } from '../listing/export-limits.js';
import { can } from '../policy/policy.js';
import { Forbidden, Invalid, TooManyRequests } from '../http/errors.js';
import { baseUrl } from '../http/hosts.js';
import { EXPORT_BATCH } from '../listing/export-writers.js';

/** Anonymous exports count against the address's hourly allowance; signed-in staff have none. */
async function checkExportAllowance(ctx: AppContext, req: Request): Promise<void> {
  if (can(req.user, 'viewInternal')) return;
  const turn = await takeExportTurn(ctx.db, req.ip, ctx.config.openData.exportsPerHour);
  if (!turn.allowed) throw new TooManyRequests(turn.message, turn.retryAfterSeconds);
}

async function exportSelection(
  ctx: AppContext,
  req: Request,
  res: Response,
  format: ExportFormat,
  params: Record<string, unknown>,
): Promise<void> {
  if (!can(req.user, 'viewPublic')) throw new Forbidden('Bạn không có quyền tải danh sách này.');
  const q = await parseAndCheckListQuery(ctx, params);
  await checkExportAllowance(ctx, req);
  const site = baseUrl(req, ctx.config);
  const { page: _page, limit: _limit, ...request } = publicList(q);
  async function* rows(): AsyncGenerator<PublicExportRow> {
    for await (const m of streamModels(ctx.db, request, { batchSize: EXPORT_BATCH }))
      yield { ...m, url: site + modelPath(m.slug) };
  }
  await sendExport(res, {
    format,
    fileName: exportFileName('mo-hinh', format),
    sheetName: 'Mô hình',
    columns: PUBLIC_MODEL_COLUMNS,
    rows: rows(),
  });
}

export function exportPages(ctx: AppContext): Router {
  const router = Router();
  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/mo-hinh.${format}`, (req, res) =>
      exportSelection(ctx, req, res, format, pageParams(req.query as Record<string, unknown>)),
    );
  }
  return router;
}

/** GET /api/v1/models.csv: the API list's filters and sort (page and limit do not apply: every row comes). */
export function exportApi(ctx: AppContext): Router {
  const router = Router();
  router.get('/models.csv', (req, res) => {
    for (const parameter of ['page', 'limit'])
      if (parameter in req.query)
        throw new Invalid(`Tham số "${parameter}" không dùng cho tệp CSV: tệp có mọi mô hình khớp bộ lọc.`, {
          parameter,
        });
    return exportSelection(ctx, req, res, 'csv', req.query as Record<string, unknown>);
  });
  return router;
}
