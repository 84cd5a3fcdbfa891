import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { modelPath, parseAndCheckListQuery } from './params.js';
import { listModels, publicList } from '../listing/query.js';
import { getPublicModel } from './detail.js';
import { FIELDS } from '../reference/vocabulary.js';
import { MODEL_TYPES } from '../db/schema.js';
import { NotFound, Invalid } from '../http/errors.js';
import { baseUrl } from '../http/hosts.js';
import { onlyParams } from '../http/params.js';
import { apiHeaders, jsonContent, readOperation, ref } from '../http/openapi.js';
import { exportApi } from './exports.js';
import { PUBLIC_MODEL_COLUMNS } from '../listing/export-columns.js';
import type { OpenApiPaths } from '../http/capability.js';

type Json = Record<string, unknown>;

function withUrl<M extends { slug: string }>(req: Request, ctx: AppContext, m: M) {
  return { ...m, url: baseUrl(req, ctx.config) + modelPath(m.slug) };
}

export function catalogueApi(ctx: AppContext): Router {
  const router = Router();
  router.use(exportApi(ctx));

  router.get('/models', async (req, res) => {
    const q = await parseAndCheckListQuery(ctx, req.query as Record<string, unknown>);
    const { items, total } = await listModels(ctx.db, publicList(q));
    res.json({ items: items.map((m) => withUrl(req, ctx, m)), total, page: q.page, limit: q.limit });
  });

  router.get('/models/:id', onlyParams(), async (req, res) => {
    const id = String(req.params.id);
    if (!/^[1-9]\d{0,8}$/.test(id)) throw new Invalid('Mã mô hình phải là số nguyên dương', { parameter: 'id' });
    const model = await getPublicModel(ctx.db, Number(id));
    if (!model) throw new NotFound('Không tìm thấy mô hình đã được công nhận với mã này');
    res.json({
      ...withUrl(req, ctx, model),
      commendations: model.commendations.map(({ decisionFilePath, ...c }) => ({
        ...c,
        decisionFileUrl: decisionFilePath ? baseUrl(req, ctx.config) + decisionFilePath : null,
      })),
      replicates: model.replicates.map((m) => withUrl(req, ctx, m)),
      replicatedBy: model.replicatedBy.map((m) => withUrl(req, ctx, m)),
    });
  });

  router.get('/fields', onlyParams(), (_req, res) => {
    res.json(FIELDS.map((f) => ({ code: f.code, name: f.name, description: f.description })));
  });

  return router;
}

const yearSchema = { type: 'integer', minimum: 1945, maximum: 2100 };

