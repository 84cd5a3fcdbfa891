import type { AppContext } from '../context.js';
import { cachedProvinces, communeExists } from '../admin-units/queries.js';
import { movementExists } from '../movements/queries.js';
import { FILTER_KEYS, parseListQuery, type ListQuery } from '../listing/filters.js';
import { Invalid } from '../http/errors.js';

export const modelPath = (slug: string) => `/mo-hinh/${encodeURIComponent(slug)}`;

/** Parses list parameters and checks that named codes exist, so a typo is a 400, not an empty list. */
export async function parseAndCheckListQuery(ctx: AppContext, raw: Record<string, unknown>): Promise<ListQuery> {
  const parsed = parseListQuery(raw);
  if ('error' in parsed) throw Invalid.parameter(parsed.error);
  const q = parsed.value;
  // Provinces are reference data, already held in memory: no query per request.
  if (q.province && !(await cachedProvinces(ctx.db)).some((p) => p.code === q.province))
    throw Invalid.parameter({ parameter: 'province', message: `không có tỉnh, thành phố mã ${q.province}` });
  if (q.commune && !(await communeExists(ctx.db, q.commune)))
    throw Invalid.parameter({ parameter: 'commune', message: `không có xã, phường mã ${q.commune}` });
  if (q.movement && !(await movementExists(ctx.db, q.movement)))
    throw Invalid.parameter({ parameter: 'movement', message: `không có phong trào mã ${q.movement}` });
  return q;
}

const PAGE_KEYS = new Set<string>([...FILTER_KEYS, 'sort', 'page']);

/**
 * The browse page's parameters: the API's, minus `limit`; empty form fields and keys the page does
 * not know (tracking tags on shared links) are dropped instead of refused.
 */
export function pageParams(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([k, v]) => PAGE_KEYS.has(k) && v !== ''));
}

/** A query string of the given browse state, for links that keep it. */
export function browseQuery(
  state: Partial<ListQuery>,
  change: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...state, ...change };
  for (const key of [...FILTER_KEYS, 'sort', 'page'] as const) {
    const v = merged[key];
    if (v === undefined || v === '' || v === null) continue;
    if (key === 'page' && Number(v) === 1) continue;
    if (key === 'sort' && v === (merged.q ? 'relevance' : 'newest')) continue;
    params.set(key, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
