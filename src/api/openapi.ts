/** OpenAPI 3.1 description of /api/v1; a test checks real responses against it. */
import { CAPABILITIES } from '../capabilities.js';
import { apiHeaders as headers, jsonContent as json, readOperation, ref } from '../http/openapi.js';
import type { Capability, OpenApiPaths } from '../http/capability.js';
import { schemas } from './openapi-schemas.js';

type Json = Record<string, unknown>;

/** Each capability documents its own operations; the document adds itself and the shared components. */
function capabilityPaths(capabilities: readonly Capability[]): OpenApiPaths {
  const paths: OpenApiPaths = {};
  for (const c of capabilities) {
    for (const [template, item] of Object.entries(c.openapi ?? {})) {
      if (template in paths) throw new Error(`OpenAPI path ${template} is documented twice (again by ${c.name})`);
      paths[template] = item;
    }
  }
  return paths;
}

/** The document describing what these capabilities' API routers answer. */
export function openApiDocumentFor(capabilities: readonly Capability[]): Json {
  return {
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
      {
        name: 'reference',
        description: 'Danh mục: địa bàn, lĩnh vực, phong trào. / Reference data: places, fields, movements.',
      },
      { name: 'statistics', description: 'Thống kê. / Statistics.' },
      { name: 'meta', description: 'Mô tả API. / API description.' },
    ],
    paths: {
      ...capabilityPaths(capabilities),
      '/api/v1/openapi.json': readOperation({
        operationId: 'getOpenApi',
        tag: 'meta',
        summary: 'Tài liệu này / This document',
        description: 'Mô tả OpenAPI 3.1 của API. / The OpenAPI 3.1 description of the API.',
        ok: 'Tài liệu OpenAPI. / The OpenAPI document.',
        schema: {
          type: 'object',
          required: ['openapi', 'info', 'paths'],
          properties: {
            openapi: { type: 'string', const: '3.1.0' },
            info: { type: 'object' },
            paths: { type: 'object' },
          },
        },
      }),
    },
    components: {
      schemas,
      responses: {
        BadRequest: {
          description:
            'Tham số không được hỗ trợ, lặp lại hoặc không hợp lệ; error.parameter nêu tên tham số. / Unknown, repeated or invalid parameter, named in error.parameter.',
          headers,
          content: json(ref('Error')),
        },
        NotFound: { description: 'Không tìm thấy. / Not found.', headers, content: json(ref('Error')) },
        ServerError: { description: 'Lỗi hệ thống. / Server error.', headers, content: json(ref('Error')) },
        Unavailable: {
          description:
            'Tạm thời không phục vụ được; thử lại sau số giây trong Retry-After. / Temporarily unavailable; retry after the seconds in Retry-After.',
          headers: {
            'Access-Control-Allow-Origin': headers['Access-Control-Allow-Origin'],
            'Cache-Control': {
              description: 'Không được lưu đệm. / Not to be cached.',
              schema: { type: 'string', const: 'no-store' },
            },
            'Retry-After': { $ref: '#/components/headers/RetryAfter' },
          },
          content: json(ref('Error')),
        },
      },
      headers: {
        AccessControlAllowOrigin: {
          description: 'Mọi nguồn gốc đều được đọc. / Readable from any origin.',
          schema: { type: 'string', const: '*' },
        },
        CacheControl: {
          description: 'Có thể lưu đệm 60 giây. / Cacheable for 60 seconds.',
          schema: { type: 'string', const: 'public, max-age=60' },
        },
        RetryAfter: {
          description: 'Số giây nên chờ trước khi thử lại. / Seconds to wait before retrying.',
          schema: { type: 'string', pattern: '^\\d+$' },
        },
      },
    },
  };
}

export const openApiDocument: Json = openApiDocumentFor(CAPABILITIES);
