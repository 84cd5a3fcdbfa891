import type { AppContext } from '../context.js';
import { cachedProvinces } from '../admin-units/queries.js';
import { movementExists } from '../movements/queries.js';
import { FILTER_KEYS, parseListQuery } from '../listing/filters.js';
import { Invalid } from '../http/errors.js';
import type { StatsFilters } from './figures.js';

/** The browse page's parameters the statistics take, in the order links write them. */
const STATS_KEYS = ['province', 'field', 'type', 'movement', 'yearFrom', 'yearTo'] as const;
/** Which figure a CSV download holds. */
export const FIGURE_PARAM = 'bieu-do';

// The browse page's other parameters would narrow the list in a way these counts cannot follow:
// refused, so a shared link never shows figures for more than it says.
const REFUSED = new Set<string>(
  [...FILTER_KEYS, 'sort', 'page', 'limit'].filter((k) => !(STATS_KEYS as readonly string[]).includes(k)),
);

/**
 * The statistics' filters, through the browse page's parser (src/listing/filters.ts), with the same
 * checks that named codes exist. Empty form fields and keys nobody knows (tracking tags) are dropped.
 */
export async function parseStatsQuery(ctx: AppContext, raw: Record<string, unknown>): Promise<StatsFilters> {
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === '') continue;
    if (REFUSED.has(key))
      throw Invalid.parameter({ parameter: key, message: 'trang thống kê không lọc theo tham số này' });
    if ((STATS_KEYS as readonly string[]).includes(key)) picked[key] = value;
  }
  const parsed = parseListQuery(picked);
  if ('error' in parsed) throw Invalid.parameter(parsed.error);
  const q = parsed.value;
  if (q.province && !(await cachedProvinces(ctx.db)).some((p) => p.code === q.province))
    throw Invalid.parameter({ parameter: 'province', message: `không có tỉnh, thành phố mã ${q.province}` });
  if (q.movement && !(await movementExists(ctx.db, q.movement)))
    throw Invalid.parameter({ parameter: 'movement', message: `không có phong trào mã ${q.movement}` });
  const out: StatsFilters = {};
  for (const key of STATS_KEYS) if (q[key] !== undefined) (out as Record<string, unknown>)[key] = q[key];
  return out;
}

/** The query string of a set of filters, `?` included (empty without filters). */
export function statsQuery(f: StatsFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of STATS_KEYS) if (f[key] !== undefined) params.set(key, String(f[key]));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