/** The query parameters of GET /api/v1/models; each may appear at most once. */
const modelListParameters: Json[] = [
  {
    name: 'province',
    in: 'query',
    example: '44',
    description:
      'Mã tỉnh, thành phố hiện nay (2 chữ số); gồm cả mô hình đăng ký theo tỉnh cũ đã hợp nhất vào tỉnh này. Mã không tồn tại → 400. / Current province code; includes models registered under a former province merged into it. Unknown code → 400.',
    schema: { type: 'string', pattern: '^\\d{2}$' },
  },
  {
    name: 'commune',
    in: 'query',
    example: '18880',
    description:
      'Mã xã, phường hiện nay (5 chữ số); gồm cả mô hình đăng ký theo xã cũ đã nhập (toàn bộ hoặc một phần) vào xã này. Mã không tồn tại → 400. / Current commune code; includes models of former communes merged wholly or partly into it. Unknown code → 400.',
    schema: { type: 'string', pattern: '^\\d{5}$' },
  },
  {
    name: 'year',
    in: 'query',
    example: 2023,
    description: 'Năm công nhận lần đầu. / Year of first recognition.',
    schema: yearSchema,
  },
  {
    name: 'yearFrom',
    in: 'query',
    example: 2020,
    description: 'Công nhận từ năm (tính cả năm này). / Recognised in or after.',
    schema: yearSchema,
  },
  {
    name: 'yearTo',
    in: 'query',
    example: 2024,
    description:
      'Công nhận đến năm (tính cả năm này); không được nhỏ hơn yearFrom. / Recognised in or before; must not be below yearFrom.',
    schema: yearSchema,
  },
  {
    name: 'field',
    in: 'query',
    example: 'kinh-te',
    description: 'Mã lĩnh vực (xem /api/v1/fields). / Field code.',
    schema: { type: 'string', enum: FIELDS.map((f) => f.code) },
  },
  {
    name: 'type',
    in: 'query',
    example: 'individual',
    description: 'collective: mô hình tập thể; individual: điển hình cá nhân. / Collective model or individual.',
    schema: { type: 'string', enum: [...MODEL_TYPES] },
  },
  {
    name: 'movement',
    in: 'query',
    example: 'dan-van-kheo',
    description: 'Mã phong trào (xem /api/v1/movements); mã không tồn tại → 400. / Movement code; unknown code → 400.',
    schema: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
  },
  {
    name: 'commendedAt',
    in: 'query',
    example: 'province',
    description:
      'Có ít nhất một khen thưởng còn hiệu lực (không bị thu hồi) từ cấp này trở lên: commune (xã), province (tỉnh), central (Trung ương). / At least one standing (not revoked) commendation at this level or higher.',
    schema: { type: 'string', enum: ['commune', 'province', 'central'] },
  },
  {
    name: 'replica',
    in: 'query',
    example: true,
    description:
      'true: chỉ các mô hình nhân rộng từ một mô hình đã được công nhận; false như không lọc. / true: only models replicating a recognised model.',
    schema: { type: 'boolean' },
  },
  {
    name: 'q',
    in: 'query',
    example: 'dan van kheo',
    description:
      'Từ khóa, không phân biệt dấu và hoa thường, khớp tiền tố từng từ (tối đa 12 từ) trong tên, tóm tắt, chủ thể, địa bàn và nội dung công khai; từ khóa rỗng bị bỏ qua. / Search words, accent- and case-insensitive, prefix match (first 12 words) on public text; empty means no filter.',
    schema: { type: 'string', maxLength: 200 },
  },
  {
    name: 'sort',
    in: 'query',
    example: 'title',
    description:
      'newest: mới công bố trước (mặc định khi không có q); relevance: phù hợp nhất (mặc định khi có q; không có q thì như newest); year: năm công nhận giảm dần; title: tên A–Z; replicated: được nhân rộng nhiều nhất (số mô hình đã công nhận nhân rộng nó), cùng số thì mã lớn trước. / Order; replicated: most approved replicas first. Default relevance with q, else newest.',
    schema: { type: 'string', enum: ['newest', 'year', 'relevance', 'title', 'replicated'] },
  },
  {
    name: 'page',
    in: 'query',
    example: 2,
    description: 'Trang, từ 1. / Page number.',
    schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
  },
  {
    name: 'limit',
    in: 'query',
    example: 50,
    description: 'Số mục mỗi trang. / Page size.',
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
];

export const catalogueApiPaths: OpenApiPaths = {
  '/api/v1/models': readOperation({
    operationId: 'listModels',
    tag: 'models',
    summary: 'Tìm kiếm, lọc mô hình / Search and filter models',
    description:
      'Các mô hình đã được công nhận, có phân trang; các bộ lọc kết hợp với nhau (AND). / Recognised models, paged; filters combine (AND).',
    parameters: modelListParameters,
    ok: 'Một trang kết quả. / One page of results.',
    schema: ref('ModelList'),
  }),
  '/api/v1/models.csv': {
    get: {
      operationId: 'exportModels',
      tags: ['models'],
      summary: 'Tải danh sách mô hình dạng CSV / Download the list as CSV',
      description: `Mọi mô hình khớp bộ lọc (không phân trang), một dòng mỗi mô hình, theo thứ tự của sort. UTF-8 có BOM, dòng đầu là tên cột: ${PUBLIC_MODEL_COLUMNS.map((c) => c.header).join(', ')}. Ngày giờ theo ISO 8601 (UTC); ô bắt đầu bằng = + - @, tab hoặc CR có thêm dấu ' phía trước. Mỗi địa chỉ IP được tải một số lần mỗi giờ khi chưa đăng nhập (429 khi vượt). / Every model matching the filters (no paging), in the sort's order. UTF-8 with a BOM and a header row; ISO 8601 dates; cells starting with = + - @, tab or CR are prefixed with '. Anonymous downloads are limited per address per hour (429).`,
      parameters: modelListParameters.filter((p) => p.name !== 'page' && p.name !== 'limit'),
      responses: {
        200: {
          description: 'Tệp CSV. / The CSV file.',
          headers: { 'Access-Control-Allow-Origin': apiHeaders['Access-Control-Allow-Origin'] },
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        400: { $ref: '#/components/responses/BadRequest' },
        429: {
          description:
            'Địa chỉ này đã tải quá số lần cho phép trong giờ; thử lại sau số giây trong Retry-After. / Too many downloads from this address; retry after Retry-After seconds.',
          headers: {
            'Access-Control-Allow-Origin': apiHeaders['Access-Control-Allow-Origin'],
            'Retry-After': { $ref: '#/components/headers/RetryAfter' },
          },
          content: jsonContent(ref('Error')),
        },
        500: { $ref: '#/components/responses/ServerError' },
        503: { $ref: '#/components/responses/Unavailable' },
      },
    },
  },
  '/api/v1/models/{id}': readOperation({
    operationId: 'getModel',
    tag: 'models',
    summary: 'Một mô hình / One model',
    description:
      'Toàn bộ nội dung công khai của một mô hình đã được công nhận. / The whole public record of one recognised model.',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        example: 1,
        description: 'Mã số mô hình (1–9 chữ số; khác → 400). / Model id (1–9 digits, otherwise 400).',
        schema: { type: 'integer', minimum: 1, maximum: 999999999 },
      },
    ],
    ok: 'Mô hình. / The model.',
    schema: ref('Model'),
    notFound: 'Không có mô hình đã được công nhận với mã này. / No recognised model with this id.',
  }),
  '/api/v1/fields': readOperation({
    operationId: 'listFields',
    tag: 'reference',
    summary: 'Lĩnh vực / Fields',
    description: 'Bốn lĩnh vực của mô hình, theo thứ tự. / The four fields, in order.',
    ok: 'Danh sách lĩnh vực. / Fields.',
    schema: { type: 'array', items: ref('Field') },
  }),
};
