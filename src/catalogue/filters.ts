import Joi from 'joi';
import { sql, type SQL } from 'drizzle-orm';
import { foldedWords } from '../text/fold.js';
import { FIELDS } from './reference-data.js';
import { MODEL_TYPES, type ModelType } from '../db/schema.js';

/**
 * The one place that turns query parameters into SQL filters over approved models;
 * the API, the HTML pages and exports all go through it.
 */
export interface ModelFilters {
  province?: string;
  commune?: string;
  year?: number;
  yearFrom?: number;
  yearTo?: number;
  field?: string;
  type?: ModelType;
  movement?: string;
  q?: string;
}
export type SortOrder = 'newest' | 'year' | 'relevance' | 'title';
export interface ListQuery extends ModelFilters { sort: SortOrder; page: number; limit: number }

export const FILTER_KEYS = ['province', 'commune', 'year', 'yearFrom', 'yearTo', 'field', 'type', 'movement', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const year = Joi.number().integer().min(1945).max(2100);

export const filterSchemaKeys = {
  province: Joi.string().pattern(/^\d{2}$/).messages({ '*': 'mã tỉnh gồm 2 chữ số, ví dụ 19' }),
  commune: Joi.string().pattern(/^\d{5}$/).messages({ '*': 'mã xã gồm 5 chữ số, ví dụ 05500' }),
  year: year.messages({ '*': 'năm là số nguyên từ 1945 đến 2100' }),
  yearFrom: year.messages({ '*': 'năm là số nguyên từ 1945 đến 2100' }),
  yearTo: year.messages({ '*': 'năm là số nguyên từ 1945 đến 2100' }),
  field: Joi.string().valid(...FIELDS.map((f) => f.code)).messages({ '*': `lĩnh vực là một trong: ${FIELDS.map((f) => f.code).join(', ')}` }),
  type: Joi.string().valid(...MODEL_TYPES).messages({ '*': 'loại là collective hoặc individual' }),
  movement: Joi.string().pattern(/^[a-z0-9-]{1,64}$/).messages({ '*': 'mã phong trào gồm chữ thường không dấu, số và dấu gạch ngang' }),
  q: Joi.string().trim().max(200).allow('').messages({ '*': 'từ khóa tìm kiếm dài tối đa 200 ký tự' }),
};

export const listSchema = Joi.object({
  ...filterSchemaKeys,
  sort: Joi.string().valid('newest', 'year', 'relevance', 'title').messages({ '*': 'sort là một trong: newest, year, relevance, title' }),
  page: Joi.number().integer().min(1).max(10000).default(1).messages({ '*': 'page là số nguyên từ 1 đến 10000' }),
  limit: Joi.number().integer().min(1).max(100).default(20).messages({ '*': 'limit là số nguyên từ 1 đến 100' }),
}).messages({ 'object.unknown': 'tham số không được hỗ trợ' });

export interface ParamError { parameter: string; message: string }

/** Validates raw query parameters; unknown or invalid ones name the parameter. */
export function parseListQuery(raw: Record<string, unknown>): { value: ListQuery } | { error: ParamError } {
  for (const [key, v] of Object.entries(raw)) {
    if (Array.isArray(v) || (v !== null && typeof v === 'object')) {
      return { error: { parameter: key, message: 'tham số chỉ được có một giá trị' } };
    }
  }
  const { value, error } = listSchema.validate(raw, { abortEarly: true, convert: true });
  if (error) {
    const detail = error.details[0];
    const parameter = String(detail?.path[0] ?? detail?.context?.key ?? 'query');
    return { error: { parameter, message: detail?.message.replace(/^"[^"]*" /, '') ?? 'không hợp lệ' } };
  }
  if (value.yearFrom !== undefined && value.yearTo !== undefined && value.yearTo < value.yearFrom) {
    return { error: { parameter: 'yearTo', message: 'yearTo không được nhỏ hơn yearFrom' } };
  }
  const q = value.q && foldedWords(value.q).length > 0 ? value.q : undefined;
  return { value: { ...value, q, sort: value.sort ?? (q ? 'relevance' : 'newest') } };
}

/** Prefix-matching tsquery over the folded words, so "dan van kheo" finds "Dân vận khéo". */
export function tsQueryText(q: string): string | null {
  const words = foldedWords(q).slice(0, 12);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** SQL conditions on alias `m`, every filter except those named in `omit` (for facet counts). */
export function filterConditions(f: ModelFilters, omit: FilterKey[] = []): SQL[] {
  const use = (k: FilterKey) => f[k] !== undefined && f[k] !== '' && !omit.includes(k);
  const where: SQL[] = [sql`m.status = 'approved'`];
  if (use('province')) where.push(sql`m.province_code = ${f.province}`);
  if (use('commune')) {
    where.push(sql`(m.commune_code = ${f.commune} or m.former_commune_code in
      (select s.former_code from former_commune_successors s where s.commune_code = ${f.commune}))`);
  }
  if (use('year')) where.push(sql`m.recognised_year = ${f.year}`);
  if (use('yearFrom')) where.push(sql`m.recognised_year >= ${f.yearFrom}`);
  if (use('yearTo')) where.push(sql`m.recognised_year <= ${f.yearTo}`);
  if (use('field')) where.push(sql`m.field_code = ${f.field}`);
  if (use('type')) where.push(sql`m.type = ${f.type}`);
  if (use('movement')) {
    where.push(sql`m.id in (select mm.model_id from model_movements mm join movements mv on mv.id = mm.movement_id
      where mv.code = ${f.movement})`);
  }
  const tsq = use('q') && f.q ? tsQueryText(f.q) : null;
  if (tsq) where.push(sql`m.search_vector @@ to_tsquery('simple', ${tsq})`);
  return where;
}

export function whereClause(f: ModelFilters, omit: FilterKey[] = []): SQL {
  return sql.join(filterConditions(f, omit), sql` and `);
}

export function orderClause(q: ListQuery): SQL {
  const tsq = q.q ? tsQueryText(q.q) : null;
  switch (q.sort) {
    case 'relevance':
      return tsq
        ? sql`ts_rank_cd(m.search_vector, to_tsquery('simple', ${tsq})) desc, m.published_at desc, m.id desc`
        : sql`m.published_at desc, m.id desc`;
    case 'year': return sql`m.recognised_year desc, m.id desc`;
    case 'title': return sql`m.title_folded asc, m.id asc`;
    default: return sql`m.published_at desc, m.id desc`;
  }
}

const TOTALS_DIMENSIONS = new Set<FilterKey>(['province', 'field', 'type', 'year', 'yearFrom', 'yearTo']);

/** The same filters on the maintained totals table (public_counts), or null when some other filter needs the models table. */
export function totalsConditions(f: ModelFilters, omit: FilterKey[] = []): SQL | null {
  const active = (Object.keys(f) as FilterKey[]).filter((k) => f[k] !== undefined && f[k] !== '' && !omit.includes(k));
  if (active.some((k) => !TOTALS_DIMENSIONS.has(k))) return null;
  const where: SQL[] = [sql`count > 0`];
  if (active.includes('province')) where.push(sql`province_code = ${f.province}`);
  if (active.includes('field')) where.push(sql`field_code = ${f.field}`);
  if (active.includes('type')) where.push(sql`type = ${f.type}`);
  if (active.includes('year')) where.push(sql`year = ${f.year}`);
  if (active.includes('yearFrom')) where.push(sql`year >= ${f.yearFrom}`);
  if (active.includes('yearTo')) where.push(sql`year <= ${f.yearTo}`);
  return sql.join(where, sql` and `);
}
