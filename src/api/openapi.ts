/** OpenAPI 3.1 description of /api/v1; a test checks real responses against it. */
import { STAT_DIMENSIONS } from '../statistics/queries.js';
import { MODEL_TYPES } from '../db/schema.js';
import { FIELD_CODES, ref, schemas } from './openapi-schemas.js';

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ 'application/json': { schema } });
const headers = {
  'Access-Control-Allow-Origin': { $ref: '#/components/headers/AccessControlAllowOrigin' },
  'Cache-Control': { $ref: '#/components/headers/CacheControl' },
};

/** A read-only operation: 200 with `schema`, 400 for any unknown or invalid parameter, 404 when asked. */
function get(op: {
  operationId: string; tag: string; summary: string; description: string;
  parameters?: Json[]; ok: string; schema: Json; notFound?: string;
}) {
  return {
    get: {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: op.description,
      parameters: op.parameters ?? [],
      responses: {
        200: { description: op.ok, headers, content: json(op.schema) },
        400: { $ref: '#/components/responses/BadRequest' },
        ...(op.notFound ? { 404: { $ref: '#/components/responses/NotFound', description: op.notFound } } : {}),
        500: { $ref: '#/components/responses/ServerError' },
      },
    },
  };
}

const yearSchema = { type: 'integer', minimum: 1945, maximum: 2100 };

/** The query parameters of GET /api/v1/models; each may appear at most once. */
const modelListParameters: Json[] = [
  {
    name: 'province', in: 'query', example: '44',
    description: 'Mã tỉnh, thành phố hiện nay (2 chữ số); gồm cả mô hình đăng ký theo tỉnh cũ đã hợp nhất vào tỉnh này. Mã không tồn tại → 400. / Current province code; includes models registered under a former province merged into it. Unknown code → 400.',
    schema: { type: 'string', pattern: '^\\d{2}$' },
  },
  {
    name: 'commune', in: 'query', example: '18880',
    description: 'Mã xã, phường hiện nay (5 chữ số); gồm cả mô hình đăng ký theo xã cũ đã nhập (toàn bộ hoặc một phần) vào xã này. Mã không tồn tại → 400. / Current commune code; includes models of former communes merged wholly or partly into it. Unknown code → 400.',
    schema: { type: 'string', pattern: '^\\d{5}$' },
  },
  { name: 'year', in: 'query', example: 2023, description: 'Năm công nhận lần đầu. / Year of first recognition.', schema: yearSchema },
  { name: 'yearFrom', in: 'query', example: 2020, description: 'Công nhận từ năm (tính cả năm này). / Recognised in or after.', schema: yearSchema },
  {
    name: 'yearTo', in: 'query', example: 2024,
    description: 'Công nhận đến năm (tính cả năm này); không được nhỏ hơn yearFrom. / Recognised in or before; must not be below yearFrom.',
    schema: yearSchema,
  },
  { name: 'field', in: 'query', example: 'kinh-te', description: 'Mã lĩnh vực (xem /api/v1/fields). / Field code.', schema: { type: 'string', enum: FIELD_CODES } },
  {
    name: 'type', in: 'query', example: 'individual',
    description: 'collective: mô hình tập thể; individual: điển hình cá nhân. / Collective model or individual.',
    schema: { type: 'string', enum: [...MODEL_TYPES] },
  },
  {
    name: 'movement', in: 'query', example: 'dan-van-kheo',
    description: 'Mã phong trào (xem /api/v1/movements); mã không tồn tại → 400. / Movement code; unknown code → 400.',
    schema: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
  },
  {
    name: 'q', in: 'query', example: 'dan van kheo',
    description: 'Từ khóa, không phân biệt dấu và hoa thường, khớp tiền tố từng từ (tối đa 12 từ) trong tên, tóm tắt, chủ thể, địa bàn và nội dung công khai; từ khóa rỗng bị bỏ qua. / Search words, accent- and case-insensitive, prefix match (first 12 words) on public text; empty means no filter.',
    schema: { type: 'string', maxLength: 200 },
  },
  {
    name: 'sort', in: 'query', example: 'title',
    description: 'newest: mới công bố trước (mặc định khi không có q); relevance: phù hợp nhất (mặc định khi có q; không có q thì như newest); year: năm công nhận giảm dần; title: tên A–Z. / Order; default relevance with q, else newest.',
    schema: { type: 'string', enum: ['newest', 'year', 'relevance', 'title'] },
  },
  { name: 'page', in: 'query', example: 2, description: 'Trang, từ 1. / Page number.', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 } },
  { name: 'limit', in: 'query', example: 50, description: 'Số mục mỗi trang. / Page size.', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
];

