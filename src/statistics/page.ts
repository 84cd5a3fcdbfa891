import { Router } from 'express';
import type { AppContext } from '../context.js';
import { cachedProvinces } from '../admin-units/queries.js';
import { Invalid } from '../http/errors.js';
import { FIELDS, MODEL_TYPE_LABELS } from '../reference/vocabulary.js';
import { FIGURES, statistics, type FigureKey } from './figures.js';
import { FIGURE_PARAM, parseStatsQuery, statsQuery } from './params.js';
import { figureCsv } from './csv.js';
import { tileMap } from './map.js';
import { CHART_SCRIPT_PATH, chartScriptUrl, sendChartScript } from './chart-script.js';

const STATS_PATH = '/thong-ke';

/** Each figure's heading, its first column, and how the page script draws it. */
const FIGURE_TEXT: Record<FigureKey, { title: string; column: string; chart: 'bar' | 'hbar' | 'line' }> = {
  province: { title: 'Theo tỉnh, thành phố', column: 'Tỉnh, thành phố', chart: 'hbar' },
  field: { title: 'Theo lĩnh vực', column: 'Lĩnh vực', chart: 'hbar' },
  type: { title: 'Theo loại mô hình', column: 'Loại', chart: 'bar' },
  year: { title: 'Theo năm công nhận lần đầu', column: 'Năm', chart: 'line' },
  movement: { title: 'Theo phong trào thi đua', column: 'Phong trào', chart: 'hbar' },
  level: { title: 'Theo cấp công nhận cao nhất', column: 'Cấp công nhận', chart: 'bar' },
  recognition: { title: 'Khen thưởng và nhân rộng', column: 'Số liệu', chart: 'bar' },
};

const isFigure = (v: unknown): v is FigureKey => typeof v === 'string' && (FIGURES as readonly string[]).includes(v);

export function statisticsPages(ctx: AppContext): Router {
  const router = Router();

  router.get(CHART_SCRIPT_PATH, sendChartScript);

  router.get(STATS_PATH, async (req, res) => {
    const filters = await parseStatsQuery(ctx, req.query as Record<string, unknown>);
    const [stats, provinces] = await Promise.all([statistics(ctx.db, filters), cachedProvinces(ctx.db)]);
    const fullNames = new Map(provinces.map((p) => [p.code, p.fullName]));
    res.render('statistics/page', {
      shareable: true,
      title: 'Thống kê mô hình “Dân vận khéo”',
      description:
        'Số mô hình “Dân vận khéo” đã được công nhận theo tỉnh, lĩnh vực, loại, năm, phong trào và cấp công nhận.',
      filters,
      stats,
      figures: FIGURES.map((key) => ({
        key,
        ...FIGURE_TEXT[key],
        rows: stats.figures[key],
        csv: `${STATS_PATH}.csv${statsQuery(filters, { [FIGURE_PARAM]: key })}`,
      })),
      map: tileMap(
        stats.figures.province,
        (code) => fullNames.get(code) ?? code,
        (code) => `/tinh/${code}`,
      ),
      provinces,
      fields: FIELDS,
      typeLabels: MODEL_TYPE_LABELS,
      movements: stats.figures.movement,
      browseHref: `/mo-hinh${statsQuery(filters)}`,
      chartScript: chartScriptUrl(),
    });
  });

  router.get(`${STATS_PATH}.csv`, async (req, res) => {
    const figure = req.query[FIGURE_PARAM];
    if (!isFigure(figure))
      throw Invalid.parameter({ parameter: FIGURE_PARAM, message: `là một trong: ${FIGURES.join(', ')}` });
    const filters = await parseStatsQuery(ctx, req.query as Record<string, unknown>);
    const stats = await statistics(ctx.db, filters);
    res.attachment(`thong-ke-${figure}.csv`);
    res.type('text/csv; charset=utf-8');
    res.send(figureCsv(['Mã', FIGURE_TEXT[figure].column, 'Số mô hình'], stats.figures[figure]));
  });

  return router;
}
