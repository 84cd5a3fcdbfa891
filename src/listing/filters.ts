import Joi from 'joi';
import { sql, type SQL } from 'drizzle-orm';
import { foldedWords } from '../text/fold.js';
import { FIELDS } from '../reference/vocabulary.js';
import {
  COMMENDATION_LEVELS,
  MODEL_TYPES,
  type CommendationLevel,
  type CountKind,
  type ModelStatus,
  type ModelType,
} from '../db/schema.js';
import { countKindSql } from '../db/maintained.js';
import { inCommune, modelScope } from '../policy/scope.js';
import type { Actor } from '../policy/roles.js';
import { internalSearch } from './internal-search.js';
import { isReplicaSql } from './replicas.js';

/**
 * The one place that turns query parameters into SQL filters over models; the API, the HTML pages,
 * the dashboard and exports all go through it. Which models a list may hold is its audience's.
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
  /** At least one standing (not revoked) commendation at this level or higher. */
  commendedAt?: CommendationLevel;
  /** Only models that replicate an approved model. */
  replica?: boolean;
  q?: string;
}
/** Internal lists filter by workflow status too; the public sees approved models only. */
export interface InternalFilters extends ModelFilters {
  status?: ModelStatus;
  /** The year it was (last) submitted, in Vietnam's time. */
  submittedYear?: number;
}
export type SortOrder = 'newest' | 'year' | 'relevance' | 'title' | 'replicated';
export interface ListQuery extends ModelFilters {
  sort: SortOrder;
  page: number;
  limit: number;
}

export const FILTER_KEYS = [
  'province',
  'commune',
  'year',
  'yearFrom',
  'yearTo',
  'field',
  'type',
  'movement',
  'commendedAt',
  'replica',
  'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const year = Joi.number().integer().min(1945).max(2100);

const filterSchemaKeys = {
  province: Joi.string()
    .pattern(/^\d{2}$/)
    .messages({ '*': 'mã tỉnh gồm 2 chữ số, ví dụ 19' }),
  commune: Joi.string()
    .pattern(/^\d{5}$/)
    .messages({ '*': 'mã xã gồm 5 chữ số, ví dụ 05500' }),
  year: year.messages({ '*': 'năm là số nguyên từ 1945 đến 2100' }),
  yearFrom: year.messages({ '*': 'năm là số nguyên từ 1945 đến 2100' }),
  yearTo: year.messages({ '*': 'năm là số nguyên từ 1945 đến 2100' }),
  field: Joi.string()
    .valid(...FIELDS.map((f) => f.code))
    .messages({ '*': `lĩnh vực là một trong: ${FIELDS.map((f) => f.code).join(', ')}` }),
  type: Joi.string()
    .valid(...MODEL_TYPES)
    .messages({ '*': 'loại là collective hoặc individual' }),
  movement: Joi.string()
    .pattern(/^[a-z0-9-]{1,64}$/)
    .messages({ '*': 'mã phong trào gồm chữ thường không dấu, số và dấu gạch ngang' }),
  commendedAt: Joi.string()
    .valid(...COMMENDATION_LEVELS)
    .messages({ '*': 'cấp khen thưởng là commune, province hoặc central' }),
  replica: Joi.boolean().truthy('1').falsy('0').messages({ '*': 'replica là true hoặc false' }),
  q: Joi.string().trim().max(200).allow('').messages({ '*': 'từ khóa tìm kiếm dài tối đa 200 ký tự' }),
};

export const listSchema = Joi.object({
  ...filterSchemaKeys,
  sort: Joi.string()
    .valid('newest', 'year', 'relevance', 'title', 'replicated')
    .messages({ '*': 'sort là một trong: newest, year, relevance, title, replicated' }),
  page: Joi.number().integer().min(1).max(10000).default(1).messages({ '*': 'page là số nguyên từ 1 đến 10000' }),
  limit: Joi.number().integer().min(1).max(100).default(20).messages({ '*': 'limit là số nguyên từ 1 đến 100' }),
}).messages({ 'object.unknown': 'tham số không được hỗ trợ' });

export interface ParamError {
  parameter: string;
  message: string;
}

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
  // replica=false is no filter at all.
  const replica = value.replica === true ? true : undefined;
  return { value: { ...value, q, replica, sort: value.sort ?? (q ? 'relevance' : 'newest') } };
}

