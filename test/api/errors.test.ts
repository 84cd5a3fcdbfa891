import { Writable } from 'node:stream';
import { expect } from 'chai';
import request from 'supertest';
import { Router, type Request } from 'express';
import { pino } from 'pino';
import type { Database } from '../../src/db/client.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/app.js';
import { CAPABILITIES } from '../../src/capabilities.js';
import type { Capability } from '../../src/http/capability.js';
import { Conflict, Forbidden, Invalid, NotFound, Unavailable } from '../../src/http/errors.js';
import { freshDatabase } from '../helpers/db.js';

const SECRET = 'password=hunter2 at /srv/app/src/db/client.ts:12:3';

/** Every kind of failure a route can end in, by name. */
function failure(req: Request): unknown {
  switch (req.params.kind) {
    case 'unavailable':
      return new Unavailable(undefined, 7);
    case 'invalid':
      return new Invalid('Tham số "x" không hợp lệ: phải là số', { parameter: 'x' });
    case 'too-large':
      return new Invalid('Tệp quá lớn.', { status: 413 });
    case 'forbidden':
      return new Forbidden('Tài khoản không có quyền.');
    case 'not-found':
      return new NotFound('Không có thứ này.');
    case 'conflict':
      return new Conflict({ status: 'approved', version: 3 });
    case 'body-parser':
      return Object.assign(new Error(SECRET), { status: 413, type: 'entity.too.large' });
    case 'csrf':
      return Object.assign(new Error('invalid csrf token'), { status: 403, code: 'EBADCSRFTOKEN' });
    default:
      return new Error(SECRET);
  }
}
const failing = () =>
  Router().get('/thu-loi/:kind', (req) => {
    throw failure(req);
  });
const FAILING: Capability = { name: 'failing', pages: () => [failing()], api: failing };

/** status, message and parameter of each failure, as both renderers must tell them. */
const EXPECTED: Record<string, { status: number; message: string; parameter?: string }> = {
  unavailable: {
    status: 503,
    message: 'Hệ thống tạm thời không truy cập được cơ sở dữ liệu. Vui lòng thử lại sau ít phút.',
  },
  invalid: { status: 400, message: 'Tham số "x" không hợp lệ: phải là số', parameter: 'x' },
  'too-large': { status: 413, message: 'Tệp quá lớn.' },
  forbidden: { status: 403, message: 'Tài khoản không có quyền.' },
  'not-found': { status: 404, message: 'Không có thứ này.' },
  conflict: { status: 409, message: 'Mô hình này vừa được người khác thay đổi. Hãy xem lại trang và thử lại.' },
  'body-parser': { status: 413, message: 'Yêu cầu không hợp lệ.' },
  csrf: {
    status: 403,
    message: 'Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã bảo vệ). Vui lòng tải lại trang và thử lại.',
  },
  crash: { status: 500, message: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.' },
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;');

describe('error answers: one renderer for the pages, one for the API', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  const logged: { msg?: string; err?: { message?: string }; level?: number }[] = [];

  before(async () => {
    database = await freshDatabase();
    const sink = new Writable({
      write(chunk, _enc, cb) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        cb();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'error', DATA_DIR: '/tmp/dvk-test-unused' });
    app = createApp({ config, database, db: database.db, logger: pino({ level: 'error' }, sink) }, [
      ...CAPABILITIES,
      FAILING,
    ]);
  });
  after(async () => {
    await database.close();
  });

  const failures = () => logged.filter((l) => l.msg === 'request failed');

  for (const [kind, expected] of Object.entries(EXPECTED)) {
    it(`${kind}: ${expected.status} as the Vietnamese error page and as the API's error body`, async () => {
      const before = failures().length;
      const page = await request(app).get(`/thu-loi/${kind}`);
      expect(page.status).to.equal(expected.status);
      expect(page.type).to.equal('text/html');
      expect(page.text)
        .to.contain('<html lang="vi">')
        .and.contain(`<h1>${expected.status === 404 ? 'Không tìm thấy trang' : 'Có lỗi xảy ra'}</h1>`)
        .and.contain(`<p>${escapeHtml(expected.message)}</p>`)
        .and.contain(`Mã lỗi: ${expected.status}.`);

      const api = await request(app).get(`/api/v1/thu-loi/${kind}`);
      expect(api.status).to.equal(expected.status);
      expect(api.type).to.equal('application/json');
      expect(api.body).to.deep.equal({ error: expected });
      expect(api.headers['access-control-allow-origin']).to.equal('*');

      for (const res of [page, api]) {
        expect(res.text)
          .not.to.contain('hunter2')
          .and.not.match(/at .*\.ts:\d+/);
        if (kind === 'unavailable') {
          expect(res.headers['retry-after']).to.equal('7');
          expect(res.headers['cache-control']).to.equal('no-store');
        } else {
          expect(res.headers['retry-after']).to.equal(undefined);
        }
      }
      // A server-side failure is logged with its cause (twice: page and API); a refusal is not.
      const added = failures().slice(before);
      expect(added, kind).to.have.length(expected.status >= 500 ? 2 : 0);
      if (kind === 'crash') for (const l of added) expect(l.err?.message).to.equal(SECRET);
    });
  }

  it('answers an unknown address under /api/ in JSON and anywhere else with the 404 page', async () => {
    const v1 = await request(app).get('/api/v1/khong-co');
    expect(v1.status).to.equal(404);
    expect(v1.body).to.deep.equal({ error: { status: 404, message: 'Không có địa chỉ API GET /khong-co' } });
    const other = await request(app).get('/api/v2/models');
    expect(other.status).to.equal(404);
    expect(other.body).to.deep.equal({ error: { status: 404, message: 'Không tìm thấy trang bạn yêu cầu.' } });
    const page = await request(app).get('/khong-co');
    expect(page.status).to.equal(404);
    expect(page.text).to.contain('<h1>Không tìm thấy trang</h1>').and.contain('Không tìm thấy trang bạn yêu cầu.');
  });

  it('documents the 503 answer of every API operation, with Retry-After', async () => {
    const doc = (await request(app).get('/api/v1/openapi.json')).body;
    expect(doc.components.responses.Unavailable.headers).to.have.property('Retry-After');
    for (const [template, item] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(doc.paths)) {
      expect(item.get.responses['503'], template).to.deep.equal({ $ref: '#/components/responses/Unavailable' });
    }
  });
});