export const openApiDocument: Json = {
  openapi: '3.1.0',
  info: {
    title: 'Dân vận khéo – API dữ liệu mở / Open data API',
    version: '1',
    description: [
      'API công khai, chỉ đọc, của cơ sở dữ liệu các mô hình "Dân vận khéo" đã được công nhận. Không cần đăng nhập; mọi trang web đều được gọi (CORS).',
      'Public read-only API of the registry of recognised "Dân vận khéo" models. No authentication; CORS is open to every origin.',
      '',
      'Chỉ có mô hình đã được công nhận; không bao giờ có thông tin liên hệ, và tên cá nhân chưa đồng ý công bố được thay bằng chức danh. / Only recognised models; never contact details; individuals without consent appear by role.',
      'Địa bàn theo đơn vị hành chính sau 1/7/2025; mô hình đăng ký theo tỉnh, xã cũ vẫn kèm mã và tên cũ. / Places use the units in force since 1 July 2025; models registered under former units keep their former codes and names too.',
      'Tham số không được hỗ trợ, lặp lại hoặc không hợp lệ → 400; địa chỉ không có → 404. / Unknown, repeated or invalid parameters → 400; unknown paths → 404.',
    ].join('\n'),
  },
  servers: [{ url: '/', description: 'Máy chủ này. / This server.' }],
  tags: [
    { name: 'models', description: 'Mô hình. / Models.' },
    { name: 'reference', description: 'Danh mục: địa bàn, lĩnh vực, phong trào. / Reference data: places, fields, movements.' },
    { name: 'statistics', description: 'Thống kê. / Statistics.' },
    { name: 'meta', description: 'Mô tả API. / API description.' },
  ],
  paths: {
    '/api/v1/models': get({
      operationId: 'listModels', tag: 'models',
      summary: 'Tìm kiếm, lọc mô hình / Search and filter models',
      description: 'Các mô hình đã được công nhận, có phân trang; các bộ lọc kết hợp với nhau (AND). / Recognised models, paged; filters combine (AND).',
      parameters: modelListParameters, ok: 'Một trang kết quả. / One page of results.', schema: ref('ModelList'),
    }),
    '/api/v1/models/{id}': get({
      operationId: 'getModel', tag: 'models',
      summary: 'Một mô hình / One model',
      description: 'Toàn bộ nội dung công khai của một mô hình đã được công nhận. / The whole public record of one recognised model.',
      parameters: [{
        name: 'id', in: 'path', required: true, example: 1,
        description: 'Mã số mô hình (1–9 chữ số; khác → 400). / Model id (1–9 digits, otherwise 400).',
        schema: { type: 'integer', minimum: 1, maximum: 999999999 },
      }],
      ok: 'Mô hình. / The model.', schema: ref('Model'),
      notFound: 'Không có mô hình đã được công nhận với mã này. / No recognised model with this id.',
    }),
    '/api/v1/provinces': get({
      operationId: 'listProvinces', tag: 'reference',
      summary: 'Tỉnh, thành phố / Provinces',
      description: '34 tỉnh, thành phố hiện nay theo mã, kèm các tỉnh cũ đã hợp nhất. / The 34 current provinces by code, with the former provinces merged into each.',
      ok: 'Danh sách tỉnh. / Provinces.', schema: { type: 'array', items: ref('Province') },
    }),
    '/api/v1/provinces/{code}/communes': get({
      operationId: 'listCommunes', tag: 'reference',
      summary: 'Xã, phường của một tỉnh / Communes of a province',
      description: 'Xã, phường, đặc khu hiện nay của tỉnh, xếp theo tên tiếng Việt, kèm các xã cũ đã nhập vào. / Current communes of the province in Vietnamese name order, with their former communes.',
      parameters: [{
        name: 'code', in: 'path', required: true, example: '19',
        description: 'Mã tỉnh hiện nay (2 chữ số; khác → 400). / Current province code (2 digits, otherwise 400).',
        schema: { type: 'string', pattern: '^\\d{2}$' },
      }],
      ok: 'Danh sách xã. / Communes.', schema: { type: 'array', items: ref('Commune') },
      notFound: 'Không có tỉnh với mã này. / No province with this code.',
    }),
    '/api/v1/fields': get({
      operationId: 'listFields', tag: 'reference',
      summary: 'Lĩnh vực / Fields',
      description: 'Bốn lĩnh vực của mô hình, theo thứ tự. / The four fields, in order.',
      ok: 'Danh sách lĩnh vực. / Fields.', schema: { type: 'array', items: ref('Field') },
    }),
    '/api/v1/movements': get({
      operationId: 'listMovements', tag: 'reference',
      summary: 'Phong trào thi đua / Movements',
      description: 'Các phong trào (cấp Trung ương trước, rồi theo năm bắt đầu) với số mô hình đã công nhận. / Movements, central first then by start year, with their recognised model counts.',
      ok: 'Danh sách phong trào. / Movements.', schema: { type: 'array', items: ref('Movement') },
    }),
    '/api/v1/stats': get({
      operationId: 'getStatistics', tag: 'statistics',
      summary: 'Thống kê số mô hình / Model counts',
      description: [
        'Số mô hình đã được công nhận theo một chiều. / Recognised models counted by one dimension.',
        'province: mọi tỉnh hiện nay theo mã (kể cả 0; mô hình của tỉnh cũ tính vào tỉnh hiện nay); field: mọi lĩnh vực; type: collective, individual;',
        'year: chỉ các năm có mô hình, tăng dần, key là năm dạng chuỗi; movement: mọi phong trào. /',
        'province: every current province by code, zeros included, former provinces folded in; field: every field; type: both types;',
        'year: only years with models, ascending, key is the year as text; movement: every movement.',
      ].join(' '),
      parameters: [{
        name: 'by', in: 'query', required: true, example: 'province',
        description: 'Chiều thống kê (bắt buộc). / Dimension (required).',
        schema: { type: 'string', enum: [...STAT_DIMENSIONS] },
      }],
      ok: 'Các dòng thống kê. / Statistics rows.', schema: { type: 'array', items: ref('StatRow') },
    }),
    '/api/v1/openapi.json': get({
      operationId: 'getOpenApi', tag: 'meta',
      summary: 'Tài liệu này / This document',
      description: 'Mô tả OpenAPI 3.1 của API. / The OpenAPI 3.1 description of the API.',
      ok: 'Tài liệu OpenAPI. / The OpenAPI document.',
      schema: {
        type: 'object', required: ['openapi', 'info', 'paths'],
        properties: { openapi: { type: 'string', const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } },
      },
    }),
  },
  components: {
    schemas,
    responses: {
      BadRequest: {
        description: 'Tham số không được hỗ trợ, lặp lại hoặc không hợp lệ; error.parameter nêu tên tham số. / Unknown, repeated or invalid parameter, named in error.parameter.',
        headers, content: json(ref('Error')),
      },
      NotFound: { description: 'Không tìm thấy. / Not found.', headers, content: json(ref('Error')) },
      ServerError: { description: 'Lỗi hệ thống. / Server error.', headers, content: json(ref('Error')) },
    },
    headers: {
      AccessControlAllowOrigin: { description: 'Mọi nguồn gốc đều được đọc. / Readable from any origin.', schema: { type: 'string', const: '*' } },
      CacheControl: { description: 'Có thể lưu đệm 60 giây. / Cacheable for 60 seconds.', schema: { type: 'string', const: 'public, max-age=60' } },
    },
  },
};