/** Prefix-matching tsquery over the folded words, so "dan van kheo" finds "Dân vận khéo". */
export function tsQueryText(q: string): string | null {
  const words = foldedWords(q).slice(0, 12);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** The same words, all in the title (weight A of the search vector): the first relevance tier. */
export function titleTsQueryText(q: string): string | null {
  const words = foldedWords(q).slice(0, 12);
  return words.length ? words.map((w) => `${w}:*A`).join(' & ') : null;
}

const activeKeys = (f: ModelFilters, omit: FilterKey[]) =>
  FILTER_KEYS.filter((k) => f[k] !== undefined && f[k] !== '' && !omit.includes(k));

/**
 * Who a list is for: the public sees approved models only; a signed-in user the models of its scope
 * (the permission policy's, see policy/scope.ts), whatever their status.
 */
export interface PublicAudience {
  kind: 'public';
}
export interface InternalAudience {
  kind: 'internal';
  user: Actor | null | undefined;
}
export type Audience = PublicAudience | InternalAudience;
export const PUBLIC: PublicAudience = { kind: 'public' };
export const internalAudience = (user: Actor | null | undefined): InternalAudience => ({ kind: 'internal', user });

/** The models (alias `m`) an audience may list. */
export function audienceCondition(a: Audience): SQL {
  return a.kind === 'public' ? sql`m.status = 'approved'` : modelScope(a.user);
}

/** SQL conditions on alias `m`, every filter except those named in `omit` (for facet counts); no audience. */
export function filterConditions(f: InternalFilters, omit: FilterKey[] = []): SQL[] {
  const use = (k: FilterKey) => activeKeys(f, omit).includes(k);
  const where: SQL[] = [];
  if (f.status) where.push(sql`m.status = ${f.status}`);
  if (f.submittedYear)
    where.push(sql`extract(year from m.submitted_at at time zone 'Asia/Ho_Chi_Minh') = ${f.submittedYear}`);
  if (use('province')) where.push(sql`m.province_code = ${f.province}`);
  // The commune filter finds what the commune's cadre works on: its models and its former communes'.
  if (use('commune')) where.push(inCommune(f.commune!));
  if (use('year')) where.push(sql`m.recognised_year = ${f.year}`);
  if (use('yearFrom')) where.push(sql`m.recognised_year >= ${f.yearFrom}`);
  if (use('yearTo')) where.push(sql`m.recognised_year <= ${f.yearTo}`);
  if (use('field')) where.push(sql`m.field_code = ${f.field}`);
  if (use('type')) where.push(sql`m.type = ${f.type}`);
  if (use('movement')) {
    where.push(sql`exists (select 1 from model_movements mm join movements mv on mv.id = mm.movement_id
      where mm.model_id = m.id and mv.code = ${f.movement})`);
  }
  if (use('commendedAt')) {
    // The levels are ordered commune < province < central: "at least" means this one or any after it.
    const levels = COMMENDATION_LEVELS.slice(COMMENDATION_LEVELS.indexOf(f.commendedAt!));
    where.push(sql`exists (select 1 from commendations cm where cm.model_id = m.id and cm.revoked_at is null
      and cm.level in (${sql.join(
        levels.map((l) => sql`${l}`),
        sql`, `,
      )}))`);
  }
  if (use('replica') && f.replica) where.push(isReplicaSql);
  const tsq = use('q') && f.q ? tsQueryText(f.q) : null;
  if (tsq) where.push(sql`m.search_vector @@ to_tsquery('simple', ${tsq})`);
  return where;
}

/** The models of the audience (the public's by default) that match the filters. */
export function whereClause(f: InternalFilters, omit: FilterKey[] = [], audience: Audience = PUBLIC): SQL {
  // People working on entries search what they see: every holder's name and the commune too.
  if (audience.kind === 'internal' && f.q && !omit.includes('q')) {
    const search = internalSearch(f.q);
    const rest = filterConditions({ ...f, q: undefined }, omit);
    return sql.join([audienceCondition(audience), ...rest, ...(search ? [search] : [])], sql` and `);
  }
  return sql.join([audienceCondition(audience), ...filterConditions(f, omit)], sql` and `);
}

/**
 * Maintained counts (search_counts) answer a set of filters when they fit one kind of row: the
 * filters each kind carries ('total' rows carry only the words). Null: some combination only the
 * models table can count.
 */
export type { CountKind };
const KIND_KEYS: Record<CountKind, FilterKey[]> = {
  place: ['province', 'field', 'type', 'year', 'yearFrom', 'yearTo', 'q'],
  movement: ['movement', 'province', 'field', 'type', 'year', 'yearFrom', 'yearTo', 'q'],
  commune: ['commune', 'province', 'field', 'q'],
  total: ['q'],
};

/** Whether rows of this kind carry every active filter (those in `omit` aside). */
export function kindFits(f: ModelFilters, kind: CountKind, omit: FilterKey[] = []): boolean {
  return activeKeys(f, omit).every((k) => KIND_KEYS[kind].includes(k));
}

/** The kind of maintained rows that counts models under these filters, or null. */
export function countKind(f: ModelFilters, omit: FilterKey[] = []): CountKind | null {
  const active = activeKeys(f, omit);
  const kind: CountKind = active.includes('movement') ? 'movement' : active.includes('commune') ? 'commune' : 'place';
  return kindFits(f, kind, omit) ? kind : null;
}

/**
 * The filters (but q) on maintained rows of the given kind, alias `c`. A total (`rollup`) without
 * any filter reads the one 'total' row of the search.
 */
export function countConditions(f: ModelFilters, kind: CountKind, omit: FilterKey[] = [], rollup = false): SQL {
  const use = (k: FilterKey) => activeKeys(f, omit).includes(k);
  if (rollup && kindFits(f, 'total', omit)) return sql`c.kind = ${countKindSql('total')} and c.movement_id = 0`;
  const where: SQL[] = [
    kind === 'movement'
      ? sql`c.kind = ${countKindSql(kind)}`
      : sql`c.kind = ${countKindSql(kind)} and c.movement_id = 0`,
  ];
  if (use('province')) where.push(sql`c.province_code = ${f.province}`);
  if (use('field')) where.push(sql`c.field_code = ${f.field}`);
  if (use('type')) where.push(sql`c.type = ${f.type}`);
  if (use('year')) where.push(sql`c.year = ${f.year}`);
  if (use('yearFrom')) where.push(sql`c.year >= ${f.yearFrom}`);
  if (use('yearTo')) where.push(sql`c.year <= ${f.yearTo}`);
  if (use('movement')) where.push(sql`c.movement_id = (select id from movements where code = ${f.movement})`);
  if (use('commune')) {
    where.push(sql`(c.commune_code = ${f.commune} or c.former_commune_code in
      (select s.former_code from former_commune_successors s where s.commune_code = ${f.commune}))`);
  }
  return sql.join(where, sql` and `);
}
